// net/ipv4/raw.c (+ the UDP connect() ping uses as a probe, ip4_datagram_connect()): raw
// IPv4 sockets as ping opens them — socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) with
// SO_BINDTODEVICE, bind(), IP_TTL, ICMP_FILTER and IP_RECVERR. Received datagrams are
// queued whole (IP header included); ICMP errors about our datagrams go to the error queue
// (ip_icmp_error()), which is how ping learns of "Destination Host Unreachable".
//
// Unprivileged ICMP datagram sockets (net.ipv4.ping_group_range) are not emulated: root's
// ping falls back to a raw socket in a fresh namespace anyway (the default range is "1 0").
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import type { NetDevice } from '../core/netdevice.js';
import { tracing } from '../core/neighbour.js';
import { icmpErrConvert, icmpNet } from './icmp.js';
import { SO_EE_ORIGIN_LOCAL, SO_EE_ORIGIN_ICMP, type SockExtendedErr } from './ip_sockglue.js';
import { ipAllocSkb, ipSendSkb, readAddr, ipMib, isRtable, inetAddrTypeDevTable, allocBytes, localMtu, ipRtUpdatePmtu } from './ip_output.js';
import { ipRouteOutput } from './route.js';
import { RTN_LOCAL, RTN_MULTICAST, RTN_BROADCAST, RTCF_BROADCAST } from './route_types.js';
import {
  EACCES, EADDRNOTAVAIL, EINVAL, EMSGSIZE, ENODEV, EHOSTUNREACH, EPROTO,
} from '../errno.js';
import {
  ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, ICMP_PARAMETERPROB, ICMP_REDIRECT, ICMP_SOURCE_QUENCH,
  ICMP_TIME_EXCEEDED, NR_ICMP_UNREACH,
} from '../../wire/icmp.js';

/** A datagram as recvmsg() returns it on a raw socket. */
export interface RawDatagram {
  /** The IP packet, header included (a copy). */
  data: Uint8Array;
  /** msg_name: the source address. */
  from: number;
  /** SO_TIMESTAMP: the world time (ms) it was queued. */
  tstamp: number;
  /** The device it arrived on. */
  ifindex: number;
}

export { SO_EE_ORIGIN_LOCAL, SO_EE_ORIGIN_ICMP } from './ip_sockglue.js';
/** An entry of a raw socket's error queue (its `port` is always 0). */
export type RawError = SockExtendedErr;

/** struct raw_sock */
export class RawSocket {
  /** sk_bound_dev_if */
  boundIf = 0;
  /** inet_rcv_saddr / inet_saddr */
  bindAddr = 0;
  /** ICMP_FILTER: bit N set drops ICMP type N. */
  icmpFilter = 0;
  recverr = false;
  /** IP_TTL: -1 means net.ipv4.ip_default_ttl. */
  ttl = -1;
  tos = 0;
  mark = 0;
  broadcast = false;
  /** IP_MTU_DISCOVER: IP_PMTUDISC_WANT by default. */
  pmtudisc = 1;
  /** sk_err */
  err = 0;
  readonly rcvQueue: RawDatagram[] = [];
  readonly errQueue: RawError[] = [];
  closed = false;
  /** Called whenever something is queued (the process waiting in poll() wakes up). */
  onWake: (() => void) | undefined;

  constructor(readonly ns: Netns, readonly protocol: number) {}

  /** setsockopt(SO_BINDTODEVICE): '' unbinds. */
  bindToDevice(name: string): number {
    if (name === '') {
      this.boundIf = 0;
      return 0;
    }
    const dev = this.ns.devByName(name);
    if (!dev) return ENODEV;
    this.boundIf = dev.ifindex;
    return 0;
  }

  /** bind(): raw_bind() accepts local, broadcast and multicast addresses. */
  bind(addr: number): number {
    const t = addr ? inetAddrTypeDevTable(this.ns, undefined, addr) : RTN_LOCAL;
    if (addr && t !== RTN_LOCAL && t !== RTN_MULTICAST && t !== RTN_BROADCAST) return EADDRNOTAVAIL;
    this.bindAddr = addr;
    return 0;
  }

