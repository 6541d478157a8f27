// include/linux/netfilter/ipset/ip_set.h, ip_set_timeout.h, ip_set_counter.h, ip_set_comment.h,
// ip_set_skbinfo.h, pfxlen.h: what every set type shares — the error numbers and flags of the
// ipset netlink protocol, the attributes a request carries, the extensions an element may have
// (timeout, counters, comment, skbinfo) and their sizes, and the address helpers.
import type { Netns } from '../../net_namespace.js';

/** IPSET_PROTOCOL */
export const IPSET_PROTOCOL = 7;
export const IPSET_MAXNAMELEN = 32;
export const IPSET_MAX_COMMENT_SIZE = 255;
/** CONFIG_IP_SET_MAX: the sets one namespace may hold. */
export const IP_SET_MAX = 256;

/** enum ipset_errno (and the type-specific ones, which start at IPSET_ERR_TYPE_SPECIFIC). */
export const IPSET_ERR_PRIVATE = 4096, IPSET_ERR_PROTOCOL = 4097, IPSET_ERR_FIND_TYPE = 4098,
  IPSET_ERR_MAX_SETS = 4099, IPSET_ERR_BUSY = 4100, IPSET_ERR_EXIST_SETNAME2 = 4101,
  IPSET_ERR_TYPE_MISMATCH = 4102, IPSET_ERR_EXIST = 4103, IPSET_ERR_INVALID_CIDR = 4104,
  IPSET_ERR_INVALID_NETMASK = 4105, IPSET_ERR_INVALID_FAMILY = 4106, IPSET_ERR_TIMEOUT = 4107,
  IPSET_ERR_REFERENCED = 4108, IPSET_ERR_IPADDR_IPV4 = 4109, IPSET_ERR_IPADDR_IPV6 = 4110,
  IPSET_ERR_COUNTER = 4111, IPSET_ERR_COMMENT = 4112, IPSET_ERR_INVALID_MARKMASK = 4113,
  IPSET_ERR_SKBINFO = 4114, IPSET_ERR_TYPE_SPECIFIC = 4352;
/** ip_set_hash.h */
export const IPSET_ERR_HASH_FULL = 4352, IPSET_ERR_HASH_ELEM = 4353, IPSET_ERR_INVALID_PROTO = 4354,
  IPSET_ERR_MISSING_PROTO = 4355, IPSET_ERR_HASH_RANGE_UNSUPPORTED = 4356, IPSET_ERR_HASH_RANGE = 4357;
/** ip_set_bitmap.h */
export const IPSET_ERR_BITMAP_RANGE = 4352, IPSET_ERR_BITMAP_RANGE_SIZE = 4353;

export const ENOENT = 2, EEXIST = 17, EINVAL = 22, ERANGE = 34, EAGAIN = 11, ENOTEMPTY = 39,
  EBUSY = 16, EMSGSIZE = 90;

/** enum ipset_cmd_flags / enum ipset_cadt_flags */
export const IPSET_FLAG_EXIST = 1 << 0;
export const IPSET_FLAG_BEFORE = 1 << 0, IPSET_FLAG_PHYSDEV = 1 << 1, IPSET_FLAG_NOMATCH = 1 << 2,
  IPSET_FLAG_WITH_COUNTERS = 1 << 3, IPSET_FLAG_WITH_COMMENT = 1 << 4,
  IPSET_FLAG_WITH_FORCEADD = 1 << 5, IPSET_FLAG_WITH_SKBINFO = 1 << 6,
  IPSET_FLAG_IFACE_WILDCARD = 1 << 7;
/** The match flags of xt_set (enum ipset_cmd_flags, upper half). */
export const IPSET_FLAG_SKIP_COUNTER_UPDATE = 1 << 3, IPSET_FLAG_SKIP_SUBCOUNTER_UPDATE = 1 << 4,
  IPSET_FLAG_MATCH_COUNTERS = 1 << 5, IPSET_FLAG_RETURN_NOMATCH = 1 << 7;

export const NFPROTO_UNSPEC = 0, NFPROTO_IPV4 = 2, NFPROTO_IPV6 = 10;

export type IpSetAdt = 'add' | 'del' | 'test';

/** The IPSET_ATTR_* of one element in an ADD/DEL/TEST request or a LIST reply.
 *  Addresses are network-order bytes (4 or 16). */
export interface IpSetAttrs {
  ip?: Uint8Array;
  ipTo?: Uint8Array;
  cidr?: number;
  port?: number;
  portTo?: number;
  proto?: number;
  iface?: string;
  cadtFlags?: number;
  timeout?: number;
  packets?: number;
  bytes?: number;
  comment?: string;
  skbmark?: number;
  skbmarkmask?: number;
  skbprio?: number;
  skbqueue?: number;
  lineno?: number;
}

/** The IPSET_ATTR_* of a CREATE request (type-specific data). */
export interface IpSetCreateAttrs {
  hashsize?: number;
  maxelem?: number;
  timeout?: number;
  cadtFlags?: number;
  initval?: number;
  bucketsize?: number;
  port?: number;
  portTo?: number;
}

/** A set's header as a LIST/HEADER reply carries it (mtype_head()). */
export interface IpSetHeader {
  hashsize?: number;
  maxelem?: number;
  bucketsize?: number;
  initval?: number;
  port?: number;
  portTo?: number;
  timeout?: number;
  cadtFlags: number;
  references: number;
  memsize: number;
  elements: number;
}

// ---------------------------------------------------------------------------------------
// Extensions: struct ip_set_ext and the per-element extension data

/** enum ip_set_extension: which extensions a set's elements carry. */
export interface IpSetExtensions {
  timeout: boolean;
  counter: boolean;
  comment: boolean;
  skbinfo: boolean;
}

