// The IPv4 datapath benchmark: ICMP echo requests from namespace a to c through a router
// namespace r (two veth pairs, forwarding on), sent through a raw socket of the library
// API and answered by c's kernel; nothing is printed per packet. Also the same over a single
// veth pair (a to b). One request is sent when the previous reply is back, as `ping -f` does.
//
// Figures: echo packets per second (requests and replies: a round trip is two echo packets,
// each crossing two veth links through the router) and round trips per second. When run as
// root with unshare, ip and ping available, the real kernel's `ping -f` on the same two
// topologies is measured in the same run (inside a private network and mount namespace) and
// the ratio netsim / kernel is given.
//   node dist/bench/datapath.js [N] [--no-kernel]
import { spawnSync } from 'node:child_process';
import { Kernel } from '../src/index.js';
import '../src/kernel/ipv4/arp.js';
import { rawSocket } from '../src/kernel/ipv4/ping.js';
import { sysctlWrite } from '../src/kernel/sysctl.js';
import type { Netns } from '../src/kernel/net_namespace.js';

export interface DatapathFigure {
  /** ICMP echo packets (requests + replies) per second. */
  echoPacketsPerSecond: number;
  /** Echo round trips (request out, reply back) per second. */
  roundTripsPerSecond: number;
  /** The real kernel's `ping -f` on the same topology, when measurable. */
  kernel?: { echoPacketsPerSecond: number; roundTripsPerSecond: number };
  /** netsim / kernel, when the kernel was measured. */
  ratioToKernel?: number;
}

export interface DatapathResult {
  /** a -> r -> c: two veth pairs and a forwarding namespace. */
  router: DatapathFigure;
  /** a -> b: one veth pair. */
  veth: DatapathFigure;
  /** Round trips timed on netsim (per topology). */
  count: number;
  /** Round trips timed on the kernel (per topology), when it was measured. */
  kernelCount?: number;
}

async function run(k: Kernel, cmds: string[]): Promise<void> {
  for (const c of cmds) {
    const r = await k.exec(c);
    if (r.status !== 0) throw new Error(`${c}: ${r.stderr.trim()}`);
  }
}

function forwarding(ns: Netns): void {
  sysctlWrite(ns.kernel, ns, 'net.ipv4.ip_forward', '1');
}

