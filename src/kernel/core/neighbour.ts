// net/core/neighbour.c: the generic neighbour cache (struct neigh_table / struct neighbour)
// that ARP (kernel/ipv4/arp.ts) and IPv6 ND plug into. Each namespace has one table per
// family; an entry runs the NUD state machine (INCOMPLETE, REACHABLE, STALE, DELAY, PROBE,
// FAILED, plus the static NOARP and PERMANENT) on the world's clock with Linux's timers,
// queues packets while the address is being resolved, and answers the RTM_*NEIGH requests
// `ip neigh` sends (neighAdd / neighDelete / neighDump / neighGet).
import type { TraceEvent } from '../../trace/event.js';
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from './netdevice.js';
import type { SkBuff } from './skbuff.js';
import type { TimerHandle } from '../clock.js';
import { devQueueXmit } from './dev.js';
import { ETH_HLEN } from './eth.js';
import { ARPHRD_ETHER, ARPHRD_LOOPBACK } from './if.js';
import { EEXIST, EINVAL, ENOBUFS, ENODEV, ENOENT, EAFNOSUPPORT, EPERM, KernelError } from '../errno.js';
import { neighParam } from '../sysctl.js';

// <uapi/linux/neighbour.h>
export const NUD_NONE = 0x00, NUD_INCOMPLETE = 0x01, NUD_REACHABLE = 0x02, NUD_STALE = 0x04,
  NUD_DELAY = 0x08, NUD_PROBE = 0x10, NUD_FAILED = 0x20, NUD_NOARP = 0x40, NUD_PERMANENT = 0x80;
export const NUD_IN_TIMER = NUD_INCOMPLETE | NUD_REACHABLE | NUD_DELAY | NUD_PROBE;
export const NUD_VALID = NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY;
export const NUD_CONNECTED = NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE;

export const NTF_USE = 0x01, NTF_SELF = 0x02, NTF_MASTER = 0x04, NTF_PROXY = 0x08,
  NTF_EXT_LEARNED = 0x10, NTF_OFFLOADED = 0x20, NTF_STICKY = 0x40, NTF_ROUTER = 0x80;
/** ndm_flags2 / NDA_FLAGS_EXT */
export const NTF_EXT_MANAGED = 0x01;

// include/net/neighbour.h update flags
export const NEIGH_UPDATE_F_OVERRIDE = 0x1, NEIGH_UPDATE_F_WEAK_OVERRIDE = 0x2,
  NEIGH_UPDATE_F_OVERRIDE_ISROUTER = 0x4, NEIGH_UPDATE_F_USE = 0x10, NEIGH_UPDATE_F_MANAGED = 0x20,
  NEIGH_UPDATE_F_EXT_LEARNED = 0x20000000, NEIGH_UPDATE_F_ISROUTER = 0x40000000,
  NEIGH_UPDATE_F_ADMIN = 0x80000000;

/** The neigh.* parameters with Linux's defaults (milliseconds where the kernel keeps jiffies);
 *  the values in force come from the sysctl tree (neighParam()). */
export const NEIGH_DEFAULTS: Readonly<Record<string, number>> = {
  mcast_solicit: 3,
  ucast_solicit: 3,
  app_solicit: 0,
  mcast_resolicit: 0,
  retrans_time_ms: 1000,
  base_reachable_time_ms: 30000,
  delay_first_probe_time: 5000,
  gc_stale_time: 60000,
  unres_qlen_bytes: 212992,
  proxy_qlen: 64,
  anycast_delay: 1000,
  proxy_delay: 800,
  locktime: 1000,
  interval_probe_time_ms: 5000,
};

/** struct neigh_parms as the neighbour code uses it: the values live in the sysctl tree
 *  (net.ipv4.neigh.DEV.*, read with neighParam()); this keeps the randomised reachable time. */
export class NeighParms {
  /** Values a protocol pins for itself (they win over the sysctl tree). */
  readonly data: Record<string, number> = {};
  /** parms->reachable_time: random in [base/2, 3*base/2), refreshed every 300 s. */
  reachableTime = 0;
  private reachBase = -1;
  private readonly fam: 4 | 6;
  constructor(readonly tbl: NeighTable<unknown>, readonly dev: NetDevice | undefined) {
    this.fam = tbl.fam.family === 10 ? 6 : 4;
  }

  /** NEIGH_VAR(): times in milliseconds. */
  get(name: string): number {
    const v = this.data[name];
    if (v !== undefined) return v;
    try {
      return neighParam(this.dev, this.fam, name);
    } catch {
      return NEIGH_DEFAULTS[name] ?? 0;
    }
  }

  /** The randomised reachable time (neigh_rand_reach_time()), recomputed when the base
   *  changes (as the base_reachable_time sysctl handler does) or every 300 s. */
  reachable(now: number): number {
    const base = this.get('base_reachable_time_ms');
    if (base !== this.reachBase || now - this.tbl.lastRand > 300000) {
      if (now - this.tbl.lastRand > 300000) this.tbl.lastRand = now;
      this.reachBase = base;
      this.reachableTime = base ? (this.tbl.ns.kernel.random.u32() % base) + (base >> 1) : 0;
    }
    return this.reachableTime;
  }
}

