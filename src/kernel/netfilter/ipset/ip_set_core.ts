// net/netfilter/ipset/ip_set_core.c: the per-namespace array of sets, the set types, and the
// nfnetlink commands of ipset (create, destroy, flush, rename, swap, list/save, header, type,
// add/del/test), answered with the kernel's error numbers; plus the in-kernel API the xt_set
// match and SET target use (ip_set_get_byname(), ip_set_test(), ip_set_add(), ip_set_del()).
import type { Netns } from '../../net_namespace.js';
import type { SkBuff } from '../../core/skbuff.js';
import {
  type IpSetAdt, type IpSetAttrs, type IpSetCreateAttrs, type IpSetExtensions, type IpSetHeader,
  type ReqExt, type ElemExt,
  IPSET_FLAG_EXIST, IPSET_ERR_PROTOCOL, IPSET_ERR_FIND_TYPE, IPSET_ERR_MAX_SETS, IPSET_ERR_BUSY,
  IPSET_ERR_EXIST_SETNAME2, IPSET_ERR_TYPE_MISMATCH, IPSET_ERR_EXIST, IPSET_ERR_REFERENCED,
  IPSET_ERR_TIMEOUT, IPSET_ERR_COUNTER, IPSET_ERR_COMMENT, IPSET_ERR_SKBINFO, IPSET_ERR_INVALID_FAMILY,
  IPSET_FLAG_WITH_COUNTERS, IPSET_FLAG_WITH_COMMENT, IPSET_FLAG_WITH_SKBINFO, IPSET_FLAG_WITH_FORCEADD,
  IPSET_MAXNAMELEN, IP_SET_MAX, IPSET_NO_TIMEOUT, IPSET_MAX_TIMEOUT, IPSET_MAX_COMMENT_SIZE,
  IPSET_FLAG_SKIP_COUNTER_UPDATE, NFPROTO_IPV4, NFPROTO_IPV6, NFPROTO_UNSPEC,
  ENOENT, EEXIST, EAGAIN, ERANGE, commentSize, ipSetTimeoutSet, ipSetTimeoutExpired,
} from './ip_set.js';

/** The operations of one set type's variant (struct ip_set_type_variant). */
export interface IpSetVariant {
  /** Userspace add/del/test of one request element; 0, >0 (test: in set) or -errno. */
  uadt(set: IpSet, attrs: IpSetAttrs, adt: IpSetAdt, flags: number, retried: boolean): number;
  /** Kernel-side add/del/test from a packet. */
  kadt(set: IpSet, pkt: IpSetPacket, adt: IpSetAdt, opt: IpSetAdtOpt): number;
  head(set: IpSet): IpSetHeader;
  /** The live elements in the order the kernel dumps them. */
  list(set: IpSet): IpSetAttrs[];
  flush(set: IpSet): void;
  destroy(set: IpSet): void;
  /** Grows the table after -EAGAIN (hash types). */
  resize?(set: IpSet, retried: boolean): number;
  sameSet(a: IpSet, b: IpSet): boolean;
}

/** struct ip_set_type */
export interface IpSetType {
  name: string;
  /** NFPROTO_UNSPEC for the types that take inet and inet6. */
  family: number;
  revisionMin: number;
  revisionMax: number;
  create(ns: Netns, set: IpSet, attrs: IpSetCreateAttrs): number;
}

/** struct ip_set */
export interface IpSet {
  name: string;
  type: IpSetType;
  family: number;
  revision: number;
  /** Held by xt_set matches and SET targets: a referenced set can't be destroyed. */
  ref: number;
  /** Held by a dump in progress (always 0 here: dumps are not interrupted). */
  refNetlink: number;
  ns: Netns;
  variant: IpSetVariant;
  /** The type's private data (struct htype, struct bitmap_port). */
  data: unknown;
  /** Default timeout in seconds, or IPSET_NO_TIMEOUT. */
  timeout: number;
  extensions: IpSetExtensions;
  forceadd: boolean;
  /** set->dsize: one element with its extensions, in bytes. */
  dsize: number;
  /** set->ext_size: memory of the comments. */
  extSize: number;
}

