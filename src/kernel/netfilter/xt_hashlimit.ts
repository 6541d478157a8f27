// net/netfilter/xt_hashlimit.c (revisions 1-3, IPv4): a token bucket per hash key (masked
// source/destination address, ports) in per-namespace named tables, each shown as
// /proc/net/ipt_hashlimit/NAME. The credit arithmetic is the kernel's 64-bit one (BigInt);
// HZ is 1000 (the clock's jiffies).
import type { Netns } from '../net_namespace.js';
import { xtRegisterMatch, xtTables, u16 } from './x_tables.js';
import { registerProcNetDir } from '../fs/proc_net.js';
import { formatIPv4 } from '../../wire/inet.js';

export const XT_HASHLIMIT_HASH_DIP = 1, XT_HASHLIMIT_HASH_DPT = 2, XT_HASHLIMIT_HASH_SIP = 4,
  XT_HASHLIMIT_HASH_SPT = 8, XT_HASHLIMIT_INVERT = 16, XT_HASHLIMIT_BYTES = 32, XT_HASHLIMIT_RATE_MATCH = 64;
const XT_HASHLIMIT_ALL = 127;
export const XT_HASHLIMIT_SCALE = 10000n, XT_HASHLIMIT_SCALE_v2 = 1000000n;
export const XT_HASHLIMIT_BYTE_SHIFT = 4n;
const U32_MAX = 0xffffffffn;
const U64 = (1n << 64n) - 1n;
const HZ = 1000n;

/** POW2_BELOW32/64(): the largest power of two not above x. */
function pow2Below(x: bigint): bigint {
  let p = 1n;
  while (p * 2n <= x) p *= 2n;
  return p;
}
const CREDITS_PER_JIFFY = pow2Below(U64 / (HZ * 86400n));
const CREDITS_PER_JIFFY_v1 = pow2Below(U32_MAX / (HZ * 86400n));
const CREDITS_PER_JIFFY_BYTES = pow2Below(U32_MAX / HZ);

/** struct hashlimit_cfg3 (revisions 1 and 2 use the same fields without `interval`). */
export interface HashlimitCfg {
  mode: number;
  /** Seconds per packet times XT_HASHLIMIT_SCALE(_v2), or a byte cost (XT_HASHLIMIT_BYTES). */
  avg: bigint;
  burst: bigint;
  size: number;
  max: number;
  gcInterval: number;
  expire: number;
  srcmask: number;
  dstmask: number;
  interval: number;
}

/** struct xt_hashlimit_mtinfo1/2/3 */
export interface HashlimitInfo {
  revision: number;
  name: string;
  cfg: HashlimitCfg;
}

/** struct dsthash_ent: the key and its rate state (the credit fields, or in rate-match mode
 *  the window fields that share their storage). */
interface DsthashEnt {
  src: number; dst: number; sport: number; dport: number;
  expires: number;
  prev: number;
  credit: bigint; creditCap: bigint; cost: bigint;
  interval: bigint; prevWindow: bigint; currentRate: bigint; rate: bigint; burst: bigint;
}

/** struct xt_hashlimit_htable */
interface Htable {
  name: string;
  cfg: HashlimitCfg;
  revision: number;
  ents: Map<string, DsthashEnt>;
  gcAt: number;
}

function htables(ns: Netns): Map<string, Htable> {
  let m = ns.proto['xt_hashlimit'] as Map<string, Htable> | undefined;
  if (!m) ns.proto['xt_hashlimit'] = m = new Map();
  return m;
}

/** user2credits() */
function user2credits(user: bigint, revision: number): bigint {
  const scale = revision === 1 ? XT_HASHLIMIT_SCALE : XT_HASHLIMIT_SCALE_v2;
  const cpj = revision === 1 ? CREDITS_PER_JIFFY_v1 : CREDITS_PER_JIFFY;
  if (scale >= HZ * cpj) return user / (scale / (HZ * cpj));
  return (user * ((HZ * cpj) / scale)) & U64;
}
/** user2credits_byte() */
const user2creditsByte = (user: bigint): bigint => ((user * HZ * CREDITS_PER_JIFFY_BYTES) >> 32n) & U32_MAX;
/** user2rate() */
const user2rate = (user: bigint): bigint => (user ? XT_HASHLIMIT_SCALE_v2 / user : 0n);
/** user2rate_bytes() */
const user2rateBytes = (user: bigint): bigint => ((user ? U32_MAX / user : U32_MAX) - 1n) << XT_HASHLIMIT_BYTE_SHIFT;

