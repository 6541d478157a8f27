// net/netfilter/ipset/ip_set_hash_gen.h: the generic hash set. Elements are placed by
// jhash2(key words, initval) into buckets of AHASH_INIT_SIZE slots that grow by that much up
// to bucketsize; a full bucket makes userspace adds resize (double) the table. Memory is
// accounted like the kernel does (struct sizes, bucket allocations, regions, comments), so
// "Size in memory" and the listing order are the kernel's for the same initval.
import type { Netns } from '../../net_namespace.js';
import { jhash2 } from './jhash.js';
import {
  type IpSetAdt, type IpSetAttrs, type IpSetCreateAttrs, type IpSetHeader, type ElemExt, type ReqExt,
  IPSET_ERR_EXIST, IPSET_ERR_HASH_FULL, ENOTEMPTY, EAGAIN, IPSET_FLAG_EXIST, IPSET_FLAG_NOMATCH,
  IPSET_NO_TIMEOUT, NFPROTO_IPV4, newElemExt, ipSetElemLen, ipSetTimeoutExpired, ipSetTimeoutGet,
  ipsetGcPeriod,
} from './ip_set.js';
import {
  type IpSet, type IpSetVariant, type IpSetPacket, type IpSetAdtOpt,
  ipSetInitExtensions, ipSetExtDestroy, ipSetMatchExtensions, ipSetPutExtensions, ipSetPutFlags, ipSetInitKext,
} from './ip_set_core.js';
import type { TimerHandle } from '../../clock.js';

/** Number of elements to store in an initial array block */
export const AHASH_INIT_SIZE = 2;
/** Max number of elements to store in an array block */
export const AHASH_MAX_SIZE = 6 * AHASH_INIT_SIZE;
/** Max number of elements in the array block when tuned */
export const AHASH_MAX_TUNED = 64;
/** Region size for locking == 2^HTABLE_REGION_BITS */
const HTABLE_REGION_BITS = 10;
export const IPSET_DEFAULT_HASHSIZE = 1024, IPSET_MIMINAL_HASHSIZE = 64, IPSET_DEFAULT_MAXELEM = 65536;

/** sizeof(struct hbucket): rcu_head, the used bitmap, size, pos, aligned to u64. */
const SIZEOF_HBUCKET = 32;
/** sizeof(struct htable) (the bucket pointers are not accounted). */
const SIZEOF_HTABLE = 24;
/** sizeof(struct ip_set_region) */
const SIZEOF_REGION = 24;

/** One element of any of the hash types: the union of their struct *_elem fields. */
export interface HElem {
  /** Network-order address, 4 or 16 bytes. */
  ip: Uint8Array;
  cidr: number;
  port: number;
  proto: number;
  iface: string;
  physdev: boolean;
  wildcard: boolean;
  nomatch: boolean;
}

export function newHElem(family: number): HElem {
  return {
    ip: new Uint8Array(family === NFPROTO_IPV4 ? 4 : 16), cidr: family === NFPROTO_IPV4 ? 32 : 128,
    port: 0, proto: 0, iface: '', physdev: false, wildcard: false, nomatch: false,
  };
}

/** What a hash type provides to the generic code (the MTYPE functions and defines). */
export interface HashTypeOps {
  /** sizeof/alignof(struct mtype_elem) for the family (ipv4 first). */
  elemSize: [number, number];
  elemAlign: number;
  /** sizeof(struct htype) for the family: the fixed part of "Size in memory". */
  htypeSize: [number, number];
  /** IP_SET_HASH_WITH_NETS: prefix book-keeping and longest-prefix test. */
  withNets: boolean;
  /** IP_SET_HASH_WITH_NET0: /0 allowed. */
  net0?: boolean;
  /** IP_SET_HASH_WITH_MULTI: bucketsize grows with equal keys (hash:net,iface). */
  multi?: boolean;
  /** HKEY(): the u32 words hashed (the elem struct, or its hashed prefix). */
  key(e: HElem, family: number): number[];
  /** mtype_data_equal(); `multi` counts equal keys of IP_SET_HASH_WITH_MULTI types. */
  equal(stored: HElem, d: HElem, multi: { n: number }): boolean;
  /** mtype_data_list() */
  list(e: HElem, family: number): IpSetAttrs;
  /** mtype_uadt(): parses the request and calls adtfn per element. */
  uadt(set: IpSet, a: IpSetAttrs, adt: IpSetAdt, flags: number, retried: boolean, h: HType): number;
  /** mtype_kadt() */
  kadt(set: IpSet, pkt: IpSetPacket, adt: IpSetAdt, opt: IpSetAdtOpt, h: HType): number;
}