// ---------------------------------------------------------------------------------------
// The packet side: what the set match and SET target hand in

/** The fields of a packet a set type looks at (what ip4addrptr(), ip_set_get_ip4_port() and
 *  the device names in xt_action_param give the kernel). */
export interface IpSetPacket {
  family: 4 | 6;
  saddr: Uint8Array;
  daddr: Uint8Array;
  /** The transport protocol (after IPv6 extension headers). */
  proto: number;
  /** Ports; for ICMP/ICMPv6 the source "port" is type<<8|code and the destination 0. False
   *  when the transport header is missing (a non-first fragment, a truncated packet). */
  ports: { sport: number; dport: number } | undefined;
  /** skb->len, for the byte counter. */
  len: number;
  indev: string;
  outdev: string;
  /** The bridge ports br_netfilter noted for a bridged packet (get_physindev_name(),
   *  get_physoutdev_name()). */
  physindev?: string;
  physoutdev?: string;
}

/** struct ip_set_adt_opt: the direction flags of the match/target plus its options. */
export interface IpSetAdtOpt {
  /** IPSET_DIM_*_SRC bits: per dimension, true = src. */
  dirs: boolean[];
  /** cmdflags: IPSET_FLAG_EXIST, IPSET_FLAG_SKIP_COUNTER_UPDATE ... */
  cmdflags: number;
  /** The SET target's --timeout (seconds), or the set's default. */
  timeout?: number;
}

export type IpSetDir = 'src' | 'dst';

/** The per-namespace ipset state (struct ip_set_net). */
interface IpSetNet {
  sets: (IpSet | undefined)[];
}

const types = new Map<string, IpSetType>();

/** ip_set_type_register() */
export function ipSetTypeRegister(t: IpSetType): void {
  types.set(t.name, t);
}

/** find_set_type(): the registered type of that name (and family). */
export function ipSetFindType(name: string, family: number): IpSetType | undefined {
  const t = types.get(name);
  if (!t) return undefined;
  if (t.family !== NFPROTO_UNSPEC && family !== NFPROTO_UNSPEC && t.family !== family) return undefined;
  return t;
}

function ipSetPernet(ns: Netns): IpSetNet {
  let inst = ns.proto['ip_set'] as IpSetNet | undefined;
  if (!inst) {
    inst = { sets: [] };
    ns.proto['ip_set'] = inst;
  }
  return inst;
}

/** find_set_and_id() */
function findSetAndId(ns: Netns, name: string): [IpSet, number] | undefined {
  const sets = ipSetPernet(ns).sets;
  for (let i = 0; i < sets.length; i++) if (sets[i]?.name === name) return [sets[i]!, i];
  return undefined;
}

function findSet(ns: Netns, name: string): IpSet | undefined {
  return findSetAndId(ns, name)?.[0];
}

// ---------------------------------------------------------------------------------------
// Extensions

/** ip_set_get_extensions(): the extension attributes of a userspace request. */
export function ipSetGetExtensions(set: IpSet, a: IpSetAttrs, ext: ReqExt): number {
  if (a.timeout !== undefined) {
    if (!set.extensions.timeout) return -IPSET_ERR_TIMEOUT;
    ext.timeout = Math.min(a.timeout, IPSET_MAX_TIMEOUT);
  }
  if (a.bytes !== undefined || a.packets !== undefined) {
    if (!set.extensions.counter) return -IPSET_ERR_COUNTER;
    if (a.bytes !== undefined) ext.bytes = a.bytes;
    if (a.packets !== undefined) ext.packets = a.packets;
  }
  if (a.comment !== undefined) {
    if (!set.extensions.comment) return -IPSET_ERR_COMMENT;
    ext.comment = a.comment;
  }
  if (a.skbmark !== undefined || a.skbprio !== undefined || a.skbqueue !== undefined) {
    if (!set.extensions.skbinfo) return -IPSET_ERR_SKBINFO;
    if (a.skbmark !== undefined) {
      ext.skbmark = a.skbmark;
      ext.skbmarkmask = a.skbmarkmask ?? 0xffffffff;
    }
    if (a.skbprio !== undefined) ext.skbprio = a.skbprio;
    if (a.skbqueue !== undefined) ext.skbqueue = a.skbqueue;
  }
  return 0;
}

