// net/ipv4/route.c (+ fib_frontend.c's fib_validate_source(), devinet.c's
// inet_select_addr()): the route decisions of the IPv4 datapath.
//   ipRouteOutput()  ip_route_output_key_hash_rcu(): locally generated packets, with source
//                    address selection and multipath selection;
//   ipRouteInput()   ip_route_input_slow(): received packets — local delivery, broadcast,
//                    forwarding, or an error route / a drop with its reason;
//   inetRtmGetroute() what `ip route get` asks (RTM_GETROUTE), answered like rt_fill_info()
//                    or, with fibmatch, like fib_dump_info().
//   (ipRouteInput() first takes multicast destinations aside, as ip_route_input_rcu() does.)
// netsim keeps no route cache: every call does the full lookup (the answers are the ones the
// cache would hold).
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import { IFF_LOOPBACK, IFF_UP } from '../core/if.js';
import { prefixMask } from '../../wire/inet.js';
import {
  RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST, RTN_MULTICAST, RTN_UNREACHABLE, RT_SCOPE_UNIVERSE,
  RT_SCOPE_LINK, RT_SCOPE_HOST, RT_TABLE_MAIN, RT_TABLE_LOCAL, RT_TABLE_COMPAT, RTPROT_UNSPEC,
  RTCF_LOCAL, RTCF_BROADCAST, RTCF_MULTICAST, RTCF_DOREDIRECT, RTCF_NOTIFY, RTM_F_CLONED,
  RTM_F_NOTIFY, RTM_F_LOOKUP_TABLE, RTM_F_FIB_MATCH, RTAX_MTU, routeTypeError,
  type RtMsg,
} from './route_types.js';
import {
  fibOf, fibGetTable, fibTableLookup, fibDumpInfo, fibRebalance, fibMetricsAttr, fibInfoUsesDev, flowi4, flowi4Key,
  FIB_LOOKUP_IGNORE_LINKSTATE, type FibResult, type Flowi4, type FibInfo, type FibNh, type FibAlias,
} from './fib.js';
import { fibLookup, type FibLookupTrace } from './fib_rules.js';
import { inDev, devconf, IFA_F_SECONDARY } from './devinet.js';
import { EHOSTUNREACH, EINVAL, ENETUNREACH, ENODEV, EXDEV, KernelError } from '../errno.js';

export const LOOPBACK_IFINDEX = 1;
const INADDR_LOOPBACK = 0x7f000001;

const isZeronet = (a: number) => (a & 0xff000000) === 0;
const isLbcast = (a: number) => a === 0xffffffff;
const isMulticast = (a: number) => ((a & 0xf0000000) >>> 0) === 0xe0000000;
const isLocalMulticast = (a: number) => ((a & 0xffffff00) >>> 0) === 0xe0000000;
const isLoopback = (a: number) => (a & 0xff000000) === 0x7f000000;

function loopbackDev(ns: Netns): NetDevice {
  return (ns.proto.loopback as NetDevice | undefined) ?? ns.devByIndex(LOOPBACK_IFINDEX)!;
}

// ---------------------------------------------------------------------------------------
// Source address selection

/** inet_ifa_match() */
function ifaMatch(addr: number, ifaAddr: number, plen: number): boolean {
  return ((addr ^ ifaAddr) & prefixMask(plen)) === 0;
}

/** in_dev_select_addr() */
function inDevSelectAddr(dev: NetDevice, scope: number): number {
  const ind = inDev(dev);
  if (!ind) return 0;
  for (const ifa of ind.addrs) {
    if (ifa.flags & IFA_F_SECONDARY) continue;
    if (ifa.scope !== RT_SCOPE_LINK && ifa.scope <= scope) return ifa.local;
  }
  return 0;
}

/** inet_select_addr(): a primary address of `dev` within `scope` (one on the same subnet
 *  as `dst` preferred); else one from any device, lo first. */
export function inetSelectAddr(dev: NetDevice, dst: number, scope: number): number {
  const ind = inDev(dev);
  let addr = 0;
  if (ind) {
    // route_localnet is read only when an address's scope is beyond the one asked for.
    let localnetScope = -1;
    const addrs = ind.addrs;
    for (let i = 0; i < addrs.length; i++) {
      const ifa = addrs[i]!;
      if (ifa.flags & IFA_F_SECONDARY) continue;
      if (ifa.scope > scope) {
        if (localnetScope < 0) localnetScope = devconf(dev, 'route_localnet') ? RT_SCOPE_LINK : RT_SCOPE_HOST;
        if (Math.min(ifa.scope, localnetScope) > scope) continue;
      }
      if (!dst || ifaMatch(dst, ifa.address, ifa.prefixlen)) {
        addr = ifa.local;
        break;
      }
      if (!addr) addr = ifa.local;
    }
  }
  if (addr) return addr;
  for (const d of dev.netns.devicesSorted()) {
    addr = inDevSelectAddr(d, scope);
    if (addr) return addr;
  }
  return 0;
}

