// net/ipv4/fib_frontend.c, fib_semantics.c, fib_trie.c: the IPv4 routing tables.
// A table maps (prefix, prefixlen) to an ordered list of aliases, as the fib trie's leaves
// do; lookup tries prefix lengths from longest to shortest (one hash probe each), which
// gives the trie's longest-prefix-match result.
import type { NetDevice } from '../core/netdevice.js';
import type { Netns } from '../net_namespace.js';
import { prefixMask } from '../../wire/inet.js';
import {
  RTN_LOCAL, RTN_BROADCAST, RTN_UNICAST, RT_SCOPE_HOST, RT_SCOPE_NOWHERE, RT_SCOPE_LINK, RTPROT_KERNEL,
  RT_TABLE_LOCAL, RT_TABLE_MAIN, RTNH_F_DEAD, RTNH_F_LINKDOWN,
} from './route_types.js';
import { EEXIST, ENOENT, KernelError } from '../errno.js';

export interface FibNh {
  gw: number; // 0 when directly connected
  dev: NetDevice | undefined;
  weight: number; // rtnh_hops + 1
  flags: number; // RTNH_F_ONLINK | RTNH_F_DEAD | RTNH_F_LINKDOWN
  scope: number; // nh_scope
  realms?: number;
}

export interface FibRoute {
  table: number;
  dst: number;
  plen: number;
  tos: number;
  type: number;
  protocol: number;
  scope: number;
  priority: number;
  prefsrc: number; // 0 when unset
  nhs: FibNh[];
  /** RTAX_* metrics that were set (mtu, advmss, window, rtt, ...), by iproute2 name. */
  metrics: Map<string, number>;
  /** Flags from rtm_flags, e.g. RTM_F_OFFLOAD; nothing sets them yet. */
  flags: number;
}

export class FibTable {
  /** Keyed by plen, then by masked dst. */
  private byLen: Map<number, FibRoute[]>[] = Array.from({ length: 33 }, () => new Map());
  /** Number of routes, for cheap emptiness checks. */
  size = 0;

  constructor(readonly id: number) {}

  aliases(dst: number, plen: number): FibRoute[] | undefined {
    return this.byLen[plen]!.get(dst);
  }

  /** All routes in dump order: by prefix ascending as fib_trie walks, then alias order. */
  routes(): FibRoute[] {
    const keys: [number, number, FibRoute[]][] = [];
    for (let plen = 0; plen <= 32; plen++) {
      for (const [dst, list] of this.byLen[plen]!) keys.push([dst, plen, list]);
    }
    keys.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const out: FibRoute[] = [];
    for (const k of keys) out.push(...k[2]);
    return out;
  }

  /** Inserts `r` at `index` in its leaf (index -1 appends). */
  insertAt(r: FibRoute, index: number): void {
    const m = this.byLen[r.plen]!;
    let list = m.get(r.dst);
    if (!list) m.set(r.dst, (list = []));
    if (index < 0 || index >= list.length) list.push(r);
    else list.splice(index, 0, r);
    this.size++;
  }

  remove(r: FibRoute): boolean {
    const m = this.byLen[r.plen]!;
    const list = m.get(r.dst);
    const i = list ? list.indexOf(r) : -1;
    if (!list || i < 0) return false;
    list.splice(i, 1);
    if (list.length === 0) m.delete(r.dst);
    this.size--;
    return true;
  }

  /** fib_table_lookup(): longest prefix first; `accept` filters aliases (tos, dead nexthops). */
  lookup(addr: number, accept: (r: FibRoute) => boolean): FibRoute | undefined {
    for (let plen = 32; plen >= 0; plen--) {
      const list = this.byLen[plen]!.get((addr & prefixMask(plen)) >>> 0);
      if (!list) continue;
      for (const r of list) if (accept(r)) return r;
    }
    return undefined;
  }

  /** Removes every route `pred` selects; returns how many went. */
  flush(pred: (r: FibRoute) => boolean): number {
    let n = 0;
    for (const m of this.byLen) {
      for (const [dst, list] of m) {
        const keep = list.filter((r) => !pred(r));
        n += list.length - keep.length;
        if (keep.length === 0) m.delete(dst);
        else if (keep.length !== list.length) m.set(dst, keep);
      }
    }
    this.size -= n;
    return n;
  }
}

export interface Ipv4Fib {
  tables: Map<number, FibTable>;
}

export function fibOf(ns: Netns): Ipv4Fib {
  let f = ns.proto.fib4 as Ipv4Fib | undefined;
  if (!f) {
    f = { tables: new Map([[RT_TABLE_LOCAL, new FibTable(RT_TABLE_LOCAL)], [RT_TABLE_MAIN, new FibTable(RT_TABLE_MAIN)]]) };
    ns.proto.fib4 = f;
  }
  return f;
}

/** fib_new_table() */
export function fibNewTable(ns: Netns, id: number): FibTable {
  const f = fibOf(ns);
  let t = f.tables.get(id);
  if (!t) f.tables.set(id, (t = new FibTable(id)));
  return t;
}

export function fibGetTable(ns: Netns, id: number): FibTable | undefined {
  return fibOf(ns).tables.get(id);
}

