// net/ipv6/icmp.c: ICMPv6 input (checksum, echo requests answered, errors handed to the
// sockets whose packet caused them, neighbour discovery passed to ndisc) and icmp6_send()
// for the errors the stack raises (address unreachable, hop limit exceeded, ...).
import type { NetDevice } from '../core/netdevice.js';
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import { PACKET_HOST } from '../core/skbuff.js';
import { IFF_LOOPBACK } from '../core/if.js';
import { kfreeSkbReason } from '../core/neighbour.js';
import { pseudoHeaderSum6, internetChecksum } from '../../wire/checksum.js';
import { emitIcmpv6 } from '../../wire/icmpv6.js';
import {
  ipv6AddrType, ipv6AddrIsMulticast, IPV6_ADDR_ANY, IPV6_ADDR_MULTICAST, IPV6_ADDR_LINKLOCAL,
  IPV6_ADDR_LOOPBACK,
} from './addr.js';
import { ipv6ChkAddr, in6DevGet } from './addrconf.js';
import { ipv6Net } from './devconf.js';
import { ip6BuildSkb, ip6Output, ip6RouteOutput, ip6AutoFlowlabel, ip6Info } from './ip6_output.js';
import type { Inet6RcvContext } from './ip6_input.js';
import { ndiscRcv } from './ndisc.js';
import { ip6Stats } from './stats.js';
import { icmp6DeliverEchoReply, icmp6DeliverError } from './ping.js';

export const ICMPV6_DEST_UNREACH = 1, ICMPV6_PKT_TOOBIG = 2, ICMPV6_TIME_EXCEED = 3, ICMPV6_PARAMPROB = 4;
export const ICMPV6_ECHO_REQUEST = 128, ICMPV6_ECHO_REPLY = 129;
export const ICMPV6_NOROUTE = 0, ICMPV6_ADM_PROHIBITED = 1, ICMPV6_NOT_NEIGHBOUR = 2,
  ICMPV6_ADDR_UNREACH = 3, ICMPV6_PORT_UNREACH = 4, ICMPV6_POLICY_FAIL = 5, ICMPV6_REJECT_ROUTE = 6;
export const ICMPV6_EXC_HOPLIMIT = 0, ICMPV6_EXC_FRAGTIME = 1;
export const ICMPV6_HDR_FIELD = 0, ICMPV6_UNK_NEXTHDR = 1, ICMPV6_UNK_OPTION = 2;

/** Errors quote as much of the packet as keeps the reply within the minimum MTU. */
const ICMPV6_ERR_QUOTE_MAX = 1280 - 40 - 8;

function countIn(ns: Netns, type: number): void {
  const st = ip6Stats(ns);
  st.Icmp6InMsgs++;
  st.icmpIn[type] = (st.icmpIn[type] ?? 0) + 1;
}

function countOut(ns: Netns, type: number): void {
  const st = ip6Stats(ns);
  st.Icmp6OutMsgs++;
  st.icmpOut[type] = (st.icmpOut[type] ?? 0) + 1;
}

/** icmpv6_rcv() */
export function icmpv6Rcv(skb: SkBuff, ctx: Inet6RcvContext): void {
  const { ns, off, len } = ctx;
  const b = skb.buf;
  const nh = skb.networkOffset;
  const st = ip6Stats(ns);
  if (len < 4) {
    st.Icmp6InErrors++;
    kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL', ctx.iif);
    return;
  }
  const sum = pseudoHeaderSum6(b, b, 58, len, nh + 8, nh + 24);
  if (internetChecksum(b, off, len, sum) !== 0) {
    st.Icmp6InCsumErrors++;
    st.Icmp6InErrors++;
    kfreeSkbReason(ns, skb, 'ICMP_CSUM', ctx.iif);
    return;
  }
  const type = b[off]!;
  countIn(ns, type);
  if (type < 128) {
    // icmpv6_notify(): the quoted packet names the socket.
    if (len < 8 + 40) return;
    icmp6DeliverError(ns, skb, ctx);
    return;
  }
  switch (type) {
    case ICMPV6_ECHO_REQUEST: {
      const net = ipv6Net(ns);
      if (net.icmp.echo_ignore_all) return;
      if (ctx.multicast && net.icmp.echo_ignore_multicast) return;
      icmpv6EchoReply(ns, skb, ctx);
      return;
    }
    case ICMPV6_ECHO_REPLY:
      icmp6DeliverEchoReply(ns, skb, ctx);
      return;
    case 133: case 134: case 135: case 136: case 137:
      if (len < 8) return;
      // ndisc_rcv() wants the receiving device as skb->dev.
      ndiscRcv(skb, off, len);
      return;
    default:
      // MLD queries/reports and the rest: nothing to do on a host here.
      return;
  }
}