/** IP_SET_INIT_UEXT(): the set's default timeout, no counters given. */
export function ipSetInitUext(set: IpSet): ReqExt {
  return {
    timeout: set.timeout === IPSET_NO_TIMEOUT ? 0 : set.timeout, packets: -1, bytes: -1,
    comment: undefined, skbmark: 0, skbmarkmask: 0, skbprio: 0, skbqueue: 0, target: false,
  };
}

/** IP_SET_INIT_KEXT(): a packet counts its length and one packet; the target's timeout. */
export function ipSetInitKext(set: IpSet, pkt: IpSetPacket, opt: IpSetAdtOpt): ReqExt {
  const t = opt.timeout ?? (set.timeout === IPSET_NO_TIMEOUT ? 0 : set.timeout);
  return {
    timeout: t, packets: 1, bytes: pkt.len, comment: undefined, skbmark: 0, skbmarkmask: 0,
    skbprio: 0, skbqueue: 0, target: true,
  };
}

/** The extension writes of mtype_add() after the element is placed: ip_set_init_counter(),
 *  ip_set_init_comment() (which accounts set->ext_size), ip_set_init_skbinfo(),
 *  ip_set_timeout_set() last. */
export function ipSetInitExtensions(set: IpSet, e: ElemExt, ext: ReqExt): void {
  if (set.extensions.counter) {
    if (ext.bytes !== -1) e.bytes = ext.bytes;
    if (ext.packets !== -1) e.packets = ext.packets;
    // ip_set_init_counter() only sets what was given; a fresh element starts from zero
  }
  if (set.extensions.comment) {
    if (e.comment !== undefined) {
      set.extSize -= commentSize(e.comment);
      e.comment = undefined;
    }
    let c = ext.comment;
    if (c !== undefined && c.length > 0) {
      if (c.length > IPSET_MAX_COMMENT_SIZE) c = c.slice(0, IPSET_MAX_COMMENT_SIZE);
      e.comment = c;
      set.extSize += commentSize(c);
    }
  }
  if (set.extensions.skbinfo) {
    e.skbmark = ext.skbmark;
    e.skbmarkmask = ext.skbmarkmask;
    e.skbprio = ext.skbprio;
    e.skbqueue = ext.skbqueue;
  }
  if (set.extensions.timeout) e.timeout = ipSetTimeoutSet(set.ns, ext.timeout);
}

/** ip_set_ext_destroy(): frees the comment. */
export function ipSetExtDestroy(set: IpSet, e: ElemExt): void {
  if (set.extensions.comment && e.comment !== undefined) {
    set.extSize -= commentSize(e.comment);
    e.comment = undefined;
  }
}

/** ip_set_match_extensions(): a live element matches; counters are bumped (unless the match
 *  says not to) and skbinfo is handed back. */
export function ipSetMatchExtensions(set: IpSet, ext: ReqExt, flags: number, e: ElemExt, mext?: ReqExt): boolean {
  if (set.extensions.timeout && ipSetTimeoutExpired(set.ns, e.timeout)) return false;
  if (set.extensions.counter && ext.packets !== -1 && !(flags & IPSET_FLAG_SKIP_COUNTER_UPDATE)) {
    e.bytes += ext.bytes;
    e.packets += ext.packets;
  }
  if (set.extensions.skbinfo && mext) {
    mext.skbmark = e.skbmark;
    mext.skbmarkmask = e.skbmarkmask;
    mext.skbprio = e.skbprio;
    mext.skbqueue = e.skbqueue;
  }
  return true;
}

/** ip_set_put_extensions(): the extension attributes of a listed element. */
export function ipSetPutExtensions(set: IpSet, e: ElemExt, a: IpSetAttrs, timeoutLeft: number): void {
  if (set.extensions.timeout) a.timeout = timeoutLeft;
  if (set.extensions.counter) {
    a.packets = e.packets;
    a.bytes = e.bytes;
  }
  if (set.extensions.comment && e.comment !== undefined) a.comment = e.comment;
  if (set.extensions.skbinfo) {
    if (e.skbmark || e.skbmarkmask) {
      a.skbmark = e.skbmark;
      a.skbmarkmask = e.skbmarkmask;
    }
    if (e.skbprio) a.skbprio = e.skbprio;
    if (e.skbqueue) a.skbqueue = e.skbqueue;
  }
}