/** inet_lookup_ifaddr_rcu(): the device holding `addr` as a local address. */
export function inetLookupIfaddr(ns: Netns, addr: number): NetDevice | undefined {
  const devs = ns.devicesSorted();
  for (let i = 0; i < devs.length; i++) {
    const d = devs[i]!;
    const ind = inDev(d);
    if (!ind) continue;
    const addrs = ind.addrs;
    for (let j = 0; j < addrs.length; j++) if (addrs[j]!.local === addr) return d;
  }
  return undefined;
}

/** __ip_dev_find(): the device owning `addr`, falling back to table local (loopback subnets). */
export function ipDevFind(ns: Netns, addr: number): NetDevice | undefined {
  const d = inetLookupIfaddr(ns, addr);
  if (d) return d;
  const local = fibGetTable(ns, RT_TABLE_LOCAL);
  if (!local) return undefined;
  const r = fibTableLookup(local, flowi4({ daddr: addr }));
  if (typeof r !== 'number' && r.type === RTN_LOCAL) return r.nh?.dev;
  return undefined;
}

/** fib_result_prefsrc() */
function fibResultPrefsrc(res: FibResult): number {
  const fi = res.fi!;
  if (fi.prefsrc) return fi.prefsrc;
  const nh = res.nh!;
  return nh.dev ? inetSelectAddr(nh.dev, nh.gw, fi.scope) : 0;
}

// ---------------------------------------------------------------------------------------
// Multipath and default-router selection

/** A deterministic stand-in for fib_multipath_hash() (policy 0: L3 source and destination). */
export function fibMultipathHash(saddr: number, daddr: number): number {
  let a = (0x9e3779b9 + 8 + 0x5eed) >>> 0, b = a, c = a;
  a = (a + saddr) >>> 0;
  b = (b + daddr) >>> 0;
  // jhash final()
  const rol = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
  c ^= b; c = (c - rol(b, 14)) >>> 0;
  a ^= c; a = (a - rol(c, 11)) >>> 0;
  b ^= a; b = (b - rol(a, 25)) >>> 0;
  c ^= b; c = (c - rol(b, 16)) >>> 0;
  a ^= c; a = (a - rol(c, 4)) >>> 0;
  b ^= a; b = (b - rol(a, 14)) >>> 0;
  c ^= b; c = (c - rol(b, 24)) >>> 0;
  return c >>> 1;
}

/** fib_select_multipath() */
function fibSelectMultipath(res: FibResult, hash: number): void {
  const fi = res.fi!;
  fibRebalance(fi); // linkdown follows the carrier, so the bounds are refreshed here
  for (let i = 0; i < fi.nhs.length; i++) {
    const nh = fi.nhs[i]!;
    if (hash > nh.upperBound) continue;
    res.nhSel = i;
    res.nh = nh;
    return;
  }
}

/** The neighbour state of a gateway (NUD_* bits), for dead-gateway detection; the
 *  neighbour subsystem installs this. undefined = no entry. */
export const neighState: { lookup?: (dev: NetDevice, addr: number) => number | undefined } = {};

const NUD_INCOMPLETE = 0x01, NUD_REACHABLE = 0x02, NUD_VALID = 0x80 | 0x40 | 0x02 | 0x10 | 0x04 | 0x08;

/** fib_detect_death(): 0 when the gateway may be used. */
function fibDetectDeath(fi: FibInfo, order: number, st: { lastResort?: FibInfo; lastIdx: number }, dflt: number): number {
  const nh = fi.nhs[0]!;
  const state = nh.dev && nh.gw ? neighState.lookup?.(nh.dev, nh.gw) : undefined;
  if (state === undefined) return 0;
  if (state === NUD_REACHABLE) return 0;
  if ((state & NUD_VALID) && order !== dflt) return 0;
  if ((state & NUD_VALID) || (st.lastIdx < 0 && order > dflt && state !== NUD_INCOMPLETE)) {
    st.lastResort = fi;
    st.lastIdx = order;
  }
  return 1;
}

/** fib_select_default(): among equal default routes, skip gateways known to be dead. */
function fibSelectDefault(fl: Flowi4, res: FibResult): void {
  const leaf = res.table?.leaf(0);
  if (!leaf || !res.fi) return;
  let fi: FibInfo | undefined;
  let fa1: FibAlias | undefined;
  let order = -1;
  const st = { lastResort: undefined as FibInfo | undefined, lastIdx: -1 };
  let lastPrio = res.fi.priority;
  let lastTos = 0;
  const assign = (f: FibInfo) => {
    res.fi = f;
    res.nh = f.nhs[0];
    res.nhSel = 0;
  };
  for (const fa of leaf) {
    const next = fa.fi;
    if (fa.plen !== res.prefixlen) continue;
    if (fa.tos && fa.tos !== (fl.tos & 0xfc)) continue;
    if (fa.tbId !== res.table!.id) continue;
    if (next.priority > lastPrio && fa.tos === lastTos) {
      if (lastTos) continue;
      break;
    }
    if (next.flags & 1) continue; // RTNH_F_DEAD
    lastTos = fa.tos;
    lastPrio = next.priority;
    if (next.scope !== res.scope || fa.type !== RTN_UNICAST) continue;
    const nh = next.nhs[0]!;
    if (!nh.gw || nh.scope !== RT_SCOPE_LINK) continue;
    if (!fi) {
      if (next !== res.fi) break;
      fa1 = fa;
    } else if (!fibDetectDeath(fi, order, st, fa1!.faDefault)) {
      assign(fi);
      fa1!.faDefault = order;
      return;
    }
    fi = next;
    order++;
  }
  if (order <= 0 || !fi) {
    if (fa1) fa1.faDefault = -1;
    return;
  }
  if (!fibDetectDeath(fi, order, st, fa1!.faDefault)) {
    assign(fi);
    fa1!.faDefault = order;
    return;
  }
  if (st.lastIdx >= 0 && st.lastResort) assign(st.lastResort);
  fa1!.faDefault = st.lastIdx;
}

