// net/ipv6/route.c, ip6_fib.c, fib6_rules.c — a small IPv6 FIB: tables of routes kept in the
// order the fib6 tree walks them, the kernel's addrconf routes (through the Ip6FibBackend
// that addrconf_routes.ts defines), user routes (`ip -6 route add/del/replace`), policy rules
// (0 local, 32766 main), lookups, dumps and `ip -6 route get`.
// ECMP: gateway routes of the same prefix and metric become siblings (one multipath route in
// dumps). Not emulated: route exceptions (PMTU, redirects), RA-learnt routes, nexthop objects.
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import { IFF_LOOPBACK, IFF_UP } from '../core/if.js';
import {
  RTN_UNICAST, RTN_LOCAL, RTN_ANYCAST, RTN_BLACKHOLE, RTN_UNREACHABLE, RTN_PROHIBIT,
  RTN_THROW, RTN_MAX, RTPROT_BOOT, RTPROT_KERNEL, RTAX_MTU, RTAX_HOPLIMIT, RTAX_ADVMSS, RT_TABLE_MAIN, RT_TABLE_LOCAL, RT_TABLE_COMPAT,
  RT_SCOPE_UNIVERSE, RTNH_F_LINKDOWN, RTNH_F_ONLINK, FR_ACT_TO_TBL, FR_ACT_UNREACHABLE,
  FR_ACT_PROHIBIT, ICMPV6_ROUTER_PREF_MEDIUM, routeTypeError, type RtMsg, type NlFlags, type RtMetrics, type RtNexthop,
} from '../ipv4/route_types.js';
import {
  fibDefaultRuleAdd, fibRulesLookup, type FibRule, type FibRulesOps, type RuleMsg,
} from '../core/fib_rules.js';
import { setIp6FibBackend, type Ip6FibBackend, type Rt6Spec, type Rt6Result, type Rt6LookupKey } from './addrconf_routes.js';
import { ipv6AddrPrefix, ipv6PrefixEqual, ipv6AddrEqual, ipv6AddrIsLinkLocal, ipv6AddrIsMulticast, ipv6AddrAny } from './addr.js';
import { EACCES, EAGAIN, EEXIST, EHOSTUNREACH, EINVAL, ENETDOWN, ENETUNREACH, ENODEV, ENOENT, ESRCH, KernelError } from '../errno.js';

export const AF_INET6 = 10;
/** IP6_RT_PRIO_USER */
export const IP6_RT_PRIO_USER = 1024;

/** struct fib6_info (one nexthop). */
export interface Rt6 {
  table: number;
  type: number;
  dst: Uint8Array;
  plen: number;
  dev: NetDevice | undefined;
  gw: Uint8Array | undefined;
  metric: number;
  protocol: number;
  /** RTNH_F_ONLINK (RTNH_F_LINKDOWN is derived from carrier). */
  flags: number;
  /** RTA_PREF */
  pref: number;
  prefsrc: Uint8Array | undefined;
  /** World time (ms) the route expires, if it does. */
  expires?: number;
  seq: number;
  /** RTA_METRICS as given (RTAX index -> value). */
  metrics?: RtMetrics;
  /** fib6_siblings: the ECMP group this route belongs to (itself included), in order. */
  siblings?: Rt6[];
}

/** The routes of one prefix (dst/plen), in fib6 node order: by metric, then as inserted. */
interface Fib6Group {
  /** Never empty (an emptied group goes); routes[0] gives the prefix. */
  routes: Rt6[];
  /** For big groups (many devices' routes to one prefix, e.g. fe80::/64): the group's routes
   *  by device, each list in group order. */
  byDev?: Map<NetDevice | undefined, Rt6 | Rt6[]>;
}

/** Groups bigger than this get a byDev index. */
const BYDEV_MIN = 16;

interface Fib6Table {
  id: number;
  order: number;
  /** prefix key (keyOf) -> its routes */
  groups: Map<string, Fib6Group>;
  /** The prefix lengths present, longest first, each followed by how many groups have it. */
  plens: number[];
  /** The routes that have an expiry. */
  expiring?: Set<Rt6>;
  /** Bumped on every change; `walk` is valid while walkGen equals it. */
  gen: number;
  walk?: Rt6[];
  walkGen: number;
}

interface Fib6 {
  tables: Map<number, Fib6Table>;
  seq: number;
  tableSeq: number;
}