/** ip_set_put_flags(): the set-wide extension flags of a header. */
export function ipSetPutFlags(set: IpSet, h: IpSetHeader): void {
  if (set.extensions.timeout) h.timeout = set.timeout;
  let f = 0;
  if (set.extensions.counter) f |= IPSET_FLAG_WITH_COUNTERS;
  if (set.extensions.comment) f |= IPSET_FLAG_WITH_COMMENT;
  if (set.extensions.skbinfo) f |= IPSET_FLAG_WITH_SKBINFO;
  if (set.forceadd) f |= IPSET_FLAG_WITH_FORCEADD;
  h.cadtFlags = f;
}

/** ip_set_eexist() */
export function ipSetEexist(ret: number, flags: number): boolean {
  return ret === -IPSET_ERR_EXIST && (flags & IPSET_FLAG_EXIST) !== 0;
}

/** ip_set_enomatch(): testing for a nomatch element, asked as nomatch. */
export function ipSetEnomatch(ret: number, flags: number, adt: IpSetAdt): boolean {
  return adt === 'test' && ((flags >>> 16) & 4) !== 0 && (ret > 0 || ret === -39);
}

// ---------------------------------------------------------------------------------------
// Commands (the nfnetlink callbacks)

export interface IpSetCreateReq {
  name: string;
  typename: string;
  revision: number;
  family: number;
  data: IpSetCreateAttrs;
  flags: number;
}

/** ip_set_create() */
export function ipSetCreate(ns: Netns, req: IpSetCreateReq): number {
  if (req.name.length === 0 || Buffer.byteLength(req.name) >= IPSET_MAXNAMELEN) return -IPSET_ERR_PROTOCOL;
  const type = ipSetFindType(req.typename, req.family);
  if (!type || req.revision < type.revisionMin || req.revision > type.revisionMax) return -IPSET_ERR_FIND_TYPE;
  if (type.family === NFPROTO_UNSPEC && req.family !== NFPROTO_IPV4 && req.family !== NFPROTO_IPV6 &&
    req.family !== NFPROTO_UNSPEC) return -IPSET_ERR_INVALID_FAMILY;
  const cadt = req.data.cadtFlags ?? 0;
  const set: IpSet = {
    name: req.name, type, family: req.family, revision: req.revision, ref: 0, refNetlink: 0, ns,
    variant: undefined as unknown as IpSetVariant, data: undefined, timeout: IPSET_NO_TIMEOUT,
    extensions: {
      timeout: req.data.timeout !== undefined,
      counter: (cadt & IPSET_FLAG_WITH_COUNTERS) !== 0,
      comment: (cadt & IPSET_FLAG_WITH_COMMENT) !== 0,
      skbinfo: (cadt & IPSET_FLAG_WITH_SKBINFO) !== 0,
    },
    forceadd: (cadt & IPSET_FLAG_WITH_FORCEADD) !== 0,
    dsize: 0, extSize: 0,
  };
  const ret = type.create(ns, set, req.data);
  if (ret) return ret;
  // find_free_id(): a clash with an existing name, else the first free slot
  const inst = ipSetPernet(ns);
  const clash = findSet(ns, req.name);
  if (clash) {
    const same = (req.flags & IPSET_FLAG_EXIST) !== 0 && clash.type === set.type &&
      clash.family === set.family && set.variant.sameSet(set, clash);
    set.variant.destroy(set);
    return same ? 0 : -EEXIST;
  }
  let index = inst.sets.findIndex((s) => s === undefined);
  if (index < 0) index = inst.sets.length;
  if (index >= IP_SET_MAX) {
    set.variant.destroy(set);
    return -IPSET_ERR_MAX_SETS;
  }
  inst.sets[index] = set;
  return 0;
}

