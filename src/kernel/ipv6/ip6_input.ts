// net/ipv6/ip6_input.c + ip6_forward() (net/ipv6/ip6_output.c): ipv6_rcv() with its header
// checks, the input route (local / multicast / forward), hop-by-hop options, delivery to
// the upper-layer protocols (inet6_add_protocol()), and forwarding when
// net.ipv6.conf.all.forwarding is set. The IPv6 netfilter hooks (NF_HOOK(NFPROTO_IPV6, ...))
// are called here: PRE_ROUTING in ipv6_rcv(), LOCAL_IN in ip6_input(), FORWARD in
// ip6_forward(); LOCAL_OUT and POST_ROUTING in ip6_output.ts.
import type { NetDevice } from '../core/netdevice.js';
import type { Netns } from '../net_namespace.js';
import { SkBuff, PACKET_OTHERHOST, PACKET_LOOPBACK, PACKET_HOST } from '../core/skbuff.js';
import { IFF_LOOPBACK } from '../core/if.js';
import { kfreeSkbReason, tracing } from '../core/neighbour.js';
import { rt6Facts } from './ip6_output.js';
import { NEXTHDR_HOP, NEXTHDR_NONE, NEXTHDR_DEST, NEXTHDR_ICMP, NEXTHDR_FRAGMENT, NEXTHDR_ROUTING } from '../../wire/ipv6.js';
import {
  ipv6AddrType, ipv6AddrIsMulticast, ipv6AddrIsLoopback, IPV6_ADDR_MULTICAST, IPV6_ADDR_LOOPBACK,
  IPV6_ADDR_LINKLOCAL, IPV6_ADDR_ANY,
} from './addr.js';
import { in6DevGet } from './addrconf.js';
import { ipv6ChkMcastAddr } from './mcast.js';
import { ip6Fib, rt6NeedStrict, RTN_LOCAL, RTN_ANYCAST, RTN_UNICAST, type Rt6Result } from './addrconf_routes.js';
import { ip6Info, ip6OutputHooked, type Ip6SkbInfo } from './ip6_output.js';
import { nfHook6, NF_ACCEPT, NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_FORWARD } from './netfilter.js';
import { ipv6Net } from './devconf.js';
import { ip6Stats } from './stats.js';
import {
  icmpv6Rcv, icmpv6Send, ICMPV6_PARAMPROB, ICMPV6_UNK_NEXTHDR, ICMPV6_DEST_UNREACH, ICMPV6_NOROUTE,
  ICMPV6_TIME_EXCEED, ICMPV6_EXC_HOPLIMIT, ICMPV6_NOT_NEIGHBOUR, ICMPV6_PKT_TOOBIG, ICMPV6_ADM_PROHIBITED,
} from './icmp.js';

/** What an upper-layer handler gets: the packet (skb.networkOffset at the IPv6 header),
 *  where its header starts and how long it is, and the receiving interface as IP6CB()->iif. */
export interface Inet6RcvContext {
  ns: Netns;
  /** The interface the packet belongs to (for traffic looped through lo: the interface
   *  that owns the destination address). */
  iif: NetDevice;
  /** Offset in skb.buf of the upper-layer header and its length. */
  off: number;
  len: number;
  /** Offset in skb.buf of the next-header byte that named this protocol (for ICMP errors). */
  nhoff: number;
  /** The packet was addressed to a multicast group. */
  multicast: boolean;
}

export type Inet6Protocol = (skb: SkBuff, ctx: Inet6RcvContext) => void;

const protocols = new Map<number, Inet6Protocol>();

/** inet6_add_protocol(): UDP, TCP ... register their receive function by next header. */
export function inet6AddProtocol(nexthdr: number, handler: Inet6Protocol): void {
  protocols.set(nexthdr, handler);
}

