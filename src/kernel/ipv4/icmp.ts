// net/ipv4/icmp.c: receiving ICMP (echo -> echo reply, errors -> the sockets and protocols
// they concern) and sending ICMP errors (icmp_send), with Linux's rate limits: the global
// icmp_msgs_per_sec/icmp_msgs_burst bucket and the per-destination inet_peer token bucket
// (icmp_ratelimit, applied to the types in icmp_ratemask; echo replies are never limited).
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import { PACKET_HOST } from '../core/skbuff.js';
import { IFF_LOOPBACK } from '../core/if.js';
import { kfreeSkbReason, tracing } from '../core/neighbour.js';
import {
  ICMP_ECHOREPLY, ICMP_DEST_UNREACH, ICMP_SOURCE_QUENCH, ICMP_REDIRECT, ICMP_ECHO, ICMP_TIME_EXCEEDED,
  ICMP_PARAMETERPROB, ICMP_TIMESTAMP, ICMP_TIMESTAMPREPLY, ICMP_INFO_REQUEST, ICMP_INFO_REPLY, ICMP_ADDRESS,
  ICMP_ADDRESSREPLY, NR_ICMP_TYPES, NR_ICMP_UNREACH, ICMP_FRAG_NEEDED, ICMP_EXC_FRAGTIME,
} from '../../wire/icmp.js';
import {
  ipAllocSkb, ipSendSkb, readAddr, inetAddrTypeDevTable, ipMib, isRtable, IPPROTO_ICMP,
} from './ip_output.js';
import { ipRouteOutput, ipRouteOutputKey, inetSelectAddr, rtMtu, LOOPBACK_IFINDEX, type Rtable } from './route.js';
import { fibLookup } from './fib_rules.js';
import { flowi4Key } from './fib.js';
import {
  RT_SCOPE_LINK, RT_SCOPE_UNIVERSE, RTN_BROADCAST, RTCF_LOCAL, RTCF_BROADCAST, RTCF_MULTICAST,
} from './route_types.js';
import { inetProtocol } from './ip_input.js';
import { rawIcmpError } from './ping.js';
import { bindSysctlRecord } from '../sysctl.js';
import { EHOSTUNREACH, EMSGSIZE, EPROTO } from '../errno.js';

/** Per-namespace ICMP state: the net.ipv4.icmp_* sysctls (and the ip_* ones the datapath
 *  reads per packet), the MIB counters and the rate limiters. The sysctl tree reads and
 *  writes the `sysctl` record in place (bindSysctlRecord). */
export class IcmpNet {
  sysctl = {
    ip_default_ttl: 64,
    ip_no_pmtu_disc: 0,
    icmp_echo_ignore_all: 0,
    icmp_echo_enable_probe: 0,
    icmp_echo_ignore_broadcasts: 1,
    icmp_ignore_bogus_error_responses: 1,
    icmp_errors_use_inbound_ifaddr: 0,
    icmp_ratelimit: 1000,
    icmp_ratemask: 6168,
    icmp_msgs_per_sec: 1000,
    icmp_msgs_burst: 50,
  };
  mib = new IcmpMib();
  /** IcmpMsg: InType<N> / OutType<N> */
  inType = new Array<number>(256).fill(0);
  outType = new Array<number>(256).fill(0);
  /** icmp_global: the credit bucket. */
  globalCredit = -1;
  globalStamp = 0;
  /** inet_peer base: per remote address token bucket and redirect state. */
  peers = new Map<number, InetPeer>();
}

export interface InetPeer {
  rateTokens: number;
  rateLast: number;
  nRedirects: number;
}

/** The Icmp: line of /proc/net/snmp (the per-type counts come from IcmpMsg). */
export class IcmpMib {
  InMsgs = 0; InErrors = 0; InCsumErrors = 0; InRateLimitHost = 0;
  OutMsgs = 0; OutErrors = 0; OutRateLimitGlobal = 0; OutRateLimitHost = 0;
}

export function icmpNet(ns: Netns): IcmpNet {
  let s = ns.proto.icmp4 as IcmpNet | undefined;
  if (!s) ns.proto.icmp4 = s = new IcmpNet();
  return s;
}

/** inet_getpeer_v4(): created with a full bucket (rate_last 60 s in the past). */
function getPeer(ns: Netns, addr: number): InetPeer {
  const st = icmpNet(ns);
  let p = st.peers.get(addr);
  if (!p) {
    p = { rateTokens: 0, rateLast: ns.kernel.clock.now() - 60000, nRedirects: 0 };
    st.peers.set(addr, p);
  }
  return p;
}

