// The routes addrconf keeps in the IPv6 FIB (net/ipv6/addrconf.c -> net/ipv6/route.c):
// prefix routes (addrconf_prefix_route), the ff00::/8 multicast route (addrconf_add_mroute),
// one local route per usable address (addrconf_f6i_alloc + ip6_ins_rt), anycast routes for
// the subnet-router anycast address when forwarding, and the device syncs of rt6_sync_down_dev
// / rt6_sync_up / rt6_disable_ip. Plus the output/input lookups the datapath needs.
//
// The IPv6 FIB itself is src/kernel/ipv6/route.ts. Everything here goes through the
// Ip6FibBackend interface: route.ts installs its implementation with setIp6FibBackend(); until
// it does (a test loading addrconf alone), a small built-in table keeps addrconf and the
// datapath working (longest prefix, lowest metric, table local before main, no policy rules).
import type { NetDevice } from '../core/netdevice.js';
import type { Netns } from '../net_namespace.js';
import { ipv6AddrIsLinkLocal, ipv6AddrIsMulticast, ipv6AddrPrefix, ipv6PrefixEqual, ipv6AddrEqual, ipv6Key } from './addr.js';

export const RT6_TABLE_MAIN = 254, RT6_TABLE_LOCAL = 255;
export const RTN_UNICAST = 1, RTN_LOCAL = 2, RTN_ANYCAST = 4, RTN_MULTICAST = 5;
export const RTPROT_KERNEL = 2;
/** IP6_RT_PRIO_ADDRCONF: the metric of kernel prefix routes. */
export const IP6_RT_PRIO_ADDRCONF = 256;
export const RTNH_F_LINKDOWN = 16;

/** A kernel route addrconf adds or removes. */
export interface Rt6Spec {
  table: number;
  type: number;
  dst: Uint8Array;
  plen: number;
  dev: NetDevice;
  metric: number;
  protocol: number;
  /** World time (ms) the route expires (RTF_EXPIRES), for prefix routes of finite addresses. */
  expires?: number;
}

/** What a lookup returns (the parts of a rt6_info/fib6_result the datapath uses). */
export interface Rt6Result {
  type: number;
  table: number;
  dev: NetDevice;
  /** The gateway for routes via a router; undefined for on-link routes. */
  gateway?: Uint8Array;
  dst: Uint8Array;
  plen: number;
  metric: number;
  /** The route's preferred source (RTA_PREFSRC), when it has one. */
  prefsrc?: Uint8Array;
}

export interface Rt6LookupKey {
  dst: Uint8Array;
  /** flowi6_oif: the device the socket is bound to or the scope id given. */
  oif?: number;
  /** flowi6_iif for input lookups. */
  iif?: number;
  src?: Uint8Array;
  /** RT6_LOOKUP_F_IFACE: only routes through oif qualify. */
  strict?: boolean;
  mark?: number;
}

export interface Ip6FibBackend {
  /** ip6_route_add() of a kernel route; a route that already exists is left alone. */
  add(ns: Netns, r: Rt6Spec): void;
  /** ip6_del_rt() of the route matching table/type/dst/plen/dev/metric; no error if absent. */
  del(ns: Netns, r: Omit<Rt6Spec, 'protocol' | 'expires'>): void;
  /** rt6_sync_down_dev(): 'DOWN'/'UNREGISTER' delete the device's routes, 'CHANGE' (carrier
   *  lost) marks them linkdown (local and anycast routes excepted). */
  syncDown(dev: NetDevice, event: 'DOWN' | 'UNREGISTER' | 'CHANGE'): void;
  /** rt6_sync_up(): carrier back, linkdown cleared. */
  syncUp(dev: NetDevice): void;
  /** fib6_rule_lookup()/ip6_pol_route(): the route for `key` (policy rules included). */
  lookup(ns: Netns, key: Rt6LookupKey): Rt6Result | undefined;
}

// ---------------------------------------------------------------------------------------
// The built-in fallback table.

interface FallbackRoute extends Rt6Spec {
  flags: number;
  seq: number;
}

let seq = 0;

function fallbackTable(ns: Netns): FallbackRoute[] {
  let t = ns.proto.ip6FallbackFib as FallbackRoute[] | undefined;
  if (!t) {
    t = [];
    ns.proto.ip6FallbackFib = t;
  }
  return t;
}

function sameRoute(a: Omit<Rt6Spec, 'protocol' | 'expires'>, b: Omit<Rt6Spec, 'protocol' | 'expires'>): boolean {
  return a.table === b.table && a.type === b.type && a.plen === b.plen && a.dev === b.dev &&
    a.metric === b.metric && ipv6AddrEqual(a.dst, b.dst);
}