/** fib_select_path() */
function fibSelectPath(res: FibResult, fl: Flowi4): void {
  if (!fl.oif) {
    if (res.fi!.nhs.length > 1) fibSelectMultipath(res, fl.mpHash ?? fibMultipathHash(fl.saddr, fl.daddr));
    else if (!res.prefixlen && res.table && res.table.numDefault > 1 && res.type === RTN_UNICAST) fibSelectDefault(fl, res);
  }
  if (!fl.saddr) fl.saddr = fibResultPrefsrc(res);
}

// ---------------------------------------------------------------------------------------
// The route a packet takes

/** struct rtable: the decision for one flow. */
export interface Rtable {
  /** rt_type */
  type: number;
  /** rt_flags (RTCF_*) */
  flags: number;
  /** dst.dev: the output device; lo for locally delivered packets. */
  dev: NetDevice;
  /** rt_gw4 when rt_uses_gateway, else 0 (the next hop is the destination itself). */
  gw: number;
  /** rt_iif: the input device (input routes) or the oif asked for (output routes). */
  iif: number;
  isInput: boolean;
  /** What dst.input does with the packet (input routes). */
  input?: 'local' | 'forward' | 'error';
  /** dst.error: the errno an error route reports (EHOSTUNREACH, ENETUNREACH, EACCES, EINVAL). */
  error: number;
  /** The FIB entry the route came from, when there was one. */
  fi?: FibInfo;
  nh?: FibNh;
  /** The table the lookup ended in (res.table). */
  table?: number;
  /** The matched prefix (res.prefix/prefixlen) and its tos (res.dscp). */
  prefix: number;
  tos: number;
  prefixlen: number;
  /** IPSKB_DOREDIRECT: forwarding back out of the input device to an on-link source. */
  doRedirect: boolean;
  /** The flow after the lookup: saddr is the selected source address. */
  fl: Flowi4;
  /** The rule that decided, when policy rules are in use. */
  trace?: FibLookupTrace;
}

/** The next hop a packet routed by `rt` is sent to (rt_nexthop()). */
export function rtNexthop(rt: Rtable, daddr: number): number {
  return rt.gw || daddr;
}

/** dst_mtu(): the route's mtu metric, or the device's. */
export function rtMtu(rt: Rtable): number {
  const m = rt.fi?.metrics[RTAX_MTU];
  return m ? Math.min(m, rt.dev.mtu) : rt.dev.mtu;
}

/** rt_set_nexthop() + rt_dst_alloc() */
function mkRt(type: number, flags: number, dev: NetDevice, fl: Flowi4, res: FibResult | undefined, fi: FibInfo | undefined,
  isInput: boolean, iif: number): Rtable {
  const nh = fi ? res?.nh : undefined;
  const gw = nh && nh.gw && nh.scope === RT_SCOPE_LINK ? nh.gw : 0;
  return {
    type, flags, dev, gw, iif, isInput, error: 0, fi, nh, table: res?.table?.id,
    prefix: res?.prefix ?? 0, prefixlen: res?.prefixlen ?? 0, tos: res?.tos ?? 0, doRedirect: false, fl,
  };
}

/** Multicast group membership, for RTCF_LOCAL on multicast routes (ip_check_mc_rcu());
 *  IGMP installs a better one. Every device is in the all-hosts group. */
export const mcMembership: { check: (dev: NetDevice, group: number) => boolean } = {
  check: (_dev, group) => group === 0xe0000001,
};

/** __mkroute_output() */
function mkrouteOutput(res: FibResult, fl: Flowi4, origOif: number, devOut: NetDevice, flags: number): Rtable | number {
  let fi = res.fi;
  let type = res.type;
  const ind = inDev(devOut);
  if (!ind) return EINVAL;
  if (isLoopback(fl.saddr) && !(devOut.flags & IFF_LOOPBACK) && !devconf(devOut, 'route_localnet')) return EINVAL;
  if (isLbcast(fl.daddr)) type = RTN_BROADCAST;
  else if (isMulticast(fl.daddr)) type = RTN_MULTICAST;
  else if (isZeronet(fl.daddr)) return EINVAL;
  if (devOut.flags & IFF_LOOPBACK) flags |= RTCF_LOCAL;
  if (type === RTN_BROADCAST) {
    flags |= RTCF_BROADCAST | RTCF_LOCAL;
    fi = undefined;
  } else if (type === RTN_MULTICAST) {
    flags |= RTCF_MULTICAST | RTCF_LOCAL;
    if (!mcMembership.check(devOut, fl.daddr)) flags &= ~RTCF_LOCAL;
    if (fi && res.prefixlen < 4) fi = undefined;
  }
  return mkRt(type, flags, devOut, fl, res, fi, false, origOif);
}