/** rateinfo_init() */
function rateinfoInit(dh: DsthashEnt, ht: Htable, now: number): void {
  const c = ht.cfg;
  dh.prev = now;
  if (ht.revision >= 3 && c.mode & XT_HASHLIMIT_RATE_MATCH) {
    dh.prevWindow = 0n;
    dh.currentRate = 0n;
    if (c.mode & XT_HASHLIMIT_BYTES) {
      dh.rate = user2rateBytes(c.avg & U32_MAX);
      dh.burst = c.burst ? c.burst * dh.rate : dh.rate;
    } else {
      dh.rate = user2rate(c.avg);
      dh.burst = c.burst + dh.rate;
    }
    dh.interval = BigInt(c.interval);
  } else if (c.mode & XT_HASHLIMIT_BYTES) {
    dh.credit = CREDITS_PER_JIFFY_BYTES * HZ;
    dh.cost = user2creditsByte(c.avg);
    dh.creditCap = c.burst;
  } else {
    dh.credit = user2credits((c.avg * c.burst) & U64, ht.revision);
    dh.cost = user2credits(c.avg, ht.revision);
    dh.creditCap = dh.credit;
  }
}

/** rateinfo_recalc() */
function rateinfoRecalc(dh: DsthashEnt, now: number, mode: number, revision: number): void {
  const delta = BigInt(now - dh.prev);
  if (delta === 0n) return;
  if (revision >= 3 && mode & XT_HASHLIMIT_RATE_MATCH) {
    const interval = dh.interval * HZ;
    if (delta < interval) return;
    dh.prev = now;
    dh.prevWindow = dh.currentRate * interval > delta * dh.rate ? 1n : 0n;
    dh.currentRate = 0n;
    return;
  }
  dh.prev = now;
  let cap: bigint;
  if (mode & XT_HASHLIMIT_BYTES) {
    dh.credit += CREDITS_PER_JIFFY_BYTES * delta;
    cap = CREDITS_PER_JIFFY_BYTES * HZ;
  } else {
    dh.credit += delta * (revision === 1 ? CREDITS_PER_JIFFY_v1 : CREDITS_PER_JIFFY);
    cap = dh.creditCap;
  }
  if (dh.credit > cap) dh.credit = cap;
}

/** hashlimit_byte_cost() */
function byteCost(len: number, dh: DsthashEnt): bigint {
  let tmp = (BigInt(len) >> XT_HASHLIMIT_BYTE_SHIFT) + 1n;
  tmp *= dh.cost;
  if (tmp > CREDITS_PER_JIFFY_BYTES * HZ) tmp = CREDITS_PER_JIFFY_BYTES * HZ;
  if (dh.credit < tmp && dh.creditCap) {
    dh.creditCap--;
    dh.credit = CREDITS_PER_JIFFY_BYTES * HZ;
  }
  return tmp & U32_MAX;
}

const maskl = (a: number, l: number): number => (l ? (a & (0xffffffff << (32 - l))) >>> 0 : 0);

/** proto_ports_offset(): where the ports are for protocols that have them. */
const HAS_PORTS = new Set([6, 17, 132, 33, 136]);

/** htable_create(): the table of `name`, created (with this rule's configuration) on first
 *  use; the size and max the kernel derives when they are 0. */
function htableFindGet(ns: Netns, info: HashlimitInfo): Htable {
  const all = htables(ns);
  let ht = all.get(info.name);
  if (!ht) {
    const cfg = { ...info.cfg };
    // 24 GiB of RAM: more than 1 GiB, so 8192 buckets.
    if (!cfg.size) cfg.size = 8192;
    if (cfg.max === 0) cfg.max = 8 * cfg.size;
    else if (cfg.max < cfg.size) cfg.max = cfg.size;
    ht = { name: info.name, cfg, revision: info.revision, ents: new Map(), gcAt: ns.kernel.clock.now() + cfg.gcInterval };
    all.set(info.name, ht);
  }
  return ht;
}

/** htable_gc(): entries whose time is up go, every gc_interval. */
function htableGc(ns: Netns, ht: Htable): void {
  const now = ns.kernel.clock.now();
  if (now < ht.gcAt) return;
  for (const [k, e] of ht.ents) if (now >= e.expires) ht.ents.delete(k);
  ht.gcAt = now + ht.cfg.gcInterval - ((now - ht.gcAt) % ht.cfg.gcInterval);
}