/** icmpv6_echo_reply() */
function icmpv6EchoReply(ns: Netns, skb: SkBuff, ctx: Inet6RcvContext): void {
  const b = skb.buf;
  const nh = skb.networkOffset;
  const reqSrc = b.slice(nh + 8, nh + 24);
  const reqDst = b.slice(nh + 24, nh + 40);
  const tclass = ((b[nh]! & 0x0f) << 4) | (b[nh + 1]! >> 4);
  // A reply to a group request comes from one of our addresses chosen for the requester.
  const saddr = ipv6AddrIsMulticast(reqDst) ? undefined : reqDst;
  const r = ip6RouteOutput(ns, { dst: reqSrc, src: saddr, oif: ctx.iif.ifindex });
  if (typeof r === 'number') return;
  const data = b.subarray(ctx.off + 8, ctx.off + ctx.len);
  const id = (b[ctx.off + 4]! << 8) | b[ctx.off + 5]!;
  const seq = (b[ctx.off + 6]! << 8) | b[ctx.off + 7]!;
  const rec = { type: ICMPV6_ECHO_REPLY, code: 0, rest: ((id << 16) | seq) >>> 0, data };
  const icmp = emitIcmpv6(rec, undefined, { src: r.src, dst: reqSrc });
  const hop = in6DevGet(r.rt.dev)?.cnf.hop_limit ?? 64;
  const flow = ip6AutoFlowlabel(ns, r.src, reqSrc, 58, ICMPV6_ECHO_REPLY << 8);
  const out = ip6BuildSkb({ src: r.src, dst: reqSrc, nexthdr: 58, hoplimit: hop, tclass, flowlabel: flow }, icmp);
  countOut(ns, ICMPV6_ECHO_REPLY);
  ip6Output(ns, out, r, true);
}

/** is_ineligible(): never answer an ICMPv6 error (or a packet we cannot parse) with one. */
function isIneligible(skb: SkBuff): boolean {
  const b = skb.buf;
  const nh = skb.networkOffset;
  let nexthdr = b[nh + 6]!;
  let p = nh + 40;
  while (nexthdr === 0 || nexthdr === 60 || nexthdr === 43) {
    if (p + 2 > b.length) return true;
    nexthdr = b[p]!;
    p += (b[p + 1]! + 1) * 8;
  }
  if (nexthdr === 58) {
    if (p >= b.length) return true;
    return b[p]! < 128; // an error message
  }
  return false;
}

/** The interface an ICMP error about `skb` is bound to (icmp6_iif()). */
function icmp6Iif(skb: SkBuff, fallback: NetDevice | undefined): NetDevice | undefined {
  const dev = skb.dev ?? fallback;
  if (dev && dev.flags & IFF_LOOPBACK) {
    const info = ip6Info(skb);
    if (info?.localDev) return info.localDev;
    if (info?.rt) return info.rt.dev;
  }
  return dev;
}

/** inet_getpeer_v6()'s rate state per destination: tokens and the time they were counted. */
const rateState = new WeakMap<Netns, Map<string, { tokens: number; last: number }>>();

/** icmpv6_xrlim_allow(): inet_peer_xrlim_allow()'s token bucket per destination, each error
 *  costing net.ipv6.icmp.ratelimit ms, less for a wider route ("give more bandwidth to wider
 *  prefixes": halved per 32 bits the route's prefix is shorter than /128), and holding up to
 *  XRLIM_BURST_FACTOR (6) of them; a new peer starts full (destinations reached through lo
 *  are never limited). */