  /** setsockopt(IP_TTL) */
  setTtl(ttl: number): number {
    if (ttl !== -1 && (ttl < 1 || ttl > 255)) return EINVAL;
    this.ttl = ttl;
    return 0;
  }

  /** raw_sendmsg() for a socket without IP_HDRINCL: `data` is the transport payload. Returns
   *  0 or a positive errno (the datagram was not sent). */
  sendto(daddr: number, data: Uint8Array): number {
    if (this.closed) return EINVAL;
    const ns = this.ns;
    if (data.length > 0xffff) return EMSGSIZE;
    const rt = ipRouteOutput(ns, { dst: daddr, src: this.bindAddr, oif: this.boundIf, mark: this.mark, tos: this.tos & 0x1c, proto: this.protocol });
    if (typeof rt === 'number') {
      ipMib(ns).OutNoRoutes++;
      return rt;
    }
    if (rt.flags & RTCF_BROADCAST && !this.broadcast) return EACCES;
    // __ip_append_data(): with DF only up to the route's MTU, else up to 64 KiB.
    const mtu = Math.min(localMtu(ns, rt, daddr), 0xffff);
    const maxnonfrag = this.pmtudisc >= 2 ? mtu : 0xffff;
    if (data.length + 20 > maxnonfrag) {
      this.localError(EMSGSIZE, daddr, mtu);
      return EMSGSIZE;
    }
    const skb = ipAllocSkb(data.length);
    skb.buf.set(data, skb.off + 20);
    { const tr = tracing(ns); if (tr) tr({ fn: 'raw_sendmsg', ns, skb, daddr }); }
    return ipSendSkb(ns, rt, skb, {
      saddr: rt.fl.saddr, daddr, proto: this.protocol, tos: this.tos, ttl: this.ttl < 0 ? undefined : this.ttl,
      pmtudisc: this.pmtudisc, mark: this.mark,
    });
  }

  /** ip_local_error() */
  private localError(errno: number, daddr: number, info: number): void {
    if (!this.recverr) return;
    this.errQueue.push({ errno, origin: SO_EE_ORIGIN_LOCAL, type: 0, code: 0, info, offender: 0, target: daddr, port: 0, payload: new Uint8Array(0) });
    this.onWake?.();
  }

  /** recvmsg(MSG_DONTWAIT) */
  recv(): RawDatagram | undefined {
    return this.rcvQueue.shift();
  }

  /** recvmsg(MSG_ERRQUEUE) */
  recvErr(): RawError | undefined {
    return this.errQueue.shift();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const list = rawSockets(this.ns);
    const i = list.indexOf(this);
    if (i >= 0) list.splice(i, 1);
    this.onWake = undefined;
  }
}

function rawSockets(ns: Netns): RawSocket[] {
  let l = ns.proto.rawSockets as RawSocket[] | undefined;
  if (!l) ns.proto.rawSockets = l = [];
  return l;
}

/** socket(AF_INET, SOCK_RAW, protocol) */
export function rawSocket(ns: Netns, protocol: number): RawSocket {
  const s = new RawSocket(ns, protocol);
  s.pmtudisc = icmpNet(ns).sysctl.ip_no_pmtu_disc ? 0 : 1;
  rawSockets(ns).push(s);
  return s;
}

/** raw_v4_match() */
function rawMatch(s: RawSocket, proto: number, laddr: number, dif: number): boolean {
  return s.protocol === proto && (!s.bindAddr || s.bindAddr === laddr) && (!s.boundIf || s.boundIf === dif);
}

/** inet_iif(): the route's input interface when it has one, else the receiving device. */
function inetIif(skb: SkBuff): number {
  const rt = isRtable(skb.dst) ? skb.dst : undefined;
  if (rt && rt.iif) return rt.iif;
  return skb.iif || skb.dev?.ifindex || 0;
}

/** raw_local_deliver() / raw_v4_input(): a copy of the datagram for every matching socket.
 *  Returns whether any socket took one. skb.data is at the IP header. */
