// net/ipv4/fib_frontend.c, fib_semantics.c, fib_trie.c: the IPv4 routing tables.
//
// A table is a set of leaves keyed by the prefix value (as the fib trie's leaves are): a leaf
// holds every alias whose masked prefix has that key, ordered as fib_insert_alias() orders
// them — longer prefixes first (fa_slen ascending), then tos (dscp) descending, then
// priority ascending. A dump walks leaves in key order; a lookup probes, from the longest
// prefix length in use down to 0, the one leaf the address can be in, which gives the
// trie's longest-prefix-match result.
//
// Until policy rules are customised, table local and table main share one trie (fib_new_table()
// aliases local to main): a lookup in either sees both, local aliases first at equal lengths.
import type { NetDevice } from '../core/netdevice.js';
import type { Netns } from '../net_namespace.js';
import { prefixMask } from '../../wire/inet.js';
import {
  RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST, RTN_ANYCAST, RTN_MULTICAST, RTN_MAX,
  RT_SCOPE_HOST, RT_SCOPE_NOWHERE, RT_SCOPE_LINK, RT_SCOPE_UNIVERSE, RTPROT_KERNEL,
  RT_TABLE_LOCAL, RT_TABLE_MAIN, RT_TABLE_COMPAT,
  RTNH_F_DEAD, RTNH_F_LINKDOWN, RTNH_F_ONLINK, RTNH_F_PERVASIVE, RTNH_F_OFFLOAD, RTNH_F_TRAP,
  RTNH_COMPARE_MASK, RTAX_MAX, RTAX_MTU, RTAX_ADVMSS, RTAX_HOPLIMIT, RTAX_FEATURES, RTAX_CC_ALGO,
  RTAX_FEATURE_MASK, routeTypeError, routeTypeScope,
  type RtMsg, type RtNexthop, type RtMetrics, type NlFlags,
} from './route_types.js';
import { EAGAIN, EEXIST, EINVAL, ENETDOWN, ENODEV, ENOENT, ESRCH, KernelError } from '../errno.js';
import { inDev, devconf } from './devinet.js';
import { IFF_UP } from '../core/if.js';
import { fibLookup } from './fib_rules.js';

export const AF_INET = 2;

/** fib_lookup() flags */
export const FIB_LOOKUP_NOREF = 1, FIB_LOOKUP_IGNORE_LINKSTATE = 2;

/** struct fib_nh */
export interface FibNh {
  /** fib_nh_gw4; 0 when the nexthop has no gateway. */
  gw: number;
  dev: NetDevice | undefined;
  /** fib_nh_oif */
  oif: number;
  /** fib_nh_weight (rtnh_hops + 1) */
  weight: number;
  /** RTNH_F_ONLINK | RTNH_F_PERVASIVE | RTNH_F_DEAD; RTNH_F_LINKDOWN is derived from the
   *  device's carrier (see nhLinkdown()), as fib_sync_down_dev()/fib_sync_up() keep it. */
  flags: number;
  /** fib_nh_scope */
  scope: number;
  /** nh_tclassid (realms) */
  realms: number;
  /** fib_nh_upper_bound, for hash-threshold multipath (fib_rebalance()). */
  upperBound: number;
}

/** struct fib_info: what aliases share. */
export interface FibInfo {
  protocol: number;
  scope: number;
  /** fib_flags: rtm_flags of the request (RTNH_F_ONLINK, ...). */
  flags: number;
  priority: number;
  prefsrc: number;
  type: number;
  /** metrics[RTAX_*]; index 1 is the lock bitmap, RTAX_CC_ALGO holds 1 when ccAlgo is set. */
  metrics: Uint32Array;
  ccAlgo?: string;
  nhs: FibNh[];
  dead: boolean;
}

/** struct fib_alias: one route in one table. */
export class FibAlias {
  /** fa_default, for fib_select_default(). */
  faDefault = -1;
  constructor(
    readonly key: number,
    readonly plen: number,
    /** fa_dscp as the dsfield byte (rtm_tos). */
    readonly tos: number,
    readonly type: number,
    readonly tbId: number,
    readonly fi: FibInfo,
  ) {}

  // Read-only views of the fib_info, for code written against the first FibRoute shape.
  get dst(): number { return this.key; }
  get table(): number { return this.tbId; }
  get scope(): number { return this.fi.scope; }
  get protocol(): number { return this.fi.protocol; }
  get priority(): number { return this.fi.priority; }
  get prefsrc(): number { return this.fi.prefsrc; }
  get nhs(): FibNh[] { return this.fi.nhs; }
  /** The metrics that are set, by iproute2 name ("mtu", "advmss", ...). */
  get metrics(): Map<string, number> {
    const m = new Map<string, number>();
    for (let i = 2; i <= RTAX_MAX; i++) if (this.fi.metrics[i]) m.set(RTAX_NAMES[i]!, this.fi.metrics[i]!);
    return m;
  }
}

const RTAX_NAMES = ['', 'lock', 'mtu', 'window', 'rtt', 'rttvar', 'ssthresh', 'cwnd', 'advmss', 'reordering',
  'hoplimit', 'initcwnd', 'features', 'rto_min', 'initrwnd', 'quickack', 'congctl', 'fastopen_no_cookie'];

/** The name other modules used for an alias. */
export type FibRoute = FibAlias;

export class FibTable {
  /** Leaves by key; each holds its aliases in fib_insert_alias() order. */
  readonly leaves = new Map<number, FibAlias[]>();
  /** How many aliases exist per prefix length, so lookups skip unused lengths. */
  readonly plenCount = new Int32Array(33);
  /** The prefix lengths in use as bits (bit N: length N, for 0..31; plen 32 apart), kept
   *  with plenCount so a lookup visits only those. */
  plenMask = 0;
  has32 = false;
  size = 0;
  private sorted: number[] | undefined;

  constructor(readonly id: number, readonly fib: Ipv4Fib, readonly seq: number) {}

  /** All aliases in dump order (fib_table_dump(): leaves by key, aliases in leaf order). */
  dumpAliases(): FibAlias[] {
    if (!this.sorted) this.sorted = [...this.leaves.keys()].sort((a, b) => a - b);
    const out: FibAlias[] = [];
    for (const k of this.sorted) out.push(...this.leaves.get(k)!);
    return out;
  }