/** Family-specific operations (struct neigh_ops + the table's constructor and key format). */
export interface NeighFamily<K> {
  family: number;
  /** tbl->key_len */
  keyLen: number;
  /** Name used in trace events ("arp_tbl", "nd_tbl"). */
  id: string;
  /** Bytes of a key, as NDA_DST carries it. */
  keyBytes(key: K): Uint8Array;
  keyFromBytes(b: Uint8Array): K;
  formatKey(key: K): string;
  /** tbl->constructor: may rewrite the key (ARP keys loopback entries by 0.0.0.0), sets the
   *  initial state/lladdr; returns 0 or a negative errno. */
  construct(n: Neighbour<K>): number;
  /** ops->solicit */
  solicit(n: Neighbour<K>, skb: SkBuff | undefined): void;
  /** ops->error_report: the queued packet could not be delivered. */
  errorReport(n: Neighbour<K>, skb: SkBuff): void;
  /** Is this device one the table can hold entries for (tbl->allow_add)? */
  allowAdd?(dev: NetDevice): string | undefined;
}

export type NeighTraceEvent = TraceEvent;

/** The world's trace hook, when the kernel has one (Kernel.trace): callers build the event
 *  only when it is set, `const tr = tracing(ns); if (tr) tr({...})`. */
export function tracing(ns: Netns): ((e: NeighTraceEvent) => void) | undefined {
  return ns.kernel.trace;
}

/** Records a trace event built lazily. */
export function netTrace(ns: Netns, ev: () => NeighTraceEvent): void {
  const t = tracing(ns);
  if (t) t(ev());
}

/** kfree_skb_reason(): a dropped packet, named by its SKB_DROP_REASON_*. */
export function kfreeSkbReason(ns: Netns, skb: SkBuff, reason: string, dev?: NetDevice): void {
  const t = ns.kernel.trace;
  if (t) t({ fn: 'kfree_skb', ns, dev: dev ?? skb.dev, skb, reason });
}

export class Neighbour<K> {
  /** primary_key */
  key: K;
  /** neigh->ha (dev->addr_len bytes) */
  ha: Uint8Array;
  nudState = NUD_NONE;
  flags = 0;
  flags2 = 0;
  protocol = 0;
  /** The route type of the key (RTN_*), for ARP. */
  type = 0;
  probes = 0;
  updated: number;
  used: number;
  confirmed = 0;
  dead = true;
  /** hh cache filled: connected entries then take the fast path (neigh_hh_output). */
  hhValid = false;
  arpQueue: SkBuff[] = [];
  arpQueueBytes = 0;
  timer: TimerHandle | undefined;
  /** When the pending timer fires (world ms), and whether it was armed for "now". */
  timerAt = 0;
  timerNow = false;
  parms: NeighParms;

  constructor(readonly tbl: NeighTable<K>, key: K, readonly dev: NetDevice) {
    const now = tbl.now();
    this.key = key;
    this.ha = new Uint8Array(devAddrLen(dev));
    this.updated = now;
    this.used = now;
    this.parms = tbl.parmsFor(dev);
  }

  /** refcount - 1 as dumps report it: the pending timer holds the only extra reference. */
  get refcnt(): number {
    return this.timer ? 1 : 0;
  }
}

/** A proxy entry (struct pneigh_entry). */
export interface PneighEntry<K> {
  key: K;
  dev: NetDevice | undefined;
  flags: number;
  protocol: number;
}

/** dev->addr_len */
export function devAddrLen(dev: NetDevice): number {
  return dev.addr.length;
}

/** The per-namespace instance of a neighbour table. */
export class NeighTable<K> {
  /** Entries by device, then key. */
  private byDev = new Map<NetDevice, Map<K, Neighbour<K>>>();
  /** Every live entry, in creation order (the order dumps list them). */
  readonly all = new Set<Neighbour<K>>();
  readonly proxies: PneighEntry<K>[] = [];
  readonly parms: NeighParms;
  private devParms = new WeakMap<NetDevice, NeighParms>();
  lastRand = 0;
  lastFlush = 0;
  private gcTimer: TimerHandle | undefined;
  /** Statistics (/proc/net/stat/arp_cache). */
  stats = { allocs: 0, destroys: 0, lookups: 0, hits: 0, resFailed: 0, unresDiscards: 0, forcedGcRuns: 0 };

  constructor(readonly ns: Netns, readonly fam: NeighFamily<K>) {
    this.parms = new NeighParms(this as NeighTable<unknown>, undefined);
    this.lastRand = this.now();
  }

  now(): number {
    return this.ns.kernel.clock.now();
  }

  parmsFor(dev: NetDevice | undefined): NeighParms {
    if (!dev) return this.parms;
    let p = this.devParms.get(dev);
    if (!p) {
      p = new NeighParms(this as NeighTable<unknown>, dev);
      this.devParms.set(dev, p);
    }
    return p;
  }

  get size(): number {
    return this.all.size;
  }

  /** neigh_lookup() */
  lookup(key: K, dev: NetDevice): Neighbour<K> | undefined {
    return this.byDev.get(dev)?.get(key);
  }

