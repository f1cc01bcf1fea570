"""Workload W1 of issue 9 in SimPy, for the side-by-side comparison of
benches/peers/run.sh: an M/M/110+M queue written the idiomatic SimPy way.

Poisson arrivals at 2,000/h for 36 h from empty; exponential handling, mean
180 s; 110 agents, one chat each (a Resource of capacity 110, first come
first served); exponential patience, mean 300 s, while waiting only (the
request races a timeout). Prints the counts of each replication, to be
checked against peakplan's W1 (benches/workloads/w1.toml), and the
customers simulated per second of wall time on one core.

Usage: python simpy_w1.py [--reps N] [--seed S]
"""

import argparse
import random
import time

import simpy

HOURS = 36
RATE_PER_H = 2000.0
HANDLE_MEAN_S = 180.0
PATIENCE_MEAN_S = 300.0
AGENTS = 110
WITHIN_S = 30.0


def replication(seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    agents = simpy.Resource(env, capacity=AGENTS)
    n = {"arrived": 0, "answered": 0, "on_time": 0, "abandoned": 0}

    def customer(env):
        arrived = env.now
        patience = rng.expovariate(1.0 / PATIENCE_MEAN_S)
        with agents.request() as req:
            got = yield req | env.timeout(patience)
            if req in got:
                n["answered"] += 1
                n["on_time"] += env.now - arrived <= WITHIN_S
                yield env.timeout(rng.expovariate(1.0 / HANDLE_MEAN_S))
            else:
                n["abandoned"] += 1

    def arrivals(env):
        end = HOURS * 3600.0
        while True:
            gap = rng.expovariate(RATE_PER_H / 3600.0)
            if env.now + gap >= end:
                return
            yield env.timeout(gap)
            n["arrived"] += 1
            env.process(customer(env))

    env.process(arrivals(env))
    env.run()
    return n


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
            f"simpy W1 replication {r}: {n['arrived']} customers, {n['answered']} answered "
            f"({n['on_time'] / max(n['arrived'], 1):.4f} on time), {n['abandoned']} abandoned, {dt:.2f} s"
        )
    print(f"simpy_customers_per_s {customers / seconds:.0f}")


if __name__ == "__main__":
    main()