  leaf(key: number): FibAlias[] | undefined {
    return this.leaves.get(key);
  }

  /** dumpAliases() under its first name. */
  routes(): FibAlias[] {
    return this.dumpAliases();
  }

  /** The aliases of exactly dst/plen, in order (compatibility helper). */
  aliases(dst: number, plen: number): FibAlias[] | undefined {
    const l = this.leaves.get(dst >>> 0)?.filter((fa) => fa.plen === plen);
    return l && l.length ? l : undefined;
  }

  /** Longest-prefix match over this table alone, first alias `accept` takes
   *  (compatibility helper; lookups proper go through fibTableLookup()). */
  lookup(addr: number, accept: (r: FibAlias) => boolean): FibAlias | undefined {
    for (let plen = 32; plen >= 0; plen--) {
      if (!this.plenCount[plen]) continue;
      const leaf = this.leaves.get((addr & prefixMask(plen)) >>> 0);
      if (!leaf) continue;
      for (const fa of leaf) if (fa.plen === plen && accept(fa)) return fa;
    }
    return undefined;
  }

  /** Inserts `fa` before `before` in its leaf, or where fib_insert_alias() puts it without
   *  a position (the tail of its prefix length's section). */
  insert(fa: FibAlias, before: FibAlias | undefined): void {
    let leaf = this.leaves.get(fa.key);
    if (!leaf) {
      this.leaves.set(fa.key, (leaf = []));
      this.sorted = undefined;
    }
    let i: number;
    if (before) i = leaf.indexOf(before);
    else {
      i = leaf.length;
      for (let j = 0; j < leaf.length; j++) {
        if (fa.plen > leaf[j]!.plen) { i = j; break; }
      }
    }
    if (i < 0) i = leaf.length;
    leaf.splice(i, 0, fa);
    if (this.plenCount[fa.plen]!++ === 0) this.markPlen(fa.plen, true);
    this.size++;
  }

  replace(old: FibAlias, fa: FibAlias): void {
    const leaf = this.leaves.get(old.key)!;
    leaf[leaf.indexOf(old)] = fa;
  }

  remove(fa: FibAlias): boolean {
    const leaf = this.leaves.get(fa.key);
    const i = leaf ? leaf.indexOf(fa) : -1;
    if (!leaf || i < 0) return false;
    leaf.splice(i, 1);
    if (leaf.length === 0) {
      this.leaves.delete(fa.key);
      this.sorted = undefined;
    }
    if (--this.plenCount[fa.plen]! === 0) this.markPlen(fa.plen, false);
    this.size--;
    return true;
  }

  private markPlen(plen: number, used: boolean): void {
    if (plen === 32) this.has32 = used;
    else if (used) this.plenMask |= 1 << plen;
    else this.plenMask &= ~(1 << plen);
  }

  /** tb_num_default */
  get numDefault(): number {
    return this.plenCount[0]!;
  }
}

/** Per-namespace IPv4 routing state (net->ipv4.fib_*). */
export interface Ipv4Fib {
  tables: Map<number, FibTable>;
  /** fib_has_custom_rules: set once any rule is added or deleted; splits local from main. */
  hasCustomRules: boolean;
  /** fib_has_custom_local_routes */
  hasCustomLocalRoutes: boolean;
  tableSeq: number;
}

export function fibOf(ns: Netns): Ipv4Fib {
  let f = ns.proto.fib4 as Ipv4Fib | undefined;
  if (!f) {
    f = { tables: new Map(), hasCustomRules: false, hasCustomLocalRoutes: false, tableSeq: 0 };
    ns.proto.fib4 = f;
    // The main table exists from the start; local and others appear on first use.
    f.tables.set(RT_TABLE_MAIN, new FibTable(RT_TABLE_MAIN, f, f.tableSeq++));
  }
  return f;
}

/** fib_new_table() */
export function fibNewTable(ns: Netns, id: number): FibTable {
  const f = fibOf(ns);
  if (id === 0) id = RT_TABLE_MAIN;
  let t = f.tables.get(id);
  if (!t) f.tables.set(id, (t = new FibTable(id, f, f.tableSeq++)));
  return t;
}

/** fib_get_table() */
export function fibGetTable(ns: Netns, id: number): FibTable | undefined {
  if (id === 0) id = RT_TABLE_MAIN;
  return fibOf(ns).tables.get(id);
}

/** fib_empty_table(): the first unused id from 1 (for rules given table 0). */
export function fibEmptyTable(ns: Netns): FibTable | undefined {
  const f = fibOf(ns);
  for (let id = 1; id <= 0xffffffff; id++) {
    if (!f.tables.has(id)) return fibNewTable(ns, id);
  }
  return undefined;
}

/** The tables in the order inet_dump_fib() walks net->ipv4.fib_table_hash: by id modulo
 *  256, most recently created first within a bucket. */
export function fibTablesInDumpOrder(ns: Netns): FibTable[] {
  return [...fibOf(ns).tables.values()].sort((a, b) => (a.id & 255) - (b.id & 255) || b.seq - a.seq);
}


// ---------------------------------------------------------------------------------------
// Lookup

/** struct flowi4: what a lookup is keyed on. */
export interface Flowi4 {
  daddr: number;
  saddr: number;
  oif: number;
  iif: number;
  mark: number;
  /** flowi4_tos (the dsfield byte) */
  tos: number;
  scope: number;
  proto: number;
  sport: number;
  dport: number;
  uid: number;
  /** fib_multipath_hash() input override; unused unless set. */
  mpHash?: number;
  /** FLOWI_FLAG_ANYSRC: a source address that is not ours is accepted. */
  anySrc?: boolean;
}

export function flowi4(o: Partial<Flowi4> & { daddr: number }): Flowi4 {
  const f = flowi4Key(o.daddr, o.saddr ?? 0, o.oif ?? 0, o.iif ?? 0, o.mark ?? 0, o.tos ?? 0, o.scope ?? RT_SCOPE_UNIVERSE,
    o.proto ?? 0, o.sport ?? 0, o.dport ?? 0, o.uid ?? 0);
  if (o.mpHash !== undefined) f.mpHash = o.mpHash;
  if (o.anySrc !== undefined) f.anySrc = o.anySrc;
  return f;
}

