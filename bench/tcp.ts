// TCP through the emulated datapath:
//   - bulk: one connection from a client namespace through a router namespace (forwarding,
//     two veth pairs) to a server, the client writing 64 KiB at a time, the server reading
//     to end of file; payload megabytes (10^6 bytes) per second of wall time;
//   - concurrent: 1,000 connections held open at once to a ClusterIP Service DNAT'ed by
//     the router (kube-proxy style, three endpoints), each sending a request and reading the
//     endpoint's answer; every connection must complete (none lost) and conntrack must hold
//     all 1,000 entries at once.
// When this machine allows (root, unshare, ip, socat), the real kernel's bulk figure is
// measured in the same run over the same topology with socat, for the ratio.
//   node dist/bench/tcp.js [MB] [--no-kernel]
import { spawnSync } from 'node:child_process';
import { Kernel } from '../src/index.js';
import '../src/kernel/ipv4/arp.js';
import type { Netns } from '../src/kernel/net_namespace.js';
import { Socket, AF_INET, SOCK_STREAM, SHUT_WR } from '../src/kernel/socket.js';
import { nfCtCount } from '../src/kernel/netfilter/nf_conntrack_core.js';

export interface TcpBenchResult {
  bulk: { bytes: number; seconds: number; mbPerSecond: number; kernelMbPerSecond?: number };
  concurrent: { connections: number; completed: number; peakConntrack: number; seconds: number };
}

const ip = (s: string) => s.split('.').reduce((a, b) => a * 256 + Number(b), 0) >>> 0;

async function run(k: Kernel, cmds: string[]): Promise<void> {
  for (const c of cmds) {
    const r = await k.exec(c);
    if (r.status !== 0) throw new Error(`${c}: ${r.stderr}`);
  }
}

/** Client c (192.168.1.2) -> router r -> server s (10.1.0.2), as in the bench's kernel run. */
const TOPOLOGY = [
  'ip netns add c', 'ip netns add r', 'ip netns add s',
  'ip link add vc netns c type veth peer name rc netns r',
  'ip link add vs netns s type veth peer name rs netns r',
  'ip -n c addr add 192.168.1.2/24 dev vc', 'ip -n r addr add 192.168.1.1/24 dev rc',
  'ip -n r addr add 10.1.0.1/24 dev rs', 'ip -n s addr add 10.1.0.2/24 dev vs',
  'ip -n s addr add 10.1.0.3/24 dev vs', 'ip -n s addr add 10.1.0.4/24 dev vs',
  'ip -n c link set vc up', 'ip -n r link set rc up', 'ip -n r link set rs up', 'ip -n s link set vs up',
  'ip -n c link set lo up', 'ip -n s link set lo up',
  'ip -n c route add default via 192.168.1.1', 'ip -n s route add default via 10.1.0.1',
  'ip netns exec r sysctl -qw net.ipv4.ip_forward=1',
];

function sock(ns: Netns): Socket {
  const s = Socket.open(ns, AF_INET, SOCK_STREAM);
  if (typeof s === 'number') throw new Error(`socket: errno ${s}`);
  return s;
}

async function bulk(mb: number): Promise<{ bytes: number; seconds: number }> {
  const k = new Kernel({ seed: 1 });
  await run(k, TOPOLOGY);
  const c = k.namedNetns.get('c')!, s = k.namedNetns.get('s')!;
  const l = sock(s);
  l.bind({ addr: 0, port: 5001 });
  l.listen(16);
  const cl = sock(c);
  if (await cl.connect({ addr: ip('10.1.0.2'), port: 5001 }) !== 0) throw new Error('connect failed');
  const sv = await l.accept();
  if (typeof sv === 'number') throw new Error('accept failed');
  const chunk = new Uint8Array(65536).fill(0x61);
  const total = mb * 1_000_000;
  const t0 = performance.now();
  const sending = (async () => {
    for (let sent = 0; sent < total;) {
      const n = await cl.send(chunk.subarray(0, Math.min(chunk.length, total - sent)));
      if (n < 0) throw new Error(`send: errno ${-n}`);
      sent += n;
    }
    cl.shutdown(SHUT_WR);
  })();
  let got = 0;
  for (;;) {
    const r = await sv.recv(262144);
    if (typeof r === 'number') throw new Error(`recv: errno ${-r}`);
    if (r.length === 0) break;
    got += r.length;
  }
  await sending;
  const seconds = (performance.now() - t0) / 1000;
  if (got !== total) throw new Error(`received ${got} of ${total} bytes`);
  return { bytes: got, seconds };
}