  /** Entries of one device (for per-device flushes). */
  ofDev(dev: NetDevice): Iterable<Neighbour<K>> {
    return this.byDev.get(dev)?.values() ?? [];
  }

  get gcThresh1(): number {
    return this.parms.get('gc_thresh1');
  }

  /** ___neigh_create(): a new entry (or the existing one its normalised key names). */
  create(key: K, dev: NetDevice, flags = 0): Neighbour<K> {
    const n2 = this.all.size;
    if (n2 >= 128) {
      const t2 = this.parms.get('gc_thresh2');
      const t3 = this.parms.get('gc_thresh3');
      if (n2 >= t3 || (n2 >= t2 && this.now() > this.lastFlush + 5000)) {
        if (!this.forcedGc() && this.all.size >= t3) throw new KernelError(ENOBUFS);
      }
    }
    const n = new Neighbour<K>(this, key, dev);
    n.flags = flags;
    this.stats.allocs++;
    const err = this.fam.construct(n);
    if (err) throw new KernelError(-err);
    n.confirmed = this.now() - n.parms.get('base_reachable_time_ms') * 2;
    let m = this.byDev.get(dev);
    if (!m) this.byDev.set(dev, (m = new Map()));
    const have = m.get(n.key);
    if (have) return have;
    m.set(n.key, n);
    this.all.add(n);
    n.dead = false;
    this.armGc();
    return n;
  }

  /** __neigh_lookup(): lookup, creating when asked. */
  lookupOrCreate(key: K, dev: NetDevice, creat: boolean): Neighbour<K> | undefined {
    const n = this.lookup(key, dev);
    if (n || !creat) return n;
    try {
      return this.create(key, dev);
    } catch {
      return undefined;
    }
  }

  /** Unlinks an entry (neigh_mark_dead + removal from the hash). */
  unlink(n: Neighbour<K>): void {
    if (n.dead) return;
    n.dead = true;
    const m = this.byDev.get(n.dev);
    if (m && m.get(n.key) === n) {
      m.delete(n.key);
      if (m.size === 0) this.byDev.delete(n.dev);
    }
    this.all.delete(n);
    this.stats.destroys++;
    neighDelTimer(n);
    { const tr = tracing(this.ns); if (tr) tr({ fn: 'neigh_cleanup_and_release', ns: this.ns, dev: n.dev, key: this.fam.formatKey(n.key) }); }
  }

  /** neigh_forced_gc(): drop unreferenced, non-permanent entries. */
  private forcedGc(): boolean {
    this.stats.forcedGcRuns++;
    let shrunk = false;
    for (const n of [...this.all]) {
      if (n.refcnt === 0 && !(n.nudState & NUD_PERMANENT) && !(n.flags & NTF_EXT_LEARNED)) {
        n.arpQueue = [];
        this.unlink(n);
        shrunk = true;
      }
    }
    this.lastFlush = this.now();
    return shrunk;
  }

  /** neigh_periodic_work runs every base_reachable_time/2; it only collects anything once the
   *  table holds gc_thresh1 entries, so it is armed only then. */
  private armGc(): void {
    if (this.gcTimer || this.all.size < this.gcThresh1) return;
    const period = this.parms.get('base_reachable_time_ms') / 2;
    this.gcTimer = this.ns.kernel.clock.setTimeout(period, () => {
      this.gcTimer = undefined;
      this.periodicWork();
    });
  }

  /** neigh_periodic_work() */
  private periodicWork(): void {
    const now = this.now();
    if (this.all.size >= this.gcThresh1) {
      for (const n of [...this.all]) {
        if (n.nudState & (NUD_PERMANENT | NUD_IN_TIMER) || n.flags & NTF_EXT_LEARNED) continue;
        if (n.used < n.confirmed && n.confirmed <= now) n.used = n.confirmed;
        if (n.refcnt === 0 && (n.nudState === NUD_FAILED || !(now >= n.used && now < n.used + n.parms.get('gc_stale_time')))) {
          this.unlink(n);
        }
      }
    }
    this.armGc();
  }

  /** pneigh_lookup() */
  pneighLookup(key: K, dev: NetDevice | undefined): PneighEntry<K> | undefined {
    return this.proxies.find((p) => keyEq(p.key, key) && (p.dev === dev || !p.dev));
  }
}

function keyEq<K>(a: K, b: K): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  return a === b;
}

// ---------------------------------------------------------------------------------------
// Families and per-namespace tables

// `var`, created on first use: families register from their modules' top level, which may
// run before this module's body in an import cycle.
// eslint-disable-next-line no-var
var familyMap: Map<number, NeighFamily<unknown>> | undefined;
function families(): Map<number, NeighFamily<unknown>> {
  return (familyMap ??= new Map());
}

/** neigh_table_init(): a family registers its table type once. */
export function neighTableRegister<K>(fam: NeighFamily<K>): void {
  families().set(fam.family, fam as NeighFamily<unknown>);
}

// eslint-disable-next-line no-var
var slotNames: string[] | undefined;