/** flowi4_init_output(): a flow from its fields, without building an options object first
 *  (the datapath makes several per packet). Fields in the order flowi4() gives them. */
export function flowi4Key(daddr: number, saddr: number, oif: number, iif: number, mark: number, tos: number,
  scope: number, proto: number, sport: number, dport: number, uid: number): Flowi4 {
  return { saddr, oif, iif, mark, tos, scope, proto, sport, dport, uid, daddr };
}

/** struct fib_result */
export interface FibResult {
  prefix: number;
  prefixlen: number;
  nhSel: number;
  nh: FibNh | undefined;
  type: number;
  scope: number;
  fi: FibInfo | undefined;
  table: FibTable | undefined;
  /** The alias that matched and its leaf (fa_head), for fib_select_default(). */
  alias: FibAlias | undefined;
  tos: number;
}

/** RTNH_F_LINKDOWN as the kernel keeps it: a nexthop whose device has no carrier
 *  (host-scope nexthops, i.e. local routes, never go linkdown). */
export function nhLinkdown(nh: FibNh): boolean {
  return !!nh.dev && nh.scope !== RT_SCOPE_NOWHERE && !nh.dev.carrier;
}

/** ip_ignore_linkdown() */
function ignoreLinkdown(dev: NetDevice | undefined): boolean {
  return !!dev && devconf(dev, 'ignore_routes_with_linkdown') !== 0;
}

/** fib_lookup_good_nhc(). The devconf read comes last: only a nexthop that is down asks
 *  whether ignore_routes_with_linkdown applies. */
function goodNh(nh: FibNh, flags: number, fl: Flowi4): boolean {
  if (nh.flags & RTNH_F_DEAD) return false;
  if (!(flags & FIB_LOOKUP_IGNORE_LINKSTATE) && nhLinkdown(nh) && ignoreLinkdown(nh.dev)) return false;
  if (fl.oif && fl.oif !== nh.oif) return false;
  return true;
}

/** fib_table_lookup(): a result, or the positive errno (EAGAIN when nothing matched).
 *  Local and main are one trie until rules are customised: a lookup in either searches
 *  local's aliases, then main's, at every prefix length. */
export function fibTableLookup(tb: FibTable, fl: Flowi4, flags = 0): FibResult | number {
  let t0: FibTable | undefined = tb;
  let t1: FibTable | undefined;
  const f = tb.fib;
  if (!f.hasCustomRules && (tb.id === RT_TABLE_MAIN || tb.id === RT_TABLE_LOCAL)) {
    t0 = f.tables.get(RT_TABLE_LOCAL);
    t1 = f.tables.get(RT_TABLE_MAIN);
    if (!t0) {
      t0 = t1;
      t1 = undefined;
    }
    if (!t0) return EAGAIN;
  }
  // The prefix lengths in use, longest first: 32, then the mask's bits from the top.
  let mask = t1 ? t0.plenMask | t1.plenMask : t0.plenMask;
  let plen = t0.has32 || (t1 !== undefined && t1.has32) ? 32 : mask !== 0 ? 31 - Math.clz32(mask) : -1;
  for (; plen >= 0; plen = mask !== 0 ? 31 - Math.clz32(mask) : -1) {
    if (plen < 32) mask &= ~(1 << plen);
    const key = (fl.daddr & prefixMask(plen)) >>> 0;
    // Only a table with aliases of this length can have a leaf holding one.
    if (plen === 32 ? t0.has32 : (t0.plenMask >>> plen) & 1) {
      const leaf = t0.leaves.get(key);
      if (leaf) {
        const r = leafLookup(tb, leaf, key, plen, fl, flags);
        if (r !== undefined) return r;
      }
    }
    if (t1 && (plen === 32 ? t1.has32 : (t1.plenMask >>> plen) & 1)) {
      const leaf = t1.leaves.get(key);
      if (leaf) {
        const r = leafLookup(tb, leaf, key, plen, fl, flags);
        if (r !== undefined) return r;
      }
    }
  }
  return EAGAIN;
}

/** The aliases of prefix length `plen` in one leaf, as fib_table_lookup() checks them:
 *  a result, an error route's errno, or undefined to keep looking. */
function leafLookup(tb: FibTable, leaf: FibAlias[], key: number, plen: number, fl: Flowi4, flags: number): FibResult | number | undefined {
  const tos = fl.tos & 0xfc;
  for (let j = 0; j < leaf.length; j++) {
    const fa = leaf[j]!;
    if (fa.plen !== plen) continue;
    if (fa.tos && fa.tos !== tos) continue;
    const fi = fa.fi;
    if (fi.dead) continue;
    if (fi.scope < fl.scope) continue;
    const err = routeTypeError(fa.type);
    if (err) return err;
    if (fi.flags & RTNH_F_DEAD) continue;
    const nhs = fi.nhs;
    for (let i = 0; i < nhs.length; i++) {
      const nh = nhs[i]!;
      if (!goodNh(nh, flags, fl)) continue;
      return {
        prefix: key, prefixlen: plen, nhSel: i, nh, type: fa.type, scope: fi.scope, fi, table: tb,
        alias: fa, tos: fa.tos,
      };
    }
  }
  return undefined;
}

/** fib_info_nh_uses_dev() */
export function fibInfoUsesDev(fi: FibInfo, dev: NetDevice): boolean {
  return fi.nhs.some((nh) => nh.dev === dev);
}

// ---------------------------------------------------------------------------------------
// Address types

function isZeronet(a: number): boolean { return (a & 0xff000000) === 0; }
function isLbcast(a: number): boolean { return a === 0xffffffff; }
function isMulticast(a: number): boolean { return ((a & 0xf0000000) >>> 0) === 0xe0000000; }

/** __inet_dev_addr_type(): what `addr` is according to table `tbId` (local by default). */
export function inetAddrTypeTable(ns: Netns, addr: number, tbId = RT_TABLE_LOCAL, dev?: NetDevice): number {
  if (isZeronet(addr) || isLbcast(addr)) return RTN_BROADCAST;
  if (isMulticast(addr)) return RTN_MULTICAST;
  const tb = fibGetTable(ns, tbId);
  if (!tb) return RTN_BROADCAST;
  const r = fibTableLookup(tb, flowi4({ daddr: addr }), FIB_LOOKUP_NOREF);
  if (typeof r === 'number') return RTN_UNICAST;
  if (!dev || dev === r.nh?.dev) return r.type;
  return RTN_UNICAST;
}