/** The token bucket inet_peer_xrlim_allow() and ip_error() run on a peer (times in ms). */
export function icmpPeerAllow(ns: Netns, addr: number, cost: number, burst: number): boolean {
  const p = getPeer(ns, addr);
  const now = Math.floor(ns.kernel.clock.now());
  let token = p.rateTokens + (now - Math.floor(p.rateLast));
  p.rateLast = now;
  if (token > burst) token = burst;
  let ok = false;
  if (token >= cost) {
    token -= cost;
    ok = true;
  }
  p.rateTokens = token;
  return ok;
}

/** The ip_rt_send_redirect() peer state. */
export function inetPeer(ns: Netns, addr: number): InetPeer {
  return getPeer(ns, addr);
}

function isError(type: number): boolean {
  return type === ICMP_DEST_UNREACH || type === ICMP_SOURCE_QUENCH || type === ICMP_REDIRECT ||
    type === ICMP_TIME_EXCEEDED || type === ICMP_PARAMETERPROB;
}

/** icmpv4_mask_allow() */
function maskAllow(ns: Netns, type: number, code: number): boolean {
  if (type > NR_ICMP_TYPES) return true;
  if (type === ICMP_DEST_UNREACH && code === ICMP_FRAG_NEEDED) return true;
  return !((1 << type) & icmpNet(ns).sysctl.icmp_ratemask);
}

/** icmp_global_allow(): icmp_msgs_per_sec with a burst of icmp_msgs_burst. */
function icmpGlobalAllow(ns: Netns): boolean {
  const st = icmpNet(ns);
  const now = Math.floor(ns.kernel.clock.now());
  const burst = st.sysctl.icmp_msgs_burst;
  if (st.globalCredit < 0) {
    st.globalCredit = burst;
    st.globalStamp = now;
  }
  const delta = Math.min(now - st.globalStamp, 1000);
  if (delta >= 20) {
    const incr = Math.floor((st.sysctl.icmp_msgs_per_sec * delta) / 1000);
    if (incr) {
      st.globalCredit = Math.min(st.globalCredit + incr, burst);
      st.globalStamp = now;
    }
  }
  if (st.globalCredit > 0) {
    st.globalCredit--;
    return true;
  }
  st.mib.OutRateLimitGlobal++;
  return false;
}

/** icmpv4_xrlim_allow(): the per-destination limit (not for loopback destinations). */
function xrlimAllow(ns: Netns, rt: Rtable, daddr: number, type: number, code: number): boolean {
  if (maskAllow(ns, type, code)) return true;
  if (rt.dev.flags & IFF_LOOPBACK) return true;
  const t = icmpNet(ns).sysctl.icmp_ratelimit;
  const ok = icmpPeerAllow(ns, daddr, t, 6 * t);
  if (!ok) icmpNet(ns).mib.OutRateLimitHost++;
  return ok;
}

function countOut(ns: Netns, type: number): void {
  const st = icmpNet(ns);
  st.mib.OutMsgs++;
  st.outType[type]!++;
}

/** Writes an ICMP message (header + data) into a new skb and sends it. The data after the
 *  8-byte header is `dataLen` bytes copied from `src` at `srcOff`, then whatever `fill`
 *  writes; the checksum is computed here. */
function icmpPush(ns: Netns, rt: Rtable, saddr: number, daddr: number, tos: number, mark: number,
  type: number, code: number, rest: number, dataLen: number, src: Uint8Array | undefined, srcOff: number,
  fill?: (b: Uint8Array, o: number) => void, about?: SkBuff): void {
  const skb = ipAllocSkb(8 + dataLen);
  if (about?.nfct) {
    // nf_ct_attach() (icmp_glue_bits()): an error belongs to the connection of the packet it
    // is about, as RELATED in the opposite direction, even if that one was never confirmed.
    skb.nfct = about.nfct;
    skb.ctinfo = about.ctinfo < 3 ? 4 /* IP_CT_RELATED_REPLY */ : 1 /* IP_CT_RELATED */;
  }
  const b = skb.buf;
  const o = skb.off + 20;
  b[o] = type;
  b[o + 1] = code;
  b[o + 2] = 0;
  b[o + 3] = 0;
  b[o + 4] = rest >>> 24;
  b[o + 5] = (rest >>> 16) & 0xff;
  b[o + 6] = (rest >>> 8) & 0xff;
  b[o + 7] = rest & 0xff;
  if (src) {
    const d = o + 8;
    if (dataLen <= 64) for (let i = 0; i < dataLen; i++) b[d + i] = src[srcOff + i]!;
    else b.set(src.subarray(srcOff, srcOff + dataLen), d);
  }
  if (fill) fill(b, o + 8);
  const ck = inetCsum(b, o, 8 + dataLen);
  b[o + 2] = ck >> 8;
  b[o + 3] = ck & 0xff;
  countOut(ns, type);
  { const tr = tracing(ns); if (tr) tr({ fn: type === ICMP_ECHOREPLY ? 'icmp_reply' : 'icmp_send', ns, skb: about, type, code, saddr, daddr, sent: skb.traceId }); }
  // The ICMP socket does not set DF (IP_PMTUDISC_DONT).
  ipSendSkb(ns, rt, skb, { saddr, daddr, proto: IPPROTO_ICMP, tos, pmtudisc: 0, mark });
}