/** The namespace's table for `family` (created on first use). */
export function neighTable<K>(ns: Netns, family: number): NeighTable<K> | undefined {
  const slots = (slotNames ??= []);
  const slot = slots[family] ?? (slots[family] = `neigh${family}`);
  const t = ns.proto[slot] as NeighTable<K> | undefined;
  if (t) return t;
  const fam = families().get(family) as NeighFamily<K> | undefined;
  if (!fam) return undefined;
  const nt = new NeighTable<K>(ns, fam);
  ns.proto[slot] = nt;
  return nt;
}

/** The parameters record for net.<family>.neigh.<dev|default>.* (what the sysctl tree shows). */
export function neighParms(ns: Netns, family: number, dev: NetDevice | undefined): NeighParms | undefined {
  return neighTable(ns, family)?.parmsFor(dev);
}

// ---------------------------------------------------------------------------------------
// Timers and the state machine

/** Kernel timers (timer_list) run on the timer wheel: with HZ=250 (Debian's config) a timer
 *  fires on the first bucket boundary after its expiry, at a granularity that grows with the
 *  delay (1, 8, 64, 512 ... jiffies). Returns the world time (ms) a timer armed at `now` for
 *  `when` really fires. */
export const HZ = 250;
export function timerWheelExpiry(now: number, when: number): number {
  const ms = 1000 / HZ;
  const nowJ = Math.floor(now / ms);
  const expJ = nowJ + Math.max(0, Math.ceil((when - now) / ms - 1e-9));
  const delta = expJ - nowJ;
  let shift = 0;
  for (let lvl = 1; lvl < 9; lvl++) {
    if (delta < 63 << ((lvl - 1) * 3)) break;
    shift = lvl * 3;
  }
  return (((Math.floor(expJ / 2 ** shift) + 1) * 2 ** shift) * ms);
}

/** neigh_add_timer(): also keeps used/confirmed sane (used is never before confirmed). */
function neighAddTimer<K>(n: Neighbour<K>, when: number): void {
  if (n.used < n.confirmed) n.used = n.confirmed;
  neighModTimer(n, when);
}

/** mod_timer() on the entry's timer. */
function neighModTimer<K>(n: Neighbour<K>, when: number): void {
  neighDelTimer(n);
  const clock = n.tbl.ns.kernel.clock;
  const now = clock.now();
  n.timerNow = when <= now;
  const at = timerWheelExpiry(now, when);
  n.timerAt = at;
  n.timer = clock.setTimeout(Math.max(0, at - now), () => {
    n.timer = undefined;
    neighTimerHandler(n);
  });
}

/** neigh_del_timer() */
function neighDelTimer<K>(n: Neighbour<K>): void {
  if (n.timer) {
    n.timer.cancel();
    n.timer = undefined;
  }
}

function setState<K>(n: Neighbour<K>, state: number): void {
  const old = n.nudState;
  n.nudState = state;
  if (old !== state) {
    { const tr = tracing(n.tbl.ns); if (tr) tr({
      fn: 'neigh_update', ns: n.tbl.ns, dev: n.dev, key: n.tbl.fam.formatKey(n.key),
      old: nudName(old), new: nudName(state),
    }); }
  }
}

/** neigh_max_probes() */
function neighMaxProbes<K>(n: Neighbour<K>): number {
  const p = n.parms;
  return p.get('ucast_solicit') + p.get('app_solicit') +
    (n.nudState & NUD_PROBE ? p.get('mcast_resolicit') : p.get('mcast_solicit'));
}

/** neigh_probe() */
function neighProbe<K>(n: Neighbour<K>): void {
  const skb = n.arpQueue[n.arpQueue.length - 1];
  n.tbl.fam.solicit(n, skb);
  n.probes++;
}

/** neigh_invalidate(): resolution failed; every queued packet is reported back. */
function neighInvalidate<K>(n: Neighbour<K>): void {
  n.tbl.stats.resFailed++;
  if (n.nudState & NUD_FAILED) {
    while (n.nudState === NUD_FAILED && n.arpQueue.length) {
      const skb = n.arpQueue.shift()!;
      n.arpQueueBytes -= truesize(skb);
      n.tbl.fam.errorReport(n, skb);
    }
  }
  for (const skb of n.arpQueue) kfreeSkbReason(n.tbl.ns, skb, 'NEIGH_FAILED', n.dev);
  n.arpQueue = [];
  n.arpQueueBytes = 0;
}

/** neigh_timer_handler() */
function neighTimerHandler<K>(n: Neighbour<K>): void {
  if (n.dead) return;
  const state = n.nudState;
  const now = n.tbl.now();
  let next = now + 1000;
  if (!(state & NUD_IN_TIMER)) return;
  const p = n.parms;
  if (state & NUD_REACHABLE) {
    const reach = p.reachable(now);
    if (now <= n.confirmed + reach) {
      next = n.confirmed + reach;
    } else if (now <= n.used + p.get('delay_first_probe_time')) {
      setState(n, NUD_DELAY);
      n.updated = now;
      next = now + p.get('delay_first_probe_time');
    } else {
      setState(n, NUD_STALE);
      n.updated = now;
    }
  } else if (state & NUD_DELAY) {
    if (now <= n.confirmed + p.get('delay_first_probe_time')) {
      setState(n, NUD_REACHABLE);
      n.updated = now;
      next = n.confirmed + p.reachable(now);
    } else {
      setState(n, NUD_PROBE);
      n.updated = now;
      n.probes = 0;
      next = now + Math.max(p.get('retrans_time_ms'), 10);
    }
  } else {
    // NUD_PROBE | NUD_INCOMPLETE
    next = now + Math.max(p.get('retrans_time_ms'), 10);
  }
  if (n.nudState & (NUD_INCOMPLETE | NUD_PROBE) && n.probes >= neighMaxProbes(n)) {
    setState(n, NUD_FAILED);
    n.updated = now;
    neighInvalidate(n);
    return;
  }
  if (n.nudState & NUD_IN_TIMER) {
    if (next < now + 10) next = now + 10;
    neighModTimer(n, next);
  }
  if (n.nudState & (NUD_INCOMPLETE | NUD_PROBE)) neighProbe(n);
}