export const fallbackIp6Fib: Ip6FibBackend = {
  add(ns, r) {
    const t = fallbackTable(ns);
    if (!r.dev.isUp) return; // fib6_nh_init(): "Nexthop device is not up" (ENETDOWN)
    const spec: FallbackRoute = { ...r, dst: ipv6AddrPrefix(r.dst, r.plen), flags: 0, seq: seq++ };
    if (t.some((x) => sameRoute(x, spec))) return;
    if (!r.dev.carrier && r.type !== RTN_LOCAL && r.type !== RTN_ANYCAST) spec.flags |= RTNH_F_LINKDOWN;
    t.push(spec);
  },
  del(ns, r) {
    const t = fallbackTable(ns);
    const key = { ...r, dst: ipv6AddrPrefix(r.dst, r.plen) };
    const i = t.findIndex((x) => sameRoute(x, key));
    if (i >= 0) t.splice(i, 1);
  },
  syncDown(dev, event) {
    const t = fallbackTable(dev.netns);
    if (event === 'CHANGE') {
      for (const r of t) if (r.dev === dev && r.type !== RTN_LOCAL && r.type !== RTN_ANYCAST) r.flags |= RTNH_F_LINKDOWN;
      return;
    }
    for (let i = t.length - 1; i >= 0; i--) if (t[i]!.dev === dev) t.splice(i, 1);
  },
  syncUp(dev) {
    for (const r of fallbackTable(dev.netns)) if (r.dev === dev) r.flags &= ~RTNH_F_LINKDOWN;
  },
  lookup(ns, key) {
    const t = fallbackTable(ns);
    const now = ns.kernel.clock.now();
    const strict = key.strict ?? false;
    for (const table of [RT6_TABLE_LOCAL, RT6_TABLE_MAIN]) {
      let best: FallbackRoute | undefined;
      let bestScore = -1;
      for (const r of t) {
        if (r.table !== table || !ipv6PrefixEqual(key.dst, r.dst, r.plen)) continue;
        if (r.expires !== undefined && r.expires <= now) continue;
        const oifMatch = !key.oif || r.dev.ifindex === key.oif;
        if (strict && !oifMatch && r.type !== RTN_LOCAL) continue;
        // Longest prefix first, then (as rt6_select) devices that match oif, then metric.
        const score = r.plen * 4 + (oifMatch ? 2 : 0) + (r.flags & RTNH_F_LINKDOWN ? 0 : 1);
        if (score > bestScore || (score === bestScore && best && (r.metric < best.metric || (r.metric === best.metric && r.seq < best.seq)))) {
          best = r;
          bestScore = score;
        }
      }
      if (best) return { type: best.type, table, dev: best.dev, dst: best.dst, plen: best.plen, metric: best.metric };
    }
    return undefined;
  },
};

/** The routes the fallback holds (for tests and debugging). */
export function fallbackIp6Routes(ns: Netns): readonly Rt6Spec[] {
  return fallbackTable(ns);
}

let backend: Ip6FibBackend = fallbackIp6Fib;

/** route.ts calls this once at load to take over every route addrconf makes. */
export function setIp6FibBackend(b: Ip6FibBackend): void {
  backend = b;
}

export function ip6Fib(): Ip6FibBackend {
  return backend;
}

// ---------------------------------------------------------------------------------------
// What addrconf calls.

/** addrconf_prefix_route(): "<prefix>/<plen> dev X proto kernel metric 256 [expires N]". */
export function addrconfPrefixRoute(dev: NetDevice, pfx: Uint8Array, plen: number, metric: number, expires?: number): void {
  backend.add(dev.netns, {
    table: RT6_TABLE_MAIN, type: RTN_UNICAST, dst: ipv6AddrPrefix(pfx, plen), plen, dev,
    metric: metric || IP6_RT_PRIO_ADDRCONF, protocol: RTPROT_KERNEL, expires,
  });
}

export function addrconfDelPrefixRoute(dev: NetDevice, pfx: Uint8Array, plen: number, metric: number): void {
  backend.del(dev.netns, {
    table: RT6_TABLE_MAIN, type: RTN_UNICAST, dst: ipv6AddrPrefix(pfx, plen), plen, dev,
    metric: metric || IP6_RT_PRIO_ADDRCONF,
  });
}

const FF00 = (() => { const a = new Uint8Array(16); a[0] = 0xff; return a; })();

/** addrconf_add_mroute(): "multicast ff00::/8 dev X table local proto kernel metric 256". */
export function addrconfAddMroute(dev: NetDevice): void {
  backend.add(dev.netns, {
    table: RT6_TABLE_LOCAL, type: RTN_MULTICAST, dst: FF00, plen: 8, dev,
    metric: IP6_RT_PRIO_ADDRCONF, protocol: RTPROT_KERNEL,
  });
}

/** The local route of a usable address: "local X dev D table local proto kernel metric 0". */
export function addrconfAddLocalRoute(dev: NetDevice, addr: Uint8Array, anycast = false): void {
  backend.add(dev.netns, {
    table: RT6_TABLE_LOCAL, type: anycast ? RTN_ANYCAST : RTN_LOCAL, dst: addr, plen: 128, dev,
    metric: 0, protocol: RTPROT_KERNEL,
  });
}

export function addrconfDelLocalRoute(dev: NetDevice, addr: Uint8Array, anycast = false): void {
  backend.del(dev.netns, { table: RT6_TABLE_LOCAL, type: anycast ? RTN_ANYCAST : RTN_LOCAL, dst: addr, plen: 128, dev, metric: 0 });
}

/** rt6_need_strict(): multicast and link-local destinations only go out the given device. */
export function rt6NeedStrict(dst: Uint8Array): boolean {
  return ipv6AddrIsMulticast(dst) || ipv6AddrIsLinkLocal(dst);
}

export function rt6Key(r: Rt6Spec): string {
  return `${r.table}/${r.type}/${ipv6Key(r.dst)}/${r.plen}/${r.dev.ifindex}/${r.metric}`;
}
