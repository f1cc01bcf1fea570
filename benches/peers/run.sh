#!/usr/bin/env bash
# Workload W1 in peakplan and in its peers, side by side on one core:
# installs SimPy (and Ciw, if it installs) into a virtual environment, runs
# each on W1 and prints the customers simulated per second of wall time and
# peakplan's ratio to each. From the repository root:
#
#   benches/peers/run.sh            # 3 SimPy/Ciw replications, 100 of peakplan
#   REPS=5 PEAKPLAN_REPS=200 benches/peers/run.sh
#
# The virtual environment goes to $PEERS_VENV (default target/peers-venv);
# peakplan is built with `cargo build --release` into $CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=${PEERS_VENV:-target/peers-venv}
REPS=${REPS:-3}
PEAKPLAN_REPS=${PEAKPLAN_REPS:-100}
TARGET=${CARGO_TARGET_DIR:-target}

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check 'simpy==4.1.*'
HAVE_CIW=1
"$VENV/bin/pip" install --quiet --disable-pip-version-check 'ciw==3.2.*' || HAVE_CIW=0
cargo build --release --quiet

pp=$(python3 benches/peers/peakplan_w1.py "$TARGET/release/peakplan" --reps "$PEAKPLAN_REPS" | tee /dev/stderr | awk '/^peakplan_customers_per_s/ {print $2}')
sp=$("$VENV/bin/python" benches/peers/simpy_w1.py --reps "$REPS" | tee /dev/stderr | awk '/^simpy_customers_per_s/ {print $2}')
echo "W1 customers/s: peakplan $pp, SimPy $sp; peakplan/SimPy = $(python3 -c "print(f'{$pp / $sp:.0f}x')")"
if [ "$HAVE_CIW" = 1 ]; then
  cw=$("$VENV/bin/python" benches/peers/ciw_w1.py --reps "$REPS" | tee /dev/stderr | awk '/^ciw_customers_per_s/ {print $2}')
  echo "W1 customers/s: peakplan $pp, Ciw $cw; peakplan/Ciw = $(python3 -c "print(f'{$pp / $cw:.0f}x')")"
else
  echo "Ciw did not install: skipped"
fi