export interface RouteOutputRequest {
  dst: number;
  src?: number;
  oif?: number;
  mark?: number;
  tos?: number;
  proto?: number;
  sport?: number;
  dport?: number;
  uid?: number;
  /** RTO_ONLINK / SO_DONTROUTE: only on-link routes (flowi4_scope = link). */
  onlink?: boolean;
  /** FLOWI_FLAG_ANYSRC: a source address that is not local is accepted (IP_TRANSPARENT). */
  anySrc?: boolean;
}

function emptyRes(): FibResult {
  return { prefix: 0, prefixlen: 0, nhSel: 0, nh: undefined, type: RTN_UNICAST, scope: 0, fi: undefined, table: undefined, alias: undefined, tos: 0 };
}

/** Object.assign(dst, src) for two FibResults, field by field. */
function copyRes(dst: FibResult, src: FibResult): void {
  dst.prefix = src.prefix;
  dst.prefixlen = src.prefixlen;
  dst.nhSel = src.nhSel;
  dst.nh = src.nh;
  dst.type = src.type;
  dst.scope = src.scope;
  dst.fi = src.fi;
  dst.table = src.table;
  dst.alias = src.alias;
  dst.tos = src.tos;
}

/** ip_route_output_key_hash_rcu() on a prepared flow; `res` receives the FIB result. */
export function ipRouteOutputFlow(ns: Netns, fl: Flowi4, res: FibResult, trace?: FibLookupTrace): Rtable | number {
  let devOut: NetDevice | undefined;
  let origOif = fl.oif;
  let flags = 0;
  if (fl.saddr) {
    if (isMulticast(fl.saddr) || isLbcast(fl.saddr) || isZeronet(fl.saddr)) return EINVAL;
    if (fl.oif === 0 && (isMulticast(fl.daddr) || isLbcast(fl.daddr))) {
      devOut = ipDevFind(ns, fl.saddr);
      if (!devOut) return ENETUNREACH;
      fl.oif = devOut.ifindex;
      return mkrouteOutput(res, fl, origOif, devOut, flags);
    }
    if (!fl.anySrc && !ipDevFind(ns, fl.saddr)) return ENETUNREACH;
  }
  if (fl.oif) {
    devOut = ns.devByIndex(fl.oif);
    if (!devOut) return ENODEV;
    if (!(devOut.flags & IFF_UP) || !inDev(devOut)) return ENETUNREACH;
    if (isLocalMulticast(fl.daddr) || isLbcast(fl.daddr) || fl.proto === 2 /* IGMP */) {
      if (!fl.saddr) fl.saddr = inetSelectAddr(devOut, 0, RT_SCOPE_LINK);
      return mkrouteOutput(res, fl, origOif, devOut, flags);
    }
    if (!fl.saddr) {
      if (isMulticast(fl.daddr)) fl.saddr = inetSelectAddr(devOut, 0, fl.scope);
      else if (!fl.daddr) fl.saddr = inetSelectAddr(devOut, 0, RT_SCOPE_HOST);
    }
  }
  if (!fl.daddr) {
    fl.daddr = fl.saddr;
    if (!fl.daddr) fl.daddr = fl.saddr = INADDR_LOOPBACK;
    devOut = loopbackDev(ns);
    fl.oif = LOOPBACK_IFINDEX;
    res.type = RTN_LOCAL;
    flags |= RTCF_LOCAL;
    return mkrouteOutput(res, fl, origOif, devOut, flags);
  }
  const r = fibLookup(ns, fl, 0, trace);
  if (typeof r === 'number') {
    res.fi = undefined;
    res.table = undefined;
    if (fl.oif && devOut) {
      // "Apparently, routing tables are wrong. Assume that the destination is on link."
      if (fl.saddr === 0) fl.saddr = inetSelectAddr(devOut, 0, RT_SCOPE_LINK);
      res.type = RTN_UNICAST;
      return mkrouteOutput(res, fl, origOif, devOut, flags);
    }
    return r;
  }
  copyRes(res, r);
  if (res.type === RTN_LOCAL) {
    if (!fl.saddr) fl.saddr = res.fi!.prefsrc || fl.daddr;
    devOut = loopbackDev(ns);
    origOif = res.nh?.oif ?? 0;
    fl.oif = devOut.ifindex;
    flags |= RTCF_LOCAL;
    return mkrouteOutput(res, fl, origOif, devOut, flags);
  }
  fibSelectPath(res, fl);
  devOut = res.nh?.dev;
  if (!devOut) return ENETUNREACH;
  return mkrouteOutput(res, fl, origOif, devOut, flags);
}