/** ip_set_destroy(): one set, or every set when `name` is undefined. */
export function ipSetDestroy(ns: Netns, name?: string): number {
  const inst = ipSetPernet(ns);
  if (name === undefined) {
    if (inst.sets.some((s) => s && (s.ref || s.refNetlink))) return -IPSET_ERR_BUSY;
    for (const s of inst.sets) s?.variant.destroy(s);
    inst.sets = [];
    return 0;
  }
  const found = findSetAndId(ns, name);
  if (!found) return -ENOENT;
  const [set, i] = found;
  if (set.ref || set.refNetlink) return -IPSET_ERR_BUSY;
  set.variant.destroy(set);
  inst.sets[i] = undefined;
  while (inst.sets.length && inst.sets[inst.sets.length - 1] === undefined) inst.sets.pop();
  return 0;
}

/** ip_set_flush() */
export function ipSetFlush(ns: Netns, name?: string): number {
  if (name === undefined) {
    for (const s of ipSetPernet(ns).sets) s?.variant.flush(s);
    return 0;
  }
  const set = findSet(ns, name);
  if (!set) return -ENOENT;
  set.variant.flush(set);
  return 0;
}

/** ip_set_rename() */
export function ipSetRename(ns: Netns, from: string, to: string): number {
  const set = findSet(ns, from);
  if (!set) return -ENOENT;
  if (set.ref || set.refNetlink) return -IPSET_ERR_REFERENCED;
  if (findSet(ns, to)) return -IPSET_ERR_EXIST_SETNAME2;
  set.name = to;
  return 0;
}

/** ip_set_swap(): the two sets exchange names, slots and references, so a rule pointing at
 *  the first name now sees the second set's content. */
export function ipSetSwap(ns: Netns, from: string, to: string): number {
  const a = findSetAndId(ns, from);
  if (!a) return -ENOENT;
  const b = findSetAndId(ns, to);
  if (!b) return -IPSET_ERR_EXIST_SETNAME2;
  const [fs, fi] = a;
  const [ts, ti] = b;
  if (fs.type !== ts.type || fs.family !== ts.family) return -IPSET_ERR_TYPE_MISMATCH;
  if (fs.refNetlink || ts.refNetlink) return -16;
  const sets = ipSetPernet(ns).sets;
  [fs.name, ts.name] = [ts.name, fs.name];
  [fs.ref, ts.ref] = [ts.ref, fs.ref];
  sets[fi] = ts;
  sets[ti] = fs;
  return 0;
}

export interface IpSetHeaderReply {
  name: string;
  typename: string;
  revision: number;
  family: number;
}

/** ip_set_header(): the type of a set, which userspace asks for before parsing an element. */
export function ipSetHeader(ns: Netns, name: string): IpSetHeaderReply | number {
  const set = findSet(ns, name);
  if (!set) return -ENOENT;
  return { name: set.name, typename: set.type.name, revision: set.revision, family: set.family };
}

/** ip_set_type(): the revisions the kernel has of a type (IPSET_CMD_TYPE). */
export function ipSetTypeRevisions(typename: string, family: number): [number, number] | number {
  const t = ipSetFindType(typename, family);
  if (!t) return -IPSET_ERR_FIND_TYPE;
  return [t.revisionMin, t.revisionMax];
}

export interface IpSetDump {
  name: string;
  typename: string;
  revision: number;
  family: number;
  header: IpSetHeader;
  /** Undefined when only the header was asked for (-terse, -name). */
  members: IpSetAttrs[] | undefined;
}

/** ip_set_dump_do(): LIST/SAVE of one set or all sets, in slot order. */
export function ipSetDump(ns: Netns, name: string | undefined, withMembers = true): IpSetDump[] | number {
  const inst = ipSetPernet(ns);
  let sets: IpSet[];
  if (name !== undefined) {
    const s = findSet(ns, name);
    if (!s) return -ENOENT;
    sets = [s];
  } else {
    sets = inst.sets.filter((s): s is IpSet => s !== undefined);
  }
  return sets.map((s) => ({
    name: s.name, typename: s.type.name, revision: s.revision, family: s.family,
    header: s.variant.head(s), members: withMembers ? s.variant.list(s) : undefined,
  }));
}