/** An approximation of skb->truesize for the unresolved queue's byte limit. */
function truesize(skb: SkBuff): number {
  let s = skb.len + 64 + 320;
  let p = 64;
  while (p < s) p <<= 1;
  return p + 256;
}

/** __neigh_event_send(): returns true when the packet was queued (or dropped) rather than
 *  being sendable now. */
function neighEventSendSlow<K>(n: Neighbour<K>, skb: SkBuff | undefined, immediateOk: boolean): boolean {
  const now = n.tbl.now();
  if (n.nudState & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE)) return false;
  if (n.dead) {
    if (n.nudState & NUD_STALE) return false;
    if (skb) kfreeSkbReason(n.tbl.ns, skb, 'NEIGH_DEAD', n.dev);
    return true;
  }
  let immediateProbe = false;
  const p = n.parms;
  if (!(n.nudState & (NUD_STALE | NUD_INCOMPLETE))) {
    if (p.get('mcast_solicit') + p.get('app_solicit')) {
      n.probes = p.get('ucast_solicit');
      neighDelTimer(n);
      setState(n, NUD_INCOMPLETE);
      n.updated = now;
      let next: number;
      if (!immediateOk) {
        next = now + 1;
      } else {
        immediateProbe = true;
        next = now + Math.max(p.get('retrans_time_ms'), 10);
      }
      neighAddTimer(n, next);
    } else {
      setState(n, NUD_FAILED);
      n.updated = now;
      if (skb) kfreeSkbReason(n.tbl.ns, skb, 'NEIGH_FAILED', n.dev);
      return true;
    }
  } else if (n.nudState & NUD_STALE) {
    neighDelTimer(n);
    setState(n, NUD_DELAY);
    n.updated = now;
    neighAddTimer(n, now + p.get('delay_first_probe_time'));
  }
  let rc = false;
  if (n.nudState === NUD_INCOMPLETE) {
    if (skb) {
      const ts = truesize(skb);
      const limit = p.get('unres_qlen_bytes');
      while (n.arpQueueBytes + ts > limit && n.arpQueue.length) {
        const old = n.arpQueue.shift()!;
        n.arpQueueBytes -= truesize(old);
        kfreeSkbReason(n.tbl.ns, old, 'NEIGH_QUEUEFULL', n.dev);
        n.tbl.stats.unresDiscards++;
      }
      n.arpQueue.push(skb);
      n.arpQueueBytes += ts;
    }
    rc = true;
  }
  if (immediateProbe) neighProbe(n);
  return rc;
}

/** neigh_event_send(): marks the entry used; starts resolution when it is not usable. */
export function neighEventSend<K>(n: Neighbour<K>, skb: SkBuff | undefined, immediateOk = true): boolean {
  n.used = n.tbl.now();
  if (!(n.nudState & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE))) return neighEventSendSlow(n, skb, immediateOk);
  return false;
}

/** Prepends the link header from the entry's address (dev_hard_header()). Devices without a
 *  link header (header_ops == NULL) get the packet as it is. */
function hardHeader<K>(n: Neighbour<K>, skb: SkBuff): void {
  const dev = n.dev;
  if (dev.type !== ARPHRD_ETHER && dev.type !== ARPHRD_LOOPBACK) return;
  skb.pushRoom(ETH_HLEN);
  const h = skb.buf;
  const o = skb.off;
  const ha = n.ha, src = dev.addr;
  if (ha.length === 6 && src.length === 6) {
    for (let i = 0; i < 6; i++) {
      h[o + i] = ha[i]!;
      h[o + 6 + i] = src[i]!;
    }
  } else {
    h.set(ha, o);
    h.set(src, o + 6);
  }
  h[o + 12] = skb.protocol >> 8;
  h[o + 13] = skb.protocol & 0xff;
  skb.macOffset = o;
}

/** neigh_output() -> neigh_hh_output() or neigh_resolve_output(). skb.data is at the network
 *  header and skb.protocol is set. */
export function neighOutput<K>(n: Neighbour<K>, skb: SkBuff): void {
  skb.dev = n.dev;
  if (n.nudState & NUD_CONNECTED && n.hhValid) {
    hardHeader(n, skb);
    devQueueXmit(skb);
    return;
  }
  neighResolveOutput(n, skb);
}