interface Slot {
  e: HElem;
  ext: ElemExt;
}

/** struct hbucket */
interface HBucket {
  size: number;
  pos: number;
  used: boolean[];
  value: (Slot | undefined)[];
}

/** struct htable */
interface HTable {
  htableBits: number;
  maxelem: number;
  /** Sparse: bucket index -> bucket. */
  bucket: Map<number, HBucket>;
  /** struct ip_set_region: ext_size and element count per region. */
  hregion: { extSize: number; elements: number }[];
}

/** struct htype */
export interface HType {
  table: HTable;
  maxelem: number;
  initval: number;
  bucketsize: number;
  /** h->next: where a range add continues after a resize. */
  next: HElem | undefined;
  /** net_prefixes: the prefix lengths in use (cidr + 1), longest first, with their counts. */
  nets: { cidr: number; n: number }[];
  gc: TimerHandle | undefined;
  ops: HashTypeOps;
}

function jhashSize(bits: number): number {
  return 2 ** bits;
}

/** ahash_numof_locks() */
function numofLocks(bits: number): number {
  return bits < HTABLE_REGION_BITS ? 1 : jhashSize(bits - HTABLE_REGION_BITS);
}

/** ahash_region() */
function ahashRegion(n: number, bits: number): number {
  return n % numofLocks(bits);
}

function extSize(n: number, dsize: number): number {
  return SIZEOF_HBUCKET + n * dsize;
}

function newTable(bits: number, maxelem: number): HTable {
  const locks = numofLocks(bits);
  const hregion = [];
  for (let i = 0; i < locks; i++) hregion.push({ extSize: 0, elements: 0 });
  return { htableBits: bits, maxelem: Math.floor(maxelem / locks), bucket: new Map(), hregion };
}

function hkey(h: HType, set: IpSet, d: HElem, bits: number): number {
  return (jhash2(h.ops.key(d, set.family), h.initval) & (jhashSize(bits) - 1)) >>> 0;
}

function cloneElem(e: HElem): HElem {
  return { ...e, ip: e.ip.slice() };
}

function expired(set: IpSet, s: Slot): boolean {
  return set.extensions.timeout && ipSetTimeoutExpired(set.ns, s.ext.timeout);
}

// --- net prefix book-keeping (mtype_add_cidr / mtype_del_cidr) ----------------------------

function addCidr(h: HType, cidr: number): void {
  const i = h.nets.findIndex((x) => x.cidr <= cidr);
  if (i >= 0 && h.nets[i]!.cidr === cidr) {
    h.nets[i]!.n++;
    return;
  }
  if (i < 0) h.nets.push({ cidr, n: 1 });
  else h.nets.splice(i, 0, { cidr, n: 1 });
}

function delCidr(h: HType, cidr: number): void {
  const i = h.nets.findIndex((x) => x.cidr === cidr);
  if (i < 0) return;
  if (--h.nets[i]!.n <= 0) h.nets.splice(i, 1);
}

// --- the variant ------------------------------------------------------------------------

