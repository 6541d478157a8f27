// net/ipv6/ndisc.c: IPv6 neighbour discovery (RFC 4861) — nd_tbl on top of the generic
// neighbour cache (kernel/core/neighbour.ts), neighbour solicitations and advertisements
// on the wire (address resolution, NUD probes, duplicate address detection with the
// RFC 7527 nonce), router solicitations, and what each received message does.
import type { NetDevice } from '../core/netdevice.js';
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import { PACKET_LOOPBACK } from '../core/skbuff.js';
import { IFF_LOOPBACK, IFF_NOARP, ARPHRD_ETHER, ARPHRD_LOOPBACK } from '../core/if.js';
import {
  neighTableRegister, neighTable, neighUpdate, kfreeSkbReason, type Neighbour, type NeighTable,
  NUD_NOARP, NUD_NONE, NUD_STALE, NUD_REACHABLE, NUD_FAILED,
  NEIGH_UPDATE_F_OVERRIDE, NEIGH_UPDATE_F_WEAK_OVERRIDE, NEIGH_UPDATE_F_OVERRIDE_ISROUTER,
  NEIGH_UPDATE_F_ISROUTER, tracing,
} from '../core/neighbour.js';
import {
  emitIcmpv6, ndNeighbourSolicitation, ndNeighbourAdvertisement, ndRouterSolicitation,
  NDISC_NEIGHBOUR_SOLICITATION, NDISC_NEIGHBOUR_ADVERTISEMENT, NDISC_ROUTER_SOLICITATION,
  NDISC_ROUTER_ADVERTISEMENT, NDISC_REDIRECT, ND_OPT_SOURCE_LL_ADDR, ND_OPT_TARGET_LL_ADDR,
  ND_OPT_NONCE, findNdOption, type NdOption,
} from '../../wire/icmpv6.js';
import {
  ipv6AddrAny, ipv6AddrIsMulticast, ipv6AddrEqual, ipv6EthMcMap, ipv6Key, solicitedNodeAddr,
  IN6ADDR_LINKLOCAL_ALLNODES, IN6ADDR_LINKLOCAL_ALLROUTERS,
} from './addr.js';
import {
  in6DevGet, ipv6GetIfaddr, ipv6GetLladdr, ipv6ChkAddr, ipv6DevGetSaddr, addrconfDadFailure,
  IFA_F_TENTATIVE, IFA_F_OPTIMISTIC,
} from './addrconf.js';
import { ip6BuildSkb, ip6SendSkbOnDev, AF_INET6 } from './ip6_output.js';
import { ip6Stats } from './stats.js';
import { formatIPv6 } from '../../wire/inet.js';
import { icmpv6Send, ICMPV6_DEST_UNREACH, ICMPV6_ADDR_UNREACH } from './icmp.js';

/** ND messages go out with hop limit 255 and are only believed with it (RFC 4861 7.1). */
export const NDISC_HOPLIMIT = 255;

function keyBytes(k: string): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = parseInt(k.substr(i * 2, 2), 16);
  return out;
}

function formatKey(k: string): string {
  let s = '';
  for (let i = 0; i < 32; i += 4) s += (i ? ':' : '') + k.substr(i, 4);
  return s;
}

// ---------------------------------------------------------------------------------------
// nd_tbl

/** ndisc_constructor(): multicast destinations map straight to 33:33:xx (NOARP), so do
 *  loopback and NOARP devices; everything else is resolved. */
function ndiscConstructor(n: Neighbour<string>): number {
  const dev = n.dev;
  const addr = keyBytes(n.key);
  if (!in6DevGet(dev)) return -22; // EINVAL
  if (dev.type !== ARPHRD_ETHER && dev.type !== ARPHRD_LOOPBACK) {
    n.nudState = NUD_NOARP;
    return 0;
  }
  if (ipv6AddrIsMulticast(addr)) {
    n.nudState = NUD_NOARP;
    n.type = 5; // RTN_MULTICAST
    n.ha = dev.flags & IFF_LOOPBACK ? new Uint8Array(dev.addr.length) : ipv6EthMcMap(addr);
  } else if (dev.flags & (IFF_NOARP | IFF_LOOPBACK)) {
    n.nudState = NUD_NOARP;
    n.ha = dev.addr.slice();
    if (dev.flags & IFF_LOOPBACK) n.type = 2; // RTN_LOCAL
  } else {
    n.nudState = NUD_NONE;
  }
  return 0;
}

