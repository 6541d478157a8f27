// ICMPv6 sockets for ping (net/ipv6/raw.c as iputils' ping -6 uses it: a raw IPPROTO_ICMPV6
// socket with IPV6_RECVERR, optionally bound to a device and/or a source address). The
// ping tool opens one, sends echo requests and gets every echo reply and every ICMPv6
// error about an echo request back through `onMessage`; it filters by its own id, as
// iputils does.
import type { NetDevice } from '../core/netdevice.js';
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import { emitIcmpv6 } from '../../wire/icmpv6.js';
import { EINVAL, ENODEV, EADDRNOTAVAIL } from '../errno.js';
import { ipv6AddrAny, ipv6AddrEqual, ipv6AddrIsMulticast, ipv6AddrIsLinkLocal } from './addr.js';
import { in6DevGet, ipv6ChkAddr, ipv6DevGetSaddr, IFA_F_TENTATIVE } from './addrconf.js';
import { ip6BuildSkb, ip6Output, ip6RouteOutput, ip6AutoFlowlabel, type Ip6OutRoute } from './ip6_output.js';
import type { Inet6RcvContext } from './ip6_input.js';
import { ip6Stats } from './stats.js';

/** An echo reply as recvmsg() gives it to ping (with IPV6_HOPLIMIT / IPV6_TCLASS). */
export interface Ping6Reply {
  kind: 'reply';
  /** The replying address (sin6_addr) and, for link-local ones, the interface (sin6_scope_id). */
  src: Uint8Array;
  scopeId: number;
  /** The address the reply was sent to (one of ours). */
  dst: Uint8Array;
  /** The interface the reply arrived on (for traffic to ourselves: the owning interface). */
  ifindex: number;
  hoplimit: number;
  tclass: number;
  flowlabel: number;
  id: number;
  seq: number;
  /** The echo data (after the 8-byte ICMPv6 header). */
  data: Uint8Array;
  /** Length of the ICMPv6 message (what ping prints as "N bytes from"). */
  icmpLen: number;
}

/** An ICMPv6 error about one of our echo requests, from the socket's error queue
 *  (struct sock_extended_err with SO_EE_ORIGIN_ICMP6 and the offender address). */
export interface Ping6Error {
  kind: 'error';
  /** Who sent the error (SO_EE_OFFENDER) and its scope id. */
  offender: Uint8Array;
  scopeId: number;
  ifindex: number;
  /** ICMPv6 type/code/info (ee_type, ee_code, ee_info: MTU of "packet too big", pointer). */
  type: number;
  code: number;
  info: number;
  /** The quoted echo request: its destination, id and sequence. */
  origDst: Uint8Array;
  id: number;
  seq: number;
  hoplimit: number;
}

export type Ping6Message = Ping6Reply | Ping6Error;

export interface Ping6SocketOptions {
  /** SO_BINDTODEVICE (ping -I dev): only this interface, both ways. */
  bindDev?: NetDevice;
  /** bind() to a source address (ping -I addr). */
  src?: Uint8Array;
  /** The scope id for link-local sources. */
  srcScopeId?: number;
}

export interface Ping6SendRequest {
  dst: Uint8Array;
  /** sin6_scope_id of the destination (ping fe80::1%eth0). */
  scopeId?: number;
  id: number;
  seq: number;
  /** The echo data after the ICMPv6 header (ping puts its timestamp and pattern here). */
  payload: Uint8Array;
  /** IPV6_UNICAST_HOPS / IPV6_MULTICAST_HOPS (ping -t); default: the interface's hop_limit
   *  for unicast, 1 for multicast. */
  hoplimit?: number;
  /** IPV6_TCLASS (ping -Q). */
  tclass?: number;
  /** SO_MARK (ping -m). */
  mark?: number;
}

export interface Ping6Connect {
  /** The source address the kernel picked (or the bound one). */
  src: Uint8Array;
  /** The interface the destination is reached by (lo for local destinations). */
  dev: NetDevice;
  /** The interface of the route (the owner of a local destination). */
  routeDev: NetDevice;
}

function sockets(ns: Netns): Set<Ping6Socket> {
  let s = ns.proto.ping6Sockets as Set<Ping6Socket> | undefined;
  if (!s) ns.proto.ping6Sockets = s = new Set();
  return s;
}

export class Ping6Socket {
  onMessage: ((m: Ping6Message) => void) | undefined;
  closed = false;

  constructor(readonly ns: Netns, readonly opts: Ping6SocketOptions) {}