function icmpv6XrlimAllow(ns: Netns, type: number, dst: Uint8Array, viaLoopback: boolean, plen: number): boolean {
  if (type >= 128 || type === ICMPV6_PKT_TOOBIG) return true;
  if (viaLoopback) return true;
  let tmo = ipv6Net(ns).icmp.ratelimit;
  if (!tmo) return true;
  if (plen < 128) tmo >>= (128 - plen) >> 5;
  let m = rateState.get(ns);
  if (!m) rateState.set(ns, (m = new Map()));
  const key = [...dst].join('.');
  const now = Math.floor(ns.kernel.clock.now());
  let p = m.get(key);
  if (!p) m.set(key, (p = { tokens: 0, last: now - 60000 }));
  let token = Math.min(p.tokens + (now - p.last), 6 * tmo);
  p.last = now;
  let ok = false;
  if (token >= tmo) {
    token -= tmo;
    ok = true;
  }
  p.tokens = token;
  return ok;
}

/** icmp6_send(): an error about `skb` (skb.networkOffset at its IPv6 header) to its sender. */
export function icmpv6Send(ns: Netns, skb: SkBuff, type: number, code: number, info: number, devHint?: NetDevice): void {
  const b = skb.buf;
  const nh = skb.networkOffset;
  if (nh < 0 || nh + 40 > b.length) return;
  const hdrSrc = b.slice(nh + 8, nh + 24);
  const hdrDst = b.slice(nh + 24, nh + 40);
  const dev = skb.dev ?? devHint;
  let saddr: Uint8Array | undefined;
  if (ipv6ChkAddr(ns, hdrDst, dev, 0)) saddr = hdrDst;
  const dstType = ipv6AddrType(hdrDst);
  if (dstType & IPV6_ADDR_MULTICAST || skb.pktType !== PACKET_HOST) {
    if (type !== ICMPV6_PKT_TOOBIG && !(type === ICMPV6_PARAMPROB && code === ICMPV6_UNK_OPTION)) return;
    saddr = undefined;
  }
  const srcType = ipv6AddrType(hdrSrc);
  if (srcType === IPV6_ADDR_ANY || srcType & IPV6_ADDR_MULTICAST) return;
  if (isIneligible(skb)) return;
  const needsScope = (srcType & (IPV6_ADDR_LINKLOCAL | IPV6_ADDR_LOOPBACK)) !== 0;
  const iif = icmp6Iif(skb, devHint);
  const r = ip6RouteOutput(ns, { dst: hdrSrc, src: saddr, oif: needsScope ? iif?.ifindex : undefined });
  if (typeof r === 'number') return;
  if (!icmpv6XrlimAllow(ns, type, hdrSrc, (r.dev.flags & IFF_LOOPBACK) !== 0, r.rt.plen)) return;
  const quote = b.subarray(nh, Math.min(b.length, nh + ICMPV6_ERR_QUOTE_MAX));
  const icmp = emitIcmpv6({ type, code, rest: info >>> 0, data: quote }, undefined, { src: r.src, dst: hdrSrc });
  const hop = in6DevGet(r.rt.dev)?.cnf.hop_limit ?? 64;
  const flow = ip6AutoFlowlabel(ns, r.src, hdrSrc, 58, (type << 8) | code);
  const out = ip6BuildSkb({ src: r.src, dst: hdrSrc, nexthdr: 58, hoplimit: hop, flowlabel: flow }, icmp);
  if (skb.nfct && type < 128) {
    // nf_ct_attach() (icmpv6_getfrag()): an error belongs to the connection of the packet it
    // is about, as RELATED in the opposite direction, even if that one was never confirmed.
    out.nfct = skb.nfct;
    out.ctinfo = skb.ctinfo < 3 ? 4 /* IP_CT_RELATED_REPLY */ : 1 /* IP_CT_RELATED */;
  }
  countOut(ns, type);
  ip6Output(ns, out, r, true);
}