/** mtype_add() */
export function mtypeAdd(set: IpSet, h: HType, d: HElem, ext: ReqExt, flags: number): number {
  const t = h.table;
  const key = hkey(h, set, d, t.htableBits);
  const r = ahashRegion(key, t.htableBits);
  const flagExist = (flags & IPSET_FLAG_EXIST) !== 0;
  let elements = t.hregion[r]!.elements;
  let maxelem = t.maxelem;
  let forceadd = false;
  if (elements >= maxelem) {
    if (set.extensions.timeout) mtypeGcDo(set, h, t, r);
    maxelem = h.maxelem;
    elements = 0;
    for (const reg of t.hregion) elements += reg.elements;
    if (elements >= maxelem && set.forceadd) forceadd = true;
  }
  let n = t.bucket.get(key);
  let j = -1;
  if (!n) {
    if (forceadd || elements >= maxelem) return -IPSET_ERR_HASH_FULL;
    n = { size: AHASH_INIT_SIZE, pos: 0, used: [], value: [] };
    t.hregion[r]!.extSize += extSize(AHASH_INIT_SIZE, set.dsize);
    t.bucket.set(key, n);
  } else {
    let deleted = false, reuse = false;
    const multi = { n: 0 };
    for (let i = 0; i < n.pos; i++) {
      if (!n.used[i]) {
        // Reuse first deleted entry
        if (j === -1) {
          deleted = reuse = true;
          j = i;
        }
        continue;
      }
      const data = n.value[i]!;
      if (h.ops.equal(data.e, d, multi)) {
        if (flagExist || expired(set, data)) {
          // Just the extensions could be overwritten
          overwrite(set, h, data, ext, flags);
          return 0;
        }
        return -IPSET_ERR_EXIST;
      }
      // Reuse first timed out entry
      if (expired(set, data) && j === -1) {
        j = i;
        reuse = true;
      }
    }
    if (reuse || forceadd) {
      if (j === -1) j = 0;
      if (!deleted) {
        const old = n.value[j]!;
        if (h.ops.withNets) delCidr(h, old.e.cidr + 1);
        ipSetExtDestroy(set, old.ext);
        t.hregion[r]!.elements--;
      }
      return copyData(set, h, n, j, r, d, ext, flags);
    }
    if (elements >= maxelem) return -IPSET_ERR_HASH_FULL;
    // Create a new slot
    if (n.pos >= n.size) {
      if (h.ops.multi) {
        if (h.bucketsize >= AHASH_MAX_TUNED) return -IPSET_ERR_HASH_FULL;
        else if (h.bucketsize <= multi.n) h.bucketsize += AHASH_INIT_SIZE;
      }
      if (n.size >= h.bucketsize) {
        // Trigger rehashing
        h.next = cloneElem(d);
        return -EAGAIN;
      }
      n.size += AHASH_INIT_SIZE;
      t.hregion[r]!.extSize += extSize(AHASH_INIT_SIZE, set.dsize);
    }
  }
  j = n.pos++;
  return copyData(set, h, n, j, r, d, ext, flags);
}

function copyData(set: IpSet, h: HType, n: HBucket, j: number, r: number, d: HElem, ext: ReqExt, flags: number): number {
  h.table.hregion[r]!.elements++;
  if (h.ops.withNets) addCidr(h, d.cidr + 1);
  const slot: Slot = { e: cloneElem(d), ext: newElemExt() };
  n.value[j] = slot;
  overwrite(set, h, slot, ext, flags);
  n.used[j] = true;
  return 0;
}

/** overwrite_extensions: mtype_data_set_flags() and the extension writes. */
function overwrite(set: IpSet, h: HType, slot: Slot, ext: ReqExt, flags: number): void {
  if (h.ops.withNets) slot.e.nomatch = ((flags >>> 16) & IPSET_FLAG_NOMATCH) !== 0;
  ipSetInitExtensions(set, slot.ext, ext);
}

/** mtype_del() */
export function mtypeDel(set: IpSet, h: HType, d: HElem): number {
  const t = h.table;
  const key = hkey(h, set, d, t.htableBits);
  const r = ahashRegion(key, t.htableBits);
  const n = t.bucket.get(key);
  if (!n) return -IPSET_ERR_EXIST;
  const multi = { n: 0 };
  let k = 0;
  for (let i = 0; i < n.pos; i++) {
    if (!n.used[i]) {
      k++;
      continue;
    }
    const data = n.value[i]!;
    if (!h.ops.equal(data.e, d, multi)) continue;
    if (expired(set, data)) return -IPSET_ERR_EXIST;
    n.used[i] = false;
    if (i + 1 === n.pos) n.pos--;
    t.hregion[r]!.elements--;
    if (h.ops.withNets) delCidr(h, d.cidr + 1);
    ipSetExtDestroy(set, data.ext);
    n.value[i] = undefined;
    for (; i < n.pos; i++) if (!n.used[i]) k++;
    if (n.pos === 0 && k === 0) {
      t.hregion[r]!.extSize -= extSize(n.size, set.dsize);
      t.bucket.delete(key);
    } else if (k >= AHASH_INIT_SIZE) {
      compact(n, AHASH_INIT_SIZE);
      t.hregion[r]!.extSize -= extSize(AHASH_INIT_SIZE, set.dsize);
    }
    return 0;
  }
  return -IPSET_ERR_EXIST;
}

