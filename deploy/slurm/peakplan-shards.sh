#!/bin/bash
# peakplan past one machine on Slurm: one array task per shard of a
# simulation; SLURM_ARRAY_TASK_ID (1 to N) is the shard K.
#
#   jobid=$(sbatch --parsable --array=1-8 peakplan-shards.sh)
#   sbatch --dependency=afterok:$jobid peakplan-merge.sh
#
# Set SHARDS to the array's N (variables below, or exported before sbatch).
# Every task must see the scenario under the same path (it is part of the
# report) and write to a shared folder; a requeued task overwrites its own
# shard file (--force) with the same bytes.
#SBATCH --job-name=peakplan-shards
#SBATCH --cpus-per-task=4
#SBATCH --mem=512M
#SBATCH --output=peakplan-shard-%a.log
SCENARIO=${SCENARIO:-scenarios/my-shop.toml}
REPLICATIONS=${REPLICATIONS:-100000}
SEED=${SEED:-20261111}
SHARDS=${SHARDS:-8}
RESULTS=${RESULTS:-results}
THREADS=${SLURM_CPUS_PER_TASK:-1}
peakplan simulate "$SCENARIO" -n "$REPLICATIONS" --seed "$SEED" --threads "$THREADS" --shard "$SLURM_ARRAY_TASK_ID/$SHARDS" --out "$RESULTS" --force --quiet