/** Hooks into IPv6 addressing, which addrconf installs. */
export const rt6Hooks: {
  /** ipv6_dev_get_saddr(): the source address for `dst` out of `dev`. */
  saddr?: (ns: Netns, dev: NetDevice | undefined, dst: Uint8Array) => Uint8Array | undefined;
  /** ipv6_chk_addr(): whether `addr` is one of our addresses (on `dev` when given). */
  isLocal?: (ns: Netns, addr: Uint8Array, dev?: NetDevice) => boolean;
} = {};

export function fib6Of(ns: Netns): Fib6 {
  let f = ns.proto.fib6 as Fib6 | undefined;
  if (!f) {
    f = { tables: new Map(), seq: 0, tableSeq: 0 };
    f.tables.set(RT_TABLE_MAIN, createTable(RT_TABLE_MAIN, f.tableSeq++));
    f.tables.set(RT_TABLE_LOCAL, createTable(RT_TABLE_LOCAL, f.tableSeq++));
    ns.proto.fib6 = f;
  }
  return f;
}

function newTable(ns: Netns, id: number): Fib6Table {
  const f = fib6Of(ns);
  let t = f.tables.get(id);
  if (!t) f.tables.set(id, (t = createTable(id, f.tableSeq++)));
  return t;
}

function createTable(id: number, order: number): Fib6Table {
  return { id, order, groups: new Map(), plens: [], gen: 0, walkGen: -1 };
}

/** The Map key of a prefix: its length and its eight 16-bit words, masked to the length. */
function keyOf(a: Uint8Array, plen: number): string {
  const w = (i: number): number => {
    const bits = plen - 16 * i;
    if (bits <= 0) return 0;
    const v = (a[2 * i]! << 8) | a[2 * i + 1]!;
    return bits >= 16 ? v : v & ((0xffff << (16 - bits)) & 0xffff);
  };
  return String.fromCharCode(plen, w(0), w(1), w(2), w(3), w(4), w(5), w(6), w(7));
}

/** The fib6 tree's walk order of two different prefixes: a more specific prefix before the
 *  one covering it, and otherwise the prefix whose first differing bit is 0 first. (Within
 *  one prefix: by metric, then as inserted — routeCompare.) */
function prefixCompare(a: Uint8Array, aLen: number, b: Uint8Array, bLen: number): number {
  const m = Math.min(aLen, bLen);
  const full = m >> 3;
  let i = 0;
  let x = 0;
  for (; i < full; i++) if ((x = a[i]! ^ b[i]!)) break;
  if (!x && m & 7) {
    i = full;
    x = (a[i]! ^ b[i]!) & ((0xff << (8 - (m & 7))) & 0xff);
  }
  if (x) return a[i]! & (0x80 >> (Math.clz32(x) - 24)) ? 1 : -1;
  return bLen - aLen;
}

function routeCompare(a: Rt6, b: Rt6): number {
  return a.metric - b.metric || a.seq - b.seq;
}

/** Where `r` goes in `list` (kept in routeCompare order): after every route not after it. */
function insertPos(list: Rt6[], r: Rt6): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (routeCompare(list[mid]!, r) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sortedInsert(list: Rt6[], r: Rt6): void {
  const i = insertPos(list, r);
  if (i === list.length) list.push(r);
  else list.splice(i, 0, r);
}

function sortedRemove(list: Rt6[], r: Rt6): boolean {
  let i = insertPos(list, r) - 1;
  if (list[i] !== r) i = list.indexOf(r);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

/** [lo, hi): the routes of `metric` in a group. */
function metricRange(list: Rt6[], metric: number): [number, number] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.metric < metric) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < list.length && list[end]!.metric === metric) end++;
  return [lo, end];
}

/** fib6_add_rt2node()'s placement: into its prefix's node, in order. */
function tableInsert(t: Fib6Table, rt: Rt6): void {
  const key = keyOf(rt.dst, rt.plen);
  const g = t.groups.get(key);
  if (!g) {
    t.groups.set(key, { routes: [rt] });
    const p = t.plens;
    let i = 0;
    while (i < p.length && p[i]! > rt.plen) i += 2;
    if (p[i] === rt.plen) p[i + 1]!++;
    else p.splice(i, 0, rt.plen, 1);
  } else {
    sortedInsert(g.routes, rt);
    if (g.byDev) byDevAdd(g.byDev, rt);
    else if (g.routes.length > BYDEV_MIN) {
      g.byDev = new Map();
      for (const r of g.routes) byDevAdd(g.byDev, r);
    }
  }
  if (rt.expires !== undefined) (t.expiring ??= new Set()).add(rt);
  t.gen++;
}