/** The shrink of mtype_del()/mtype_gc_do(): a bucket of size - shrink with the used slots packed. */
function compact(n: HBucket, shrink: number): void {
  const vals: Slot[] = [];
  for (let j = 0; j < n.pos; j++) if (n.used[j]) vals.push(n.value[j]!);
  n.size -= shrink;
  n.value = vals;
  n.used = vals.map(() => true);
  n.pos = vals.length;
}

/** mtype_data_match(): the extensions match; nomatch elements answer -ENOTEMPTY. */
function dataMatch(set: IpSet, h: HType, s: Slot, ext: ReqExt, flags: number, mext?: ReqExt): number {
  if (!ipSetMatchExtensions(set, ext, flags, s.ext, mext)) return 0;
  return h.ops.withNets && s.e.nomatch ? -ENOTEMPTY : 1;
}

/** The netmask a NETS type applies for one prefix length (mtype_data_netmask()). */
function netmask(d: HElem, cidr: number): HElem {
  const e = cloneElem(d);
  e.cidr = cidr;
  for (let i = 0; i < e.ip.length; i++) {
    const bits = Math.max(0, Math.min(8, cidr - i * 8));
    e.ip[i] = e.ip[i]! & ((0xff00 >> bits) & 0xff);
  }
  return e;
}

/** mtype_test_cidrs(): a host address against each prefix length in use, longest first. */
function testCidrs(set: IpSet, h: HType, d: HElem, ext: ReqExt, flags: number, mext?: ReqExt): number {
  const t = h.table;
  const multi = { n: 0 };
  for (const net of h.nets) {
    if (multi.n) break;
    const e = netmask(d, net.cidr - 1);
    const n = t.bucket.get(hkey(h, set, e, t.htableBits));
    if (!n) continue;
    for (let i = 0; i < n.pos; i++) {
      if (!n.used[i]) continue;
      const data = n.value[i]!;
      if (!h.ops.equal(data.e, e, multi)) continue;
      const ret = dataMatch(set, h, data, ext, flags, mext);
      if (ret !== 0) return ret;
      if (h.ops.multi) multi.n = 0;
    }
  }
  return 0;
}

/** mtype_test() */
export function mtypeTest(set: IpSet, h: HType, d: HElem, ext: ReqExt, flags: number, mext?: ReqExt): number {
  const hostMask = d.ip.length === 4 ? 32 : 128;
  // If we test an IP address and not a network address, try all possible network sizes
  if (h.ops.withNets && d.cidr === hostMask) return testCidrs(set, h, d, ext, flags, mext);
  const t = h.table;
  const n = t.bucket.get(hkey(h, set, d, t.htableBits));
  if (!n) return 0;
  const multi = { n: 0 };
  for (let i = 0; i < n.pos; i++) {
    if (!n.used[i]) continue;
    const data = n.value[i]!;
    if (!h.ops.equal(data.e, d, multi)) continue;
    const ret = dataMatch(set, h, data, ext, flags, mext);
    if (ret !== 0) return ret;
  }
  return 0;
}

/** The adt function of the variant: set->variant->adt[adt]. */
export function mtypeAdt(set: IpSet, h: HType, adt: IpSetAdt, d: HElem, ext: ReqExt, flags: number, mext?: ReqExt): number {
  if (adt === 'add') return mtypeAdd(set, h, d, ext, flags);
  if (adt === 'del') return mtypeDel(set, h, d);
  return mtypeTest(set, h, d, ext, flags, mext);
}

/** mtype_gc_do(): drops the expired elements of region r, shrinking buckets. */
function mtypeGcDo(set: IpSet, h: HType, t: HTable, r: number): void {
  const keys = [...t.bucket.keys()].filter((k) => ahashRegion(k, t.htableBits) === r).sort((a, b) => a - b);
  for (const key of keys) {
    const n = t.bucket.get(key)!;
    let d = 0;
    for (let j = 0; j < n.pos; j++) {
      if (!n.used[j]) {
        d++;
        continue;
      }
      const data = n.value[j]!;
      if (!ipSetTimeoutExpired(set.ns, data.ext.timeout)) continue;
      n.used[j] = false;
      n.value[j] = undefined;
      if (h.ops.withNets) delCidr(h, data.e.cidr + 1);
      t.hregion[r]!.elements--;
      ipSetExtDestroy(set, data.ext);
      d++;
    }
    if (d >= AHASH_INIT_SIZE) {
      if (d >= n.size) {
        t.hregion[r]!.extSize -= extSize(n.size, set.dsize);
        t.bucket.delete(key);
        continue;
      }
      compact(n, AHASH_INIT_SIZE);
      t.hregion[r]!.extSize -= extSize(AHASH_INIT_SIZE, set.dsize);
    }
  }
}