/** The extension data of one stored element. `timeout` is the expiry on the world clock in ms
 *  (IPSET_ELEM_PERMANENT: 0). */
export interface ElemExt {
  timeout: number;
  packets: number;
  bytes: number;
  comment: string | undefined;
  skbmark: number;
  skbmarkmask: number;
  skbprio: number;
  skbqueue: number;
}

/** struct ip_set_ext: the extension values of a request (IP_SET_INIT_UEXT / IP_SET_INIT_KEXT). */
export interface ReqExt {
  timeout: number;
  /** -1: not given (ULLONG_MAX in the kernel). */
  packets: number;
  bytes: number;
  comment: string | undefined;
  skbmark: number;
  skbmarkmask: number;
  skbprio: number;
  skbqueue: number;
  /** Set by the SET target and the set match (mext): kernel-side. */
  target: boolean;
}

export function newElemExt(): ElemExt {
  return { timeout: 0, packets: 0, bytes: 0, comment: undefined, skbmark: 0, skbmarkmask: 0, skbprio: 0, skbqueue: 0 };
}

/** ip_set_extensions[]: length and alignment of each extension in the element's memory. */
const EXT_LAYOUT: [keyof IpSetExtensions, number, number][] = [
  ['timeout', 8, 8], // unsigned long
  ['counter', 16, 8], // struct ip_set_counter
  ['comment', 8, 8], // struct ip_set_comment (a pointer)
  ['skbinfo', 16, 4], // struct ip_set_skbinfo
];

function align(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** ip_set_elem_len(): the size of an element with its extensions (set->dsize). */
export function ipSetElemLen(ext: IpSetExtensions, len: number, alignment: number): number {
  let a = alignment || 1;
  for (const [id, l, al] of EXT_LAYOUT) {
    if (!ext[id]) continue;
    if (a < al) a = al;
    len = align(len, al) + l;
  }
  return align(len, a);
}

/** The memory a comment takes: struct ip_set_comment_rcu (an rcu_head) + the string + NUL. */
export function commentSize(c: string): number {
  return 16 + Buffer.byteLength(c) + 1;
}

// ---------------------------------------------------------------------------------------
// Timeouts (ip_set_timeout.h), on the world clock

export const IPSET_NO_TIMEOUT = -1;
/** IPSET_GC_TIME: the garbage collector runs every timeout/3 seconds (at least every second). */
export const IPSET_GC_TIME = 3;
export function ipsetGcPeriod(timeout: number): number {
  return Math.max(Math.floor(timeout / IPSET_GC_TIME), 1);
}
/** UINT_MAX / MSEC_PER_SEC: what ip_set_timeout_uget() clamps to. */
export const IPSET_MAX_TIMEOUT = Math.floor(0xffffffff / 1000);

/** Milliseconds the world clock has run. */
export function ipsetNow(ns: Netns): number {
  return ns.kernel.clock.now();
}

/** A command on a real machine runs some milliseconds after the one before it; the virtual
 *  clock stands still between commands. Expiry and the remaining time a listing shows are
 *  therefore judged as that much later, which is what the kernel's jiffies then show (an
 *  element added with timeout 10 lists as 9 at once, and is gone after `sleep 10`). */
const SKEW_MS = 1;

/** ip_set_timeout_set(): the expiry of an element with `value` seconds to live (0: permanent). */
export function ipSetTimeoutSet(ns: Netns, value: number): number {
  if (!value) return 0;
  return ipsetNow(ns) + value * 1000;
}

/** ip_set_timeout_expired() */
export function ipSetTimeoutExpired(ns: Netns, t: number): boolean {
  return t !== 0 && ipsetNow(ns) + SKEW_MS > t;
}

/** ip_set_timeout_get(): the seconds left as listed (0: permanent, never 0 for a live one). */
export function ipSetTimeoutGet(ns: Netns, t: number): number {
  if (t === 0) return 0;
  const s = Math.floor((t - ipsetNow(ns) - SKEW_MS) / 1000);
  return s <= 0 ? 1 : s;
}

// ---------------------------------------------------------------------------------------
// Addresses (pfxlen.h)

export function ip4(b: Uint8Array): number {
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

export function ip4Bytes(n: number): Uint8Array {
  return new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

/** ip_set_netmask(): the host-order mask of a prefix length. */
export function ipSetNetmask(cidr: number): number {
  return cidr === 0 ? 0 : (0xffffffff << (32 - cidr)) >>> 0;
}

/** ip6_netmask(): `addr` with the bits past `cidr` cleared (a copy). */
export function ip6Netmask(addr: Uint8Array, cidr: number): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const bits = Math.max(0, Math.min(8, cidr - i * 8));
    out[i] = addr[i]! & ((0xff00 >> bits) & 0xff);
  }
  return out;
}

/** ip_set_range_to_cidr(): the largest prefix starting at `from` that stays within `to`;
 *  returns the last address it covers and its prefix length. */
export function ipSetRangeToCidr(from: number, to: number): [number, number] {
  for (let cidr = 1; cidr <= 32; cidr++) {
    const mask = ipSetNetmask(cidr);
    const last = (from | (~mask >>> 0)) >>> 0;
    if (((from & mask) >>> 0) === from && last <= to) return [last, cidr];
  }
  return [from, 32];
}

/** ip_set_mask_from_to(): the first and last address of `ip`/`cidr`. */
export function ipSetMaskFromTo(ip: number, cidr: number): [number, number] {
  const m = ipSetNetmask(cidr);
  const from = (ip & m) >>> 0;
  return [from, (from | (~m >>> 0)) >>> 0];
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** ip_set_proto_with_ports(): the protocols whose elements carry a port. */
export function ipSetProtoWithPorts(proto: number): boolean {
  return proto === 6 || proto === 17 || proto === 132 || proto === 136;
}