/** Adds `r` to a byDev index (a lone route is kept there without an array). */
function byDevAdd(m: Map<NetDevice | undefined, Rt6 | Rt6[]>, r: Rt6): void {
  const l = m.get(r.dev);
  if (!l) m.set(r.dev, r);
  else if (Array.isArray(l)) sortedInsert(l, r);
  else m.set(r.dev, routeCompare(l, r) <= 0 ? [l, r] : [r, l]);
}

function byDevList(m: Map<NetDevice | undefined, Rt6 | Rt6[]>, dev: NetDevice | undefined): Rt6[] {
  const l = m.get(dev);
  return !l ? [] : Array.isArray(l) ? l : [l];
}

/** Takes `r` out of the table (not out of its ECMP group); false when it was not there. */
function tableRemove(t: Fib6Table, r: Rt6): boolean {
  const key = keyOf(r.dst, r.plen);
  const g = t.groups.get(key);
  if (!g || !sortedRemove(g.routes, r)) return false;
  if (g.byDev) {
    const l = g.byDev.get(r.dev);
    if (l === r) g.byDev.delete(r.dev);
    else if (Array.isArray(l)) {
      sortedRemove(l, r);
      if (l.length === 1) g.byDev.set(r.dev, l[0]!);
    }
  }
  if (!g.routes.length) {
    t.groups.delete(key);
    const p = t.plens;
    let i = 0;
    while (p[i] !== r.plen) i += 2;
    if (!--p[i + 1]!) p.splice(i, 2);
  }
  t.expiring?.delete(r);
  t.gen++;
  return true;
}

/** The first route of a group, in order, through `dev` that `pred` accepts. */
function findOnDev(g: Fib6Group, dev: NetDevice | undefined, pred: (r: Rt6) => boolean): Rt6 | undefined {
  const list = g.byDev ? byDevList(g.byDev, dev) : g.routes;
  for (const r of list) if (r.dev === dev && pred(r)) return r;
  return undefined;
}

/** The table's routes in the fib6 tree's walk order. */
function tableRoutes(t: Fib6Table): Rt6[] {
  if (t.walk && t.walkGen === t.gen) return t.walk;
  const groups = [...t.groups.values()].sort((a, b) => {
    const x = a.routes[0]!;
    const y = b.routes[0]!;
    return prefixCompare(x.dst, x.plen, y.dst, y.plen);
  });
  const walk: Rt6[] = [];
  for (const g of groups) for (const r of g.routes) walk.push(r);
  t.walk = walk;
  t.walkGen = t.gen;
  return walk;
}

function expired(ns: Netns, r: Rt6): boolean {
  return r.expires !== undefined && r.expires <= ns.kernel.clock.now();
}

function purgeExpired(ns: Netns, t: Fib6Table): void {
  if (!t.expiring?.size) return;
  for (const r of [...t.expiring]) if (expired(ns, r)) tableRemove(t, r);
}

function linkdown(r: Rt6): boolean {
  return !!r.dev && r.type !== RTN_LOCAL && r.type !== RTN_ANYCAST && !(r.dev.flags & IFF_LOOPBACK) && !r.dev.carrier;
}

function isReject(type: number): boolean {
  return type === RTN_BLACKHOLE || type === RTN_UNREACHABLE || type === RTN_PROHIBIT || type === RTN_THROW;
}

/** rt6_qualify_for_ecmp(): only gateway routes that are not reject routes form ECMP groups. */
function qualifiesForEcmp(r: Rt6): boolean {
  return !!r.gw && !isReject(r.type) && r.protocol !== 9 /* RTPROT_RA */ && r.expires === undefined;
}

function leaveGroup(r: Rt6): void {
  const g = r.siblings;
  if (!g) return;
  g.splice(g.indexOf(r), 1);
  if (g.length === 1) g[0]!.siblings = undefined;
  r.siblings = undefined;
}

function removeRoute(t: Fib6Table, r: Rt6): void {
  tableRemove(t, r);
  leaveGroup(r);
}

/** fib6_add_rt2node(): insert keeping (prefix, metric) order; EEXIST, replace and ECMP
 *  siblings as the kernel does them. */