/** mtype_gc(): one region per run, every IPSET_GC_PERIOD(timeout) / regions seconds. */
function mtypeGcInit(set: IpSet, h: HType): void {
  let region = 0;
  const clock = set.ns.kernel.clock;
  const run = (): void => {
    const t = h.table;
    const locks = numofLocks(t.htableBits);
    let r = region++;
    if (r >= locks) r = region = 0;
    let next = (ipsetGcPeriod(set.timeout) * 1000) / locks;
    if (next < 100) next = 100;
    mtypeGcDo(set, h, t, r);
    h.gc = clock.setTimeout(next, run);
  };
  h.gc = clock.setTimeout(1000, run);
}

/** mtype_resize(): a table twice as big, elements rehashed in bucket order. */
function mtypeResize(set: IpSet, h: HType): number {
  const orig = h.table;
  let bits = orig.htableBits;
  for (;;) {
    bits++;
    if (bits > 31) return -IPSET_ERR_HASH_FULL;
    const t = newTable(bits, h.maxelem);
    let again = false;
    for (const key of [...orig.bucket.keys()].sort((a, b) => a - b)) {
      const n = orig.bucket.get(key)!;
      for (let j = 0; j < n.pos && !again; j++) {
        if (!n.used[j]) continue;
        const data = n.value[j]!;
        if (expired(set, data)) continue;
        const nkey = hkey(h, set, data.e, bits);
        const nr = ahashRegion(nkey, bits);
        let m = t.bucket.get(nkey);
        if (!m) {
          m = { size: AHASH_INIT_SIZE, pos: 0, used: [], value: [] };
          t.hregion[nr]!.extSize += extSize(AHASH_INIT_SIZE, set.dsize);
          t.bucket.set(nkey, m);
        } else if (m.pos >= m.size) {
          if (m.size >= h.bucketsize) {
            again = true;
            break;
          }
          m.size += AHASH_INIT_SIZE;
          t.hregion[nr]!.extSize += extSize(AHASH_INIT_SIZE, set.dsize);
        }
        m.value[m.pos] = data;
        m.used[m.pos++] = true;
        t.hregion[nr]!.elements++;
      }
      if (again) break;
    }
    if (again) continue;
    h.table = t;
    return 0;
  }
}

/** mtype_ext_size(): live elements and the bucket memory of every region. */
function mtypeExtSize(set: IpSet, h: HType): [number, number] {
  let elements = 0, ext = 0;
  for (const n of h.table.bucket.values()) {
    for (let j = 0; j < n.pos; j++) if (n.used[j] && !expired(set, n.value[j]!)) elements++;
  }
  for (const r of h.table.hregion) ext += r.extSize;
  return [elements, ext];
}

/** The address a packet offers a hash type's kadt(): its source or destination by the
 *  first direction flag of the match (--match-set NAME src,...). */
export function kadtAddr(pkt: IpSetPacket, opt: IpSetAdtOpt): Uint8Array {
  return opt.dirs[0] ? pkt.saddr : pkt.daddr;
}

/** How every hash type's kadt() ends: the packet's extensions (counters, skbinfo), then the
 *  add, del or test of the element. */
export function kadtAdt(set: IpSet, h: HType, pkt: IpSetPacket, adt: IpSetAdt, opt: IpSetAdtOpt, e: HElem): number {
  const ext = ipSetInitKext(set, pkt, opt);
  return mtypeAdt(set, h, adt, e, ext, opt.cmdflags, ext);
}