/** call_ad(): one element, retried after the table grew (-EAGAIN) or a range paused (-ERANGE). */
function callAd(set: IpSet, attrs: IpSetAttrs, adt: IpSetAdt, flags: number): number {
  let retried = false;
  for (let guard = 0; guard < 64; guard++) {
    let ret = set.variant.uadt(set, attrs, adt, flags, retried);
    retried = true;
    if (ret === -ERANGE) continue;
    if (ret === -EAGAIN && set.variant.resize) {
      ret = set.variant.resize(set, retried);
      if (ret === 0) continue;
    }
    return ret;
  }
  return -EAGAIN;
}

export interface IpSetAdReply {
  ret: number;
  /** The line number of the element that failed (restore mode). */
  lineno: number;
}

/** ip_set_ad(): ADD or DEL of the request's elements, in order; the first failure stops it. */
export function ipSetAd(ns: Netns, name: string, adt: 'add' | 'del', elems: IpSetAttrs[], flags: number): IpSetAdReply {
  const set = findSet(ns, name);
  if (!set) return { ret: -ENOENT, lineno: 0 };
  for (const e of elems) {
    const ret = callAd(set, e, adt, flags);
    if (ret < 0 && !ipSetEexist(ret, flags)) return { ret, lineno: e.lineno ?? 0 };
  }
  return { ret: 0, lineno: 0 };
}

/** ip_set_utest(): 0 when the element is in the set, -IPSET_ERR_EXIST otherwise (whatever
 *  the reason: an out-of-range or invalid element is simply not in the set). */
export function ipSetUtest(ns: Netns, name: string, elem: IpSetAttrs): number {
  const set = findSet(ns, name);
  if (!set) return -ENOENT;
  let ret = set.variant.uadt(set, elem, 'test', 0, false);
  if (ret === -EAGAIN) ret = 1;
  return ret > 0 ? 0 : -IPSET_ERR_EXIST;
}

// ---------------------------------------------------------------------------------------
// The in-kernel API (include/linux/netfilter/ipset/ip_set.h) for the set match and SET target.
//
//   const id = ipSetGetByName(ns, 'blocklist');        // at rule insertion: takes a reference
//   ipSetTest(ns, id, pkt, ['src'])                     // per packet: true when it matches
//   ipSetAdd(ns, id, pkt, ['src', 'dst'], { timeout })  // SET --add-set
//   ipSetDel(ns, id, pkt, ['src'])                      // SET --del-set
//   ipSetPutByIndex(ns, id)                             // at rule deletion
//
// `dirs` lists, per dimension of the set, whether that dimension is taken from the packet's
// source or destination (xt_set's --match-set NAME src,dst). A packet is described by
// IpSetPacket; ipSetPacketFromSkb() builds one from an skb whose network header is at `nh`.

/** ip_set_get_byname(): the set's index, with a reference taken; undefined when none. */
export function ipSetGetByName(ns: Netns, name: string): number | undefined {
  const found = findSetAndId(ns, name);
  if (!found) return undefined;
  found[0].ref++;
  return found[1];
}

/** ip_set_put_byindex(): drops the reference ipSetGetByName() took. */
export function ipSetPutByIndex(ns: Netns, index: number): void {
  const set = ipSetPernet(ns).sets[index];
  if (set && set.ref > 0) set.ref--;
}

/** ip_set_name_byindex() */
export function ipSetNameByIndex(ns: Netns, index: number): string | undefined {
  return ipSetPernet(ns).sets[index]?.name;
}

/** A set's index by name without taking a reference (ip_set_nfnl_get_byindex's lookup). */
export function ipSetByName(ns: Netns, name: string): number | undefined {
  return findSetAndId(ns, name)?.[1];
}

function kernelAdt(ns: Netns, index: number, pkt: IpSetPacket, dirs: IpSetDir[], adt: IpSetAdt,
  opt: Partial<IpSetAdtOpt>): number {
  const set = ipSetPernet(ns).sets[index];
  if (!set) return 0;
  // ip_set_test(): a set of the other family never matches
  if (set.family !== NFPROTO_UNSPEC && set.family !== (pkt.family === 4 ? NFPROTO_IPV4 : NFPROTO_IPV6)) return 0;
  const o: IpSetAdtOpt = { dirs: dirs.map((d) => d === 'src'), cmdflags: opt.cmdflags ?? 0, timeout: opt.timeout };
  return set.variant.kadt(set, pkt, adt, o);
}