function fib6Add(ns: Netns, t: Fib6Table, rt: Rt6, fl: NlFlags): void {
  purgeExpired(ns, t);
  const g = t.groups.get(keyOf(rt.dst, rt.plen));
  const [lo, hi] = g ? metricRange(g.routes, rt.metric) : [0, 0];
  if (g && hi > lo) {
    if (fl.excl) throw new KernelError(EEXIST);
    if (fl.replace) {
      const sameMetric = g.routes.slice(lo, hi);
      // The first route of the same kind (ECMP-capable or not), else the first of that metric.
      const old = sameMetric.find((r) => qualifiesForEcmp(r) === qualifiesForEcmp(rt)) ?? sameMetric[0]!;
      {
        rt.seq = old.seq;
        for (const x of old.siblings ? [...old.siblings] : [old]) removeRoute(t, x);
        tableInsert(t, rt);
        return;
      }
    } else {
      if (findOnDev(g, rt.dev, (r) => r.metric === rt.metric && r.type === rt.type && sameGw(r.gw, rt.gw))) throw new KernelError(EEXIST);
      if (qualifiesForEcmp(rt)) {
        const peers = g.routes.slice(lo, hi).filter(qualifiesForEcmp);
        if (peers.length) {
          const group = peers[0]!.siblings ?? [peers[0]!];
          for (const x of peers) if (!group.includes(x)) group.push(x);
          group.push(rt);
          for (const x of group) x.siblings = group;
        }
      }
    }
  } else if (fl.replace && !fl.create) {
    throw new KernelError(ENOENT, 'Can not replace route - no match found');
  }
  if (!fl.create) throw new KernelError(ENOENT);
  tableInsert(t, rt);
}

function sameGw(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b) return a === b;
  return ipv6AddrEqual(a, b);
}

// ---------------------------------------------------------------------------------------
// Rules

function fib6RuleMatch(r: FibRule, k: { dst: Uint8Array; src?: Uint8Array }): boolean {
  if (r.dstLen && !ipv6PrefixEqual(k.dst, r.dst as Uint8Array, r.dstLen)) return false;
  if (r.srcLen && (!k.src || !ipv6PrefixEqual(k.src, r.src as Uint8Array, r.srcLen))) return false;
  return true;
}

export function fib6RulesOps(ns: Netns): FibRulesOps {
  let ops = ns.proto.rules6 as FibRulesOps | undefined;
  if (!ops) {
    ops = {
      family: AF_INET6,
      addrBits: 128,
      rules: [],
      configure(_ns, rule, m) {
        if (rule.action === FR_ACT_TO_TBL && !rule.table) throw new KernelError(EINVAL, 'Invalid table');
        rule.src = m.srcLen ? m.src : undefined;
        rule.dst = m.dstLen ? m.dst : undefined;
        rule.srcLen = m.srcLen;
        rule.dstLen = m.dstLen;
        rule.tos = m.tos;
      },
      compare(rule, m) {
        if (m.srcLen && rule.srcLen !== m.srcLen) return false;
        if (m.dstLen && rule.dstLen !== m.dstLen) return false;
        if (m.tos && rule.tos !== m.tos) return false;
        if (m.srcLen && !ipv6AddrEqual(rule.src as Uint8Array, m.src as Uint8Array)) return false;
        if (m.dstLen && !ipv6AddrEqual(rule.dst as Uint8Array, m.dst as Uint8Array)) return false;
        return true;
      },
    };
    fibDefaultRuleAdd(ops, 0, RT_TABLE_LOCAL);
    fibDefaultRuleAdd(ops, 0x7ffe, RT_TABLE_MAIN);
    ns.proto.rules6 = ops;
  }
  return ops;
}

// ---------------------------------------------------------------------------------------
// Lookup

interface Lookup6 {
  dst: Uint8Array;
  src?: Uint8Array;
  oif: number;
  iif: number;
  mark: number;
  strict: boolean;
}

/** fib6_table_lookup() + rt6_select(): longest prefix; among its routes, those through oif
 *  when strict, live ones before linkdown ones, then metric order. */
