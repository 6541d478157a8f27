// `netsim` inside an emulated world: what no real tool gives.
//   netsim trace [-j] NETNS PROTO SRC[:PORT] > DST[:PORT] [FLAG...] [ttl N] [len N] [mark N]
// sends one packet from NETNS as if a program there had sent it (no socket is needed) and
// prints every step of its path, and of the packets it provokes (ARP, replies, ICMP errors,
// resets), as text or JSON lines.
import type { Process, Tool } from './process.js';
import type { Netns } from '../kernel/net_namespace.js';
import { parseIPv4 } from '../wire/inet.js';
import { emitTcp, TCPHDR_ACK, TCPHDR_FIN, TCPHDR_PSH, TCPHDR_RST, TCPHDR_SYN, TCPHDR_URG } from '../wire/tcp.js';
import { emitUdp } from '../wire/udp.js';
import { emitIcmp, icmpEcho } from '../wire/icmp.js';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP } from '../wire/ipv4.js';
import { ipAllocSkb, ipSendSkb } from '../kernel/ipv4/ip_output.js';
import { ipRouteOutput } from '../kernel/ipv4/route.js';
import { TraceRecorder } from '../trace/record.js';
import { renderJson, renderText } from '../trace/text.js';
import { strerror } from '../kernel/errno.js';

const USAGE = `Usage: netsim trace [-j|--json] NETNS PROTO SRC[:PORT] '>' DST[:PORT] [FLAG...] [OPTION...]
Send one packet from the network namespace NETNS ("init_net" for the initial one) and print
its path through the emulated kernel, and that of every packet it provokes.
  PROTO    tcp, udp or icmp
  FLAG     tcp: syn ack fin rst psh urg (default syn); icmp: echo-request (default) echo-reply
  OPTION   ttl N, len N (payload bytes), mark N, id N (icmp id), seq N
  -j, --json   JSON lines instead of text
`;

const TCP_FLAG_WORDS: Record<string, number> = {
  syn: TCPHDR_SYN, ack: TCPHDR_ACK, fin: TCPHDR_FIN, rst: TCPHDR_RST, psh: TCPHDR_PSH, urg: TCPHDR_URG,
};

class TraceUsage extends Error {}

interface PacketSpec {
  proto: number;
  src: number;
  dst: number;
  sport: number;
  dport: number;
  flags: number;
  icmpType: number;
  ttl?: number;
  len: number;
  mark: number;
  id?: number;
  seq?: number;
}

function endpoint(s: string | undefined, withPort: boolean, what: string): { addr: number; port: number } {
  if (s === undefined) throw new TraceUsage(`missing ${what}`);
  const i = s.lastIndexOf(':');
  const a = withPort && i >= 0 ? s.slice(0, i) : s;
  const addr = parseIPv4(a);
  if (addr === undefined) throw new TraceUsage(`invalid address '${a}'`);
  if (!withPort) {
    if (i >= 0) throw new TraceUsage(`'${s}': icmp has no ports`);
    return { addr, port: 0 };
  }
  if (i < 0) throw new TraceUsage(`'${s}': ADDRESS:PORT expected`);
  const port = Number(s.slice(i + 1));
  if (!/^\d+$/.test(s.slice(i + 1)) || port > 65535) throw new TraceUsage(`invalid port '${s.slice(i + 1)}'`);
  return { addr, port };
}

function num(s: string | undefined, what: string, max: number): number {
  if (s === undefined || !/^\d+$/.test(s) || Number(s) > max) throw new TraceUsage(`invalid ${what} '${s ?? ''}'`);
  return Number(s);
}

/** PROTO SRC > DST [FLAG...] [OPTION...] */
export function parsePacketSpec(args: string[]): PacketSpec {
  const [protoWord, srcWord, gt, dstWord, ...rest] = args;
  const proto = protoWord === 'tcp' ? IPPROTO_TCP : protoWord === 'udp' ? IPPROTO_UDP : protoWord === 'icmp' ? IPPROTO_ICMP : -1;
  if (proto < 0) throw new TraceUsage(protoWord === undefined ? 'missing PROTO' : `unknown protocol '${protoWord}'`);
  const ports = proto !== IPPROTO_ICMP;
  const src = endpoint(srcWord, ports, 'source');
  if (gt !== '>') throw new TraceUsage(`'>' expected between source and destination`);
  const dst = endpoint(dstWord, ports, 'destination');
  const spec: PacketSpec = { proto, src: src.addr, dst: dst.addr, sport: src.port, dport: dst.port, flags: 0, icmpType: 8, len: 0, mark: 0 };
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (proto === IPPROTO_TCP && w.split(',').every((f) => f in TCP_FLAG_WORDS)) {
      for (const f of w.split(',')) spec.flags |= TCP_FLAG_WORDS[f]!;
    } else if (proto === IPPROTO_ICMP && (w === 'echo-request' || w === 'echo-reply')) {
      spec.icmpType = w === 'echo-request' ? 8 : 0;
    } else if (w === 'ttl') spec.ttl = num(rest[++i], 'ttl', 255);
    else if (w === 'len') spec.len = num(rest[++i], 'len', 65000);
    else if (w === 'mark') spec.mark = num(rest[++i], 'mark', 0xffffffff);
    else if (w === 'id') spec.id = num(rest[++i], 'id', 0xffff);
    else if (w === 'seq') spec.seq = num(rest[++i], 'seq', 0xffffffff);
    else throw new TraceUsage(`unknown word '${w}'`);
  }
  if (proto === IPPROTO_TCP && !spec.flags) spec.flags = TCPHDR_SYN;
  return spec;
}