/** ip_route_output_key(): the route for a locally generated packet, or the positive errno
 *  (ENETUNREACH, EHOSTUNREACH, EACCES, EINVAL, ENODEV). `rt.fl.saddr` is the source address
 *  to use; `rtNexthop(rt, dst)` the address to resolve. */
export function ipRouteOutput(ns: Netns, q: RouteOutputRequest, trace?: FibLookupTrace): Rtable | number {
  return ipRouteOutputKey(ns, q.dst, q.src ?? 0, q.oif ?? 0, q.mark ?? 0, q.tos ?? 0, q.onlink ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE,
    q.proto ?? 0, q.sport ?? 0, q.dport ?? 0, q.uid ?? 0, !!q.anySrc, trace);
}

/** ipRouteOutput() with the request's fields as arguments (the datapath's own callers). */
export function ipRouteOutputKey(ns: Netns, dst: number, src: number, oif: number, mark: number, tos: number, scope: number,
  proto: number, sport: number, dport: number, uid: number, anySrc: boolean, trace?: FibLookupTrace): Rtable | number {
  const fl = flowi4Key(dst >>> 0, src >>> 0, oif, LOOPBACK_IFINDEX, mark, tos & 0xfc, scope, proto, sport, dport, uid);
  if (anySrc) fl.anySrc = true;
  const rt = ipRouteOutputFlow(ns, fl, emptyRes(), trace);
  if (typeof rt !== 'number' && trace) rt.trace = trace;
  return rt;
}

// ---------------------------------------------------------------------------------------
// Input routes

/** Why ip_route_input_slow() refused a packet (SKB_DROP_REASON_*). */
export type RouteDropReason = 'IP_INVALID_SOURCE' | 'IP_INVALID_DEST' | 'IP_LOCALNET' | 'IP_RPFILTER' |
  'IP_LOCAL_SOURCE' | 'IP_INADDRERRORS' | 'NOT_SPECIFIED';

export interface RouteInputError {
  /** The errno ip_route_input() returns (EINVAL for martians, EXDEV for rp_filter). */
  errno: number;
  reason: RouteDropReason;
}

/** __fib_validate_source(): > 0 when the source is on-link (for redirects), 0 when
 *  acceptable, or -errno (EINVAL: a local or invalid source; EXDEV: reverse path filter). */
function fibValidateSourceFull(ns: Netns, src: number, dst: number, tos: number, oif: number, dev: NetDevice,
  rpf: number, mark: number): number {
  const ind = inDev(dev)!;
  const fl = flowi4Key(src, dst, 0, oif || LOOPBACK_IFINDEX, devconf(dev, 'src_valid_mark') ? mark : 0, tos, RT_SCOPE_UNIVERSE, 0, 0, 0, 0);
  const noAddr = ind.addrs.length === 0;
  let r = fibLookup(ns, fl, 0);
  if (typeof r === 'number') return rpf ? -EXDEV : 0;
  if (r.type !== RTN_UNICAST && (r.type !== RTN_LOCAL || !devconf(dev, 'accept_local'))) return -EINVAL;
  let devMatch = !!r.fi && fibInfoUsesDev(r.fi, dev);
  devMatch = devMatch || (r.type === RTN_LOCAL && dev === loopbackDev(ns));
  if (devMatch) return r.nh && r.nh.scope >= RT_SCOPE_HOST ? 1 : 0;
  if (noAddr) return rpf ? -EXDEV : 0;
  if (rpf === 1) return -EXDEV;
  fl.oif = dev.ifindex;
  r = fibLookup(ns, fl, FIB_LOOKUP_IGNORE_LINKSTATE);
  if (typeof r !== 'number' && r.type === RTN_UNICAST) return r.nh && r.nh.scope >= RT_SCOPE_HOST ? 1 : 0;
  return 0;
}

/** fib_validate_source(): see fibValidateSourceFull(); rp_filter is applied here, as in Linux. */
export function fibValidateSource(ns: Netns, src: number, dst: number, tos: number, oif: number, dev: NetDevice, mark = 0): number {
  const r = devconf(dev, 'rp_filter');
  const f = fibOf(ns);
  if (!r && (dev.ifindex !== oif || !devconf(dev, 'send_redirects'))) {
    if (!f.hasCustomLocalRoutes && !f.hasCustomRules) {
      // accept_local decides only for a source that is one of our addresses.
      if (!inetLookupIfaddr(ns, src)) return 0;
      return devconf(dev, 'accept_local') ? 0 : -EINVAL;
    }
    if (devconf(dev, 'accept_local')) return 0;
  }
  return fibValidateSourceFull(ns, src, dst, tos, oif, dev, r, mark);
}

export interface RouteInputRequest {
  dst: number;
  src: number;
  /** The receiving device. */
  dev: NetDevice;
  tos?: number;
  mark?: number;
  proto?: number;
  sport?: number;
  dport?: number;
}