// ---------------------------------------------------------------------------------------
// Creating routes

/** struct fib_config: a route request as the FIB sees it. */
export interface FibConfig {
  dst: number;
  dstLen: number;
  tos: number;
  table: number;
  protocol: number;
  scope: number;
  type: number;
  flags: number;
  oif: number;
  gw: number;
  priority: number;
  prefsrc: number;
  metrics?: RtMetrics;
  mp?: RtNexthop[];
  flow: number;
  nlflags: NlFlags;
}

function inval(msg?: string): KernelError {
  return new KernelError(EINVAL, msg);
}

const TCP_CONGESTION = ['reno', 'cubic'];

/** ip_fib_metrics_init() / ip_metrics_convert() */
function metricsInit(mx: RtMetrics | undefined): { metrics: Uint32Array; ccAlgo?: string } {
  const metrics = new Uint32Array(RTAX_MAX + 1);
  let ccAlgo: string | undefined;
  if (!mx) return { metrics };
  for (const [type, v] of mx) {
    if (!type) continue;
    if (type > RTAX_MAX) throw inval('Invalid metric type');
    let val: number;
    if (type === RTAX_CC_ALGO) {
      const name = String(v).slice(0, 15);
      if (!TCP_CONGESTION.includes(name)) throw inval('Unknown tcp congestion algorithm');
      ccAlgo = name;
      val = TCP_CONGESTION.indexOf(name) + 1;
    } else {
      val = Number(v) >>> 0;
    }
    if (type === RTAX_ADVMSS && val > 65535 - 40) val = 65535 - 40;
    if (type === RTAX_MTU && val > 65535 - 15) val = 65535 - 15;
    if (type === RTAX_HOPLIMIT && val > 255) val = 255;
    if (type === RTAX_FEATURES && (val & ~RTAX_FEATURE_MASK)) throw inval('Unknown flag set in feature mask in metrics attribute');
    metrics[type] = val;
  }
  return { metrics, ccAlgo };
}

function newNh(cfg: { oif: number; gw: number; flags: number; flow: number }, weight: number): FibNh {
  return { gw: cfg.gw, dev: undefined, oif: cfg.oif, weight, flags: cfg.flags, scope: 0, realms: cfg.flow, upperBound: 0 };
}

/** fib_get_nhs() */
function fibGetNhs(cfg: FibConfig): FibNh[] {
  const nhs: FibNh[] = [];
  for (const rtnh of cfg.mp!) {
    if (rtnh.flags & (RTNH_F_DEAD | RTNH_F_LINKDOWN)) throw inval('Invalid flags for nexthop - can not contain DEAD or LINKDOWN');
    const gw = typeof rtnh.gateway === 'number' ? rtnh.gateway : 0;
    if (rtnh.gateway instanceof Uint8Array) throw inval('IPv6 gateway is not supported for IPv4 routes by netsim');
    nhs.push(newNh({ oif: rtnh.ifindex, gw, flags: (cfg.flags & ~0xff) | rtnh.flags, flow: rtnh.flow ?? 0 }, rtnh.hops + 1));
  }
  const nh = nhs[0]!;
  if (cfg.oif && nh.oif !== cfg.oif) throw inval('Nexthop device index does not match RTA_OIF');
  if (cfg.gw && nh.gw !== cfg.gw) throw inval('Nexthop gateway does not match RTA_GATEWAY or RTA_VIA');
  return nhs;
}

/** fib_check_nh_v4_gw() */
function fibCheckNhGw(ns: Netns, nh: FibNh, table: number, scope: number): void {
  if (nh.flags & RTNH_F_ONLINK) {
    if (scope >= RT_SCOPE_LINK) throw inval('Nexthop has invalid scope');
    const dev = ns.devByIndex(nh.oif);
    if (!dev) throw new KernelError(ENODEV, 'Nexthop device required for onlink');
    if (!(dev.flags & IFF_UP)) throw new KernelError(ENETDOWN, 'Nexthop device is not up');
    if (inetAddrTypeTable(ns, nh.gw, RT_TABLE_LOCAL, dev) !== RTN_UNICAST) throw inval('Nexthop has invalid gateway');
    nh.dev = dev;
    nh.scope = RT_SCOPE_LINK;
    return;
  }
  const fl = flowi4({ daddr: nh.gw, scope: Math.max(scope + 1, RT_SCOPE_LINK), oif: nh.oif, iif: 1 });
  let res: FibResult | number = EAGAIN;
  let tbl: FibTable | undefined;
  if (table && table !== RT_TABLE_MAIN) tbl = fibGetTable(ns, table);
  if (tbl) res = fibTableLookup(tbl, fl, FIB_LOOKUP_IGNORE_LINKSTATE | FIB_LOOKUP_NOREF);
  if (!tbl || typeof res === 'number') res = fibLookup(ns, fl, FIB_LOOKUP_IGNORE_LINKSTATE);
  // fib_check_nh_v4_gw(): a failed lookup returns its own error (ENETUNREACH ...).
  if (typeof res === 'number') throw new KernelError(res, 'Nexthop has invalid gateway');
  if (res.type !== RTN_UNICAST && res.type !== RTN_LOCAL) throw inval('Nexthop has invalid gateway');
  nh.scope = res.scope;
  nh.oif = res.nh!.oif;
  nh.dev = res.nh!.dev;
  if (!nh.dev) throw inval('No egress device for nexthop gateway');
  if (!(nh.dev.flags & IFF_UP)) throw new KernelError(ENETDOWN);
}

/** fib_check_nh_nongw() */
function fibCheckNhNongw(ns: Netns, nh: FibNh): void {
  if (nh.flags & (RTNH_F_PERVASIVE | RTNH_F_ONLINK)) throw inval('Invalid flags for nexthop - PERVASIVE and ONLINK can not be set');
  const dev = ns.devByIndex(nh.oif);
  if (!dev || !inDev(dev)) throw new KernelError(ENODEV);
  if (!(dev.flags & IFF_UP)) throw new KernelError(ENETDOWN, 'Device for nexthop is not up');
  nh.dev = dev;
  nh.scope = RT_SCOPE_HOST;
}