function tableLookup(ns: Netns, t: Fib6Table, k: Lookup6): Rt6 | undefined {
  purgeExpired(ns, t);
  const plens = t.plens;
  for (let i = 0; i < plens.length; i += 2) {
    const g = t.groups.get(keyOf(k.dst, plens[i]!));
    if (!g) continue;
    let best: Rt6 | undefined;
    let bestScore = -1;
    for (const r of g.routes) {
      const oifOk = !k.oif || (r.dev?.ifindex === k.oif) || r.type === RTN_LOCAL;
      if (k.strict && !oifOk && !isReject(r.type)) continue;
      const score = (oifOk ? 2 : 0) + (linkdown(r) ? 0 : 1);
      if (score > bestScore) {
        best = r;
        bestScore = score;
        if (score === 3) break;
      }
    }
    if (best) return best;
  }
  return undefined;
}

/** fib6_rule_lookup(): through the rules; a route, or a positive errno. */
export function fib6Lookup(ns: Netns, k: Lookup6): Rt6 | number {
  const ops = fib6RulesOps(ns);
  const r = fibRulesLookup<Rt6>(ns, ops, { iif: k.iif, oif: k.oif, mark: k.mark, uid: 0 },
    (rule) => fib6RuleMatch(rule, k),
    (rule) => {
      switch (rule.action) {
        case FR_ACT_TO_TBL: break;
        case FR_ACT_UNREACHABLE: return ENETUNREACH;
        case FR_ACT_PROHIBIT: return EACCES;
        default: return EINVAL;
      }
      const t = fib6Of(ns).tables.get(rule.table);
      if (!t) return EAGAIN;
      const rt = tableLookup(ns, t, k);
      if (!rt) return EAGAIN;
      if (rt.type === RTN_THROW) return EAGAIN;
      return selectPath(rt, k);
    },
    (rule, res) => res.plen <= rule.suppressPrefixlen);
  if (typeof r === 'number') return r === ESRCH ? ENETUNREACH : r;
  return r.res;
}

/** fib6_select_path(): a sibling chosen by the flow's hash. */
function selectPath(r: Rt6, k: { dst: Uint8Array; src?: Uint8Array }): Rt6 {
  const g = r.siblings;
  if (!g || g.length < 2) return r;
  const live = g.filter((x) => !linkdown(x));
  const pool = live.length ? live : g;
  let h = 0x811c9dc5;
  for (const b of [...(k.src ?? new Uint8Array(16)), ...k.dst]) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return pool[h % pool.length]!;
}

function toResult(r: Rt6): Rt6Result {
  return { type: r.type, table: r.table, dev: r.dev!, gateway: r.gw, dst: r.dst, plen: r.plen, metric: r.metric, prefsrc: r.prefsrc };
}

// ---------------------------------------------------------------------------------------
// The backend addrconf and the datapath use

const fib6Backend: Ip6FibBackend = {
  add(ns, s: Rt6Spec) {
    if (!s.dev.isUp && s.type !== RTN_LOCAL) return;
    const f = fib6Of(ns);
    const rt: Rt6 = {
      table: s.table, type: s.type, dst: ipv6AddrPrefix(s.dst, s.plen), plen: s.plen, dev: s.dev, gw: undefined,
      metric: s.metric, protocol: s.protocol, flags: 0, pref: ICMPV6_ROUTER_PREF_MEDIUM, prefsrc: undefined,
      expires: s.expires, seq: f.seq++,
    };
    try {
      fib6Add(ns, newTable(ns, s.table), rt, { create: true, excl: false, replace: false, append: true });
    } catch (e) {
      if (!(e instanceof KernelError)) throw e;
    }
  },
  del(ns, s) {
    const t = fib6Of(ns).tables.get(s.table);
    if (!t) return;
    const g = t.groups.get(keyOf(s.dst, s.plen));
    const r = g && findOnDev(g, s.dev, (x) => x.type === s.type && x.metric === s.metric);
    if (r) tableRemove(t, r);
  },
  syncDown(dev, event) {
    if (event === 'CHANGE') return; // linkdown follows the carrier
    // rt6_sync_down_dev() / fib6_ifdown(): every route through the device goes.
    for (const t of fib6Of(dev.netns).tables.values()) {
      for (const g of [...t.groups.values()]) {
        const gone = g.byDev ? byDevList(g.byDev, dev) : g.routes.filter((r) => r.dev === dev);
        for (const r of [...gone]) tableRemove(t, r);
      }
    }
  },
  syncUp() {},
  lookup(ns, key: Rt6LookupKey) {
    const r = fib6Lookup(ns, { dst: key.dst, src: key.src, oif: key.oif ?? 0, iif: key.iif ?? 1, mark: key.mark ?? 0, strict: key.strict ?? false });
    if (typeof r === 'number' || !r.dev) return undefined;
    return toResult(r);
  },
};