/** ndisc_solicit(): multicast NS while resolving, unicast NS to the cached address while
 *  probing; the source is the waiting packet's source when that is ours on this device.
 *  `skb` is the packet waiting on the answer (the newest queued; none while an entry is
 *  only being reconfirmed): the trace names it with the solicitation it provoked. */
function ndiscSolicit(n: Neighbour<string>, skb: SkBuff | undefined): void {
  const dev = n.dev;
  const target = keyBytes(n.key);
  let saddr: Uint8Array | undefined;
  if (skb && skb.networkOffset >= 0) {
    const src = skb.buf.subarray(skb.networkOffset + 8, skb.networkOffset + 24);
    if (ipv6ChkAddr(dev.netns, src, dev, IFA_F_TENTATIVE | IFA_F_OPTIMISTIC)) saddr = src.slice();
  }
  const probes = n.probes - n.parms.get('ucast_solicit');
  let daddr: Uint8Array;
  if (probes < 0) {
    daddr = target;
  } else if (probes - n.parms.get('app_solicit') < 0) {
    return; // neigh_app_ns(): no userspace resolver here.
  } else {
    daddr = solicitedNodeAddr(target);
  }
  // ndisc_send_ns()
  const req = ndiscNsCreate(dev, target, daddr, saddr, undefined);
  if (!req) return;
  if (skb) {
    const ns = dev.netns;
    const tr = tracing(ns);
    if (tr) tr({ fn: 'ndisc_solicit', ns, dev, skb, target: formatIPv6(target), sent: req.traceId });
  }
  ndiscSendSkb(dev, req, NDISC_NEIGHBOUR_SOLICITATION);
}

/** ndisc_error_report() -> ip6_link_failure(): "Address unreachable" to the sender. */
function ndiscErrorReport(n: Neighbour<string>, skb: SkBuff): void {
  icmpv6Send(n.dev.netns, skb, ICMPV6_DEST_UNREACH, ICMPV6_ADDR_UNREACH, 0, n.dev);
}

neighTableRegister<string>({
  family: AF_INET6,
  keyLen: 16,
  id: 'nd_tbl',
  keyBytes,
  keyFromBytes: (b) => ipv6Key(b),
  formatKey,
  construct: ndiscConstructor,
  solicit: ndiscSolicit,
  errorReport: ndiscErrorReport,
});

/** The namespace's nd_tbl. nd_tbl's own defaults differ from ARP's in a few values. */
export function ndTbl(ns: Netns): NeighTable<string> {
  const t = neighTable<string>(ns, AF_INET6)!;
  if (!(t as { ndInit?: boolean }).ndInit) {
    (t as { ndInit?: boolean }).ndInit = true;
    t.parms.data.locktime = 0;
    t.parms.data.anycast_delay = 1000;
    t.parms.data.proxy_delay = 800;
  }
  return t;
}

// ---------------------------------------------------------------------------------------
// Sending

/** ndisc_alloc_skb() + ip6_nd_hdr(): an ND message from `saddr` to `daddr`, hop limit 255. */
function ndiscAllocSkb(dev: NetDevice, saddr: Uint8Array, daddr: Uint8Array, icmp: Uint8Array): SkBuff {
  const idev = in6DevGet(dev);
  return ip6BuildSkb({
    src: saddr, dst: daddr, nexthdr: 58, hoplimit: NDISC_HOPLIMIT, tclass: idev?.cnf.ndisc_tclass ?? 0,
  }, icmp);
}

/** ndisc_send_skb() */
function ndiscSendSkb(dev: NetDevice, skb: SkBuff, type: number): void {
  const st = ip6Stats(dev.netns);
  st.Icmp6OutMsgs++;
  st.icmpOut[type] = (st.icmpOut[type] ?? 0) + 1;
  ip6SendSkbOnDev(dev.netns, dev, skb);
}

/** ndisc_ns_create(): a solicitation for `target`, to `daddr`; from `saddr` or the first
 *  usable link-local address (none: nothing to send). DAD probes come from :: with the nonce. */