/** fib_valid_prefsrc() */
function fibValidPrefsrc(ns: Netns, cfg: FibConfig, prefsrc: number): boolean {
  if (cfg.type !== RTN_LOCAL || !cfg.dst || prefsrc !== cfg.dst) {
    let tbId = cfg.table;
    if (tbId === RT_TABLE_MAIN) tbId = RT_TABLE_LOCAL;
    let rc = inetAddrTypeTable(ns, prefsrc, tbId);
    if (rc !== RTN_LOCAL && tbId !== RT_TABLE_LOCAL) rc = inetAddrTypeTable(ns, prefsrc, RT_TABLE_LOCAL);
    if (rc !== RTN_LOCAL) return false;
  }
  return true;
}

/** fib_rebalance(): hash-threshold upper bounds from the weights of the live nexthops. */
export function fibRebalance(fi: FibInfo): void {
  if (fi.nhs.length < 2) return;
  const usable = (nh: FibNh) => !(nh.flags & RTNH_F_DEAD) && !(ignoreLinkdown(nh.dev) && nhLinkdown(nh));
  let total = 0;
  for (const nh of fi.nhs) if (usable(nh)) total += nh.weight;
  let w = 0;
  for (const nh of fi.nhs) {
    if (!usable(nh)) nh.upperBound = -1;
    else {
      w += nh.weight;
      nh.upperBound = Math.round((w * 2 ** 31) / total) - 1;
    }
  }
}

/** fib_create_info(): validates a request and builds its fib_info. */
export function fibCreateInfo(ns: Netns, cfg: FibConfig): FibInfo {
  if (cfg.type > RTN_MAX) throw inval();
  if (routeTypeScope(cfg.type) > cfg.scope) throw inval('Invalid scope');
  if (cfg.flags & (RTNH_F_DEAD | RTNH_F_LINKDOWN)) throw inval('Invalid rtm_flags - can not contain DEAD or LINKDOWN');
  if (cfg.mp && cfg.mp.length === 0) throw inval();
  const { metrics, ccAlgo } = metricsInit(cfg.metrics);
  const fi: FibInfo = {
    protocol: cfg.protocol, scope: cfg.scope, flags: cfg.flags, priority: cfg.priority, prefsrc: cfg.prefsrc,
    type: cfg.type, metrics, ccAlgo, nhs: [], dead: false,
  };
  fi.nhs = cfg.mp ? fibGetNhs(cfg) : [newNh(cfg, 1)];
  if (routeTypeError(cfg.type)) {
    if (cfg.gw || cfg.oif || cfg.mp) throw inval('Gateway, device and multipath can not be specified for this route type');
    return fi;
  }
  switch (cfg.type) {
    case RTN_UNICAST: case RTN_LOCAL: case RTN_BROADCAST: case RTN_ANYCAST: case RTN_MULTICAST: break;
    default: throw inval('Invalid route type');
  }
  if (cfg.scope > RT_SCOPE_HOST) throw inval('Invalid scope');
  if (cfg.scope === RT_SCOPE_HOST) {
    if (fi.nhs.length !== 1) throw inval('Route with host scope can not have multiple nexthops');
    const nh = fi.nhs[0]!;
    if (nh.gw) throw inval('Route with host scope can not have a gateway');
    nh.scope = RT_SCOPE_NOWHERE;
    nh.dev = ns.devByIndex(nh.oif);
    if (!nh.dev) throw new KernelError(ENODEV);
  } else {
    for (const nh of fi.nhs) {
      if (nh.gw) fibCheckNhGw(ns, nh, cfg.table, cfg.scope);
      else fibCheckNhNongw(ns, nh);
    }
  }
  if (fi.prefsrc && !fibValidPrefsrc(ns, cfg, fi.prefsrc)) throw inval('Invalid prefsrc address');
  fibRebalance(fi);
  return fi;
}

/** fib_find_info()'s notion of two fib_infos being the same. */
export function sameInfo(a: FibInfo, b: FibInfo): boolean {
  if (a.nhs.length !== b.nhs.length || a.protocol !== b.protocol || a.scope !== b.scope || a.prefsrc !== b.prefsrc ||
    a.priority !== b.priority || a.type !== b.type || ((a.flags ^ b.flags) & ~RTNH_COMPARE_MASK)) return false;
  for (let i = 1; i <= RTAX_MAX; i++) if (a.metrics[i] !== b.metrics[i]) return false;
  return a.nhs.every((n, i) => {
    const m = b.nhs[i]!;
    return n.oif === m.oif && n.gw === m.gw && n.realms === m.realms && n.scope === m.scope &&
      (a.nhs.length === 1 || n.weight === m.weight) && !((n.flags ^ m.flags) & ~RTNH_COMPARE_MASK);
  });
}

/** fib_valid_key_len() */
function validKeyLen(key: number, plen: number): void {
  if (plen > 32) throw inval('Invalid prefix length');
  if (plen < 32 && ((key << plen) >>> 0) !== 0) throw inval('Invalid prefix for given prefix length');
}

/** fib_find_alias(): the first alias with the same (plen, table, tos) and priority >= prio,
 *  or the one a new alias goes before; undefined means "append to the section". */
function findAlias(leaf: FibAlias[] | undefined, plen: number, tos: number, prio: number, tbId: number): FibAlias | undefined {
  if (!leaf) return undefined;
  for (const fa of leaf) {
    if (fa.plen > plen) continue;
    if (fa.plen !== plen) break;
    if (fa.tbId > tbId) continue;
    if (fa.tbId !== tbId) break;
    if (fa.tos > tos) continue;
    if (fa.fi.priority >= prio || fa.tos < tos) return fa;
  }
  return undefined;
}

/** The first FibRoute-shaped record some callers still build (no validation is done). */
export interface LegacyRoute {
  table?: number;
  dst: number;
  plen: number;
  tos: number;
  type: number;
  protocol: number;
  scope: number;
  priority: number;
  prefsrc: number;
  metrics?: Map<string, number>;
  flags: number;
  nhs: { gw: number; dev: NetDevice | undefined; weight: number; flags: number; scope: number }[];
}

