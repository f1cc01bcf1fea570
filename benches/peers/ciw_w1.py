"""Workload W1 of issue 9 in Ciw (optional peer of benches/peers/run.sh):
M/M/110 with exponential reneging (mean 300 s) at 2,000 arrivals/h for 36 h
from empty, handling mean 180 s. Prints the counts of each replication and
the customers simulated per second of wall time on one core.

Usage: python ciw_w1.py [--reps N] [--seed S]
"""

import argparse
import time

import ciw

HOURS = 36
WITHIN_S = 30.0


def replication(seed):
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=2000.0 / 3600.0)],
        service_distributions=[ciw.dists.Exponential(rate=1.0 / 180.0)],
        number_of_servers=[110],
        reneging_time_distributions=[ciw.dists.Exponential(rate=1.0 / 300.0)],
    )
    ciw.seed(seed)
    q = ciw.Simulation(network)
    q.simulate_until_max_time(HOURS * 3600.0)
    recs = q.get_all_records()
    served = [r for r in recs if r.record_type == "service"]
    reneged = [r for r in recs if r.record_type == "renege"]
    # Customers who arrived in the window: finished, reneged or still in the system.
    in_system = sum(len(node.all_individuals) for node in q.transitive_nodes)
    arrived = len(served) + len(reneged) + in_system
    on_time = sum(r.waiting_time <= WITHIN_S for r in served)
    return {"arrived": arrived, "answered": len(served), "on_time": on_time, "abandoned": len(reneged)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    customers, seconds = 0, 0.0
    for r in range(a.reps):
        t = time.perf_counter()
        n = replication(a.seed + r)
        dt = time.perf_counter() - t
        customers += n["arrived"]
        seconds += dt
        print(
            f"ciw W1 replication {r}: {n['arrived']} customers, {n['answered']} served by the end, "
            f"{n['abandoned']} reneged, {dt:.2f} s"
        )
    print(f"ciw_customers_per_s {customers / seconds:.0f}")


if __name__ == "__main__":
    main()