setIp6FibBackend(fib6Backend);

// ---------------------------------------------------------------------------------------
// rtnetlink

function isLocalAddr(ns: Netns, a: Uint8Array, dev?: NetDevice): boolean {
  if (rt6Hooks.isLocal) return rt6Hooks.isLocal(ns, a, dev);
  const g = fib6Of(ns).tables.get(RT_TABLE_LOCAL)?.groups.get(keyOf(a, 128));
  return !!g?.routes.some((r) => r.type === RTN_LOCAL && r.protocol === RTPROT_KERNEL && (!dev || r.dev === dev));
}

/** ip6_route_info_create() + fib6_nh_init(): a route from a request. */
function rt6FromMsg(ns: Netns, m: RtMsg): Rt6 {
  if (m.type > RTN_MAX) throw new KernelError(EINVAL, 'Invalid route type');
  if (m.dstLen > 128) throw new KernelError(EINVAL, 'Invalid prefix length');
  if (m.gateway !== undefined && !(m.gateway instanceof Uint8Array)) throw new KernelError(EINVAL);
  const dst = m.dst instanceof Uint8Array ? ipv6AddrPrefix(m.dst, m.dstLen) : new Uint8Array(16);
  let dev = m.oif ? ns.devByIndex(m.oif) : undefined;
  if (m.oif && !dev) throw new KernelError(ENODEV);
  const table = m.tableId ?? (m.table || RT_TABLE_MAIN);
  const rt: Rt6 = {
    table, type: m.type || RTN_UNICAST, dst, plen: m.dstLen, dev, gw: undefined, metric: m.priority || IP6_RT_PRIO_USER,
    protocol: m.protocol || RTPROT_BOOT, flags: m.flags & RTNH_F_ONLINK, pref: m.pref ?? ICMPV6_ROUTER_PREF_MEDIUM,
    prefsrc: m.prefsrc instanceof Uint8Array ? m.prefsrc : undefined, seq: fib6Of(ns).seq++,
  };
  if (m.expires) rt.expires = ns.kernel.clock.now() + m.expires * 1000;
  if (m.metrics) rt.metrics = ip6MetricsInit(m.metrics);
  if (isReject(rt.type)) {
    rt.dev = ns.devByIndex(1);
    return rt;
  }
  const gw = m.gateway as Uint8Array | undefined;
  if (gw && !ipv6AddrAny(gw)) {
    const ll = ipv6AddrIsLinkLocal(gw);
    if (dev && isLocalAddr(ns, gw, ll ? dev : undefined)) throw new KernelError(EINVAL, 'Gateway can not be a local address');
    if (!ll) {
      if (ipv6AddrIsMulticast(gw)) throw new KernelError(EINVAL, 'Invalid gateway address');
      // ip6_route_check_nh(): the gateway must be directly reachable.
      const r = fib6Lookup(ns, { dst: gw, oif: m.oif ?? 0, iif: 1, mark: 0, strict: !!m.oif });
      if (typeof r === 'number' || routeTypeError(r.type) || r.gw) throw new KernelError(EHOSTUNREACH);
      if (dev && dev !== r.dev) throw new KernelError(EHOSTUNREACH);
      dev = r.dev;
    }
    if (!dev) throw new KernelError(EINVAL, 'Egress device not specified');
    if (dev.flags & IFF_LOOPBACK) throw new KernelError(EINVAL, 'Egress device can not be loopback device for this route');
    if (!m.oif && isLocalAddr(ns, gw)) throw new KernelError(EINVAL, 'Gateway can not be a local address');
    rt.gw = gw;
    rt.dev = dev;
  }
  if (!rt.dev) throw new KernelError(ENODEV);
  if (!(rt.dev.flags & IFF_UP)) throw new KernelError(ENETDOWN, 'Nexthop device is not up');
  if (rt.prefsrc && !ipv6AddrAny(rt.prefsrc) && !isLocalAddr(ns, rt.prefsrc)) throw new KernelError(EINVAL, 'Invalid source address');
  return rt;
}

