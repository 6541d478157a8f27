// <linux/rtnetlink.h>, <linux/fib_rules.h>, <linux/in_route.h>: route types, scopes,
// protocols, the well-known table ids, flags, metrics — and the message that carries a
// route between the kernel and userspace (struct rtmsg plus its RTA_* attributes).

export const RTN_UNSPEC = 0, RTN_UNICAST = 1, RTN_LOCAL = 2, RTN_BROADCAST = 3, RTN_ANYCAST = 4,
  RTN_MULTICAST = 5, RTN_BLACKHOLE = 6, RTN_UNREACHABLE = 7, RTN_PROHIBIT = 8, RTN_THROW = 9,
  RTN_NAT = 10, RTN_XRESOLVE = 11, RTN_MAX = 11;

export const RT_SCOPE_UNIVERSE = 0, RT_SCOPE_SITE = 200, RT_SCOPE_LINK = 253,
  RT_SCOPE_HOST = 254, RT_SCOPE_NOWHERE = 255;

export const RTPROT_UNSPEC = 0, RTPROT_REDIRECT = 1, RTPROT_KERNEL = 2, RTPROT_BOOT = 3,
  RTPROT_STATIC = 4;

export const RT_TABLE_UNSPEC = 0, RT_TABLE_COMPAT = 252, RT_TABLE_DEFAULT = 253,
  RT_TABLE_MAIN = 254, RT_TABLE_LOCAL = 255, RT_TABLE_MAX = 0xffffffff;

/** rtnh_flags / rtm_flags low byte. */
export const RTNH_F_DEAD = 1, RTNH_F_PERVASIVE = 2, RTNH_F_ONLINK = 4, RTNH_F_OFFLOAD = 8,
  RTNH_F_LINKDOWN = 16, RTNH_F_UNRESOLVED = 32, RTNH_F_TRAP = 64;
/** What fib_find_info() ignores when comparing nexthop flags. */
export const RTNH_COMPARE_MASK = RTNH_F_DEAD | RTNH_F_LINKDOWN | RTNH_F_OFFLOAD | RTNH_F_TRAP;

/** rtm_flags */
export const RTM_F_NOTIFY = 0x100, RTM_F_CLONED = 0x200, RTM_F_EQUALIZE = 0x400, RTM_F_PREFIX = 0x800,
  RTM_F_LOOKUP_TABLE = 0x1000, RTM_F_FIB_MATCH = 0x2000, RTM_F_OFFLOAD = 0x4000, RTM_F_TRAP = 0x8000,
  RTM_F_OFFLOAD_FAILED = 0x20000000;

/** <linux/in_route.h>: rt_flags of a cached route (the high bits of rtm_flags in a dump). */
export const RTCF_DEAD = 0x00000001 /* RTNH_F_DEAD */, RTCF_ONLINK = 0x00000004,
  RTCF_NOTIFY = 0x00010000, RTCF_DIRECTDST = 0x00020000, RTCF_REDIRECTED = 0x00040000,
  RTCF_TPROXY = 0x00080000, RTCF_FAST = 0x00200000, RTCF_MASQ = 0x00400000, RTCF_SNAT = 0x00800000,
  RTCF_DOREDIRECT = 0x01000000, RTCF_DIRECTSRC = 0x04000000, RTCF_DNAT = 0x08000000,
  RTCF_BROADCAST = 0x10000000, RTCF_MULTICAST = 0x20000000, RTCF_REJECT = 0x40000000,
  RTCF_LOCAL = 0x80000000;

/** RTAX_* route metrics (index into the metrics array; 1 is the lock bitmap). */
export const RTAX_LOCK = 1, RTAX_MTU = 2, RTAX_WINDOW = 3, RTAX_RTT = 4, RTAX_RTTVAR = 5,
  RTAX_SSTHRESH = 6, RTAX_CWND = 7, RTAX_ADVMSS = 8, RTAX_REORDERING = 9, RTAX_HOPLIMIT = 10,
  RTAX_INITCWND = 11, RTAX_FEATURES = 12, RTAX_RTO_MIN = 13, RTAX_INITRWND = 14, RTAX_QUICKACK = 15,
  RTAX_CC_ALGO = 16, RTAX_FASTOPEN_NO_COOKIE = 17, RTAX_MAX = 17;
export const RTAX_FEATURE_ECN = 1, RTAX_FEATURE_MASK = 0xf;