/** Two routes are the same fib_info when every attribute matches (fib_info_hash's notion). */
export function sameInfo(a: FibRoute, b: FibRoute): boolean {
  if (a.type !== b.type || a.protocol !== b.protocol || a.scope !== b.scope || a.prefsrc !== b.prefsrc ||
    a.priority !== b.priority || a.nhs.length !== b.nhs.length || a.metrics.size !== b.metrics.size) return false;
  for (const [k, v] of a.metrics) if (b.metrics.get(k) !== v) return false;
  return a.nhs.every((n, i) => {
    const m = b.nhs[i]!;
    return n.gw === m.gw && n.dev === m.dev && n.weight === m.weight &&
      (n.flags & ~(RTNH_F_DEAD | RTNH_F_LINKDOWN)) === (m.flags & ~(RTNH_F_DEAD | RTNH_F_LINKDOWN));
  });
}

export interface InsertFlags {
  create: boolean;
  excl: boolean;
  replace: boolean;
  append: boolean;
}

/** fib_table_insert(): aliases in a leaf are ordered by tos (descending), then priority. */
export function fibTableInsert(t: FibTable, r: FibRoute, fl: InsertFlags): void {
  const list = t.aliases(r.dst, r.plen) ?? [];
  // First alias with the same tos and priority, and the insertion point.
  let i = 0;
  while (i < list.length && (list[i]!.tos > r.tos || (list[i]!.tos === r.tos && list[i]!.priority < r.priority))) i++;
  const fa = list[i];
  if (fa && fa.tos === r.tos && fa.priority === r.priority) {
    if (fl.excl) throw new KernelError(EEXIST);
    if (fl.replace) {
      // Replace the first alias of the same type (or simply the first one).
      let j = i;
      while (j < list.length && list[j]!.tos === r.tos && list[j]!.priority === r.priority && list[j]!.type !== r.type) j++;
      if (j >= list.length || list[j]!.tos !== r.tos || list[j]!.priority !== r.priority) j = i;
      t.remove(list[j]!);
      t.insertAt(r, j);
      return;
    }
    // Append or prepend: an exact duplicate is refused.
    let last = i;
    for (let j = i; j < list.length && list[j]!.tos === r.tos && list[j]!.priority === r.priority; j++) {
      if (list[j]!.type === r.type && sameInfo(list[j]!, r)) throw new KernelError(EEXIST);
      last = j + 1;
    }
    if (!fl.create) throw new KernelError(ENOENT);
    t.insertAt(r, fl.append ? last : i);
    return;
  }
  if (!fl.create) throw new KernelError(ENOENT);
  t.insertAt(r, i);
}

/** fib_magic(): the routes the kernel itself keeps for each address. */
export function fibMagic(ns: Netns, add: boolean, type: number, dst: number, plen: number, dev: NetDevice,
  prefsrc: number, priority = 0): void {
  const tableId = type === RTN_UNICAST ? RT_TABLE_MAIN : RT_TABLE_LOCAL;
  const t = fibNewTable(ns, tableId);
  const scope = type === RTN_LOCAL ? RT_SCOPE_HOST : RT_SCOPE_LINK;
  const r: FibRoute = {
    table: tableId, dst: (dst & prefixMask(plen)) >>> 0, plen, tos: 0, type, protocol: RTPROT_KERNEL,
    scope, priority, prefsrc, metrics: new Map(), flags: 0,
    nhs: [{ gw: 0, dev, weight: 1, flags: 0, scope: type === RTN_LOCAL ? RT_SCOPE_NOWHERE : RT_SCOPE_HOST }],
  };
  if (add) {
    const list = t.aliases(r.dst, plen);
    if (list?.some((x) => x.type === type && sameInfo(x, r))) return;
    fibTableInsert(t, r, { create: true, excl: false, replace: false, append: true });
  } else {
    const list = t.aliases(r.dst, plen) ?? [];
    const hit = list.find((x) => x.type === type && x.protocol === RTPROT_KERNEL && x.prefsrc === prefsrc &&
      x.nhs[0]?.dev === dev && x.priority === priority);
    if (hit) t.remove(hit);
  }
}

/** fib_sync_down_dev(): nexthops through `dev` die (all of them when `force`, else all but
 *  host-scope ones such as local routes); routes left without a live nexthop are removed. */
export function fibSyncDownDev(dev: NetDevice, force: boolean): void {
  for (const t of fibOf(dev.netns).tables.values()) {
    t.flush((r) => {
      let dead = 0;
      for (const nh of r.nhs) {
        if (nh.dev === dev && (force || nh.scope !== RT_SCOPE_NOWHERE)) nh.flags |= RTNH_F_DEAD;
        if (nh.flags & RTNH_F_DEAD) dead++;
      }
      return dead === r.nhs.length;
    });
  }
}

/** fib_sync_up(): multipath nexthops through `dev` come back to life. */
export function fibSyncUp(dev: NetDevice): void {
  for (const t of fibOf(dev.netns).tables.values()) {
    for (const r of t.routes()) for (const nh of r.nhs) if (nh.dev === dev) nh.flags &= ~RTNH_F_DEAD;
  }
}

/** RTNH_F_LINKDOWN as dumps show it: a nexthop whose device has no carrier. */
export function nhLinkdown(nh: FibNh): boolean {
  return !!nh.dev && nh.scope !== RT_SCOPE_NOWHERE && !nh.dev.carrier;
}