/** ipv6_rcv(): the ETH_P_IPV6 packet handler. skb.data is at the IPv6 header. */
export function ipv6Rcv(skb: SkBuff, dev: NetDevice): void {
  const ns = dev.netns;
  const st = ip6Stats(ns);
  if (skb.pktType === PACKET_OTHERHOST) {
    kfreeSkbReason(ns, skb, 'OTHERHOST', dev);
    return;
  }
  st.InReceives++;
  const idev = in6DevGet(dev);
  if (!idev || idev.cnf.disable_ipv6) {
    st.InDiscards++;
    kfreeSkbReason(ns, skb, 'IPV6DISABLED', dev);
    return;
  }
  const nh = skb.off;
  skb.networkOffset = nh;
  const b = skb.buf;
  if (skb.len < 40) {
    st.InHdrErrors++;
    kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL', dev);
    return;
  }
  if (b[nh]! >> 4 !== 6) {
    st.InHdrErrors++;
    kfreeSkbReason(ns, skb, 'UNHANDLED_PROTO', dev);
    return;
  }
  const src = b.subarray(nh + 8, nh + 24);
  const dst = b.subarray(nh + 24, nh + 40);
  const loopDev = (dev.flags & IFF_LOOPBACK) !== 0;
  // RFC 4291 2.5.3: ::1 never comes from outside; 2.7: no interface-local or scope-0
  // multicast from outside, no multicast source.
  if ((ipv6AddrIsLoopback(src) || ipv6AddrIsLoopback(dst)) && !loopDev) {
    st.InAddrErrors++;
    kfreeSkbReason(ns, skb, 'INVALID_PROTO', dev);
    return;
  }
  if (ipv6AddrIsMulticast(dst) && (dst[1]! & 0x0f) === 1 && !loopDev && skb.pktType !== PACKET_LOOPBACK) {
    st.InAddrErrors++;
    kfreeSkbReason(ns, skb, 'INVALID_PROTO', dev);
    return;
  }
  if (ipv6AddrIsMulticast(dst) && (dst[1]! & 0x0f) === 0) {
    st.InAddrErrors++;
    kfreeSkbReason(ns, skb, 'INVALID_PROTO', dev);
    return;
  }
  if (ipv6AddrIsMulticast(src)) {
    st.InAddrErrors++;
    kfreeSkbReason(ns, skb, 'INVALID_PROTO', dev);
    return;
  }
  const plen = (b[nh + 4]! << 8) | b[nh + 5]!;
  if (plen + 40 > skb.len) {
    st.InTruncatedPkts++;
    kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL', dev);
    return;
  }
  if (plen + 40 < skb.len) skb.buf = skb.buf.subarray(0, nh + 40 + plen); // pskb_trim_rcsum()
  skb.transportOffset = nh + 40;
  { const tr = tracing(ns); if (tr) tr({ fn: 'ipv6_rcv', ns, dev, skb }); }
  if (nfHook6(ns, NF_INET_PRE_ROUTING, skb, dev, undefined) !== NF_ACCEPT) return;
  ip6RcvFinish(ns, skb, dev);
}

