// net/ipv6/ip6_output.c (+ the output half of net/ipv6/route.c): building IPv6 packets,
// finding their route and source address, and handing them to the neighbour layer —
// ip6_route_output(), ip6_xmit()/ip6_local_out(), ip6_finish_output2() with its multicast
// loopback, and the automatic flow labels (ip6_make_flowlabel()). Locally generated packets
// cross NF_INET_LOCAL_OUT (ip6_local_out()) and every packet leaving NF_INET_POST_ROUTING
// (ip6_output()).
import type { NetDevice } from '../core/netdevice.js';
import type { Netns } from '../net_namespace.js';
import type { Kernel } from '../kernel.js';
import { SkBuff, PACKET_LOOPBACK } from '../core/skbuff.js';
import { ETH_HLEN, ETH_P_IPV6 } from '../core/eth.js';
import { netifRx, devQueueXmit } from '../core/dev.js';
import { IFF_LOOPBACK, IFF_UP } from '../core/if.js';
import { neighTable, neighOutput, kfreeSkbReason, tracing } from '../core/neighbour.js';
import { formatIPv6 } from '../../wire/inet.js';
import { emitIpv6Header, IPV6_HLEN } from '../../wire/ipv6.js';
import { EADDRNOTAVAIL, ENETUNREACH, EINVAL, EPERM } from '../errno.js';
import { ipv6AddrAny, ipv6Key } from './addr.js';
import { ip6Fib, rt6NeedStrict, RTN_LOCAL, RTN_ANYCAST, RTN_MULTICAST, type Rt6Result } from './addrconf_routes.js';
import { in6DevGet, ipv6DevGetSaddr, ipv6ChkAddr } from './addrconf.js';
import { ipv6ChkMcastAddr } from './mcast.js';
import { ip6Stats } from './stats.js';
import { netStore } from '../fs/sysctl_core.js';
import { nfHook6, NF_ACCEPT, NF_DROP, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING } from './netfilter.js';

export const AF_INET6 = 10;
export const IPV6_DEFAULT_HOPLIMIT = 64;

/** What rides in skb.dst for IPv6 (a stand-in for skb_dst()/IP6CB()). */
export interface Ip6SkbInfo {
  kind: 'ip6';
  /** For packets looped through lo to a local address: the device that owns the address
   *  (ip6_dst_idev(skb_dst(skb))->dev), which becomes IP6CB(skb)->iif on input. */
  localDev?: NetDevice;
  /** The route the packet left by. */
  rt?: Rt6Result;
  /** A locally generated packet routed again at LOCAL_OUT (ip6_route_me_harder()): its new
   *  route, source and device. */
  out?: Ip6OutRoute;
}

export function ip6Info(skb: SkBuff): Ip6SkbInfo | undefined {
  const d = skb.dst as Ip6SkbInfo | undefined;
  return d && d.kind === 'ip6' ? d : undefined;
}

/** What a trace shows of an IPv6 route: its type (RTN_*), table, prefix and gateway. */
export function rt6Facts(rt: Rt6Result): Record<string, number | string> {
  const f: Record<string, number | string> = { rtType: rt.type, table: rt.table, prefix: `${formatIPv6(rt.dst)}/${rt.plen}` };
  if (rt.gateway) f.via = formatIPv6(rt.gateway);
  return f;
}

export interface Ip6Header {
  src: Uint8Array;
  dst: Uint8Array;
  nexthdr: number;
  hoplimit: number;
  tclass?: number;
  flowlabel?: number;
}

/** Allocates an skb holding an IPv6 header (+ optional extension header bytes) and the
 *  payload, with headroom for the link header; skb.data starts at the IPv6 header. */
export function ip6BuildSkb(h: Ip6Header, payload: Uint8Array, ext?: Uint8Array): SkBuff {
  const extLen = ext ? ext.length : 0;
  const buf = new Uint8Array(ETH_HLEN + IPV6_HLEN + extLen + payload.length);
  const firstNext = ext ? 0 : h.nexthdr; // the only extension header we emit is hop-by-hop
  emitIpv6Header({ src: h.src, dst: h.dst, nextHeader: firstNext, hopLimit: h.hoplimit,
    trafficClass: h.tclass ?? 0, flowLabel: h.flowlabel ?? 0 }, extLen + payload.length, buf, ETH_HLEN);
  if (ext) buf.set(ext, ETH_HLEN + IPV6_HLEN);
  buf.set(payload, ETH_HLEN + IPV6_HLEN + extLen);
  const skb = new SkBuff(buf);
  skb.off = ETH_HLEN;
  skb.networkOffset = ETH_HLEN;
  skb.transportOffset = ETH_HLEN + IPV6_HLEN + extLen;
  skb.protocol = ETH_P_IPV6;
  return skb;
}

// ---------------------------------------------------------------------------------------
// Flow labels

const flowSeeds = new WeakMap<Kernel, number>();