/** fib_table_insert(): validates the request (fib_create_info()) and inserts its alias. */
export function fibTableInsert(ns: Netns, tb: FibTable, cfg: FibConfig): void;
/** Compatibility form: inserts an already-built route without validation. */
export function fibTableInsert(tb: FibTable, r: LegacyRoute, fl: { create: boolean; excl: boolean; replace: boolean; append: boolean }): void;
export function fibTableInsert(a: Netns | FibTable, b: FibTable | LegacyRoute, c: FibConfig | NlFlags): void {
  if (a instanceof FibTable) {
    const r = b as LegacyRoute;
    const metrics = new Uint32Array(RTAX_MAX + 1);
    for (const [k, v] of r.metrics ?? []) {
      const i = RTAX_NAMES.indexOf(k);
      if (i > 0) metrics[i] = v;
    }
    const fi: FibInfo = {
      protocol: r.protocol, scope: r.scope, flags: r.flags, priority: r.priority, prefsrc: r.prefsrc, type: r.type,
      metrics, nhs: r.nhs.map((n) => ({ gw: n.gw, dev: n.dev, oif: n.dev?.ifindex ?? 0, weight: n.weight, flags: n.flags,
        scope: n.scope, realms: 0, upperBound: 0 })), dead: false,
    };
    if (!fi.nhs.length) fi.nhs.push(newNh({ oif: 0, gw: 0, flags: 0, flow: 0 }, 1));
    fibRebalance(fi);
    insertAlias(a, (r.dst & prefixMask(r.plen)) >>> 0, r.plen, r.tos, r.type, fi, c as NlFlags);
    return;
  }
  const ns = a;
  const tb = b as FibTable;
  const cfg = c as FibConfig;
  const key = cfg.dst >>> 0;
  validKeyLen(key, cfg.dstLen);
  const fi = fibCreateInfo(ns, cfg);
  insertAlias(tb, key, cfg.dstLen, cfg.tos, cfg.type, fi, cfg.nlflags);
}

/** The alias placement and NLM_F_* semantics of fib_table_insert(). */
function insertAlias(tb: FibTable, key: number, plen: number, tos: number, type: number, fi: FibInfo, nl: NlFlags): void {
  const leaf = tb.leaf(key);
  let fa = findAlias(leaf, plen, tos, fi.priority, tb.id);
  const mk = (): FibAlias => new FibAlias(key, plen, tos, type, tb.id, fi);
  if (fa && fa.tos === tos && fa.fi.priority === fi.priority) {
    if (nl.excl) throw new KernelError(EEXIST);
    const faFirst = fa;
    let faMatch: FibAlias | undefined;
    const l = leaf!;
    let i = l.indexOf(faFirst);
    for (; i < l.length; i++) {
      const x = l[i]!;
      if (x.plen !== plen || x.tbId !== tb.id || x.tos !== tos || x.fi.priority !== fi.priority) break;
      if (x.type === type && sameInfo(x.fi, fi)) {
        faMatch = x;
        break;
      }
    }
    const next = l[i];
    if (nl.replace) {
      if (faMatch) {
        if (faMatch === faFirst) return;
        throw new KernelError(EEXIST);
      }
      tb.replace(faFirst, mk());
      faFirst.fi.dead = true;
      return;
    }
    if (faMatch) throw new KernelError(EEXIST);
    fa = nl.append ? next : faFirst;
    if (!nl.create) throw new KernelError(ENOENT);
    tb.insert(mk(), fa);
    return;
  }
  if (!nl.create) throw new KernelError(ENOENT);
  tb.insert(mk(), fa);
}

/** fib_nh_match(): 0 when the request's nexthop attributes all match fi. */
function fibNhMatch(cfg: FibConfig, fi: FibInfo): boolean {
  if (cfg.priority && cfg.priority !== fi.priority) return false;
  if (cfg.oif || cfg.gw) {
    const nh = fi.nhs[0]!;
    if (cfg.flow && cfg.flow !== nh.realms) return false;
    if (cfg.oif && cfg.oif !== nh.oif) return false;
    if (cfg.gw && cfg.gw !== nh.gw) return false;
    return true;
  }
  if (!cfg.mp) return true;
  for (let i = 0; i < fi.nhs.length; i++) {
    const nh = fi.nhs[i]!;
    const rtnh = cfg.mp[i];
    if (!rtnh) return false; // rtnh_ok() fails: -EINVAL, which is not a match
    if (rtnh.ifindex && rtnh.ifindex !== nh.oif) return false;
    if (rtnh.gateway !== undefined && rtnh.gateway !== nh.gw) return false;
    if (rtnh.flow && rtnh.flow !== nh.realms) return false;
  }
  return true;
}

/** fib_metrics_match() */
function fibMetricsMatch(cfg: FibConfig, fi: FibInfo): boolean {
  if (!cfg.metrics) return true;
  for (const [type, v] of cfg.metrics) {
    if (!type) continue;
    if (type > RTAX_MAX) return false;
    let val: number;
    if (type === RTAX_CC_ALGO) val = TCP_CONGESTION.indexOf(String(v)) + 1;
    else val = Number(v) >>> 0;
    if (fi.metrics[type] !== val) return false;
  }
  return true;
}

/** fib_table_delete(): removes the first alias matching every attribute given. */
export function fibTableDelete(tb: FibTable, cfg: FibConfig): FibAlias {
  const key = cfg.dst >>> 0;
  const plen = cfg.dstLen;
  validKeyLen(key, plen);
  const leaf = tb.leaf(key);
  if (!leaf) throw new KernelError(ESRCH);
  const fa0 = findAlias(leaf, plen, cfg.tos, 0, tb.id);
  if (!fa0) throw new KernelError(ESRCH);
  let hit: FibAlias | undefined;
  for (let i = leaf.indexOf(fa0); i < leaf.length; i++) {
    const fa = leaf[i]!;
    const fi = fa.fi;
    if (fa.plen !== plen || fa.tbId !== tb.id || fa.tos !== cfg.tos) break;
    if ((!cfg.type || fa.type === cfg.type) &&
      (cfg.scope === RT_SCOPE_NOWHERE || fi.scope === cfg.scope) &&
      (!cfg.prefsrc || fi.prefsrc === cfg.prefsrc) &&
      (!cfg.protocol || fi.protocol === cfg.protocol) &&
      fibNhMatch(cfg, fi) && fibMetricsMatch(cfg, fi)) {
      hit = fa;
      break;
    }
  }
  if (!hit) throw new KernelError(ESRCH);
  tb.remove(hit);
  hit.fi.dead = true;
  return hit;
}