function martian(errno: number, reason: RouteDropReason): RouteInputError {
  return { errno, reason };
}

/** ip_route_input_slow(): the route of a received packet. An Rtable says what happens next
 *  (`input`: local delivery, forwarding out of `dev` via `gw`, or an ICMP-worthy error in
 *  `error`); a RouteInputError means the packet is dropped as martian, with its reason. */
export function ipRouteInput(ns: Netns, q: RouteInputRequest, trace?: FibLookupTrace): Rtable | RouteInputError {
  return ipRouteInputKey(ns, q.dev, q.dst, q.src, q.tos ?? 0, q.mark ?? 0, q.proto ?? 0, q.sport ?? 0, q.dport ?? 0, trace);
}

/** ipRouteInput() with the request's fields as arguments (ip_rcv_finish() makes one per packet). */
export function ipRouteInputKey(ns: Netns, dev: NetDevice, dst: number, src: number, dsfield: number, mark: number,
  proto: number, sport: number, dport: number, trace?: FibLookupTrace): Rtable | RouteInputError {
  const ind = inDev(dev);
  const daddr = dst >>> 0, saddr = src >>> 0;
  const tos = dsfield & 0xfc;
  if (isMulticast(daddr)) return ipRouteInputMcCheck(ns, dev, daddr, saddr, tos, mark, proto, trace);
  if (!ind) return martian(EINVAL, 'NOT_SPECIFIED');
  if (isMulticast(saddr) || isLbcast(saddr)) return martian(EINVAL, 'IP_INVALID_SOURCE');
  const fl = flowi4Key(daddr, saddr, 0, dev.ifindex, mark, tos, RT_SCOPE_UNIVERSE, proto, sport, dport, 0);

  if (isLbcast(daddr) || (saddr === 0 && daddr === 0)) return brdInput(ns, dev, fl, emptyRes(), saddr, tos, mark, trace);
  if (isZeronet(saddr)) return martian(EINVAL, 'IP_INVALID_SOURCE');
  if (isZeronet(daddr)) return martian(EINVAL, 'IP_INVALID_DEST');
  if (isLoopback(daddr)) {
    if (!devconf(dev, 'route_localnet')) return martian(EINVAL, 'IP_LOCALNET');
  } else if (isLoopback(saddr)) {
    if (!devconf(dev, 'route_localnet')) return martian(EINVAL, 'IP_LOCALNET');
  }
  const r = fibLookup(ns, fl, 0, trace);
  if (typeof r === 'number') return noRouteInput(ns, dev, fl, devconf(dev, 'forwarding') ? r : EHOSTUNREACH, trace);
  const res = r;
  if (res.type === RTN_BROADCAST) {
    if (devconf(dev, 'bc_forwarding') && ipv4AllConf(ns, 'bc_forwarding')) {
      return mkrouteInput(ns, res, dev, daddr, saddr, tos, fl, mark, trace);
    }
    return brdInput(ns, dev, fl, res, saddr, tos, mark, trace);
  }
  if (res.type === RTN_LOCAL) {
    const v = fibValidateSource(ns, saddr, daddr, tos, 0, dev, mark);
    if (v < 0) return martian(-v, v === -EXDEV ? 'IP_RPFILTER' : 'IP_LOCAL_SOURCE');
    return localInput(ns, dev, fl, res, 0, 0, trace);
  }
  if (!devconf(dev, 'forwarding')) return noRouteInput(ns, dev, fl, EHOSTUNREACH, trace);
  if (res.type !== RTN_UNICAST) return martian(EINVAL, 'IP_INADDRERRORS');
  return mkrouteInput(ns, res, dev, daddr, saddr, tos, fl, mark, trace);
}

/** ip_route_input_rcu()'s multicast branch: a packet to a group is taken in only when the
 *  receiving device has joined it (ip_check_mc_rcu(): no exception for 224.0.0.x, and an
 *  IGMP message needs the membership too); otherwise it is dropped with
 *  SKB_DROP_REASON_NOT_SPECIFIED and no MIB counter (InReceives only, checked on Linux 6.18).
 *  Multicast forwarding (IN_DEV_MFORWARD, ip_mr_input) is not emulated. */
function ipRouteInputMcCheck(ns: Netns, dev: NetDevice, daddr: number, saddr: number, tos: number, mark: number,
  proto: number, trace: FibLookupTrace | undefined): Rtable | RouteInputError {
  if (!inDev(dev)) return martian(EINVAL, 'NOT_SPECIFIED');
  if (!mcMembership.check(dev, daddr)) return martian(EINVAL, 'NOT_SPECIFIED');
  return ipRouteInputMc(ns, dev, daddr, saddr, tos, mark, proto, trace);
}