/** <linux/fib_rules.h> */
export const FR_ACT_UNSPEC = 0, FR_ACT_TO_TBL = 1, FR_ACT_GOTO = 2, FR_ACT_NOP = 3,
  FR_ACT_RES3 = 4, FR_ACT_RES4 = 5, FR_ACT_BLACKHOLE = 6, FR_ACT_UNREACHABLE = 7,
  FR_ACT_PROHIBIT = 8;
export const FIB_RULE_PERMANENT = 0x01, FIB_RULE_INVERT = 0x02, FIB_RULE_UNRESOLVED = 0x04,
  FIB_RULE_IIF_DETACHED = 0x08, FIB_RULE_OIF_DETACHED = 0x10;

/** The IPv6 route preference (RTA_PREF, ICMPV6_ROUTER_PREF_*). */
export const ICMPV6_ROUTER_PREF_LOW = 3, ICMPV6_ROUTER_PREF_MEDIUM = 0, ICMPV6_ROUTER_PREF_HIGH = 1;

/** fib_props[].error: what a lookup that ends on each route type returns (negated errno). */
export function routeTypeError(type: number): number {
  switch (type) {
    case RTN_BLACKHOLE: return 22; // EINVAL
    case RTN_UNREACHABLE: return 113; // EHOSTUNREACH
    case RTN_PROHIBIT: return 13; // EACCES
    case RTN_THROW: return 11; // EAGAIN
    case RTN_NAT: return 22;
    case RTN_XRESOLVE: return 22;
    default: return 0;
  }
}

/** fib_props[].scope: the narrowest scope a route of each type may have. */
export function routeTypeScope(type: number): number {
  switch (type) {
    case RTN_UNSPEC: case RTN_NAT: case RTN_XRESOLVE: return RT_SCOPE_NOWHERE;
    case RTN_LOCAL: return RT_SCOPE_HOST;
    case RTN_BROADCAST: case RTN_ANYCAST: return RT_SCOPE_LINK;
    default: return RT_SCOPE_UNIVERSE;
  }
}

/** An address as a route message carries it: IPv4 as a uint32, IPv6 as 16 bytes. */
export type InetAddr = number | Uint8Array;

/** One struct rtnexthop of RTA_MULTIPATH. */
export interface RtNexthop {
  /** rtnh_ifindex; 0 when not given. */
  ifindex: number;
  /** rtnh_hops: weight - 1. */
  hops: number;
  flags: number;
  gateway?: InetAddr;
  flow?: number;
}

/** Route metrics as RTA_METRICS carries them: RTAX index -> value (RTAX_CC_ALGO is a name). */
export type RtMetrics = Map<number, number | string>;

/** struct rta_cacheinfo (only what gets printed). */
export interface RtCacheinfo {
  expires: number;
  error: number;
}

/** struct rtmsg and the RTA_* attributes: a route request, a dump entry, or a route-get
 *  answer. The kernel/tool boundary for routes, like a netlink message. */
export interface RtMsg {
  family: number;
  dstLen: number;
  srcLen: number;
  tos: number;
  /** rtm_table: the table id when < 256, else RT_TABLE_UNSPEC with `tableId` set. */
  table: number;
  protocol: number;
  scope: number;
  type: number;
  flags: number;
  dst?: InetAddr;
  src?: InetAddr;
  gateway?: InetAddr;
  oif?: number;
  iif?: number;
  prefsrc?: InetAddr;
  priority?: number;
  /** RTA_TABLE */
  tableId?: number;
  metrics?: RtMetrics;
  multipath?: RtNexthop[];
  flow?: number;
  mark?: number;
  uid?: number;
  cacheinfo?: RtCacheinfo;
  /** RTA_PREF (IPv6) */
  pref?: number;
  /** RTA_EXPIRES (IPv6 routes, seconds) */
  expires?: number;
  /** RTA_NEWDST etc. are not emulated. Extra get-request fields: */
  ipProto?: number;
  sport?: number;
  dport?: number;
}

/** nlmsg_flags of a route request. */
export interface NlFlags {
  create: boolean;
  excl: boolean;
  replace: boolean;
  append: boolean;
}

/** rtm_get_table(): RTA_TABLE when present, else rtm_table. */
export function rtmTable(m: RtMsg): number {
  return m.tableId ?? m.table;
}

export function emptyRtMsg(family: number): RtMsg {
  return { family, dstLen: 0, srcLen: 0, tos: 0, table: 0, protocol: 0, scope: 0, type: 0, flags: 0 };
}
