"""peakplan on workload W1 for benches/peers/run.sh: runs
`peakplan simulate benches/workloads/w1.toml` on one thread, as a user
would (start-up, replications, report files included), and prints the
customers simulated per second of wall time.

Usage: python peakplan_w1.py PEAKPLAN_BINARY [--reps N]
"""

import argparse
import json
import subprocess
import tempfile
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--reps", type=int, default=100)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as out:
        cmd = [a.binary, "simulate", "benches/workloads/w1.toml", "-n", str(a.reps), "--threads", "1",
               "--quiet", "--no-plots", "--format", "json", "--out", out + "/w1", "--seed", "1"]
        t = time.perf_counter()
        res = subprocess.run(cmd, check=True, capture_output=True, text=True)
        dt = time.perf_counter() - t
    k = json.loads(res.stdout)["kpis"]
    customers = k["inquiries"]["mean"] * a.reps
    print(
        f"peakplan W1: {a.reps} replications, {k['inquiries']['mean']:.0f} customers each, "
        f"service level {k['service_level']['mean']:.4f}, abandoned {k['abandon_share']['mean']:.4f}, {dt:.2f} s"
    )
    print(f"peakplan_customers_per_s {customers / dt:.0f}")


if __name__ == "__main__":
    main()