  private flow(dst: Uint8Array, scopeId?: number): { oif?: number; error?: number } {
    let oif = this.opts.bindDev?.ifindex;
    if (scopeId) {
      if (oif && oif !== scopeId) return { error: EINVAL };
      if (!this.ns.devByIndex(scopeId)) return { error: ENODEV };
      oif = scopeId;
    }
    if (!oif && this.opts.srcScopeId && ipv6AddrIsLinkLocal(dst)) oif = this.opts.srcScopeId;
    return { oif };
  }

  /** ip6_dst_lookup_tail(): without a bound source the source is chosen before the route's
   *  error is looked at, and when the lookup failed it is chosen among every device's
   *  addresses (ip6_route_get_saddr() without a route): so with no usable address at all
   *  (lo down and nothing else configured) the answer is EADDRNOTAVAIL, not the route's
   *  ENETUNREACH. */
  private routeOutput(fl: Parameters<typeof ip6RouteOutput>[1]): Ip6OutRoute | number {
    const r = ip6RouteOutput(this.ns, fl);
    if (typeof r === 'number' && (!fl.src || ipv6AddrAny(fl.src)) && !ipv6DevGetSaddr(this.ns, undefined, fl.dst)) {
      return EADDRNOTAVAIL;
    }
    return r;
  }

  /** connect(): the route and source address a datagram to `dst` would use, or an errno
   *  (ENETUNREACH "Network is unreachable", EADDRNOTAVAIL, EINVAL for a bad scope id).
   *  With `datagram` it is ip6_datagram_connect() exactly, which also refuses (EINVAL) a
   *  link-local or link-scope multicast destination without a scope id or bound device;
   *  without it, it answers what a raw sendmsg() would do (first matching route). */
  connect(dst: Uint8Array, scopeId?: number, opts: { datagram?: boolean } = {}): Ping6Connect | number {
    const f = this.flow(dst, scopeId);
    if (f.error) return f.error;
    const needsScope = ipv6AddrIsLinkLocal(dst) || (ipv6AddrIsMulticast(dst) && (dst[1]! & 0x0f) <= 2);
    if (opts.datagram && needsScope && !f.oif) return EINVAL;
    const r = this.routeOutput({ dst, src: this.opts.src, oif: f.oif, bound: !!this.opts.bindDev });
    if (typeof r === 'number') return r;
    return { src: r.src, dev: r.dev, routeDev: r.rt.dev };
  }

  /** sendmsg() of one echo request; returns 0 or an errno. */
  send(req: Ping6SendRequest): number {
    if (this.closed) return EINVAL;
    const f = this.flow(req.dst, req.scopeId);
    if (f.error) return f.error;
    const r = this.routeOutput({ dst: req.dst, src: this.opts.src, oif: f.oif, bound: !!this.opts.bindDev, mark: req.mark });
    if (typeof r === 'number') return r;
    return sendEcho(this.ns, r, req);
  }

  close(): void {
    this.closed = true;
    sockets(this.ns).delete(this);
  }

  /** Does a packet to `dst` arriving on `ifindex` belong to this socket (raw_v6_match())? */
  matches(dst: Uint8Array, ifindex: number): boolean {
    if (this.opts.bindDev && this.opts.bindDev.ifindex !== ifindex) return false;
    if (this.opts.src && !ipv6AddrAny(this.opts.src) && !ipv6AddrEqual(this.opts.src, dst) && !ipv6AddrIsMulticast(dst)) {
      return false;
    }
    return true;
  }

  deliver(m: Ping6Message): void {
    if (!this.closed) this.onMessage?.(m);
  }
}

/** socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6) [+ SO_BINDTODEVICE / bind()]. A bound source
 *  must be one of our usable addresses (EADDRNOTAVAIL otherwise). */
export function ping6Open(ns: Netns, opts: Ping6SocketOptions = {}): Ping6Socket | number {
  if (opts.src && !ipv6AddrAny(opts.src)) {
    const dev = ipv6AddrIsLinkLocal(opts.src) && opts.srcScopeId ? ns.devByIndex(opts.srcScopeId) : undefined;
    if (!ipv6ChkAddr(ns, opts.src, dev, IFA_F_TENTATIVE)) return EADDRNOTAVAIL;
  }
  const s = new Ping6Socket(ns, opts);
  sockets(ns).add(s);
  return s;
}

/** One-shot send without keeping a socket (replies reach open sockets only). */
export function ping6Send(ns: Netns, req: Ping6SendRequest & { ifindex?: number; src?: Uint8Array }): number {
  const bindDev = req.ifindex ? ns.devByIndex(req.ifindex) : undefined;
  if (req.ifindex && !bindDev) return ENODEV;
  const s = new Ping6Socket(ns, { bindDev, src: req.src });
  return s.send(req);
}

/** rawv6_sendmsg() of one echo request: 0, or the errno of ip6_local_out() (EPERM when a
 *  LOCAL_OUT rule dropped it). */