/** ip_metrics_convert() for IPv6 routes. */
function ip6MetricsInit(mx: RtMetrics): RtMetrics {
  const out: RtMetrics = new Map();
  for (const [type, v] of mx) {
    if (typeof v === 'string') {
      if (v !== 'reno' && v !== 'cubic') throw new KernelError(EINVAL, 'Unknown tcp congestion algorithm');
      out.set(type, v);
      continue;
    }
    let val = v >>> 0;
    if (type === RTAX_ADVMSS && val > 65535 - 40) val = 65535 - 40;
    if (type === RTAX_MTU && val > 65535 - 15) val = 65535 - 15;
    if (type === RTAX_HOPLIMIT && val > 255) val = 255;
    if (val) out.set(type, val);
  }
  return out;
}

/** inet6_rtm_newroute() (+ ip6_route_multipath_add() for RTA_MULTIPATH). */
export function inet6RtmNewroute(ns: Netns, m: RtMsg, fl: NlFlags): void {
  if (!m.multipath) {
    const rt = rt6FromMsg(ns, m);
    fib6Add(ns, newTable(ns, rt.table), rt, fl);
    return;
  }
  const rts = m.multipath.map((nh: RtNexthop) => rt6FromMsg(ns, {
    ...m, multipath: undefined, gateway: nh.gateway, oif: nh.ifindex || m.oif, flags: m.flags | nh.flags,
  }));
  const t = newTable(ns, rts[0]!.table);
  const added: Rt6[] = [];
  try {
    rts.forEach((rt, i) => {
      fib6Add(ns, t, rt, i === 0 ? fl : { create: true, excl: false, replace: false, append: true });
      added.push(rt);
    });
  } catch (e) {
    for (const rt of added) removeRoute(t, rt);
    throw e;
  }
}

/** inet6_rtm_delroute() / ip6_route_del(): the first route matching what is given. */
export function inet6RtmDelroute(ns: Netns, m: RtMsg): void {
  const table = m.tableId ?? (m.table || RT_TABLE_MAIN);
  const t = fib6Of(ns).tables.get(table);
  if (!t) throw new KernelError(ESRCH, 'FIB table does not exist');
  purgeExpired(ns, t);
  const dst = m.dst instanceof Uint8Array ? ipv6AddrPrefix(m.dst, m.dstLen) : new Uint8Array(16);
  const gw = m.gateway instanceof Uint8Array ? m.gateway : undefined;
  const r = t.groups.get(keyOf(dst, m.dstLen))?.routes.find((r) => {
    if (m.oif && r.dev?.ifindex !== m.oif) return false;
    if (gw && !sameGw(r.gw, gw)) return false;
    if (m.priority && r.metric !== m.priority) return false;
    if (m.protocol && r.protocol !== m.protocol) return false;
    if (m.type && r.type !== m.type) return false;
    return true;
  });
  if (!r) throw new KernelError(ESRCH);
  // With a gateway only that hop goes; otherwise the route and its siblings.
  if (gw) removeRoute(t, r);
  else for (const x of r.siblings ? [...r.siblings] : [r]) removeRoute(t, x);
}

/** rt6_fill_info() for a FIB entry. */
function rt6Fill(ns: Netns, r: Rt6): RtMsg {
  const m: RtMsg = {
    family: AF_INET6, dstLen: r.plen, srcLen: 0, tos: 0, table: r.table < 256 ? r.table : RT_TABLE_COMPAT, tableId: r.table,
    protocol: r.protocol, scope: RT_SCOPE_UNIVERSE, type: r.type, flags: r.flags & RTNH_F_ONLINK,
    priority: r.metric, pref: r.pref,
  };
  if (r.plen) m.dst = r.dst;
  if (r.prefsrc) m.prefsrc = r.prefsrc;
  if (r.metrics && r.metrics.size) m.metrics = r.metrics;
  if (r.siblings && r.siblings.length > 1) {
    m.multipath = r.siblings.map((x) => {
      const nh: RtNexthop = { ifindex: x.dev?.ifindex ?? 0, hops: 0, flags: (x.flags & RTNH_F_ONLINK) | (linkdown(x) ? RTNH_F_LINKDOWN : 0) };
      if (x.gw) nh.gateway = x.gw;
      return nh;
    });
    m.flags &= ~RTNH_F_ONLINK;
  } else {
    if (r.gw) m.gateway = r.gw;
    if (r.dev) m.oif = r.dev.ifindex;
    if (linkdown(r)) m.flags |= RTNH_F_LINKDOWN;
  }
  const exp = r.expires !== undefined ? Math.max(0, Math.round((r.expires - ns.kernel.clock.now()) / 1000)) : 0;
  m.cacheinfo = { expires: exp, error: 0 };
  return m;
}