/** ip6_rcv_finish(): the input route decides local delivery, multicast or forwarding. */
export function ip6RcvFinish(ns: Netns, skb: SkBuff, dev: NetDevice): void {
  const nh = skb.networkOffset;
  const dst = skb.buf.subarray(nh + 24, nh + 40);
  const info = ip6Info(skb);
  if (info && info.localDev && dev.flags & IFF_LOOPBACK) {
    // Looped back to a local address: the route came along (skb_valid_dst()).
    ip6Input(ns, skb, info.localDev, false);
    return;
  }
  if (ipv6AddrIsMulticast(dst)) {
    ip6Stats(ns).InMcastPkts++;
    // ip6_mc_input(): only groups we joined on this device.
    if (!ipv6ChkMcastAddr(dev, dst)) {
      kfreeSkbReason(ns, skb, 'IPV6_NOT_MEMBER', dev);
      return;
    }
    ip6Input(ns, skb, dev, true);
    return;
  }
  const rt = ip6Fib().lookup(ns, {
    dst: dst.slice(), iif: dev.ifindex, oif: dev.ifindex, strict: rt6NeedStrict(dst), mark: skb.mark,
    src: skb.buf.slice(nh + 8, nh + 24),
  });
  { const tr = tracing(ns); if (tr) tr({ fn: 'ip6_route_input', ns, dev, skb, ...(rt ? rt6Facts(rt) : { errno: 'ENETUNREACH' }) }); }
  if (!rt) {
    ip6Stats(ns).InNoRoutes++;
    icmpv6Send(ns, skb, ICMPV6_DEST_UNREACH, ICMPV6_NOROUTE, 0, dev);
    kfreeSkbReason(ns, skb, 'IP_NOROUTE', dev);
    return;
  }
  if (rt.type === RTN_LOCAL || rt.type === RTN_ANYCAST) {
    ip6Input(ns, skb, dev, false);
    return;
  }
  if (rt.type !== RTN_UNICAST) {
    // blackhole (6) drops quietly; unreachable (7) / prohibit (8) answer.
    if (rt.type === 7) icmpv6Send(ns, skb, ICMPV6_DEST_UNREACH, ICMPV6_NOROUTE, 0, dev);
    else if (rt.type === 8) icmpv6Send(ns, skb, ICMPV6_DEST_UNREACH, ICMPV6_ADM_PROHIBITED, 0, dev);
    kfreeSkbReason(ns, skb, 'IP_NOROUTE', dev);
    return;
  }
  ip6Forward(ns, skb, dev, rt);
}

/** ip6_input(): LOCAL_IN (with the device the packet came in on), then ip6_input_finish(). */
function ip6Input(ns: Netns, skb: SkBuff, iif: NetDevice, multicast: boolean): void {
  { const tr = tracing(ns); if (tr) tr({ fn: 'ip6_input', ns, dev: iif, skb }); }
  if (nfHook6(ns, NF_INET_LOCAL_IN, skb, skb.dev ?? iif, undefined) !== NF_ACCEPT) return;
  ip6InputFinish(ns, skb, iif, multicast);
}

/** ip6_input_finish(): hop-by-hop and destination options are stepped over, then the
 *  upper-layer protocol gets the packet; an unknown one is answered with a parameter
 *  problem (unless the packet went to a group). */
function ip6InputFinish(ns: Netns, skb: SkBuff, iif: NetDevice, multicast: boolean): void {
  const st = ip6Stats(ns);
  const b = skb.buf;
  const nh = skb.networkOffset;
  const end = b.length;
  let nexthdr = b[nh + 6]!;
  let nhoff = nh + 6;
  let off = nh + 40;
  for (;;) {
    if (nexthdr === NEXTHDR_HOP || nexthdr === NEXTHDR_DEST || nexthdr === NEXTHDR_ROUTING) {
      if (nexthdr === NEXTHDR_HOP && off !== nh + 40) {
        // Hop-by-hop must come first (ipv6_parse_hopopts() only runs there).
        st.InHdrErrors++;
        icmpv6Send(ns, skb, ICMPV6_PARAMPROB, ICMPV6_UNK_NEXTHDR, nhoff - nh, iif);
        return;
      }
      if (off + 2 > end) {
        st.InHdrErrors++;
        kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL', iif);
        return;
      }
      const hlen = (b[off + 1]! + 1) * 8;
      if (off + hlen > end) {
        st.InHdrErrors++;
        kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL', iif);
        return;
      }
      if (nexthdr === NEXTHDR_ROUTING && b[off + 3] !== 0) {
        // Segments left: we do not act as an intermediate node of a routing header.
        st.InHdrErrors++;
        icmpv6Send(ns, skb, ICMPV6_PARAMPROB, 0, off + 2 - nh, iif);
        return;
      }
      nhoff = off;
      nexthdr = b[off]!;
      off += hlen;
      continue;
    }
    break;
  }
  if (nexthdr === NEXTHDR_NONE) {
    st.InDelivers++;
    return;
  }
  if (nexthdr === NEXTHDR_FRAGMENT) {
    // Reassembly is not emulated.
    st.InDiscards++;
    kfreeSkbReason(ns, skb, 'FRAG_REASM_TIMEOUT', iif);
    return;
  }
  skb.transportOffset = off;
  const ctx: Inet6RcvContext = { ns, iif, off, len: end - off, nhoff, multicast };
  if (nexthdr === NEXTHDR_ICMP) {
    st.InDelivers++;
    icmpv6Rcv(skb, ctx);
    return;
  }
  const h = protocols.get(nexthdr);
  if (h) {
    st.InDelivers++;
    h(skb, ctx);
    return;
  }
  st.InUnknownProtos++;
  if (!multicast) icmpv6Send(ns, skb, ICMPV6_PARAMPROB, ICMPV6_UNK_NEXTHDR, nhoff - nh, iif);
  kfreeSkbReason(ns, skb, 'UNHANDLED_PROTO', iif);
}