function ndiscNsCreate(dev: NetDevice, target: Uint8Array, daddr: Uint8Array, saddr: Uint8Array | undefined,
  nonce: Uint8Array | undefined): SkBuff | undefined {
  let src = saddr;
  if (!src) {
    src = ipv6GetLladdr(dev, IFA_F_TENTATIVE | IFA_F_OPTIMISTIC);
    if (!src) return undefined;
  }
  const incOpt = !ipv6AddrAny(src) && dev.addr.length > 0 && dev.type === ARPHRD_ETHER;
  const extra: NdOption[] = nonce ? [{ type: ND_OPT_NONCE, body: nonce }] : [];
  const rec = ndNeighbourSolicitation(target, incOpt ? dev.addr : undefined, extra);
  return ndiscAllocSkb(dev, src, daddr, emitIcmpv6(rec, undefined, { src, dst: daddr }));
}

/** ndisc_send_ns(): a solicitation for `target`, to `daddr` (ndisc_ns_create()). */
export function ndiscSendNs(dev: NetDevice, target: Uint8Array, daddr: Uint8Array, saddr: Uint8Array | undefined,
  nonce: Uint8Array | undefined): void {
  const skb = ndiscNsCreate(dev, target, daddr, saddr, nonce);
  if (skb) ndiscSendSkb(dev, skb, NDISC_NEIGHBOUR_SOLICITATION);
}

/** ndisc_send_na() */
export function ndiscSendNa(dev: NetDevice, daddr: Uint8Array, solicitedAddr: Uint8Array, router: boolean,
  solicited: boolean, override: boolean, incOpt: boolean): void {
  let src: Uint8Array | undefined;
  const ifp = ipv6GetIfaddr(dev.netns, solicitedAddr, dev, true);
  if (ifp) {
    src = solicitedAddr;
    if (ifp.flags & IFA_F_OPTIMISTIC) override = false;
    if (ifp.idev.cnf.force_tllao) incOpt = true;
  } else {
    src = ipv6DevGetSaddr(dev.netns, dev, daddr, dev.ifindex);
    if (!src) return;
  }
  if (!dev.addr.length || dev.type !== ARPHRD_ETHER) incOpt = false;
  const rec = ndNeighbourAdvertisement({ target: solicitedAddr, router, solicited, override, tllao: incOpt ? dev.addr : undefined });
  ndiscSendSkb(dev, ndiscAllocSkb(dev, src, daddr, emitIcmpv6(rec, undefined, { src, dst: daddr })), NDISC_NEIGHBOUR_ADVERTISEMENT);
}

/** ndisc_send_rs(): to all-routers, with our link-layer address unless sent from ::. */
export function ndiscSendRs(dev: NetDevice, saddr: Uint8Array, daddr: Uint8Array = IN6ADDR_LINKLOCAL_ALLROUTERS): void {
  const incOpt = !ipv6AddrAny(saddr) && dev.addr.length > 0 && dev.type === ARPHRD_ETHER;
  const rec = ndRouterSolicitation(incOpt ? dev.addr : undefined);
  ndiscSendSkb(dev, ndiscAllocSkb(dev, saddr, daddr, emitIcmpv6(rec, undefined, { src: saddr, dst: daddr })), NDISC_ROUTER_SOLICITATION);
}

/** ndisc_send_unsol_na(): announce every usable address (ndisc_notify). */
export function ndiscSendUnsolNa(dev: NetDevice): void {
  const idev = in6DevGet(dev);
  if (!idev) return;
  for (const ifa of idev.addrs) {
    if (ifa.flags & IFA_F_TENTATIVE) continue;
    ndiscSendNa(dev, IN6ADDR_LINKLOCAL_ALLNODES, ifa.addr, !!idev.cnf.forwarding, false, true, true);
  }
}

// ---------------------------------------------------------------------------------------
// Receiving

/** ndisc_rcv(): `icmp` is the offset of the ICMPv6 message in skb.buf, `len` its length. */
export function ndiscRcv(skb: SkBuff, icmp: number, len: number): void {
  const buf = skb.buf;
  const nh = skb.networkOffset;
  const dev = skb.dev!;
  if (buf[nh + 7] !== NDISC_HOPLIMIT) {
    kfreeSkbReason(dev.netns, skb, 'IPV6_NDISC_HOP_LIMIT', dev);
    return;
  }
  if (buf[icmp + 1] !== 0) {
    kfreeSkbReason(dev.netns, skb, 'IPV6_NDISC_BAD_CODE', dev);
    return;
  }
  switch (buf[icmp]) {
    case NDISC_NEIGHBOUR_SOLICITATION: ndiscRecvNs(skb, icmp, len); break;
    case NDISC_NEIGHBOUR_ADVERTISEMENT: ndiscRecvNa(skb, icmp, len); break;
    case NDISC_ROUTER_SOLICITATION: ndiscRecvRs(skb, icmp, len); break;
    case NDISC_ROUTER_ADVERTISEMENT:
    case NDISC_REDIRECT:
    default:
      // Hosts here never see a router advertising; redirects are not followed.
      break;
  }
}

