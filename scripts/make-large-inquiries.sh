#!/usr/bin/env bash
# Writes a large inquiries export in the canonical format, for measuring
# the streaming import and the replay at scale:
#
#   scripts/make-large-inquiries.sh 10000000 > large-inquiries.csv
#
# N chats spread evenly over the default scenario's 36-hour window (from
# 2026-11-10 12:00, Asia/Shanghai) with pseudo-random waits, handle times,
# outcomes and agents (a fixed linear congruential generator, so the file is
# the same every time). Nothing here is meant to look like a real day; the
# example export in examples/actuals/ is the realistic one.
set -euo pipefail
n="${1:?usage: $0 ROWS}"
awk -v n="$n" 'BEGIN {
  srand(1111); OFS = ","
  print "arrived_at,deflected,abandoned,wait_s,handle_s,agent,group"
  start = 12 * 3600; step = 36 * 3600 / n
  for (i = 0; i < n; i++) {
    t = start + i * step
    day = 10 + int(t / 86400); s = t - (day - 10) * 86400
    h = int(s / 3600); m = int((s % 3600) / 60); sec = s % 60
    r = rand()
    deflected = (r < 0.2); abandoned = (!deflected && r > 0.97)
    wait = deflected ? "" : sprintf("%.3f", -30 * log(1 - rand()))
    handle = (deflected || abandoned) ? "" : sprintf("%.3f", -300 * log(1 - rand()))
    agent = (deflected || abandoned) ? "" : sprintf("trained-%04d", int(rand() * 2000))
    printf "2026-11-%02dT%02d:%02d:%06.3f+08:00,%d,%d,%s,%s,%s,%s\n", day, h, m, sec, deflected, abandoned, wait, handle, agent, (agent == "" ? "" : "trained")
  }
}'