/** ip6_forward() */
function ip6Forward(ns: Netns, skb: SkBuff, dev: NetDevice, rt: Rt6Result): void {
  const st = ip6Stats(ns);
  const net = ipv6Net(ns);
  const idev = in6DevGet(dev);
  if (!net.all.forwarding && !(idev && idev.cnf.force_forwarding)) {
    st.InAddrErrors++;
    kfreeSkbReason(ns, skb, 'IPV6_FORWARDING_DISABLED', dev);
    return;
  }
  if (skb.pktType !== PACKET_HOST) {
    kfreeSkbReason(ns, skb, 'OTHERHOST', dev);
    return;
  }
  const b = skb.buf;
  const nh = skb.networkOffset;
  if (b[nh + 7]! <= 1) {
    icmpv6Send(ns, skb, ICMPV6_TIME_EXCEED, ICMPV6_EXC_HOPLIMIT, 0, dev);
    st.InHdrErrors++;
    kfreeSkbReason(ns, skb, 'IP_INHDR', dev);
    return;
  }
  const srcType = ipv6AddrType(b.subarray(nh + 8, nh + 24));
  if (rt.dev !== dev) {
    if (srcType === IPV6_ADDR_ANY || srcType & (IPV6_ADDR_MULTICAST | IPV6_ADDR_LOOPBACK)) {
      st.InAddrErrors++;
      kfreeSkbReason(ns, skb, 'IP_INADDRERRORS', dev);
      return;
    }
    if (srcType & IPV6_ADDR_LINKLOCAL) {
      icmpv6Send(ns, skb, ICMPV6_DEST_UNREACH, ICMPV6_NOT_NEIGHBOUR, 0, dev);
      st.InAddrErrors++;
      kfreeSkbReason(ns, skb, 'IP_INADDRERRORS', dev);
      return;
    }
  }
  const len = b.length - nh;
  const mtu = Math.max(in6DevGet(rt.dev)?.cnf.mtu ?? rt.dev.mtu, 1280);
  if (len > Math.min(mtu, rt.dev.mtu)) {
    icmpv6Send(ns, skb, ICMPV6_PKT_TOOBIG, 0, Math.min(mtu, rt.dev.mtu), dev);
    st.InTooBigErrors++;
    kfreeSkbReason(ns, skb, 'PKT_TOO_BIG', dev);
    return;
  }
  b[nh + 7] = b[nh + 7]! - 1;
  { const tr = tracing(ns); if (tr) tr({ fn: 'ip6_forward', ns, dev, skb, out: rt.dev.name }); }
  skb.dst = { kind: 'ip6', rt } satisfies Ip6SkbInfo;
  skb.off = nh;
  if (nfHook6(ns, NF_INET_FORWARD, skb, dev, rt.dev) !== NF_ACCEPT) return;
  // ip6_forward_finish() -> dst_output() -> ip6_output(): the route the packet has now (a
  // FORWARD rule may have changed nothing of it here).
  st.OutForwDatagrams++;
  const nexthop = rt.gateway ?? skb.buf.slice(nh + 24, nh + 40);
  ip6OutputHooked(ns, skb, rt.dev, nexthop, false, dev);
}