/** neigh_resolve_output() */
export function neighResolveOutput<K>(n: Neighbour<K>, skb: SkBuff): void {
  if (neighEventSend(n, skb)) return;
  if (!n.hhValid) n.hhValid = true;
  hardHeader(n, skb);
  devQueueXmit(skb);
}

/** __neigh_update(): the one place an entry's state and address change. Returns 0 or a
 *  negative errno; `extack` receives the netlink error text. */
export function neighUpdate<K>(n: Neighbour<K>, lladdr: Uint8Array | undefined, newState: number, flags: number,
  extack?: { msg?: string }): number {
  const dev = n.dev;
  const old = n.nudState;
  const now = n.tbl.now();
  if (n.dead) {
    if (extack) extack.msg = 'Neighbor entry is now dead';
    return -EPERM;
  }
  if (!(flags & NEIGH_UPDATE_F_ADMIN) && old & (NUD_NOARP | NUD_PERMANENT)) return -EPERM;

  // neigh_update_flags()
  if (flags & NEIGH_UPDATE_F_EXT_LEARNED) n.flags |= NTF_EXT_LEARNED;
  if (flags & NEIGH_UPDATE_F_MANAGED) n.flags2 |= NTF_EXT_MANAGED;
  if (flags & (NEIGH_UPDATE_F_USE | NEIGH_UPDATE_F_MANAGED)) {
    setState(n, old & ~NUD_PERMANENT);
    return 0;
  }

  if (!(newState & NUD_VALID)) {
    neighDelTimer(n);
    setState(n, newState);
    if (old & (NUD_INCOMPLETE | NUD_PROBE) && newState & NUD_FAILED) neighInvalidate(n);
    return 0;
  }

  const addrLen = devAddrLen(dev);
  let useHa: Uint8Array;
  let changed = false;
  if (!addrLen) {
    useHa = n.ha;
  } else if (lladdr) {
    const same = old & NUD_VALID && bytesEq(lladdr, n.ha, addrLen);
    useHa = same ? n.ha : lladdr;
    changed = !same;
  } else {
    if (!(old & NUD_VALID)) {
      if (extack) extack.msg = 'No link layer address given';
      return -EINVAL;
    }
    useHa = n.ha;
  }
  if (newState & NUD_CONNECTED) n.confirmed = now;

  let updateIsRouter = flags & NEIGH_UPDATE_F_OVERRIDE_ISROUTER;
  if (old & NUD_VALID) {
    if (changed && !(flags & NEIGH_UPDATE_F_OVERRIDE)) {
      updateIsRouter = 0;
      if (flags & NEIGH_UPDATE_F_WEAK_OVERRIDE && old & NUD_CONNECTED) {
        useHa = n.ha;
        changed = false;
        newState = NUD_STALE;
      } else {
        return 0;
      }
    } else if (!changed && newState === NUD_STALE && !(flags & NEIGH_UPDATE_F_ADMIN)) {
      newState = old;
    }
  }
  if (newState !== old || changed) n.updated = now;
  if (newState !== old) {
    neighDelTimer(n);
    if (newState & NUD_PROBE) n.probes = 0;
    if (newState & NUD_IN_TIMER) {
      neighAddTimer(n, now + (newState & NUD_REACHABLE ? n.parms.reachable(now) : 0));
    }
    setState(n, newState);
  }
  if (changed) {
    n.ha = new Uint8Array(addrLen);
    n.ha.set(useHa.subarray(0, addrLen));
    if (!(newState & NUD_CONNECTED)) n.confirmed = now - n.parms.get('base_reachable_time_ms') * 2;
  }
  if (updateIsRouter) {
    if (flags & NEIGH_UPDATE_F_ISROUTER) n.flags |= NTF_ROUTER;
    else n.flags &= ~NTF_ROUTER;
  }
  if (newState === old) return 0;
  if (!(old & NUD_VALID)) {
    // Send what waited for the address.
    while (n.nudState & NUD_VALID && n.arpQueue.length) {
      const skb = n.arpQueue.shift()!;
      n.arpQueueBytes -= truesize(skb);
      neighOutput(n, skb);
    }
    n.arpQueue = [];
    n.arpQueueBytes = 0;
  }
  return 0;
}

