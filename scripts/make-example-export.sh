#!/usr/bin/env bash
# Regenerates the example actual-traffic export in examples/actuals/.
#
# The export is synthetic, from a known scenario, so that fitting it can be
# checked against the parameters that generated it:
#
# 1. Builds the release binary (`cargo build --release --locked`).
# 2. Runs `peakplan actuals example` on scenarios/double11.toml (the built-in
#    default scenario) with the scenario's own seed, replication 0: one
#    simulated sale, every chat, order and parcel a row.
# 3. Writes inquiries.csv, orders.csv, shipments.csv, agent_states.csv (the
#    canonical format of docs/actuals-format.md) and README.md (scenario,
#    seed, replication, the replication's volume multiplier, the counts, the
#    command) into examples/actuals/, replacing the previous ones; other
#    files there (such as mapping files) are left alone. agent_states.csv
#    is shipped gzip-compressed (agent_states.csv.gz, read as it is), as it
#    would otherwise pass the size limit.
# 4. Prints the files' sizes and fails if together they pass 4 MB.
#
# The same binary, scenario, seed and replication give the same bytes.
#
# Usage:   scripts/make-example-export.sh
# Env:     SEED          master seed     (default 20261111, the scenario's run.seed)
#          REPLICATION   replication     (default 0)
set -euo pipefail

cd "$(dirname "$0")/.."
seed="${SEED:-20261111}"
replication="${REPLICATION:-0}"
out="examples/actuals"
max_bytes=$((4 * 1024 * 1024))

cargo build --release --locked --quiet
target_dir="${CARGO_TARGET_DIR:-target}"
"$target_dir/release/peakplan" actuals example \
    --scenario scenarios/double11.toml \
    --seed "$seed" --replication "$replication" \
    --out "$out" --force
gzip -n -9 -f "$out/agent_states.csv"
sed -i 's/`agent_states.csv`/`agent_states.csv.gz`/' "$out/README.md"

total=0
for f in inquiries.csv orders.csv shipments.csv agent_states.csv.gz README.md; do
    bytes=$(wc -c <"$out/$f")
    total=$((total + bytes))
    printf '%10d  %s\n' "$bytes" "$out/$f"
done
printf '%10d  total\n' "$total"
if [ "$total" -gt "$max_bytes" ]; then
    echo "the export passes 4 MB, too large to ship with the project" >&2
    exit 1
fi
