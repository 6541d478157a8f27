// `netsim` inside an emulated world: what no real tool gives.
//   netsim trace [-j] NETNS PROTO SRC[:PORT] > DST[:PORT] [FLAG...] [ttl N] [len N] [mark N]
// (IPv4, or IPv6 with addresses in brackets before a port: [2001:db8::1]:80)
// sends one packet from NETNS as if a program there had sent it (no socket is needed) and
// prints every step of its path, and of the packets it provokes (ARP, replies, ICMP errors,
// resets), as text or JSON lines.
import type { Process, Tool } from './process.js';
import type { Netns } from '../kernel/net_namespace.js';
import { parseIPv4, parseIPv6 } from '../wire/inet.js';
import { emitTcp, TCPHDR_ACK, TCPHDR_FIN, TCPHDR_PSH, TCPHDR_RST, TCPHDR_SYN, TCPHDR_URG } from '../wire/tcp.js';
import { emitUdp } from '../wire/udp.js';
import { emitIcmp, icmpEcho } from '../wire/icmp.js';
import { emitIcmpv6, icmpv6Echo, ICMPV6_ECHO_REPLY, ICMPV6_ECHO_REQUEST } from '../wire/icmpv6.js';
import { ip6BuildSkb, ip6Output, ip6RouteOutput, IPV6_DEFAULT_HOPLIMIT } from '../kernel/ipv6/ip6_output.js';
import { IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_TCP, IPPROTO_UDP } from '../wire/ipv4.js';
import { ipAllocSkb, ipSendSkb } from '../kernel/ipv4/ip_output.js';
import { ipRouteOutput } from '../kernel/ipv4/route.js';
import { TraceRecorder } from '../trace/record.js';
import { renderJson, renderText } from '../trace/text.js';
import { strerror } from '../kernel/errno.js';

