#!/bin/bash
# Replays scenarios on netsim and shows the normalized diff against the recording:
#   scripts/conformance-diff.sh 020 055-addr-errors
set -u
cd "$(dirname "$0")/.."
for want in "$@"; do
  for s in test/conformance/scenarios/${want}*.sh; do
    out=${s%.sh}.out
    act=$(mktemp)
    LC_ALL=C TERM=dumb COLUMNS=80 timeout 60 ./bin/netsim run --seed 1 --virtual-time test/conformance/wrap.sh "$s" >"$act" 2>&1 </dev/null
    diff -u --label "kernel: ${s##*/}" --label netsim \
      <(node dist/test/conformance/normalize.js --script "$s" "$out") \
      <(node dist/test/conformance/normalize.js --script "$s" "$act") && echo "== ${s##*/}: same"
    rm -f "$act"
  done
done