/** fib_table_flush(): drops aliases whose fib_info died; error routes (blackhole, ...) only
 *  when flushAll (the namespace is going away). */
export function fibTableFlush(tb: FibTable, flushAll: boolean): number {
  let n = 0;
  for (const fa of tb.dumpAliases()) {
    const fi = fa.fi;
    const err = routeTypeError(fa.type) !== 0;
    if (!(fi.flags & RTNH_F_DEAD) && !err) continue;
    if (!flushAll && err) continue;
    tb.remove(fa);
    fi.dead = true;
    n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------
// The kernel's own routes and device events

/** fib_magic(): the routes the kernel itself keeps for each address. */
export function fibMagic(ns: Netns, add: boolean, type: number, dst: number, plen: number, dev: NetDevice,
  prefsrc: number, priority = 0): void {
  const tbId = type === RTN_UNICAST ? RT_TABLE_MAIN : RT_TABLE_LOCAL;
  const tb = fibNewTable(ns, tbId);
  const cfg: FibConfig = {
    dst: dst >>> 0, dstLen: plen, tos: 0, table: tbId, protocol: RTPROT_KERNEL,
    scope: type === RTN_LOCAL ? RT_SCOPE_HOST : RT_SCOPE_LINK, type, flags: 0, oif: dev.ifindex, gw: 0,
    priority, prefsrc, flow: 0, nlflags: { create: true, excl: false, replace: false, append: true },
  };
  try {
    if (add) fibTableInsert(ns, tb, cfg);
    else fibTableDelete(tb, cfg);
  } catch (e) {
    if (!(e instanceof KernelError)) throw e;
  }
}

function forEachInfo(ns: Netns, fn: (fi: FibInfo) => void): void {
  const seen = new Set<FibInfo>();
  for (const t of fibOf(ns).tables.values()) {
    for (const fa of t.dumpAliases()) {
      if (seen.has(fa.fi)) continue;
      seen.add(fa.fi);
      fn(fa.fi);
    }
  }
}

/** fib_sync_down_dev() + fib_flush(): nexthops through `dev` die — on down all but
 *  host-scope ones (local routes), with `force` all of them — and routes left without a live
 *  nexthop are flushed; on unregister every route using the device goes, multipath or not.
 *  devinet calls (dev, false) for NETDEV_DOWN and (dev, true) for NETDEV_UNREGISTER;
 *  fib_disable_ip(dev, NETDEV_DOWN, true) is (dev, true, false). */
export function fibSyncDownDev(dev: NetDevice, force: boolean, unregister = force): void {
  const ns = dev.netns;
  let dead = 0;
  forEachInfo(ns, (fi) => {
    if (!fibInfoUsesDev(fi, dev)) return;
    let n = 0;
    for (const nh of fi.nhs) {
      if (nh.flags & RTNH_F_DEAD) n++;
      else if (nh.dev === dev && (force || nh.scope !== RT_SCOPE_NOWHERE)) {
        nh.flags |= RTNH_F_DEAD;
        n++;
      }
      if (unregister && nh.dev === dev) {
        n = fi.nhs.length;
        break;
      }
    }
    if (n === fi.nhs.length) {
      fi.flags |= RTNH_F_DEAD;
      dead++;
    }
    fibRebalance(fi);
  });
  if (dead) for (const t of fibOf(ns).tables.values()) fibTableFlush(t, false);
}

/** fib_sync_down_addr() + fib_flush(): routes of table main preferring `local` as their
 *  source die with it. */
export function fibSyncDownAddr(dev: NetDevice, local: number): void {
  if (!local) return;
  let n = 0;
  const main = fibOf(dev.netns).tables.get(RT_TABLE_MAIN);
  if (!main) return;
  for (const fa of main.dumpAliases()) {
    if (fa.fi.prefsrc === local) {
      fa.fi.flags |= RTNH_F_DEAD;
      n++;
    }
  }
  if (n) for (const t of fibOf(dev.netns).tables.values()) fibTableFlush(t, false);
}

/** What fib_del_ifaddr() and fib_inetaddr_event(NETDEV_DOWN) do after an address's own
 *  routes are gone (call after removing `local` from `dev`): routes preferring a local
 *  address that no longer exists die, and when `dev` has no IPv4 address left, every route
 *  through it goes (fib_disable_ip()). */
export function fibInetaddrDown(dev: NetDevice, local: number): void {
  const ns = dev.netns;
  const stillLocal = ns.devicesSorted().some((d) => inDev(d)?.addrs.some((a) => a.local === local));
  if (!stillLocal && inetAddrTypeTable(ns, local, RT_TABLE_LOCAL, dev) !== RTN_LOCAL) fibSyncDownAddr(dev, local);
  const ind = inDev(dev);
  if (ind && ind.addrs.length === 0) fibSyncDownDev(dev, true, false);
}

/** fib_sync_up(): nexthops through `dev` come back to life. */
export function fibSyncUp(dev: NetDevice): void {
  if (!(dev.flags & IFF_UP)) return;
  forEachInfo(dev.netns, (fi) => {
    if (!fibInfoUsesDev(fi, dev)) return;
    let alive = 0;
    for (const nh of fi.nhs) {
      if (!(nh.flags & RTNH_F_DEAD)) { alive++; continue; }
      if (!nh.dev || !(nh.dev.flags & IFF_UP) || nh.dev !== dev) continue;
      alive++;
      nh.flags &= ~RTNH_F_DEAD;
    }
    if (alive > 0) fi.flags &= ~RTNH_F_DEAD;
    fibRebalance(fi);
  });
}

// ---------------------------------------------------------------------------------------
// rtnetlink: RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE dumps for AF_INET

/** rtm_to_fib_config() */
export function rtmToFibConfig(m: RtMsg, nlflags: NlFlags): FibConfig {
  if ((m.tos & 3) !== 0) throw inval('Invalid dsfield (tos): ECN bits must be 0');
  if (m.type > RTN_MAX) throw inval('Invalid route type');
  if (m.dst instanceof Uint8Array || m.prefsrc instanceof Uint8Array) throw inval();
  let gw = 0;
  if (m.gateway instanceof Uint8Array) throw inval('IPv6 gateway is not supported for IPv4 routes by netsim');
  if (typeof m.gateway === 'number') gw = m.gateway;
  const cfg: FibConfig = {
    dst: (m.dst as number | undefined) ?? 0, dstLen: m.dstLen, tos: m.tos, table: m.tableId ?? m.table,
    protocol: m.protocol, scope: m.scope, type: m.type, flags: m.flags, oif: m.oif ?? 0, gw,
    priority: m.priority ?? 0, prefsrc: (m.prefsrc as number | undefined) ?? 0, metrics: m.metrics, mp: m.multipath,
    flow: m.flow ?? 0, nlflags,
  };
  if (cfg.dstLen > 32) throw inval('Invalid prefix length');
  if (cfg.dstLen < 32 && ((cfg.dst << cfg.dstLen) >>> 0) !== 0) throw inval('Invalid prefix for given prefix length');
  if (!cfg.table) cfg.table = RT_TABLE_MAIN;
  return cfg;
}

/** inet_rtm_newroute() */
export function inetRtmNewroute(ns: Netns, m: RtMsg, nlflags: NlFlags): void {
  const cfg = rtmToFibConfig(m, nlflags);
  const tb = fibNewTable(ns, cfg.table);
  fibTableInsert(ns, tb, cfg);
  if (cfg.type === RTN_LOCAL) fibOf(ns).hasCustomLocalRoutes = true;
}

/** inet_rtm_delroute() */
export function inetRtmDelroute(ns: Netns, m: RtMsg): void {
  const cfg = rtmToFibConfig(m, { create: false, excl: false, replace: false, append: false });
  const tb = fibGetTable(ns, cfg.table);
  if (!tb) throw new KernelError(ESRCH, 'FIB table does not exist');
  fibTableDelete(tb, cfg);
}

/** fib_nexthop_info(): the flags a nexthop shows in a dump. */
function nhDumpFlags(nh: FibNh): number {
  let f = 0;
  if (nh.flags & RTNH_F_DEAD) f |= RTNH_F_DEAD;
  if (nhLinkdown(nh)) {
    f |= RTNH_F_LINKDOWN;
    if (ignoreLinkdown(nh.dev)) f |= RTNH_F_DEAD;
  }
  f |= nh.flags & (RTNH_F_ONLINK | RTNH_F_OFFLOAD | RTNH_F_TRAP);
  return f;
}

/** rtnetlink_put_metrics(): the metrics that are set, by RTAX index. */
export function fibMetricsAttr(fi: FibInfo): RtMetrics | undefined {
  let mx: RtMetrics | undefined;
  for (let i = 1; i <= RTAX_MAX; i++) {
    const v = fi.metrics[i]!;
    if (!v) continue;
    if (!mx) mx = new Map();
    mx.set(i, i === RTAX_CC_ALGO ? fi.ccAlgo ?? '' : v);
  }
  return mx;
}

/** fib_dump_info(): one alias as an RTM_NEWROUTE message. */
export function fibDumpInfo(tbId: number, dst: number, dstLen: number, tos: number, type: number, fi: FibInfo): RtMsg {
  const m: RtMsg = {
    family: AF_INET, dstLen, srcLen: 0, tos, table: tbId < 256 ? tbId : RT_TABLE_COMPAT, tableId: tbId,
    protocol: fi.protocol, scope: fi.scope, type, flags: fi.flags,
  };
  if (dstLen) m.dst = dst;
  if (fi.priority) m.priority = fi.priority;
  const mx = fibMetricsAttr(fi);
  if (mx) m.metrics = mx;
  if (fi.prefsrc) m.prefsrc = fi.prefsrc;
  if (fi.nhs.length === 1) {
    const nh = fi.nhs[0]!;
    m.flags = nhDumpFlags(nh);
    if (nh.gw) m.gateway = nh.gw;
    if (nh.oif) m.oif = nh.oif;
    if (nh.realms) m.flow = nh.realms;
  } else {
    let all = true;
    m.multipath = fi.nhs.map((nh) => {
      const f = nhDumpFlags(nh);
      if (!(f & RTNH_F_LINKDOWN)) all = false;
      const r: RtNexthop = { ifindex: nh.oif, hops: nh.weight - 1, flags: f };
      if (nh.gw) r.gateway = nh.gw;
      if (nh.realms) r.flow = nh.realms;
      return r;
    });
    if (all) m.flags |= RTNH_F_LINKDOWN;
  }
  return m;
}

/** The kernel-side part of a route dump request (ip_valid_fib_dump_req()). */
export interface RouteDumpFilter {
  /** RTA_TABLE; 0 for every table. */
  table?: number;
  /** RTA_OIF */
  oif?: number;
  /** rtm_protocol */
  protocol?: number;
  /** RTM_F_CLONED: dump cached exceptions rather than routes. */
  cloned?: boolean;
}

/** inet_dump_fib() */
export function inetDumpFib(ns: Netns, filter: RouteDumpFilter): RtMsg[] {
  const out: RtMsg[] = [];
  if (filter.cloned) return out; // netsim keeps no PMTU/redirect exceptions
  let tables: FibTable[];
  if (filter.table) {
    const tb = fibGetTable(ns, filter.table);
    if (!tb) throw new KernelError(ENOENT, 'ipv4: FIB table does not exist');
    tables = [tb];
  } else tables = fibTablesInDumpOrder(ns);
  const dev = filter.oif ? ns.devByIndex(filter.oif) : undefined;
  for (const tb of tables) {
    for (const fa of tb.dumpAliases()) {
      const fi = fa.fi;
      if (filter.protocol && fi.protocol !== filter.protocol) continue;
      if (filter.oif && (!dev || !fibInfoUsesDev(fi, dev))) continue;
      out.push(fibDumpInfo(tb.id, fa.key, fa.plen, fa.tos, fa.type, fi));
    }
  }
  return out;
}