/** The internet checksum of b[o, o+len). */
export function inetCsum(b: Uint8Array, o: number, len: number): number {
  let s = 0;
  const end = o + len - 1;
  let i = o;
  for (; i < end; i += 2) s += (b[i]! << 8) | b[i + 1]!;
  if (i === end) s += b[i]! << 8;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** __icmp_send(): an error about `skbIn` (whose network header is at skbIn.networkOffset)
 *  back to its source. */
export function icmpSend(ns: Netns, skbIn: SkBuff, type: number, code: number, info: number): void {
  const rtIn = isRtable(skbIn.dst) ? skbIn.dst : undefined;
  if (!rtIn) return;
  const b = skbIn.buf;
  const nh = skbIn.networkOffset >= 0 ? skbIn.networkOffset : skbIn.off;
  if (nh + 20 > b.length) return;
  if (skbIn.pktType !== PACKET_HOST) return;
  if (rtIn.flags & (RTCF_BROADCAST | RTCF_MULTICAST)) return;
  const fragOff = ((b[nh + 6]! << 8) | b[nh + 7]!) & 0x1fff;
  if (fragOff) return;
  const ihl = (b[nh]! & 0x0f) * 4;
  const isrc = readAddr(b, nh + 12);
  const idst = readAddr(b, nh + 16);
  if (isError(type) && b[nh + 9] === IPPROTO_ICMP) {
    const it = b[nh + ihl];
    if (it === undefined) return;
    if (it > NR_ICMP_TYPES || isError(it)) return;
  }
  const inDev = skbIn.dev;
  if (!(inDev && inDev.flags & IFF_LOOPBACK) && !maskAllow(ns, type, code) && !icmpGlobalAllow(ns)) return;
  let saddr = idst;
  if (!(rtIn.flags & RTCF_LOCAL)) {
    saddr = 0;
    if (rtIn.isInput && icmpNet(ns).sysctl.icmp_errors_use_inbound_ifaddr) {
      const dev = ns.devByIndex(rtIn.iif || skbIn.iif);
      if (dev) saddr = inetSelectAddr(dev, isrc, RT_SCOPE_LINK);
    }
  }
  const itos = b[nh + 1]!;
  const tos = isError(type) ? (itos & 0x1e) | 0xc0 : itos;
  // icmp_route_lookup()
  const rt = ipRouteOutput(ns, { dst: isrc, src: saddr, tos: tos & 0x1e, proto: IPPROTO_ICMP });
  if (typeof rt === 'number') return;
  if (!xrlimAllow(ns, rt, isrc, type, code)) return;
  let room = Math.min(rtMtu(rt), 576);
  room -= 20 + 8;
  if (room <= 20) return;
  const total = skbIn.buf.length - nh;
  const dataLen = Math.min(total, room);
  icmpPush(ns, rt, rt.fl.saddr || 0xc0000008 /* INADDR_DUMMY */, isrc, tos, 0, type, code, info >>> 0, dataLen, b, nh,
    undefined, skbIn);
}

/** fib_compute_spec_dst(): the source address for a reply to a received packet. */
function specDst(ns: Netns, skb: SkBuff, rt: Rtable): number {
  const b = skb.buf;
  const nh = skb.networkOffset;
  if (((rt.flags & (RTCF_BROADCAST | RTCF_MULTICAST | RTCF_LOCAL)) >>> 0) === RTCF_LOCAL) return readAddr(b, nh + 16);
  const saddr = readAddr(b, nh + 12);
  const dev = skb.dev!;
  if (saddr) {
    const res = fibLookup(ns, flowi4Key(saddr, 0, 0, LOOPBACK_IFINDEX, 0, b[nh + 1]! & 0x1c, RT_SCOPE_UNIVERSE, 0, 0, 0, 0));
    if (typeof res !== 'number') {
      if (res.fi?.prefsrc) return res.fi.prefsrc;
      const nhd = res.nh;
      return nhd?.dev ? inetSelectAddr(nhd.dev, nhd.gw, res.fi?.scope ?? RT_SCOPE_UNIVERSE) : 0;
    }
    return inetSelectAddr(dev, 0, RT_SCOPE_UNIVERSE);
  }
  return inetSelectAddr(dev, 0, RT_SCOPE_LINK);
}

/** icmp_echo() -> icmp_reply() */
function icmpEcho(ns: Netns, skb: SkBuff, rtIn: Rtable): void {
  const st = icmpNet(ns);
  if (st.sysctl.icmp_echo_ignore_all) return;
  const b = skb.buf;
  const nh = skb.networkOffset;
  const o = skb.off; // at the ICMP header
  const daddr = readAddr(b, nh + 12);
  const saddr = specDst(ns, skb, rtIn);
  const tos = b[nh + 1]!;
  const rt = ipRouteOutputKey(ns, daddr, saddr, 0, 0, tos & 0x1c, RT_SCOPE_UNIVERSE, IPPROTO_ICMP, 0, 0, 0, false);
  if (typeof rt === 'number') return;
  if (!xrlimAllow(ns, rt, daddr, ICMP_ECHOREPLY, 0)) return;
  const dataLen = skb.len - 8;
  const rest = ((b[o + 4]! << 24) | (b[o + 5]! << 16) | (b[o + 6]! << 8) | b[o + 7]!) >>> 0;
  icmpPush(ns, rt, rt.fl.saddr || saddr, daddr, tos, 0, ICMP_ECHOREPLY, 0, rest, dataLen, b, o + 8);
}

/** icmp_err_convert[]: the errno of each "destination unreachable" code, and whether it is
 *  fatal to a connection in progress. */
const ICMP_ERR_CONVERT: [number, boolean][] = [
  [101, false], // NET_UNREACH: ENETUNREACH
  [113, false], // HOST_UNREACH: EHOSTUNREACH
  [92, true], // PROT_UNREACH: ENOPROTOOPT
  [111, true], // PORT_UNREACH: ECONNREFUSED
  [90, false], // FRAG_NEEDED: EMSGSIZE
  [95, false], // SR_FAILED: EOPNOTSUPP
  [101, true], // NET_UNKNOWN
  [112, true], // HOST_UNKNOWN: EHOSTDOWN
  [64, true], // HOST_ISOLATED: ENONET
  [101, true], // NET_ANO
  [113, true], // HOST_ANO
  [101, false], // NET_UNR_TOS
  [113, false], // HOST_UNR_TOS
  [113, true], // PKT_FILTERED
  [113, true], // PREC_VIOLATION
  [113, true], // PREC_CUTOFF
];

/** The errno an ICMP error means to a socket (udp_err(), tcp_v4_err(), raw_err()). */
export function icmpErrConvert(type: number, code: number): { err: number; fatal: boolean } {
  switch (type) {
    case ICMP_PARAMETERPROB: return { err: EPROTO, fatal: true };
    case ICMP_DEST_UNREACH: {
      if (code === ICMP_FRAG_NEEDED) return { err: EMSGSIZE, fatal: false };
      const c = ICMP_ERR_CONVERT[code];
      return c ? { err: c[0], fatal: c[1] } : { err: EHOSTUNREACH, fatal: false };
    }
    default: return { err: EHOSTUNREACH, fatal: false };
  }
}

/** icmp_unreach() (dest unreachable, time exceeded, parameter problem, source quench) and
 *  icmp_redirect(): hand the error to the raw sockets and the protocol of the quoted packet. */
function icmpUnreach(ns: Netns, skb: SkBuff, type: number, code: number): void {
  const b = skb.buf;
  const o = skb.off;
  if (skb.len < 8 + 20) return;
  const q = o + 8; // quoted IP header
  if ((b[q]! & 0x0f) < 5) return;
  let info = 0;
  switch (type) {
    case ICMP_DEST_UNREACH:
      if ((code & 15) === ICMP_FRAG_NEEDED) info = (b[o + 6]! << 8) | b[o + 7]!;
      if (code > NR_ICMP_UNREACH) return;
      break;
    case ICMP_PARAMETERPROB:
      info = b[o + 4]!;
      break;
    case ICMP_TIME_EXCEEDED:
      if (code === ICMP_EXC_FRAGTIME) return;
      break;
    case ICMP_REDIRECT:
      info = readAddr(b, o + 4);
      break;
  }
  if (!icmpNet(ns).sysctl.icmp_ignore_bogus_error_responses &&
    inetAddrTypeDevTable(ns, skb.dev, readAddr(b, q + 16)) === RTN_BROADCAST) return;
  const qhl = (b[q]! & 0x0f) * 4;
  if (skb.len < 8 + qhl + 8) return;
  const protocol = b[q + 9]!;
  // icmp_socket_deliver()
  rawIcmpError(ns, skb, protocol, type, code, info);
  inetProtocol(protocol)?.errHandler?.(ns, skb, type, code, info);
}

/** icmp_rcv(): skb.data is at the ICMP header. (ip_input.ts registers it for protocol 1.) */
export function icmpRcv(ns: Netns, skb: SkBuff): void {
  const st = icmpNet(ns);
  const rt = skb.dst as Rtable;
  st.mib.InMsgs++;
  const b = skb.buf;
  const o = skb.off;
  const len = skb.len;
  if (len < 8) {
    st.mib.InErrors++;
    kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL');
    return;
  }
  if (inetCsum(b, o, len) !== 0) {
    st.mib.InCsumErrors++;
    st.mib.InErrors++;
    kfreeSkbReason(ns, skb, 'ICMP_CSUM');
    return;
  }
  const type = b[o]!;
  const code = b[o + 1]!;
  st.inType[type]!++;
  if (type > NR_ICMP_TYPES) {
    st.mib.InErrors++;
    kfreeSkbReason(ns, skb, 'UNHANDLED_PROTO');
    return;
  }
  if (rt.flags & (RTCF_BROADCAST | RTCF_MULTICAST)) {
    if ((type === ICMP_ECHO || type === ICMP_TIMESTAMP) && st.sysctl.icmp_echo_ignore_broadcasts) {
      st.mib.InErrors++;
      kfreeSkbReason(ns, skb, 'INVALID_PROTO');
      return;
    }
    if (type !== ICMP_ECHO && type !== ICMP_TIMESTAMP && type !== ICMP_ADDRESS && type !== ICMP_ADDRESSREPLY) {
      st.mib.InErrors++;
      kfreeSkbReason(ns, skb, 'INVALID_PROTO');
      return;
    }
  }
  { const tr = tracing(ns); if (tr) tr({ fn: 'icmp_rcv', ns, dev: skb.dev, skb, type, code }); }
  switch (type) {
    case ICMP_ECHO:
      icmpEcho(ns, skb, rt);
      break;
    case ICMP_DEST_UNREACH:
    case ICMP_TIME_EXCEEDED:
    case ICMP_PARAMETERPROB:
    case ICMP_SOURCE_QUENCH:
    case ICMP_REDIRECT:
      icmpUnreach(ns, skb, type, code);
      break;
    case ICMP_TIMESTAMP:
      icmpTimestamp(ns, skb, rt);
      break;
    case ICMP_ECHOREPLY: case ICMP_TIMESTAMPREPLY: case ICMP_INFO_REQUEST: case ICMP_INFO_REPLY:
    case ICMP_ADDRESS: case ICMP_ADDRESSREPLY:
    default:
      // icmp_discard(): raw sockets (ping) already have their copy.
      break;
  }
}

/** icmp_timestamp(): milliseconds since midnight UT, from the world clock. */
function icmpTimestamp(ns: Netns, skb: SkBuff, rtIn: Rtable): void {
  if (skb.len < 8 + 12) return;
  const b = skb.buf;
  const nh = skb.networkOffset;
  const o = skb.off;
  const daddr = readAddr(b, nh + 12);
  const saddr = specDst(ns, skb, rtIn);
  const rt = ipRouteOutput(ns, { dst: daddr, src: saddr, proto: IPPROTO_ICMP });
  if (typeof rt === 'number') return;
  const ms = Math.floor(ns.kernel.clock.now()) % 86400000;
  const rest = ((b[o + 4]! << 24) | (b[o + 5]! << 16) | (b[o + 6]! << 8) | b[o + 7]!) >>> 0;
  icmpPush(ns, rt, rt.fl.saddr || saddr, daddr, b[nh + 1]!, 0, ICMP_TIMESTAMPREPLY, 0, rest, 12, b, o + 8, (ob, oo) => {
    for (const at of [oo + 4, oo + 8]) {
      ob[at] = ms >>> 24;
      ob[at + 1] = (ms >>> 16) & 0xff;
      ob[at + 2] = (ms >>> 8) & 0xff;
      ob[at + 3] = ms & 0xff;
    }
  });
}

void ipMib;

// net.ipv4.icmp_*, ip_default_ttl and ip_no_pmtu_disc live in IcmpNet.sysctl.
bindSysctlRecord('net/ipv4', (ns) => icmpNet(ns).sysctl);