async function concurrent(n: number): Promise<TcpBenchResult['concurrent']> {
  const k = new Kernel({ seed: 2 });
  await run(k, [...TOPOLOGY,
    'ip netns exec r sysctl -qw net.netfilter.nf_conntrack_max=262144',
    'ip netns exec r iptables -t nat -N SVC',
    'ip netns exec r iptables -t nat -A PREROUTING -d 10.96.0.10/32 -p tcp --dport 80 -j SVC',
    'ip netns exec r iptables -t nat -A SVC -p tcp -m statistic --mode random --probability 0.33333333349 -j DNAT --to-destination 10.1.0.2:8080',
    'ip netns exec r iptables -t nat -A SVC -p tcp -m statistic --mode random --probability 0.5 -j DNAT --to-destination 10.1.0.3:8080',
    'ip netns exec r iptables -t nat -A SVC -p tcp -j DNAT --to-destination 10.1.0.4:8080',
  ]);
  const c = k.namedNetns.get('c')!, s = k.namedNetns.get('s')!, r = k.namedNetns.get('r')!;
  const l = sock(s);
  l.bind({ addr: 0, port: 8080 });
  l.listen(4096);
  const t0 = performance.now();
  const served: Promise<void>[] = [];
  const accepting = (async () => {
    for (let i = 0; i < n; i++) {
      const a = await l.accept();
      if (typeof a === 'number') throw new Error(`accept: errno ${a}`);
      served.push((async () => {
        const req = await a.recv(100);
        if (typeof req === 'number') throw new Error(`server recv: errno ${-req}`);
        await a.send(new TextEncoder().encode(`ok ${Buffer.from(req).toString()}`));
      })());
    }
  })();
  const clients: Socket[] = [];
  for (let i = 0; i < n; i++) {
    const cl = sock(c);
    if (await cl.connect({ addr: ip('10.96.0.10'), port: 80 }) !== 0) throw new Error(`connect ${i} failed`);
    await cl.send(new TextEncoder().encode(String(i)));
    clients.push(cl);
  }
  await accepting;
  await Promise.all(served);
  const peakConntrack = nfCtCount(r);
  let completed = 0;
  for (let i = 0; i < n; i++) {
    const ans = await clients[i]!.recv(100);
    if (typeof ans !== 'number' && Buffer.from(ans).toString() === `ok ${i}`) completed++;
  }
  for (const cl of clients) cl.close();
  return { connections: n, completed, peakConntrack, seconds: (performance.now() - t0) / 1000 };
}

/** The kernel's bulk transfer over the same topology, with socat; MB/s or undefined. */
function kernelBulk(mb: number): number | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const setup = TOPOLOGY.map((c) => c.replace(/^ip netns exec (\w+) /, 'ip netns exec $1 ')).join('\n');
  const script = `set -e
mkdir -p /run/netns; mount -t tmpfs tmpfs /run/netns
${setup}
ip netns exec s socat -u TCP-LISTEN:5001,reuseaddr OPEN:/dev/null &
sleep 0.3
s=$(date +%s.%N)
head -c ${mb * 1_000_000} /dev/zero | ip netns exec c socat -u - TCP:10.1.0.2:5001
wait
e=$(date +%s.%N)
echo "$s $e"`;
  const r = spawnSync('unshare', ['--net', '--mount', '--propagation', 'private', 'bash', '-c', script], { encoding: 'utf8', timeout: 120_000 });
  const m = /^([\d.]+) ([\d.]+)$/m.exec(r.stdout ?? '');
  if (r.status !== 0 || !m) return undefined;
  return mb / (Number(m[2]) - Number(m[1]));
}

export async function tcpBench(mb = 200, withKernel = true): Promise<TcpBenchResult> {
  const b = await bulk(mb);
  const kernelMbPerSecond = withKernel ? kernelBulk(mb * 5) : undefined;
  return {
    bulk: { ...b, mbPerSecond: b.bytes / 1e6 / b.seconds, kernelMbPerSecond },
    concurrent: await concurrent(1000),
  };
}

export function formatTcp(r: TcpBenchResult): [string, string][] {
  const b = r.bulk, c = r.concurrent;
  return [
    ['TCP bulk transfer through a router netns', `${b.mbPerSecond.toFixed(1)} MB/s of payload (${(b.bytes / 1e6).toFixed(0)} MB in ${b.seconds.toFixed(2)} s)` +
      (b.kernelMbPerSecond ? `  (kernel, socat: ${b.kernelMbPerSecond.toFixed(0)} MB/s)` : '')],
    ['1,000 concurrent TCP connections to a DNAT\'ed Service', `${c.completed} of ${c.connections} completed, ${c.peakConntrack} conntrack entries held at once, ${c.seconds.toFixed(2)} s`],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const mb = Number(process.argv[2]) || 200;
  const r = await tcpBench(mb, !process.argv.includes('--no-kernel'));
  for (const [k, v] of formatTcp(r)) console.log(`${k}  ${v}`);
}