/** ip_mc_validate_source() */
function ipMcValidateSource(ns: Netns, dev: NetDevice, daddr: number, saddr: number, tos: number, mark: number,
  proto: number): RouteInputError | undefined {
  if (!inDev(dev)) return martian(EINVAL, 'NOT_SPECIFIED');
  if (isMulticast(saddr) || isLbcast(saddr)) return martian(EINVAL, 'IP_INVALID_SOURCE');
  if (isLoopback(saddr) && !devconf(dev, 'route_localnet')) return martian(EINVAL, 'IP_LOCALNET');
  if (isZeronet(saddr)) {
    if (!isLocalMulticast(daddr) && proto !== 2 /* IPPROTO_IGMP */) return martian(EINVAL, 'IP_INVALID_SOURCE');
    return undefined;
  }
  const v = fibValidateSource(ns, saddr, 0, tos, 0, dev, mark);
  if (v < 0) return martian(-v, v === -EXDEV ? 'IP_RPFILTER' : 'IP_LOCAL_SOURCE');
  return undefined;
}

/** ip_route_input_mc(): an RTN_MULTICAST route delivering to this host (dst.input =
 *  ip_local_deliver, dst.dev = lo). */
function ipRouteInputMc(ns: Netns, dev: NetDevice, daddr: number, saddr: number, tos: number, mark: number,
  proto: number, trace: FibLookupTrace | undefined): Rtable | RouteInputError {
  const bad = ipMcValidateSource(ns, dev, daddr, saddr, tos, mark, proto);
  if (bad) return bad;
  const fl = flowi4Key(daddr, saddr, 0, dev.ifindex, mark, tos, RT_SCOPE_UNIVERSE, proto, 0, 0, 0);
  const res = emptyRes();
  res.type = RTN_MULTICAST;
  const rt = mkRt(RTN_MULTICAST, RTCF_MULTICAST | RTCF_LOCAL, loopbackDev(ns), fl, res, undefined, true, dev.ifindex);
  rt.input = 'local';
  if (trace) rt.trace = trace;
  return rt;
}

/** ip_route_input_slow()'s local_input: delivery to this host (or the error route `err`
 *  of an unreachable result). */
function localInput(ns: Netns, dev: NetDevice, fl: Flowi4, res: FibResult, flags: number, err: number,
  trace: FibLookupTrace | undefined): Rtable {
  const rt = mkRt(res.type, flags | RTCF_LOCAL, loopbackDev(ns), fl, res, res.fi, true, dev.ifindex);
  rt.gw = 0;
  rt.input = 'local';
  if (res.type === RTN_UNREACHABLE) {
    rt.input = 'error';
    rt.error = err;
    rt.flags &= ~RTCF_LOCAL;
  }
  if (trace) rt.trace = trace;
  return rt;
}

/** ip_route_input_slow()'s brd_input */
function brdInput(ns: Netns, dev: NetDevice, fl: Flowi4, res: FibResult, saddr: number, tos: number, mark: number,
  trace: FibLookupTrace | undefined): Rtable | RouteInputError {
  if (!isZeronet(saddr)) {
    const v = fibValidateSource(ns, saddr, 0, tos, 0, dev, mark);
    if (v < 0) return martian(-v, v === -EXDEV ? 'IP_RPFILTER' : 'IP_LOCAL_SOURCE');
  }
  res.type = RTN_BROADCAST;
  return localInput(ns, dev, fl, res, RTCF_BROADCAST, 0, trace);
}

/** ip_route_input_slow()'s no_route: an unreachable route reporting `err`. */
function noRouteInput(ns: Netns, dev: NetDevice, fl: Flowi4, err: number, trace: FibLookupTrace | undefined): Rtable {
  const res = emptyRes();
  res.type = RTN_UNREACHABLE;
  return localInput(ns, dev, fl, res, 0, err, trace);
}

function ipv4AllConf(ns: Netns, key: string): number {
  const v = (ns.proto.ipv4 as { all: Record<string, number> } | undefined)?.all[key];
  return v ?? 0;
}

/** ip_mkroute_input() / __mkroute_input(): a forwarding route. */
function mkrouteInput(ns: Netns, res: FibResult, inDevice: NetDevice, daddr: number, saddr: number, tos: number,
  fl: Flowi4, mark: number, trace?: FibLookupTrace): Rtable | RouteInputError {
  if (res.fi && res.fi.nhs.length > 1) fibSelectMultipath(res, fl.mpHash ?? fibMultipathHash(saddr, daddr));
  const nh = res.nh!;
  const out = nh.dev;
  if (!out || !inDev(out)) return martian(EINVAL, 'NOT_SPECIFIED');
  const v = fibValidateSource(ns, saddr, daddr, tos, nh.oif, inDevice, mark);
  if (v < 0) return martian(-v, v === -EXDEV ? 'IP_RPFILTER' : 'IP_LOCAL_SOURCE');
  const rt = mkRt(res.type, 0, out, fl, res, res.fi, true, inDevice.ifindex);
  rt.input = 'forward';
  if (out === inDevice && v && devconf(out, 'send_redirects')) {
    if (devconf(out, 'shared_media') || inetAddrOnlink(out, saddr, nh.gw)) rt.doRedirect = true;
  }
  if (trace) rt.trace = trace;
  return rt;
}