export function rawLocalDeliver(ns: Netns, skb: SkBuff, proto: number): boolean {
  const list = ns.proto.rawSockets as RawSocket[] | undefined;
  if (!list || list.length === 0) return false;
  const b = skb.buf;
  const o = skb.off;
  const daddr = readAddr(b, o + 16);
  const dif = inetIif(skb);
  let delivered = false;
  for (const s of list) {
    if (!rawMatch(s, proto, daddr, dif)) continue;
    delivered = true;
    if (proto === 1) {
      const hl = (b[o]! & 0x0f) * 4;
      const type = b[o + hl];
      if (type !== undefined && type < 32 && s.icmpFilter & (1 << type)) continue;
    }
    const copy = allocBytes(skb.len);
    copy.set(b.subarray(o, o + skb.len));
    s.rcvQueue.push({ data: copy, from: readAddr(b, o + 12), tstamp: ns.kernel.clock.now(), ifindex: skb.dev?.ifindex ?? 0 });
    s.onWake?.();
  }
  return delivered;
}

/** raw_icmp_error() -> raw_err(): an ICMP error (skb.data at its ICMP header) about a
 *  datagram of `protocol` sent by one of our raw sockets. */
export function rawIcmpError(ns: Netns, skb: SkBuff, protocol: number, type: number, code: number, info: number): void {
  const list = ns.proto.rawSockets as RawSocket[] | undefined;
  if (!list || list.length === 0) return;
  const b = skb.buf;
  const o = skb.off;
  const q = o + 8;
  const qhl = (b[q]! & 0x0f) * 4;
  const qsrc = readAddr(b, q + 12);
  const qdst = readAddr(b, q + 16);
  const dif = skb.dev?.ifindex ?? 0;
  const offender = readAddr(b, skb.networkOffset + 12);
  for (const s of list) {
    if (!rawMatch(s, protocol, qsrc, dif)) continue;
    if (type === ICMP_DEST_UNREACH && code === ICMP_FRAG_NEEDED) {
      // ipv4_sk_update_pmtu()
      const rt = ipRouteOutput(ns, { dst: qdst, src: qsrc, oif: s.boundIf, mark: s.mark, proto: protocol });
      if (typeof rt !== 'number') ipRtUpdatePmtu(ns, rt, qdst, info);
    }
    if (type === ICMP_REDIRECT) continue;
    if (!s.recverr) continue;
    let err: number;
    switch (type) {
      case ICMP_SOURCE_QUENCH: continue;
      default: err = icmpErrConvert(type, code).err;
    }
    s.errQueue.push({
      errno: err, origin: SO_EE_ORIGIN_ICMP, type, code, info, offender, target: qdst, port: 0,
      payload: b.slice(q + qhl, Math.min(b.length, q + qhl + 8)),
    });
    s.err = err;
    s.onWake?.();
  }
}

/** connect() on a UDP socket, as ping's probe does (ip4_datagram_connect()): the route's
 *  source address, or a positive errno. */
export function udpConnectProbe(ns: Netns, daddr: number, opts: { oif?: number; tos?: number; broadcast?: boolean } = {}): { src: number } | number {
  const rt = ipRouteOutput(ns, { dst: daddr, oif: opts.oif ?? 0, tos: (opts.tos ?? 0) & 0x1c, proto: 17 });
  if (typeof rt === 'number') {
    ipMib(ns).OutNoRoutes++;
    return rt;
  }
  if (rt.flags & RTCF_BROADCAST && !opts.broadcast) return EACCES;
  return { src: rt.fl.saddr };
}

/** getifaddrs() for AF_INET: (device name, address) pairs, in device order. */
export function inetIfaddrs(ns: Netns): { dev: NetDevice; addr: number }[] {
  const out: { dev: NetDevice; addr: number }[] = [];
  for (const d of ns.devices()) {
    const ind = d.ip4 as { addrs: { local: number }[] } | undefined;
    if (!ind) continue;
    for (const a of ind.addrs) out.push({ dev: d, addr: a.local });
  }
  return out;
}
