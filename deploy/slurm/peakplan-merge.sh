#!/bin/bash
# The merge after the array of peakplan-shards.sh (submit it with
# --dependency=afterok:<array job id>): the report from the N shard files.
#SBATCH --job-name=peakplan-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
#SBATCH --output=peakplan-merge.log
SHARDS=${SHARDS:-8}
RESULTS=${RESULTS:-results}
peakplan merge "$RESULTS"/shard-*-of-"$SHARDS".json --out "$RESULTS/report" --force --quiet