/** An echo request with `seq`, checksummed. */
function echo(buf: Uint8Array, seq: number): Uint8Array {
  buf[0] = 8;
  buf[1] = 0;
  buf[2] = 0;
  buf[3] = 0;
  buf[4] = 0x12;
  buf[5] = 0x34;
  buf[6] = seq >> 8;
  buf[7] = seq & 0xff;
  let s = 0;
  for (let i = 0; i < buf.length; i += 2) s += (buf[i]! << 8) | (buf[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  s = ~s & 0xffff;
  buf[2] = s >> 8;
  buf[3] = s & 0xff;
  return buf;
}

/** Sends `n` echo requests one after the other; returns round trips per second. */
function pump(ns: Netns, dst: number, n: number): number {
  const sock = rawSocket(ns, 1);
  sock.icmpFilter = ~1 >>> 0; // echo replies only
  const buf = new Uint8Array(64);
  for (let i = 0; i < 10000; i++) {
    // warm-up (ARP, JIT)
    sock.sendto(dst, echo(buf, i));
    sock.rcvQueue.length = 0;
  }
  let got = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    sock.sendto(dst, echo(buf, i));
    got += sock.rcvQueue.length;
    sock.rcvQueue.length = 0;
  }
  const secs = (performance.now() - t0) / 1000;
  sock.close();
  if (got !== n) throw new Error(`only ${got} of ${n} echo replies came back`);
  return n / secs;
}

/** The real kernel: `ping -f -c count` from a to c through r and from a to b over one veth
 *  pair, in a private network and mount namespace (so nothing outside is touched). Returns
 *  round trips per second for each, or undefined when this machine cannot measure it. */
function kernelRates(count: number): { router: number; veth: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const script = `
set -e
mkdir -p /run/netns; mount -t tmpfs tmpfs /run/netns
for n in a r c b; do ip netns add $n; ip -n $n link set lo up; done
ip link add eth0 netns a type veth peer name r0 netns r
ip link add eth0 netns c type veth peer name r1 netns r
ip link add eth1 netns a type veth peer name eth0 netns b
ip -n a addr add 10.1.0.2/24 dev eth0; ip -n r addr add 10.1.0.1/24 dev r0
ip -n r addr add 10.2.0.1/24 dev r1; ip -n c addr add 10.2.0.2/24 dev eth0
ip -n a addr add 10.3.0.1/24 dev eth1; ip -n b addr add 10.3.0.2/24 dev eth0
for l in "a eth0" "a eth1" "b eth0" "c eth0" "r r0" "r r1"; do set -- $l; ip -n $1 link set $2 up; done
ip -n a route add default via 10.1.0.1; ip -n c route add default via 10.2.0.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
for d in 10.2.0.2 10.3.0.2; do ip netns exec a ping -q -c 3 -i 0.2 $d >/dev/null; done
s=$(date +%s.%N); ip netns exec a ping -f -q -c ${count} 10.2.0.2 >/dev/null; e=$(date +%s.%N)
echo "router $s $e"
s=$(date +%s.%N); ip netns exec a ping -f -q -c ${count} 10.3.0.2 >/dev/null; e=$(date +%s.%N)
echo "veth $s $e"`;
  const r = spawnSync('unshare', ['--net', '--mount', '--propagation', 'private', 'bash', '-c', script],
    { encoding: 'utf8', timeout: 300000 });
  if (r.status !== 0) return undefined;
  const rate = (name: string): number | undefined => {
    const m = new RegExp(`^${name} ([\\d.]+) ([\\d.]+)$`, 'm').exec(r.stdout);
    if (!m) return undefined;
    const secs = Number(m[2]) - Number(m[1]);
    return secs > 0 ? count / secs : undefined;
  };
  const router = rate('router'), veth = rate('veth');
  return router && veth ? { router, veth } : undefined;
}

function figure(roundTrips: number, kernelRoundTrips: number | undefined): DatapathFigure {
  const f: DatapathFigure = { echoPacketsPerSecond: 2 * roundTrips, roundTripsPerSecond: roundTrips };
  if (kernelRoundTrips) {
    f.kernel = { echoPacketsPerSecond: 2 * kernelRoundTrips, roundTripsPerSecond: kernelRoundTrips };
    f.ratioToKernel = roundTrips / kernelRoundTrips;
  }
  return f;
}

export async function datapathBench(count = 200000, measureKernel = true): Promise<DatapathResult> {
  const k = new Kernel({ seed: 1 });
  await run(k, [
    'ip netns add a', 'ip netns add r', 'ip netns add c', 'ip netns add b',
    'ip link add eth0 netns a type veth peer name r0 netns r',
    'ip link add eth0 netns c type veth peer name r1 netns r',
    'ip link add eth1 netns a type veth peer name eth0 netns b',
    'ip -n a addr add 10.1.0.2/24 dev eth0', 'ip -n r addr add 10.1.0.1/24 dev r0',
    'ip -n r addr add 10.2.0.1/24 dev r1', 'ip -n c addr add 10.2.0.2/24 dev eth0',
    'ip -n a addr add 10.3.0.1/24 dev eth1', 'ip -n b addr add 10.3.0.2/24 dev eth0',
    'ip -n a link set eth0 up', 'ip -n a link set eth1 up', 'ip -n b link set eth0 up',
    'ip -n c link set eth0 up', 'ip -n r link set r0 up', 'ip -n r link set r1 up',
    'ip -n a route add default via 10.1.0.1', 'ip -n c route add default via 10.2.0.1',
  ]);
  forwarding(k.namedNetns.get('r')!);
  const a = k.namedNetns.get('a')!;
  const veth = pump(a, 0x0a030002, count);
  const router = pump(a, 0x0a020002, count);
  const kernelCount = Math.min(count, 100000);
  const kr = measureKernel ? kernelRates(kernelCount) : undefined;
  return {
    router: figure(router, kr?.router),
    veth: figure(veth, kr?.veth),
    count,
    kernelCount: kr ? kernelCount : undefined,
  };
}

const num = (x: number) => Math.round(x).toLocaleString('en-US');

/** One line per topology, as bench/main.ts and the command line print them. */
export function formatFigure(f: DatapathFigure): string {
  let s = `${num(f.echoPacketsPerSecond)} echo packets/s (${num(f.roundTripsPerSecond)} round trips/s)`;
  if (f.kernel && f.ratioToKernel !== undefined) {
    s += `; real kernel, ping -f: ${num(f.kernel.echoPacketsPerSecond)} echo packets/s ` +
      `(${num(f.kernel.roundTripsPerSecond)} round trips/s); ratio to the kernel ${f.ratioToKernel.toFixed(2)}`;
  }
  return s;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv.slice(2).find((x) => /^\d+$/.test(x)) ?? 200000);
  const r = await datapathBench(n, !process.argv.includes('--no-kernel'));
  console.log(`ICMP echo through a router netns: ${formatFigure(r.router)}`);
  console.log(`ICMP echo over one veth pair:     ${formatFigure(r.veth)}`);
  console.log(`(${num(r.count)} round trips timed on netsim` +
    (r.kernelCount ? `, ${num(r.kernelCount)} on the kernel in a private network namespace)` : '; the kernel was not measured)'));
}
