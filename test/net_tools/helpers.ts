// Shared by test/sysctl, test/procfs and test/net_tools: a kernel with the sysctl and
// /proc, /sys trees loaded, devices built through the kernel API, and tools run with a
// Process of our own (stdout and stderr kept apart and also interleaved).
import { Kernel } from '../../src/index.js';
import '../../src/kernel/procfs.js';
import type { Process, Tool } from '../../src/tools/process.js';
import type { Netns } from '../../src/kernel/net_namespace.js';
import type { NetDevice } from '../../src/kernel/core/netdevice.js';
import { rtnlNewlink, rtnlSetlink } from '../../src/kernel/core/rtnetlink.js';
import { devOpen } from '../../src/kernel/core/dev.js';
import { inetInsertIfa, newIfa } from '../../src/kernel/ipv4/devinet.js';
import { parseIPv4 } from '../../src/wire/inet.js';

export { Kernel };

export interface RunResult {
  out: string;
  err: string;
  /** stdout and stderr in the order they were written (what `2>&1` shows). */
  all: string;
  status: number;
}

export async function run(k: Kernel, tool: Tool, argv: string[],
  o: { ns?: Netns; stdin?: string; cwd?: string; env?: Record<string, string> } = {}): Promise<RunResult> {
  let out = '', err = '', all = '';
  const p: Process = {
    argv,
    kernel: k,
    netns: o.ns ?? k.initNet,
    cwd: o.cwd ?? process.cwd(),
    env: o.env ?? {},
    readStdin: async () => o.stdin ?? '',
    stdout: (t) => { out += t; all += t; },
    stderr: (t) => { err += t; all += t; },
    signal: new AbortController().signal,
    exec: async (a) => {
      err += `exec ${a.join(' ')}\n`;
      return 0;
    },
  };
  const status = await tool(p);
  return { out, err, all, status };
}

export function mac(s: string): Uint8Array {
  return Uint8Array.from(s.split(':').map((x) => parseInt(x, 16)));
}

/** `ip link add NAME type veth peer name PEER` (+ fixed addresses when given). */
export function veth(ns: Netns, name: string, peer: string, addrs?: [string, string]): [NetDevice, NetDevice] {
  const dev = rtnlNewlink(ns, 'veth', { name, peer: { name: peer } });
  const p = ns.devByName(peer)!;
  if (addrs) {
    rtnlSetlink(dev, { address: mac(addrs[0]) });
    rtnlSetlink(p, { address: mac(addrs[1]) });
  }
  return [dev, p];
}

/** `ip addr add A/PLEN [brd B] [label L] dev DEV` */
export function addr(dev: NetDevice, cidr: string, o: { brd?: string; label?: string } = {}): void {
  const [a, plen] = cidr.split('/');
  const local = parseIPv4(a!)!;
  const prefixlen = Number(plen);
  let broadcast = 0;
  if (o.brd === '+') broadcast = (local | (prefixlen === 32 ? 0 : 0xffffffff >>> prefixlen)) >>> 0;
  else if (o.brd) broadcast = parseIPv4(o.brd)!;
  inetInsertIfa(newIfa(dev, { local, prefixlen, broadcast, ...(o.label ? { label: o.label } : {}) }));
}

export function up(dev: NetDevice): void {
  devOpen(dev);
}
