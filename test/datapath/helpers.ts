// Shared set-up for the datapath, ping and neigh tests: a kernel with the IPv4 datapath
// loaded, commands run through `ip` (k.exec) and through the ping tool directly.
import { Kernel } from '../../src/index.js';
import '../../src/kernel/ipv4/arp.js';
import { ping } from '../../src/tools/ping.js';
import type { Process } from '../../src/tools/process.js';
import { sysctlWrite } from '../../src/kernel/sysctl.js';
import type { Netns } from '../../src/kernel/net_namespace.js';
import { Socket, AF_INET, SOCK_STREAM, SOCK_DGRAM } from '../../src/kernel/socket.js';

export { Kernel };

export interface Out {
  stdout: string;
  stderr: string;
  status: number;
}

/** Runs `ip ...` (or any installed tool) and fails loudly when it does. */
export async function sh(k: Kernel, cmd: string, netns?: string): Promise<Out> {
  const r = await k.exec(cmd, { netns });
  return r;
}

export async function must(k: Kernel, ...cmds: string[]): Promise<void> {
  for (const c of cmds) {
    const r = await k.exec(c);
    if (r.status !== 0) throw new Error(`${c}: ${r.stderr}`);
  }
}

/** Runs the ping tool in namespace `netns` (the initial one when undefined). */
export async function runPing(k: Kernel, args: string, netns?: string, signal?: AbortSignal): Promise<Out> {
  let stdout = '';
  let stderr = '';
  const ns = netns ? k.namedNetns.get(netns)! : k.initNet;
  const argv = ['ping', ...args.split(/\s+/).filter(Boolean)];
  const p: Process = {
    argv, kernel: k, netns: ns, cwd: '/', env: {},
    readStdin: async () => '',
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    signal: signal ?? new AbortController().signal,
    exec: async () => 127,
  };
  const status = await ping(p);
  return { stdout, stderr, status };
}

export function nsOf(k: Kernel, name?: string): Netns {
  return name ? k.namedNetns.get(name)! : k.initNet;
}

/** sysctl -w net.ipv4.ip_forward=1|0 in `ns`. */
export function ipForward(ns: Netns, on: boolean): void {
  sysctlWrite(ns.kernel, ns, 'net.ipv4.ip_forward', on ? '1' : '0');
}

/** Replaces rtt values as the conformance normaliser does. */
export function norm(s: string): string {
  return s
    .replace(/time=\d+(\.\d+)? ms/g, 'time=X ms')
    .replace(/rtt min\/avg\/max\/mdev = [\d./]+ ms/g, 'rtt min/avg/max/mdev = X ms')
    .replace(/([0-9a-f]{2}:){5}[0-9a-f]{2}/g, 'MAC');
}

/** Two namespaces a (10.0.0.1/24) and b (10.0.0.2/24) over a veth pair, lo up in both. */
export async function twoHosts(seed = 1): Promise<Kernel> {
  const k = new Kernel({ seed });
  await must(k,
    'ip netns add a', 'ip netns add b',
    'ip link add eth0 netns a type veth peer name eth0 netns b',
    'ip -n a addr add 10.0.0.1/24 dev eth0', 'ip -n b addr add 10.0.0.2/24 dev eth0',
    'ip -n a link set eth0 up', 'ip -n b link set eth0 up',
    'ip -n a link set lo up', 'ip -n b link set lo up');
  return k;
}

/** twoHosts() with b's servers on any address: a TCP listener on port 80 (backlog 1) and a
 *  UDP socket bound to port 53, as the socket-table tests (/proc/net, ss) list them. */
export async function twoHostsListening(seed = 1): Promise<{ k: Kernel; a: Netns; b: Netns; l: Socket; u: Socket }> {
  const k = await twoHosts(seed);
  const a = nsOf(k, 'a'), b = nsOf(k, 'b');
  const l = Socket.open(b, AF_INET, SOCK_STREAM) as Socket;
  l.bind({ addr: 0, port: 80 });
  l.listen(1);
  const u = Socket.open(b, AF_INET, SOCK_DGRAM) as Socket;
  u.bind({ addr: 0, port: 53 });
  return { k, a, b, l, u };
}

/** a (10.1.0.2) -- r (10.1.0.1 | 10.2.0.1) -- c (10.2.0.2), default routes via r. */
export async function routed(seed = 1, forward = true): Promise<Kernel> {
  const k = new Kernel({ seed });
  await must(k,
    'ip netns add a', 'ip netns add r', 'ip netns add c',
    'ip link add eth0 netns a type veth peer name r0 netns r',
    'ip link add eth0 netns c type veth peer name r1 netns r',
    'ip -n a addr add 10.1.0.2/24 dev eth0', 'ip -n r addr add 10.1.0.1/24 dev r0',
    'ip -n r addr add 10.2.0.1/24 dev r1', 'ip -n c addr add 10.2.0.2/24 dev eth0',
    'ip -n a link set eth0 up', 'ip -n c link set eth0 up', 'ip -n r link set r0 up', 'ip -n r link set r1 up',
    'ip -n a link set lo up', 'ip -n r link set lo up', 'ip -n c link set lo up');
  await must(k, 'ip -n a route add default via 10.1.0.1', 'ip -n c route add default via 10.2.0.1');
  if (forward) ipForward(nsOf(k, 'r'), true);
  return k;
}