/** Builds the datagram and hands it to ip_local_out() as a raw socket would. Returns 0 or a
 *  positive errno from the route lookup. */
function inject(ns: Netns, p: PacketSpec): number {
  const rt = ipRouteOutput(ns, { dst: p.dst, src: p.src, proto: p.proto, sport: p.sport, dport: p.dport, mark: p.mark, anySrc: true });
  if (typeof rt === 'number') return rt;
  const rnd = ns.kernel.random;
  const hlen = p.proto === IPPROTO_TCP ? 20 : 8;
  const skb = ipAllocSkb(hlen + p.len);
  const th = skb.off + 20;
  const seg = skb.buf.subarray(th, th + hlen + p.len);
  if (p.proto === IPPROTO_TCP) {
    emitTcp({
      srcPort: p.sport, dstPort: p.dport, seq: p.seq ?? rnd.u32(), flags: p.flags, window: 64240,
      ackSeq: p.flags & TCPHDR_ACK ? rnd.u32() : 0, payload: new Uint8Array(p.len),
    }, seg, { src: p.src, dst: p.dst });
  } else if (p.proto === IPPROTO_UDP) {
    emitUdp({ srcPort: p.sport, dstPort: p.dport, payload: new Uint8Array(p.len) }, seg, { src: p.src, dst: p.dst });
  } else {
    emitIcmp(icmpEcho(p.icmpType, p.id ?? rnd.u32() & 0xffff, p.seq ?? 1, new Uint8Array(p.len)), seg);
  }
  skb.mark = p.mark;
  return ipSendSkb(ns, rt, skb, { saddr: p.src, daddr: p.dst, proto: p.proto, ttl: p.ttl, mark: p.mark });
}

async function trace(p: Process, args: string[]): Promise<number> {
  let json = false;
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    const o = args.shift()!;
    if (o === '-j' || o === '--json') json = true;
    else if (o === '-h' || o === '--help') {
      p.stdout(USAGE);
      return 0;
    } else throw new TraceUsage(`unknown option '${o}'`);
  }
  const nsName = args.shift();
  if (nsName === undefined) throw new TraceUsage('missing NETNS');
  const ns = nsName === 'init_net' ? p.kernel.initNet : p.kernel.namedNetns.get(nsName);
  if (!ns) {
    p.stderr(`netsim trace: network namespace "${nsName}" does not exist\n`);
    return 1;
  }
  const spec = parsePacketSpec(args);
  const k = p.kernel;
  const rec = new TraceRecorder();
  // This packet's path is printed here, not again by `netsim run --trace`.
  const outer = k.trace;
  k.trace = rec.hook;
  let err: number;
  try {
    err = inject(ns, spec);
    // What the packet set off after this call returned (timers already due, queued work).
    await new Promise((r) => setImmediate(r));
    k.clock.runDue();
  } finally {
    k.trace = outer;
  }
  const records = rec.take();
  p.stdout(json ? renderJson(records) : renderText(records));
  if (err) {
    p.stderr(`netsim trace: ${strerror(err)}\n`);
    return 1;
  }
  return 0;
}

export const netsim: Tool = async (p) => {
  const [, cmd, ...args] = p.argv;
  try {
    if (cmd === 'trace') return await trace(p, args);
    if (cmd === undefined || cmd === '-h' || cmd === '--help') {
      (cmd ? p.stdout : p.stderr)(USAGE);
      return cmd ? 0 : 2;
    }
    p.stderr(`netsim: '${cmd}' is not available inside a world (only 'trace' is)\n`);
    return 2;
  } catch (e) {
    if (!(e instanceof TraceUsage)) throw e;
    p.stderr(`netsim trace: ${e.message}\n${USAGE}`);
    return 2;
  }
};