/** inet6_dump_fib() */
export function inet6DumpFib(ns: Netns, filter: { table?: number; oif?: number; protocol?: number; cloned?: boolean }): RtMsg[] {
  const f = fib6Of(ns);
  if (filter.cloned) return [];
  let tables: Fib6Table[];
  if (filter.table) {
    const t = f.tables.get(filter.table);
    if (!t) throw new KernelError(ENOENT, 'ipv6: FIB table does not exist');
    tables = [t];
  } else {
    tables = [...f.tables.values()].sort((a, b) => (a.id & 255) - (b.id & 255) || b.order - a.order);
  }
  const out: RtMsg[] = [];
  for (const t of tables) {
    purgeExpired(ns, t);
    for (const r of tableRoutes(t)) {
      if (r.siblings && r.siblings[0] !== r) continue; // dumped with the first sibling
      if (filter.protocol && r.protocol !== filter.protocol) continue;
      if (filter.oif && !(r.siblings ?? [r]).some((x) => x.dev?.ifindex === filter.oif)) continue;
      out.push(rt6Fill(ns, r));
    }
  }
  return out;
}

/** inet6_rtm_getroute(): `ip -6 route get`. */
export function inet6RtmGetroute(ns: Netns, q: { dst: Uint8Array; src?: Uint8Array; iif?: number; oif?: number; mark?: number; fibmatch?: boolean }): RtMsg {
  const strict = !!q.oif && (ipv6AddrIsLinkLocal(q.dst) || ipv6AddrIsMulticast(q.dst));
  const r = fib6Lookup(ns, { dst: q.dst, src: q.src, oif: q.oif ?? 0, iif: q.iif ?? 1, mark: q.mark ?? 0, strict });
  if (typeof r === 'number') throw new KernelError(r);
  if (routeTypeError(r.type)) throw new KernelError(r.type === RTN_THROW ? EAGAIN : routeTypeError(r.type) === EINVAL ? EINVAL : r.type === RTN_PROHIBIT ? EACCES : ENETUNREACH);
  if (q.fibmatch) return rt6Fill(ns, r.siblings?.[0] ?? r);
  const m = rt6Fill(ns, { ...r, siblings: undefined });
  m.dst = q.dst;
  m.dstLen = 128;
  m.src = q.src ?? new Uint8Array(16);
  m.srcLen = 128;
  if (r.type === RTN_LOCAL) m.oif = ns.devByIndex(1)?.ifindex ?? m.oif;
  if (!m.prefsrc) {
    // ip6_route_get_saddr(): our own address answers for itself, else source selection.
    const s = isLocalAddr(ns, q.dst) ? q.dst : (rt6Hooks.saddr ?? fallbackSaddr)(ns, r.dev, q.dst);
    if (s) m.prefsrc = s;
  }
  if (q.mark) m.mark = q.mark;
  if (q.iif) m.iif = q.iif;
  delete m.cacheinfo;
  return m;
}

/** Without addrconf's ipv6_dev_get_saddr(): an address of ours (a local route) on the
 *  output device, link-local for link-local destinations, else global; else any global one. */
function fallbackSaddr(ns: Netns, dev: NetDevice | undefined, dst: Uint8Array): Uint8Array | undefined {
  const locals = fib6Routes(ns, RT_TABLE_LOCAL).filter((r) => r.type === RTN_LOCAL && r.plen === 128 && r.protocol === RTPROT_KERNEL && !(r.dst[0] === 0 && r.dst[15] === 1 && r.dst.slice(0, 15).every((b) => b === 0)));
  const ll = ipv6AddrIsLinkLocal(dst);
  const onDev = locals.filter((r) => r.dev === dev && ipv6AddrIsLinkLocal(r.dst) === ll);
  if (onDev.length) return onDev[0]!.dst;
  if (ll) return undefined;
  return locals.find((r) => !ipv6AddrIsLinkLocal(r.dst))?.dst;
}

/** For other modules: a route list view (e.g. /proc/net/ipv6_route). */
export function fib6Routes(ns: Netns, table: number): readonly Rt6[] {
  const t = fib6Of(ns).tables.get(table);
  if (!t) return [];
  purgeExpired(ns, t);
  return tableRoutes(t);
}

export type { RuleMsg };