function sendEcho(ns: Netns, r: Ip6OutRoute, req: Ping6SendRequest): number {
  const mc = ipv6AddrIsMulticast(req.dst);
  const hop = req.hoplimit ?? (mc ? 1 : in6DevGet(r.rt.dev)?.cnf.hop_limit ?? 64);
  const rec = { type: 128, code: 0, rest: (((req.id & 0xffff) << 16) | (req.seq & 0xffff)) >>> 0, data: req.payload };
  const icmp = emitIcmpv6(rec, undefined, { src: r.src, dst: req.dst });
  const flow = ip6AutoFlowlabel(ns, r.src, req.dst, 58, 128 << 8);
  const skb = ip6BuildSkb({ src: r.src, dst: req.dst, nexthdr: 58, hoplimit: hop, tclass: req.tclass ?? 0, flowlabel: flow }, icmp);
  if (req.mark) skb.mark = req.mark;
  const st = ip6Stats(ns);
  st.Icmp6OutMsgs++;
  st.icmpOut[128] = (st.icmpOut[128] ?? 0) + 1;
  return ip6Output(ns, skb, r, true);
}

function scopeIdFor(addr: Uint8Array, ifindex: number): number {
  return ipv6AddrIsLinkLocal(addr) || (ipv6AddrIsMulticast(addr) && (addr[1]! & 0x0f) <= 2) ? ifindex : 0;
}

/** rawv6_rcv() for echo replies. */
export function icmp6DeliverEchoReply(ns: Netns, skb: SkBuff, ctx: Inet6RcvContext): void {
  const set = ns.proto.ping6Sockets as Set<Ping6Socket> | undefined;
  if (!set || set.size === 0) return;
  const b = skb.buf;
  const nh = skb.networkOffset;
  const src = b.slice(nh + 8, nh + 24);
  const dst = b.slice(nh + 24, nh + 40);
  const o = ctx.off;
  const m: Ping6Reply = {
    kind: 'reply', src, scopeId: scopeIdFor(src, ctx.iif.ifindex), dst, ifindex: ctx.iif.ifindex,
    hoplimit: b[nh + 7]!, tclass: ((b[nh]! & 0x0f) << 4) | (b[nh + 1]! >> 4),
    flowlabel: ((b[nh + 1]! & 0x0f) << 16) | (b[nh + 2]! << 8) | b[nh + 3]!,
    id: (b[o + 4]! << 8) | b[o + 5]!, seq: (b[o + 6]! << 8) | b[o + 7]!,
    data: b.slice(o + 8, o + ctx.len), icmpLen: ctx.len,
  };
  for (const s of [...set]) if (s.matches(dst, ctx.iif.ifindex)) s.deliver(m);
}

/** rawv6_err() -> ipv6_icmp_error(): an error quoting one of our echo requests goes to the
 *  error queue of the ICMPv6 sockets (matched on the quoted source as raw sockets are). */
export function icmp6DeliverError(ns: Netns, skb: SkBuff, ctx: Inet6RcvContext): void {
  const set = ns.proto.ping6Sockets as Set<Ping6Socket> | undefined;
  if (!set || set.size === 0) return;
  const b = skb.buf;
  const nh = skb.networkOffset;
  const o = ctx.off;
  const inner = o + 8;
  if (inner + 40 > o + ctx.len) return;
  // Step over extension headers of the quoted packet to its ICMPv6 header.
  let nexthdr = b[inner + 6]!;
  let p = inner + 40;
  while (nexthdr === 0 || nexthdr === 60 || nexthdr === 43) {
    if (p + 2 > o + ctx.len) return;
    nexthdr = b[p]!;
    p += (b[p + 1]! + 1) * 8;
  }
  if (nexthdr !== 58 || p + 8 > o + ctx.len) return;
  if (b[p] !== 128) return; // only errors about echo requests concern ping
  const innerSrc = b.slice(inner + 8, inner + 24);
  const offender = b.slice(nh + 8, nh + 24);
  const m: Ping6Error = {
    kind: 'error', offender, scopeId: scopeIdFor(offender, ctx.iif.ifindex), ifindex: ctx.iif.ifindex,
    type: b[o]!, code: b[o + 1]!, info: ((b[o + 4]! << 24) | (b[o + 5]! << 16) | (b[o + 6]! << 8) | b[o + 7]!) >>> 0,
    origDst: b.slice(inner + 24, inner + 40), id: (b[p + 4]! << 8) | b[p + 5]!, seq: (b[p + 6]! << 8) | b[p + 7]!,
    hoplimit: b[nh + 7]!,
  };
  for (const s of [...set]) if (s.matches(innerSrc, ctx.iif.ifindex)) s.deliver(m);
}