/** ip6_make_flowlabel() with auto_flowlabels: a 20-bit hash of the flow (addresses, next
 *  header, and the ports or ICMP type/code in `aux`), keyed per boot as Linux keys its
 *  flow hash. Packets of one flow keep one label. */
export function ip6AutoFlowlabel(ns: Netns, src: Uint8Array, dst: Uint8Array, nexthdr: number, aux: number): number {
  // net.ipv6.auto_flowlabels: 0 off, 2 opt-in (no socket here opts in) give no label
  // (ip6_default_np_autolabel()).
  const mode = netStore(ns).get('net/ipv6/auto_flowlabels') ?? 1;
  if (mode === 0 || mode === 2) return 0;
  let seed = flowSeeds.get(ns.kernel);
  if (seed === undefined) {
    seed = ns.kernel.random.u32();
    flowSeeds.set(ns.kernel, seed);
  }
  let h = (seed ^ nexthdr ^ Math.imul(aux, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < 16; i++) {
    h = Math.imul(h ^ src[i]!, 0x01000193) >>> 0;
    h = Math.imul(h ^ dst[i]!, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  const label = h & 0xfffff;
  return label || 1;
}

// ---------------------------------------------------------------------------------------
// Routing the output

export interface Ip6Flow {
  dst: Uint8Array;
  src?: Uint8Array;
  /** The device given by the scope id or the socket's binding (flowi6_oif). */
  oif?: number;
  /** The socket is bound to oif (SO_BINDTODEVICE): only routes through it qualify. */
  bound?: boolean;
  mark?: number;
}

export interface Ip6OutRoute {
  rt: Rt6Result;
  /** The source address the flow will use (given or selected). */
  src: Uint8Array;
  /** The device packets leave by (lo for local destinations). */
  dev: NetDevice;
}

/** ip6_route_output() + ip6_route_get_saddr(): the route of a locally generated flow and its
 *  source address, or an errno (ENETUNREACH when no route, EADDRNOTAVAIL when no usable
 *  source). Multicast destinations need an oif or a route (ff00::/8 of some device). */
export function ip6RouteOutput(ns: Netns, fl: Ip6Flow): Ip6OutRoute | number {
  const anySrc = !fl.src || ipv6AddrAny(fl.src);
  const strict = (fl.bound ?? false) || rt6NeedStrict(fl.dst) || (!!fl.oif && anySrc);
  const rt = ip6Fib().lookup(ns, { dst: fl.dst, oif: fl.oif, src: fl.src, strict, mark: fl.mark });
  if (!rt) return ENETUNREACH;
  if (rt.type !== 1 && rt.type !== RTN_LOCAL && rt.type !== RTN_ANYCAST && rt.type !== RTN_MULTICAST) {
    // blackhole / unreachable / prohibit / throw
    return rt.type === 6 ? EINVAL : rt.type === 8 ? 13 : ENETUNREACH;
  }
  let src = fl.src;
  if (anySrc) {
    src = rt.prefsrc ?? ipv6DevGetSaddr(ns, rt.dev, fl.dst, fl.oif);
    if (!src) return EADDRNOTAVAIL;
  } else if (!ipv6ChkAddr(ns, src!, undefined, 0x40 /* IFA_F_TENTATIVE */)) {
    // A bound source must be one of ours and usable (inet6_bind()'s ipv6_chk_addr()).
    return EADDRNOTAVAIL;
  }
  const lo = ns.proto.loopback as NetDevice | undefined;
  const dev = rt.type === RTN_LOCAL || rt.type === RTN_ANYCAST ? lo ?? rt.dev : rt.dev;
  return { rt, src: src!, dev };
}

/** ip6_local_out() + dst_output() for a packet whose route is known: LOCAL_OUT, then
 *  ip6_output(). `mcLoop` is the socket's IPV6_MULTICAST_LOOP (ping sockets 1, the ndisc and
 *  igmp6 sockets 0). Returns 0, or the errno the sender sees (EPERM: a LOCAL_OUT rule dropped
 *  the packet). */
export function ip6Output(ns: Netns, skb: SkBuff, route: Ip6OutRoute, mcLoop: boolean): number {
  const { rt } = route;
  const idev = in6DevGet(rt.dev);
  if (!idev || idev.cnf.disable_ipv6) {
    ip6Stats(ns).OutDiscards++;
    kfreeSkbReason(ns, skb, 'IPV6DISABLED', rt.dev);
    return 0;
  }
  ip6Stats(ns).OutRequests++;
  // Local destinations loop through lo, keeping the route (and so the owning device).
  const local = rt.type === RTN_LOCAL || rt.type === RTN_ANYCAST;
  skb.dst = (local ? { kind: 'ip6', localDev: rt.dev, rt } : { kind: 'ip6', rt }) satisfies Ip6SkbInfo;
  { const tr = tracing(ns); if (tr) tr({ fn: 'ip6_local_out', ns, dev: route.dev, skb, ...rt6Facts(rt) }); }
  const v = nfHook6(ns, NF_INET_LOCAL_OUT, skb, undefined, route.dev);
  if (v !== NF_ACCEPT) return v === NF_DROP ? EPERM : 0;
  // A LOCAL_OUT rule may have routed the packet again (ip6_route_me_harder()).
  const now = ip6Info(skb);
  const r = now?.out ?? route;
  const dstOff = skb.networkOffset + 24;
  if (r.rt.type === RTN_LOCAL || r.rt.type === RTN_ANYCAST) {
    ip6OutputHooked(ns, skb, r.dev, skb.buf.subarray(dstOff, dstOff + 16), mcLoop);
    return 0;
  }
  ip6OutputHooked(ns, skb, r.rt.dev, r.rt.gateway ?? skb.buf.subarray(dstOff, dstOff + 16), mcLoop);
  return 0;
}

/** ip6_output(): POST_ROUTING (`indev`: the device a forwarded packet came in by), then
 *  ip6_finish_output(). */
export function ip6OutputHooked(ns: Netns, skb: SkBuff, dev: NetDevice, nexthop: Uint8Array, mcLoop: boolean,
  indev?: NetDevice): void {
  skb.dev = dev;
  skb.protocol = ETH_P_IPV6;
  if (nfHook6(ns, NF_INET_POST_ROUTING, skb, indev, dev) !== NF_ACCEPT) return;
  ip6FinishOutput2(ns, skb, dev, nexthop, mcLoop);
}

/** ip6_finish_output2(): multicast is looped back to ourselves when we are a member and the
 *  socket allows it, then every packet goes to the neighbour of its next hop. */
export function ip6FinishOutput2(ns: Netns, skb: SkBuff, dev: NetDevice, nexthop: Uint8Array, mcLoop: boolean): void {
  skb.dev = dev;
  skb.protocol = ETH_P_IPV6;
  if (!(dev.flags & IFF_UP)) {
    dev.stats.tx_dropped++;
    kfreeSkbReason(ns, skb, 'DEV_READY', dev);
    return;
  }
  const dstOff = skb.networkOffset + 24;
  if (skb.buf[dstOff] === 0xff) {
    const dst = skb.buf.subarray(dstOff, dstOff + 16);
    if (!(dev.flags & IFF_LOOPBACK) && mcLoop && ipv6ChkMcastAddr(dev, dst)) {
      // dev_loopback_xmit(): a copy comes back in on the same device, after crossing
      // POST_ROUTING once more on its own.
      const c = skb.copy();
      c.dev = dev;
      c.pktType = PACKET_LOOPBACK;
      c.dst = skb.dst;
      if (nfHook6(ns, NF_INET_POST_ROUTING, c, undefined, dev) === NF_ACCEPT) netifRx(c);
    }
    // The hop limit 0 copies stay on the host.
    if (skb.buf[skb.networkOffset + 7] === 0) return;
  }
  { const tr = tracing(ns); if (tr) tr({ fn: 'ip6_finish_output2', ns, dev, skb, nexthop: formatIPv6(nexthop) }); }
  const tbl = neighTable<string>(ns, AF_INET6);
  if (!tbl) {
    devQueueXmit(skb);
    return;
  }
  const n = tbl.lookupOrCreate(ipv6Key(nexthop), dev, true);
  if (!n) {
    kfreeSkbReason(ns, skb, 'NEIGH_CREATEFAIL', dev);
    return;
  }
  neighOutput(n, skb);
}


/** icmp6_dst_alloc() + ndisc_send_skb() / igmp6_send(): a packet for a fixed device whose
 *  next hop is its destination (what ndisc and MLD send), through LOCAL_OUT and
 *  POST_ROUTING like every local packet. Their sockets never loop multicast back. */
export function ip6SendOnDev(ns: Netns, dev: NetDevice, h: Ip6Header, payload: Uint8Array, ext?: Uint8Array): void {
  ip6SendSkbOnDev(ns, dev, ip6BuildSkb(h, payload, ext));
}

/** ip6SendOnDev() for a packet already built (ip6BuildSkb()): ndisc_send_skb() gets the
 *  skb ndisc_ns_create() made, so the solicitation can be named before it leaves. */
export function ip6SendSkbOnDev(ns: Netns, dev: NetDevice, skb: SkBuff): void {
  const idev = in6DevGet(dev);
  if (!idev || idev.cnf.disable_ipv6) return;
  const nh = skb.networkOffset;
  const daddr = skb.buf.slice(nh + 24, nh + 40);
  skb.dst = { kind: 'ip6' } satisfies Ip6SkbInfo;
  const st = ip6Stats(ns);
  st.OutRequests++;
  if (daddr[0] === 0xff) st.OutMcastPkts++;
  if (nfHook6(ns, NF_INET_LOCAL_OUT, skb, undefined, dev) !== NF_ACCEPT) return;
  ip6OutputHooked(ns, skb, dev, daddr, false);
}
