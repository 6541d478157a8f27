// A script of N `ip` commands (namespaces, veth pairs, addresses, routes, listings) run end
// to end by `netsim run`, and the same script on the real kernel in a private namespace
// when this machine allows it (root, iproute2 installed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function script(n: number): string {
  const lines: string[] = [];
  let i = 0;
  while (lines.length < n) {
    lines.push(`ip netns add ns${i}`);
    lines.push(`ip link add h${i} type veth peer name eth0 netns ns${i}`);
    lines.push(`ip -n ns${i} addr add 10.${(i >> 8) & 255}.${i & 255}.2/24 dev eth0`);
    lines.push(`ip -n ns${i} link set eth0 up`);
    lines.push(`ip -n ns${i} link set lo up`);
    lines.push(`ip addr add 10.${(i >> 8) & 255}.${i & 255}.1/24 dev h${i}`);
    lines.push(`ip link set h${i} up`);
    lines.push(`ip -n ns${i} route add default via 10.${(i >> 8) & 255}.${i & 255}.1`);
    lines.push(`ip -n ns${i} addr show dev eth0 >/dev/null`);
    lines.push(`ip link show h${i} >/dev/null`);
    i++;
  }
  return lines.slice(0, n).join('\n') + '\n';
}

export async function ipScript(n: number): Promise<{ netsimSeconds: number; kernelSeconds?: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'netsim-bench-'));
  const file = join(dir, 'script.sh');
  writeFileSync(file, 'set -e\n' + script(n));
  let t0 = performance.now();
  const r = spawnSync(join(root, 'bin', 'netsim'), ['run', '--seed', '1', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  const netsimSeconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`netsim run failed: ${r.stderr}`);
  let kernelSeconds: number | undefined;
  if (process.getuid?.() === 0 && spawnSync('ip', ['-V']).status === 0) {
    t0 = performance.now();
    const k = spawnSync('unshare', ['--net', '--mount', '--propagation', 'private', 'bash', '-c',
      `mkdir -p /run/netns; mount -t tmpfs tmpfs /run/netns; bash ${file}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (k.status === 0) kernelSeconds = (performance.now() - t0) / 1000;
  }
  return { netsimSeconds, kernelSeconds };
}