/** ip_set_test(): whether the packet matches the set (a nomatch element answers false). */
export function ipSetTest(ns: Netns, index: number, pkt: IpSetPacket, dirs: IpSetDir[],
  opt: Partial<IpSetAdtOpt> = {}): boolean {
  const ret = kernelAdt(ns, index, pkt, dirs, 'test', opt);
  if (ret === -EAGAIN) return true;
  return ret > 0;
}

/** ip_set_add(): the SET target's --add-set (--exist refreshes the timeout). */
export function ipSetAdd(ns: Netns, index: number, pkt: IpSetPacket, dirs: IpSetDir[],
  opt: Partial<IpSetAdtOpt> = {}): number {
  return kernelAdt(ns, index, pkt, dirs, 'add', opt);
}

/** ip_set_del(): the SET target's --del-set. */
export function ipSetDel(ns: Netns, index: number, pkt: IpSetPacket, dirs: IpSetDir[],
  opt: Partial<IpSetAdtOpt> = {}): number {
  return kernelAdt(ns, index, pkt, dirs, 'del', opt);
}

/** The packet fields a set looks at, read from an IPv4 or IPv6 packet at `nh` in skb.buf
 *  (ip_set_get_ip4_port() / ip_set_get_ip6_port()). */
export function ipSetPacketFromSkb(skb: SkBuff, nh: number, indev = '', outdev = ''): IpSetPacket | undefined {
  const b = skb.buf;
  if (nh + 1 > b.length) return undefined;
  const version = b[nh]! >> 4;
  let proto: number, l4: number, saddr: Uint8Array, daddr: Uint8Array, fragOff = 0, family: 4 | 6;
  if (version === 4) {
    if (nh + 20 > b.length) return undefined;
    family = 4;
    proto = b[nh + 9]!;
    l4 = nh + (b[nh]! & 0x0f) * 4;
    saddr = b.slice(nh + 12, nh + 16);
    daddr = b.slice(nh + 16, nh + 20);
    fragOff = ((b[nh + 6]! << 8) | b[nh + 7]!) & 0x1fff;
  } else if (version === 6) {
    if (nh + 40 > b.length) return undefined;
    family = 6;
    saddr = b.slice(nh + 8, nh + 24);
    daddr = b.slice(nh + 24, nh + 40);
    proto = b[nh + 6]!;
    l4 = nh + 40;
    // ipv6_skip_exthdr(): hop-by-hop, routing, destination options, fragment
    for (let guard = 0; guard < 8 && (proto === 0 || proto === 43 || proto === 60 || proto === 44); guard++) {
      if (l4 + 8 > b.length) return undefined;
      const next = b[l4]!;
      if (proto === 44) {
        fragOff = ((b[l4 + 2]! << 8) | b[l4 + 3]!) & 0xfff8;
        l4 += 8;
      } else {
        l4 += (b[l4 + 1]! + 1) * 8;
      }
      proto = next;
    }
  } else {
    return undefined;
  }
  let ports: IpSetPacket['ports'];
  if (fragOff === 0 && l4 + 4 <= b.length) {
    if (proto === 1 || proto === 58) ports = { sport: (b[l4]! << 8) | b[l4 + 1]!, dport: 0 };
    else ports = { sport: (b[l4]! << 8) | b[l4 + 1]!, dport: (b[l4 + 2]! << 8) | b[l4 + 3]! };
  }
  const nb = skb.nfBridge as { physindev?: { name: string }; physoutdev?: { name: string } } | undefined;
  return {
    family, saddr, daddr, proto, ports, len: b.length - nh, indev, outdev,
    physindev: nb?.physindev?.name, physoutdev: nb?.physoutdev?.name,
  };
}

/** For type modules: whether `flags` has IPSET_FLAG_EXIST. */
export function ipSetFlagExist(flags: number): boolean {
  return (flags & IPSET_FLAG_EXIST) !== 0;
}

export { IPSET_NO_TIMEOUT };