/** The 6-byte address of an SLLAO/TLLAO option, undefined when absent, or null when the
 *  options are malformed or the address has the wrong length. */
function llOption(buf: Uint8Array, start: number, end: number, type: number): Uint8Array | undefined | null {
  if (findNdOption(buf, start, end, 0xff) === -2) return null;
  const p = findNdOption(buf, start, end, type);
  if (p < 0) return undefined;
  if (buf[p + 1] !== 1) return null;
  return buf.slice(p + 2, p + 8);
}

/** ndisc_recv_ns() */
function ndiscRecvNs(skb: SkBuff, icmp: number, len: number): void {
  const buf = skb.buf;
  const nh = skb.networkOffset;
  const dev = skb.dev!;
  const ns = dev.netns;
  if (len < 24) return kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL', dev);
  const saddr = buf.slice(nh + 8, nh + 24);
  const daddr = buf.slice(nh + 24, nh + 40);
  const target = buf.slice(icmp + 8, icmp + 24);
  const dad = ipv6AddrAny(saddr);
  if (ipv6AddrIsMulticast(target)) return;
  // RFC 4861 7.1.1: DAD goes to the solicited-node group.
  if (dad && !(daddr[0] === 0xff && daddr[1] === 0x02 && daddr[11] === 1 && daddr[12] === 0xff &&
    daddr.subarray(2, 11).every((b) => b === 0))) return;
  const optStart = icmp + 24;
  const optEnd = icmp + len;
  const lladdr = llOption(buf, optStart, optEnd, ND_OPT_SOURCE_LL_ADDR);
  if (lladdr === null) return kfreeSkbReason(ns, skb, 'NDISC_INVALID_OPTIONS', dev);
  if (lladdr && dad) return; // no SLLAO from ::
  let nonce: Uint8Array | undefined;
  const np = findNdOption(buf, optStart, optEnd, ND_OPT_NONCE);
  if (np >= 0 && buf[np + 1] === 1) nonce = buf.slice(np + 2, np + 8);
  const inc = ipv6AddrIsMulticast(daddr);

  const ifp = ipv6GetIfaddr(ns, target, dev, true);
  const idev = in6DevGet(dev);
  if (!idev) return;
  if (ifp) {
    if (ifp.flags & (IFA_F_TENTATIVE | IFA_F_OPTIMISTIC)) {
      if (dad) {
        if (nonce && ifp.dadNonce && ipv6NonceEqual(nonce, ifp.dadNonce)) return; // our own probe looped back
        // Another node is doing DAD for the same address: ours fails.
        addrconfDadFailure(ifp, macOf(skb));
        return;
      }
      if (!(ifp.flags & IFA_F_OPTIMISTIC)) return;
    }
  } else {
    // Not ours on this device: anycast (routers) or nothing (no proxy NDP here).
    if (!ipv6ChkAcastAddr(dev, target)) return;
  }
  const isRouter = !!idev.cnf.forwarding;
  if (dad) {
    ndiscSendNa(dev, IN6ADDR_LINKLOCAL_ALLNODES, target, isRouter, false, !!ifp, true);
    return;
  }
  const tbl = ndTbl(ns);
  const n = tbl.lookupOrCreate(ipv6Key(saddr), dev, !inc || !!lladdr || !dev.addr.length);
  if (n) {
    neighUpdate(n, lladdr ?? undefined, NUD_STALE, NEIGH_UPDATE_F_WEAK_OVERRIDE | NEIGH_UPDATE_F_OVERRIDE);
    ndiscSendNa(dev, saddr, target, isRouter, true, !!ifp && inc, inc);
  }
}