function bytesEq(a: Uint8Array, b: Uint8Array, len: number): boolean {
  for (let i = 0; i < len; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** neigh_event_ns(): a solicitation from `key` tells us its address (entry goes STALE). */
export function neighEventNs<K>(tbl: NeighTable<K>, lladdr: Uint8Array, key: K, dev: NetDevice): Neighbour<K> | undefined {
  const n = tbl.lookupOrCreate(key, dev, lladdr.length > 0 || !devAddrLen(dev));
  if (n) neighUpdate(n, lladdr, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE);
  return n;
}

/** neigh_flush_dev(): removes a device's entries (all, or all but permanent ones). */
export function neighFlushDev<K>(tbl: NeighTable<K>, dev: NetDevice | undefined, skipPerm: boolean): void {
  for (const n of [...tbl.all]) {
    if (dev && n.dev !== dev) continue;
    if (skipPerm && n.nudState & NUD_PERMANENT) continue;
    neighDelTimer(n);
    for (const skb of n.arpQueue) kfreeSkbReason(tbl.ns, skb, 'NEIGH_DEAD', n.dev);
    n.arpQueue = [];
    n.arpQueueBytes = 0;
    if (n.nudState & NUD_VALID) n.nudState = NUD_NOARP;
    else n.nudState = NUD_NONE;
    tbl.unlink(n);
  }
}

/** neigh_changeaddr() */
export function neighChangeaddr<K>(tbl: NeighTable<K>, dev: NetDevice): void {
  neighFlushDev(tbl, dev, false);
}

/** neigh_carrier_down(): keeps permanent entries. */
export function neighCarrierDown<K>(tbl: NeighTable<K>, dev: NetDevice): void {
  neighFlushDev(tbl, dev, true);
  pneighIfdown(tbl, dev);
}

/** neigh_ifdown() */
export function neighIfdown<K>(tbl: NeighTable<K>, dev: NetDevice): void {
  neighFlushDev(tbl, dev, false);
  pneighIfdown(tbl, dev);
}

function pneighIfdown<K>(tbl: NeighTable<K>, dev: NetDevice): void {
  for (let i = tbl.proxies.length - 1; i >= 0; i--) if (tbl.proxies[i]!.dev === dev) tbl.proxies.splice(i, 1);
}

// ---------------------------------------------------------------------------------------
// The RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH requests

export interface NeighRequest {
  family: number;
  /** NDA_DST bytes (4 or 16). */
  dst: Uint8Array;
  /** ndm_ifindex: 0 when no device was given. */
  ifindex: number;
  /** ndm_state */
  state: number;
  /** ndm_flags (NTF_*) */
  flags: number;
  /** NDA_FLAGS_EXT */
  flagsExt?: number;
  lladdr?: Uint8Array;
  protocol?: number;
}

/** What a dump or get returns per entry (struct ndmsg + NDA_* attributes). */
export interface NeighInfo {
  family: number;
  ifindex: number;
  state: number;
  flags: number;
  flags2: number;
  dst: Uint8Array;
  lladdr?: Uint8Array;
  /** NDA_CACHEINFO in USER_HZ (100) ticks. */
  cacheinfo?: { used: number; confirmed: number; updated: number; refcnt: number };
  probes?: number;
  protocol: number;
}

export interface NlFlags {
  create?: boolean;
  excl?: boolean;
  replace?: boolean;
}

function findTable(ns: Netns, family: number): NeighTable<unknown> {
  const t = neighTable<unknown>(ns, family);
  if (!t) throw new KernelError(EAFNOSUPPORT);
  return t;
}

/** neigh_add() */
export function neighAdd(ns: Netns, req: NeighRequest, nl: NlFlags): void {
  let flags = NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_OVERRIDE_ISROUTER;
  let dev: NetDevice | undefined;
  if (req.ifindex) {
    dev = ns.devByIndex(req.ifindex);
    if (!dev) throw new KernelError(ENODEV);
    if (req.lladdr && req.lladdr.length < devAddrLen(dev)) throw new KernelError(EINVAL, 'Invalid link address');
  }
  const tbl = findTable(ns, req.family);
  if (req.dst.length < tbl.fam.keyLen) throw new KernelError(EINVAL, 'Invalid network address');
  const key = tbl.fam.keyFromBytes(req.dst);
  const ndmFlags = req.flags;
  const managed = (req.flagsExt ?? 0) & NTF_EXT_MANAGED;
  if (ndmFlags & NTF_PROXY) {
    if (managed) throw new KernelError(EINVAL, 'Invalid NTF_* flag combination');
    let pn = tbl.pneighLookup(key, dev);
    if (!pn || pn.dev !== dev) {
      pn = { key, dev, flags: 0, protocol: 0 };
      tbl.proxies.push(pn);
    }
    pn.flags = ndmFlags;
    if (req.protocol) pn.protocol = req.protocol;
    return;
  }
  if (!dev) throw new KernelError(EINVAL, 'Device not specified');
  const bad = tbl.fam.allowAdd?.(dev);
  if (bad) throw new KernelError(EINVAL, bad);
  let n = tbl.lookup(key, dev);
  if (!n) {
    if (!nl.create) throw new KernelError(ENOENT);
    n = tbl.create(key, dev, ndmFlags & NTF_EXT_LEARNED);
  } else {
    if (nl.excl) throw new KernelError(EEXIST);
    if (!nl.replace) flags &= ~(NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_OVERRIDE_ISROUTER);
  }
  if (req.protocol) n.protocol = req.protocol;
  if (ndmFlags & NTF_EXT_LEARNED) flags |= NEIGH_UPDATE_F_EXT_LEARNED;
  if (ndmFlags & NTF_ROUTER) flags |= NEIGH_UPDATE_F_ISROUTER;
  if (managed) flags |= NEIGH_UPDATE_F_MANAGED;
  if (ndmFlags & NTF_USE) flags |= NEIGH_UPDATE_F_USE;
  const ext: { msg?: string } = {};
  const err = neighUpdate(n, req.lladdr, req.state, flags, ext);
  if (err) throw new KernelError(-err, ext.msg);
  if (ndmFlags & NTF_USE || managed) neighEventSend(n, undefined);
  runDueTimer(n);
}

/** A timer armed for "now" (DELAY/PROBE set by hand) fires on the next tick, before
 *  userspace can look again; virtual time has no next tick between commands, so it runs
 *  when the request completes. */
function runDueTimer<K>(n: Neighbour<K>): void {
  if (n.timer && n.timerNow) {
    neighDelTimer(n);
    neighTimerHandler(n);
  }
}

/** neigh_delete() */
export function neighDelete(ns: Netns, req: NeighRequest): void {
  let dev: NetDevice | undefined;
  if (req.ifindex) {
    dev = ns.devByIndex(req.ifindex);
    if (!dev) throw new KernelError(ENODEV);
  }
  const tbl = findTable(ns, req.family);
  const key = tbl.fam.keyFromBytes(req.dst);
  if (req.flags & NTF_PROXY) {
    const i = tbl.proxies.findIndex((p) => keyEq(p.key, key) && p.dev === dev);
    if (i < 0) throw new KernelError(ENOENT);
    tbl.proxies.splice(i, 1);
    return;
  }
  if (!dev) throw new KernelError(EINVAL);
  const n = tbl.lookup(key, dev);
  if (!n) throw new KernelError(ENOENT);
  neighUpdate(n, undefined, NUD_FAILED, NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN);
  tbl.unlink(n);
}

function infoOf<K>(tbl: NeighTable<K>, n: Neighbour<K>, now: number): NeighInfo {
  const ticks = (ms: number) => Math.max(0, Math.floor((now - ms) / 10));
  return {
    family: tbl.fam.family,
    ifindex: n.dev.ifindex,
    state: n.nudState,
    flags: n.flags,
    flags2: n.flags2,
    dst: tbl.fam.keyBytes(n.key),
    lladdr: n.nudState & NUD_VALID ? n.ha.slice() : undefined,
    cacheinfo: { used: ticks(n.used), confirmed: ticks(n.confirmed), updated: ticks(n.updated), refcnt: n.refcnt },
    probes: n.probes,
    protocol: n.protocol,
  };
}

function pinfoOf<K>(tbl: NeighTable<K>, p: PneighEntry<K>): NeighInfo {
  return {
    family: tbl.fam.family, ifindex: p.dev ? p.dev.ifindex : 0, state: NUD_NONE, flags: p.flags | NTF_PROXY, flags2: 0,
    dst: tbl.fam.keyBytes(p.key), protocol: p.protocol,
  };
}

export interface NeighDumpFilter {
  ifindex?: number;
  /** NDA_MASTER: only entries of devices enslaved to this one. */
  master?: number;
  /** ndm_flags NTF_PROXY: dump the proxy table instead. */
  proxy?: boolean;
}

/** neigh_dump_info(): every table of `family` (0: all families), in table order. */
export function neighDump(ns: Netns, family: number, filter: NeighDumpFilter = {}): NeighInfo[] {
  const out: NeighInfo[] = [];
  const fams = family ? [family] : [...families().keys()].sort((a, b) => a - b);
  for (const f of fams) {
    const tbl = neighTable<unknown>(ns, f);
    if (!tbl) continue;
    if (filter.proxy) {
      for (const p of tbl.proxies) {
        if (filter.ifindex && (!p.dev || p.dev.ifindex !== filter.ifindex)) continue;
        out.push(pinfoOf(tbl, p));
      }
      continue;
    }
    const now = tbl.now();
    for (const n of tbl.all) {
      if (filter.ifindex && n.dev.ifindex !== filter.ifindex) continue;
      if (filter.master && n.dev.master?.ifindex !== filter.master) continue;
      out.push(infoOf(tbl, n, now));
    }
  }
  return out;
}

/** neigh_get() */
export function neighGet(ns: Netns, family: number, dst: Uint8Array, ifindex: number, proxy: boolean): NeighInfo {
  const tbl = findTable(ns, family);
  let dev: NetDevice | undefined;
  if (ifindex) {
    dev = ns.devByIndex(ifindex);
    if (!dev) throw new KernelError(ENODEV, 'Unknown device ifindex');
  }
  const key = tbl.fam.keyFromBytes(dst);
  if (proxy) {
    const p = tbl.proxies.find((e) => keyEq(e.key, key) && e.dev === dev);
    if (!p) throw new KernelError(ENOENT, 'Proxy neighbour entry not found');
    return pinfoOf(tbl, p);
  }
  if (!dev) throw new KernelError(EINVAL, 'No device specified');
  const n = tbl.lookup(key, dev);
  if (!n) throw new KernelError(ENOENT, 'Neighbour entry not found');
  return infoOf(tbl, n, tbl.now());
}

export function nudName(state: number): string {
  switch (state) {
    case NUD_NONE: return 'NONE';
    case NUD_INCOMPLETE: return 'INCOMPLETE';
    case NUD_REACHABLE: return 'REACHABLE';
    case NUD_STALE: return 'STALE';
    case NUD_DELAY: return 'DELAY';
    case NUD_PROBE: return 'PROBE';
    case NUD_FAILED: return 'FAILED';
    case NUD_NOARP: return 'NOARP';
    case NUD_PERMANENT: return 'PERMANENT';
    default: return `0x${state.toString(16)}`;
  }
}