/** inet_addr_onlink() */
function inetAddrOnlink(dev: NetDevice, a: number, b: number): boolean {
  const ind = inDev(dev);
  if (!ind) return false;
  return ind.addrs.some((ifa) => ifaMatch(a, ifa.address, ifa.prefixlen) && (!b || ifaMatch(b, ifa.address, ifa.prefixlen)));
}

// ---------------------------------------------------------------------------------------
// RTM_GETROUTE

/** rt_fill_info() */
function rtFillInfo(dst: number, src: number, rt: Rtable, tableId: number, tos: number, fl: Flowi4, uid: number | undefined): RtMsg {
  const m: RtMsg = {
    family: 2, dstLen: 32, srcLen: 0, tos, table: tableId < 256 ? tableId : RT_TABLE_COMPAT, tableId,
    type: rt.type, scope: RT_SCOPE_UNIVERSE, protocol: RTPROT_UNSPEC,
    flags: ((rt.flags & ~0xffff) | RTM_F_CLONED) >>> 0,
  };
  if (rt.flags & RTCF_NOTIFY) m.flags |= RTM_F_NOTIFY;
  if (rt.doRedirect) m.flags = (m.flags | RTCF_DOREDIRECT) >>> 0;
  m.dst = dst;
  if (src) {
    m.srcLen = 32;
    m.src = src;
  }
  m.oif = rt.dev.ifindex;
  if (rt.fi && rt.nh?.realms) m.flow = rt.nh.realms;
  if (!rt.isInput && fl.saddr !== src) m.prefsrc = fl.saddr;
  if (rt.gw) m.gateway = rt.gw;
  if (rt.fi) {
    const mx = fibMetricsAttr(rt.fi);
    if (mx) m.metrics = mx;
  }
  if (fl.mark) m.mark = fl.mark;
  if (uid !== undefined) m.uid = uid;
  if (rt.isInput) m.iif = fl.iif;
  m.cacheinfo = { expires: 0, error: rt.error ? -rt.error : 0 };
  return m;
}

/** The parts of an RTM_GETROUTE request inet_rtm_getroute() reads. */
export interface GetRouteRequest {
  dst: number;
  src?: number;
  iif?: number;
  oif?: number;
  mark?: number;
  tos?: number;
  uid?: number;
  ipProto?: number;
  sport?: number;
  dport?: number;
  /** rtm_flags: RTM_F_LOOKUP_TABLE, RTM_F_FIB_MATCH, RTM_F_NOTIFY */
  flags: number;
}

/** inet_rtm_getroute(): `ip route get`. Throws KernelError for failures. */
export function inetRtmGetroute(ns: Netns, q: GetRouteRequest): RtMsg {
  if (q.tos !== undefined && (q.tos & 3)) throw new KernelError(EINVAL, 'Invalid dsfield (tos): ECN bits must be 0');
  const src = (q.src ?? 0) >>> 0;
  const dst = (q.dst ?? 0) >>> 0;
  const iif = q.iif ?? 0;
  const mark = q.mark ?? 0;
  const uid = q.uid !== undefined ? q.uid : iif ? undefined : 0;
  const tos = (q.tos ?? 0) & 0xfc;
  let tableId = RT_TABLE_MAIN;
  let rt: Rtable;
  let res: FibResult;
  let fl: Flowi4;
  if (iif) {
    const dev = ns.devByIndex(iif);
    if (!dev) throw new KernelError(ENODEV);
    const r = ipRouteInput(ns, { dst, src, dev, tos, mark, proto: q.ipProto, sport: q.sport, dport: q.dport });
    if (!('type' in r)) throw new KernelError(EINVAL);
    rt = r;
    if (rt.error) throw new KernelError(rt.error);
    res = { ...emptyRes(), fi: rt.fi, nh: rt.nh, type: rt.type, prefix: rt.prefix, prefixlen: rt.prefixlen,
      table: rt.table !== undefined ? fibGetTable(ns, rt.table) : undefined, tos: rt.tos };
    fl = rt.fl;
    fl.iif = iif;
  } else {
    fl = flowi4({
      daddr: dst, saddr: src, oif: q.oif ?? 0, iif: LOOPBACK_IFINDEX, mark, tos, uid: uid ?? 0,
      proto: q.ipProto ?? 0, sport: q.sport ?? 0, dport: q.dport ?? 0,
    });
    res = emptyRes();
    const r = ipRouteOutputFlow(ns, fl, res);
    if (typeof r === 'number') throw new KernelError(r);
    rt = r;
  }
  if (q.flags & RTM_F_NOTIFY) rt.flags |= RTCF_NOTIFY;
  if (q.flags & RTM_F_LOOKUP_TABLE) tableId = res.table ? res.table.id : 0;
  if (q.flags & RTM_F_FIB_MATCH) {
    if (!res.fi) {
      let e = routeTypeError(res.type);
      if (!e) e = EHOSTUNREACH;
      throw new KernelError(e);
    }
    return fibDumpInfo(tableId, res.prefix, res.prefixlen, res.tos, rt.type, res.fi);
  }
  return rtFillInfo(dst, src, rt, tableId, res.tos, fl, uid);
}