export function makeHashVariant(): IpSetVariant {
  return {
    uadt(set, a, adt, flags, retried) {
      const h = set.data as HType;
      return h.ops.uadt(set, a, adt, flags, retried, h);
    },
    kadt(set, pkt, adt, opt) {
      const h = set.data as HType;
      return h.ops.kadt(set, pkt, adt, opt, h);
    },
    /** mtype_head() */
    head(set): IpSetHeader {
      const h = set.data as HType;
      const t = h.table;
      const [elements, ext] = mtypeExtSize(set, h);
      const fam = set.family === NFPROTO_IPV4 ? 0 : 1;
      const memsize = h.ops.htypeSize[fam]! + SIZEOF_HTABLE + numofLocks(t.htableBits) * SIZEOF_REGION + ext + set.extSize;
      const hdr: IpSetHeader = {
        hashsize: jhashSize(t.htableBits), maxelem: h.maxelem, bucketsize: h.bucketsize, initval: h.initval,
        cadtFlags: 0, references: set.ref, memsize, elements,
      };
      ipSetPutFlags(set, hdr);
      return hdr;
    },
    /** mtype_list(): bucket by bucket, slot by slot, skipping expired elements. */
    list(set) {
      const h = set.data as HType;
      const out: IpSetAttrs[] = [];
      for (const key of [...h.table.bucket.keys()].sort((a, b) => a - b)) {
        const n = h.table.bucket.get(key)!;
        for (let i = 0; i < n.pos; i++) {
          if (!n.used[i]) continue;
          const s = n.value[i]!;
          if (expired(set, s)) continue;
          const a = h.ops.list(s.e, set.family);
          ipSetPutExtensions(set, s.ext, a, ipSetTimeoutGet(set.ns, s.ext.timeout));
          out.push(a);
        }
      }
      return out;
    },
    /** mtype_flush() */
    flush(set) {
      const h = set.data as HType;
      for (const n of h.table.bucket.values()) {
        for (let j = 0; j < n.pos; j++) if (n.used[j]) ipSetExtDestroy(set, n.value[j]!.ext);
      }
      h.table.bucket.clear();
      for (const r of h.table.hregion) {
        r.extSize = 0;
        r.elements = 0;
      }
      h.nets = [];
    },
    /** mtype_destroy() */
    destroy(set) {
      const h = set.data as HType;
      h.gc?.cancel();
      h.gc = undefined;
    },
    resize(set) {
      return mtypeResize(set, set.data as HType);
    },
    /** mtype_same_set() */
    sameSet(a, b) {
      const x = a.data as HType, y = b.data as HType;
      return x.maxelem === y.maxelem && a.timeout === b.timeout &&
        JSON.stringify(a.extensions) === JSON.stringify(b.extensions) && a.forceadd === b.forceadd;
    },
  };
}

/** IPSET_TOKEN(HTYPE, _create)(): hashsize rounded up to a power of two (at least 64),
 *  maxelem, initval (random unless given), bucketsize (2..12, even), the default timeout. */
export function hashCreate(ns: Netns, set: IpSet, a: IpSetCreateAttrs, ops: HashTypeOps): number {
  let hashsize = IPSET_DEFAULT_HASHSIZE;
  if (a.hashsize !== undefined) {
    hashsize = a.hashsize;
    if (hashsize < IPSET_MIMINAL_HASHSIZE) hashsize = IPSET_MIMINAL_HASHSIZE;
  }
  const maxelem = a.maxelem ?? IPSET_DEFAULT_MAXELEM;
  // hbits = fls(hashsize - 1)
  let hbits = 0;
  while (hbits < 32 && 2 ** hbits < hashsize) hbits++;
  if (hbits > 31) return -12;
  let bucketsize = AHASH_MAX_SIZE;
  if (a.bucketsize !== undefined) {
    bucketsize = a.bucketsize;
    if (bucketsize < AHASH_INIT_SIZE) bucketsize = AHASH_INIT_SIZE;
    else if (bucketsize > AHASH_MAX_SIZE) bucketsize = AHASH_MAX_SIZE;
    else if (bucketsize % 2) bucketsize += 1;
  }
  const h: HType = {
    table: newTable(hbits, maxelem), maxelem,
    initval: a.initval !== undefined ? a.initval >>> 0 : ns.kernel.random.u32(),
    bucketsize, next: undefined, nets: [], gc: undefined, ops,
  };
  set.data = h;
  set.variant = makeHashVariant();
  const fam = set.family === NFPROTO_IPV4 ? 0 : 1;
  set.dsize = ipSetElemLen(set.extensions, ops.elemSize[fam]!, ops.elemAlign);
  set.timeout = IPSET_NO_TIMEOUT;
  if (a.timeout !== undefined) {
    set.timeout = Math.min(a.timeout, Math.floor(0xffffffff / 1000));
    mtypeGcInit(set, h);
  }
  return 0;
}
