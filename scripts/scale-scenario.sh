#!/bin/sh
# Writes the default scenario with K times the traffic and K times every
# capacity that grows with it (visitors, pre-sale payments, pre-packed stock,
# packing stations, staging, reviewers, trucks, headcounts and their limits),
# the workload of the scaling measurements in docs/performance.md:
#
#   scripts/scale-scenario.sh 3 > /tmp/double11-x3.toml
#   peakplan size /tmp/double11-x3.toml
set -eu
k=${1:?usage: scale-scenario.sh K}
here=$(dirname "$0")
awk -v k="$k" '
function times(line, key,    pre, num, post) {
  # Multiplies the first number after "key = " on the line.
  if (match(line, key " *= *[0-9]+")) {
    pre = substr(line, 1, RSTART - 1)
    num = substr(line, RSTART, RLENGTH); sub(/.*= */, "", num)
    post = substr(line, RSTART + RLENGTH)
    return pre key " = " (num * k) post
  }
  return line
}
function group_counts(line,    out, rest, n) {
  # Multiplies every "name = N" inside a { ... } table of headcounts.
  out = ""; rest = line
  while (match(rest, /(trained|temp) = [0-9]+/)) {
    n = substr(rest, RSTART, RLENGTH); sub(/.*= /, "", n)
    out = out substr(rest, 1, RSTART - 1) substr(rest, RSTART, RLENGTH - length(n)) (n * k)
    rest = substr(rest, RSTART + RLENGTH)
  }
  return out rest
}
/^\[/ { tables = 1 }
!tables && /^name = / { sub(/"$/, " x" k "\"") }
/^visitors|^total|^prepacked_stock|^stations|^staging_capacity|^staff|^truck_capacity/ {
  split($0, kv, " "); $0 = times($0, kv[1])
}
/^(agents|packers|max_agents_per_shift|max_packers_per_shift) = \{/ { $0 = group_counts($0) }
{ print }
' "$here/../scenarios/double11.toml"