function ipv6NonceEqual(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 6; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The source MAC of a received frame, for the "duplicate address ... used by" report. */
function macOf(skb: SkBuff): Uint8Array | undefined {
  return skb.macOffset >= 0 ? skb.buf.slice(skb.macOffset + 6, skb.macOffset + 12) : undefined;
}

/** ipv6_chk_acast_addr(): the subnet-router anycast addresses a forwarding interface holds. */
function ipv6ChkAcastAddr(dev: NetDevice, addr: Uint8Array): boolean {
  const idev = in6DevGet(dev);
  return !!idev && idev.anycast.some((a) => ipv6AddrEqual(a.addr, addr));
}

/** ndisc_recv_na() */
function ndiscRecvNa(skb: SkBuff, icmp: number, len: number): void {
  const buf = skb.buf;
  const nh = skb.networkOffset;
  const dev = skb.dev!;
  const ns = dev.netns;
  if (len < 24) return kfreeSkbReason(ns, skb, 'PKT_TOO_SMALL', dev);
  const daddr = buf.subarray(nh + 24, nh + 40);
  const target = buf.slice(icmp + 8, icmp + 24);
  const flags = buf[icmp + 4]!;
  const router = (flags & 0x80) !== 0;
  const solicited = (flags & 0x40) !== 0;
  const override = (flags & 0x20) !== 0;
  if (ipv6AddrIsMulticast(target)) return;
  if (ipv6AddrIsMulticast(daddr) && solicited) return;
  const idev = in6DevGet(dev);
  if (!solicited && idev && idev.cnf.drop_unsolicited_na) return;
  const lladdr = llOption(buf, icmp + 24, icmp + len, ND_OPT_TARGET_LL_ADDR);
  if (lladdr === null) return kfreeSkbReason(ns, skb, 'NDISC_INVALID_OPTIONS', dev);
  const ifp = ipv6GetIfaddr(ns, target, dev, true);
  if (ifp) {
    if (skb.pktType !== PACKET_LOOPBACK && ifp.flags & IFA_F_TENTATIVE) addrconfDadFailure(ifp, macOf(skb));
    // Otherwise somebody advertised our address ("NA: ... advertised our address").
    return;
  }
  const tbl = ndTbl(ns);
  let n = tbl.lookup(ipv6Key(target), dev);
  let newState = solicited ? NUD_REACHABLE : NUD_STALE;
  if (!n && lladdr && idev && idev.cnf.forwarding && acceptUntrackedNa(dev, buf.subarray(nh + 8, nh + 24))) {
    n = tbl.lookupOrCreate(ipv6Key(target), dev, true);
    newState = NUD_STALE;
  }
  if (!n) return;
  if (n.nudState & NUD_FAILED) return;
  neighUpdate(n, lladdr ?? undefined, newState,
    NEIGH_UPDATE_F_WEAK_OVERRIDE | (override ? NEIGH_UPDATE_F_OVERRIDE : 0) |
    NEIGH_UPDATE_F_OVERRIDE_ISROUTER | (router ? NEIGH_UPDATE_F_ISROUTER : 0));
}

/** accept_untracked_na(): 1 accepts from anyone, 2 only from our subnets. */
function acceptUntrackedNa(dev: NetDevice, saddr: Uint8Array): boolean {
  const idev = in6DevGet(dev);
  const v = idev?.cnf.accept_untracked_na ?? 0;
  if (v === 1) return true;
  if (v === 2) return !!idev?.addrs.some((a) => prefixMatch(a.addr, saddr, a.prefixlen));
  return false;
}

function prefixMatch(a: Uint8Array, b: Uint8Array, plen: number): boolean {
  for (let i = 0; i < plen; i++) {
    const bit = 0x80 >> (i & 7);
    if ((a[i >> 3]! & bit) !== (b[i >> 3]! & bit)) return false;
  }
  return true;
}

/** ndisc_recv_rs(): routers learn the soliciting host's link-layer address. */
function ndiscRecvRs(skb: SkBuff, icmp: number, len: number): void {
  const dev = skb.dev!;
  const idev = in6DevGet(dev);
  if (!idev || !idev.cnf.forwarding) return;
  const nh = skb.networkOffset;
  const saddr = skb.buf.slice(nh + 8, nh + 24);
  if (ipv6AddrAny(saddr)) return;
  const lladdr = llOption(skb.buf, icmp + 8, icmp + len, ND_OPT_SOURCE_LL_ADDR);
  if (!lladdr) return;
  const n = ndTbl(dev.netns).lookupOrCreate(ipv6Key(saddr), dev, true);
  if (n) neighUpdate(n, lladdr, NUD_STALE, NEIGH_UPDATE_F_WEAK_OVERRIDE | NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_OVERRIDE_ISROUTER);
}