xtRegisterMatch<HashlimitInfo>({
  name: 'hashlimit',
  // hashlimit_mt_common()
  match(p, info) {
    const ns = p.ns;
    const ht = htableFindGet(ns, info);
    htableGc(ns, ht);
    const hc = ht.cfg;
    // hashlimit_init_dst()
    let src = 0, dst = 0, sport = 0, dport = 0;
    if (hc.mode & XT_HASHLIMIT_HASH_DIP) dst = maskl(p.daddr, hc.dstmask);
    if (hc.mode & XT_HASHLIMIT_HASH_SIP) src = maskl(p.saddr, hc.srcmask);
    if (hc.mode & (XT_HASHLIMIT_HASH_DPT | XT_HASHLIMIT_HASH_SPT) && HAS_PORTS.has(p.proto)) {
      if (p.thoff + 4 > p.buf.length) {
        p.hotdrop = true;
        return false;
      }
      if (hc.mode & XT_HASHLIMIT_HASH_SPT) sport = u16(p.buf, p.thoff);
      if (hc.mode & XT_HASHLIMIT_HASH_DPT) dport = u16(p.buf, p.thoff + 2);
    }
    const key = `${src}:${dst}:${sport}:${dport}`;
    const now = ns.kernel.clock.jiffies();
    let dh = ht.ents.get(key);
    if (!dh) {
      // dsthash_alloc_init(): a full table drops the packet.
      if (hc.max && ht.ents.size >= hc.max) {
        p.hotdrop = true;
        return false;
      }
      dh = {
        src, dst, sport, dport, expires: now + hc.expire, prev: now, credit: 0n, creditCap: 0n, cost: 0n,
        interval: 0n, prevWindow: 0n, currentRate: 0n, rate: 0n, burst: 0n,
      };
      ht.ents.set(key, dh);
      rateinfoInit(dh, ht, now);
    } else {
      dh.expires = now + hc.expire;
      rateinfoRecalc(dh, now, hc.mode, info.revision);
    }
    const inv = (info.cfg.mode & XT_HASHLIMIT_INVERT) !== 0;
    if (info.cfg.mode & XT_HASHLIMIT_RATE_MATCH) {
      dh.currentRate += info.cfg.mode & XT_HASHLIMIT_BYTES ? BigInt(p.len) : 1n;
      return !dh.prevWindow && dh.currentRate <= dh.burst ? !inv : inv;
    }
    const cost = info.cfg.mode & XT_HASHLIMIT_BYTES ? byteCost(p.len, dh) : dh.cost;
    if (dh.credit >= cost) {
      dh.credit -= cost;
      return !inv;
    }
    return inv;
  },
});

/** hashlimit_mt_check_common(): the errno a rule is refused with, or undefined. */
export function hashlimitCheck(info: HashlimitInfo): string | undefined {
  const c = info.cfg;
  // xt_check_proc_name()
  if (info.name === '.' || info.name === '..' || info.name.includes('/')) return 'Invalid argument';
  if (c.gcInterval === 0 || c.expire === 0) return 'Invalid argument';
  if (c.srcmask > 32 || c.dstmask > 32) return 'Invalid argument';
  if (c.mode & ~XT_HASHLIMIT_ALL) return 'Invalid argument';
  if (info.revision >= 3 && c.mode & XT_HASHLIMIT_RATE_MATCH) {
    if (c.avg === 0n || c.avg > U32_MAX) return 'Numerical result out of range';
    if (c.interval === 0) return 'Invalid argument';
  } else if (c.mode & XT_HASHLIMIT_BYTES) {
    if (user2creditsByte(c.avg) === 0n) return 'Invalid argument';
  } else if (c.burst === 0n || user2credits((c.avg * c.burst) & U64, info.revision) < user2credits(c.avg, info.revision)) {
    return 'Numerical result out of range';
  }
  return undefined;
}

/** The names the namespace's rules use: their tables exist (a table lives while a rule
 *  refers to it, htable_put()); state of names no rule uses any more is dropped. */
function liveNames(ns: Netns): HashlimitInfo[] {
  const seen = new Map<string, HashlimitInfo>();
  for (const t of xtTables(ns)) {
    for (const c of t.chains.values()) {
      for (const r of c.rules) {
        for (const m of r.matches) {
          if (m.ops.name === 'hashlimit' && !seen.has(m.info.name)) seen.set(m.info.name, m.info as HashlimitInfo);
        }
      }
    }
  }
  const all = htables(ns);
  for (const n of [...all.keys()]) if (!seen.has(n)) all.delete(n);
  return [...seen.values()];
}

/** dl_seq_show() / dl_seq_print(): one line per entry, "expires src:port->dst:port credit
 *  credit_cap cost" (in rate-match mode the same storage holds the window fields). */
function seqShow(ns: Netns, info: HashlimitInfo): string {
  const ht = htableFindGet(ns, info);
  htableGc(ns, ht);
  const now = ns.kernel.clock.jiffies();
  let out = '';
  for (const e of ht.ents.values()) {
    rateinfoRecalc(e, now, ht.cfg.mode, ht.revision);
    const rm = ht.revision >= 3 && ht.cfg.mode & XT_HASHLIMIT_RATE_MATCH;
    const [a, b, c] = rm ? [(e.prevWindow << 32n) | e.interval, e.currentRate, e.rate] : [e.credit, e.creditCap, e.cost];
    out += `${Math.trunc((e.expires - now) / 1000)} ${formatIPv4(e.src)}:${e.sport}->${formatIPv4(e.dst)}:${e.dport} ${a} ${b} ${c}\n`;
  }
  return out;
}

registerProcNetDir('ipt_hashlimit', (ns) => liveNames(ns).map((i) => [i.name, () => seqShow(ns, i)]));
registerProcNetDir('ip6t_hashlimit', () => []);