const USAGE = `Usage: netsim trace [-j|--json] NETNS PROTO SRC[:PORT] '>' DST[:PORT] [FLAG...] [OPTION...]
Send one packet from the network namespace NETNS ("init_net" for the initial one) and print
its path through the emulated kernel, and that of every packet it provokes.
  PROTO    tcp, udp or icmp (ICMPv6 for IPv6 addresses)
  SRC, DST an IPv4 or IPv6 address, with :PORT for tcp and udp ([ADDRESS]:PORT for IPv6)
  FLAG     tcp: syn ack fin rst psh urg (default syn); icmp: echo-request (default) echo-reply
  OPTION   ttl N (the hop limit for IPv6), len N (payload bytes), mark N, id N (icmp id), seq N
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
  /** The IPv6 addresses, for an IPv6 packet (src/dst are then 0). */
  src6?: Uint8Array;
  dst6?: Uint8Array;
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

/** ADDRESS[:PORT]: an IPv4 address, or an IPv6 one (in brackets when a port follows, as in
 *  [2001:db8::1]:80). */
function endpoint(s: string | undefined, withPort: boolean, what: string): { addr: number; addr6?: Uint8Array; port: number } {
  if (s === undefined) throw new TraceUsage(`missing ${what}`);
  let a = s, portText: string | undefined;
  const bracket = /^\[([^\]]*)\](?::(.*))?$/.exec(s);
  if (bracket) {
    a = bracket[1]!;
    portText = bracket[2];
  } else if (!s.includes('::') && s.split(':').length === 2) {
    [a, portText] = s.split(':') as [string, string];
  }
  const addr = parseIPv4(a);
  const addr6 = addr === undefined ? parseIPv6(a) : undefined;
  if (addr === undefined && !addr6) throw new TraceUsage(`invalid address '${a}'`);
  if (!withPort) {
    if (portText !== undefined) throw new TraceUsage(`'${s}': icmp has no ports`);
    return { addr: addr ?? 0, addr6, port: 0 };
  }
  if (portText === undefined) throw new TraceUsage(`'${s}': ADDRESS:PORT expected${addr6 ? ' ([ADDRESS]:PORT for IPv6)' : ''}`);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new TraceUsage(`invalid port '${portText}'`);
  return { addr: addr ?? 0, addr6, port };
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
  if (!src.addr6 !== !dst.addr6) throw new TraceUsage('source and destination must be of one family');
  const spec: PacketSpec = { proto, src: src.addr, dst: dst.addr, sport: src.port, dport: dst.port, flags: 0, icmpType: 8, len: 0, mark: 0 };
  if (src.addr6) {
    spec.src6 = src.addr6;
    spec.dst6 = dst.addr6;
  }
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

/** The transport header and payload of the packet, checksummed for its addresses. */
function transport(ns: Netns, p: PacketSpec, into: Uint8Array): void {
  const rnd = ns.kernel.random;
  const ip = p.src6 ? { src: p.src6, dst: p.dst6! } : { src: p.src, dst: p.dst };
  if (p.proto === IPPROTO_TCP) {
    emitTcp({
      srcPort: p.sport, dstPort: p.dport, seq: p.seq ?? rnd.u32(), flags: p.flags, window: 64240,
      ackSeq: p.flags & TCPHDR_ACK ? rnd.u32() : 0, payload: new Uint8Array(p.len),
    }, into, ip);
  } else if (p.proto === IPPROTO_UDP) {
    emitUdp({ srcPort: p.sport, dstPort: p.dport, payload: new Uint8Array(p.len) }, into, ip);
  } else if (p.src6) {
    const type = p.icmpType === 8 ? ICMPV6_ECHO_REQUEST : ICMPV6_ECHO_REPLY;
    emitIcmpv6(icmpv6Echo(type, p.id ?? rnd.u32() & 0xffff, p.seq ?? 1, new Uint8Array(p.len)), into, { src: p.src6, dst: p.dst6! });
  } else {
    emitIcmp(icmpEcho(p.icmpType, p.id ?? rnd.u32() & 0xffff, p.seq ?? 1, new Uint8Array(p.len)), into);
  }
}

/** ip6_local_out() of a packet built as a raw IPv6 socket would. */
function inject6(ns: Netns, p: PacketSpec): number {
  const route = ip6RouteOutput(ns, { dst: p.dst6!, src: p.src6, mark: p.mark });
  if (typeof route === 'number') return route;
  const nexthdr = p.proto === IPPROTO_ICMP ? IPPROTO_ICMPV6 : p.proto;
  const payload = new Uint8Array((p.proto === IPPROTO_TCP ? 20 : 8) + p.len);
  transport(ns, p, payload);
  const skb = ip6BuildSkb({ src: p.src6!, dst: p.dst6!, nexthdr, hoplimit: p.ttl ?? IPV6_DEFAULT_HOPLIMIT }, payload);
  skb.mark = p.mark;
  return ip6Output(ns, skb, route, true);
}

/** Builds the datagram and hands it to ip_local_out() as a raw socket would. Returns 0 or a
 *  positive errno from the route lookup. */
function inject(ns: Netns, p: PacketSpec): number {
  if (p.src6) return inject6(ns, p);
  const rt = ipRouteOutput(ns, { dst: p.dst, src: p.src, proto: p.proto, sport: p.sport, dport: p.dport, mark: p.mark, anySrc: true });
  if (typeof rt === 'number') return rt;
  const hlen = p.proto === IPPROTO_TCP ? 20 : 8;
  const skb = ipAllocSkb(hlen + p.len);
  const th = skb.off + 20;
  transport(ns, p, skb.buf.subarray(th, th + hlen + p.len));
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
  // The hook installed before (netsim run --trace, netsim ui) still sees every event: this
  // command prints the path, the others keep their own record of the world's packets.
  const outer = k.trace;
  k.trace = outer ? (ev) => { rec.hook(ev); outer(ev); } : rec.hook;
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
