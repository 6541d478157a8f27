#!/bin/bash
# Captures the usage texts of the real iproute2 tools into src/tools/usage_text.ts.
# Run as root on a machine with iproute2 6.1 (the version netsim mirrors).
set -eu
cd "$(dirname "$0")/.."
out=src/tools/usage_text.ts
{
  echo "// Usage texts printed by iproute2 $(ip -V | sed 's/.*iproute2-\([^,]*\).*/\1/'), captured by scripts/capture-usage.sh."
  echo "// Generated: do not edit."
  echo "export const USAGE: Record<string, string> = {"
  for c in "ip" "ip link" "ip address" "ip route" "ip rule" "ip neigh" "ip netns" "bridge" "bridge link" "bridge fdb"; do
    text=$($c help 2>&1 || true)
    printf '  %s: %s,\n' "$(node -e 'process.stdout.write(JSON.stringify(process.argv[1]))' "$c")" \
      "$(node -e 'process.stdout.write(JSON.stringify(process.argv[1] + "\n"))' "$text")"
  done
  echo "};"
} > "$out"
echo "wrote $out"
