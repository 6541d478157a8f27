// <linux/rtnetlink.h>: route types, scopes, protocols and the well-known table ids.

export const RTN_UNSPEC = 0, RTN_UNICAST = 1, RTN_LOCAL = 2, RTN_BROADCAST = 3, RTN_ANYCAST = 4,
  RTN_MULTICAST = 5, RTN_BLACKHOLE = 6, RTN_UNREACHABLE = 7, RTN_PROHIBIT = 8, RTN_THROW = 9,
  RTN_NAT = 10, RTN_XRESOLVE = 11;

export const RT_SCOPE_UNIVERSE = 0, RT_SCOPE_SITE = 200, RT_SCOPE_LINK = 253,
  RT_SCOPE_HOST = 254, RT_SCOPE_NOWHERE = 255;

export const RTPROT_UNSPEC = 0, RTPROT_REDIRECT = 1, RTPROT_KERNEL = 2, RTPROT_BOOT = 3,
  RTPROT_STATIC = 4;

export const RT_TABLE_UNSPEC = 0, RT_TABLE_COMPAT = 252, RT_TABLE_DEFAULT = 253,
  RT_TABLE_MAIN = 254, RT_TABLE_LOCAL = 255;

export const RTNH_F_DEAD = 1, RTNH_F_PERVASIVE = 2, RTNH_F_ONLINK = 4, RTNH_F_OFFLOAD = 8,
  RTNH_F_LINKDOWN = 16, RTNH_F_UNRESOLVED = 32;

/** The error a lookup that hits each route type returns (fib_props[]). */
export function routeTypeError(type: number): number {
  switch (type) {
    case RTN_BLACKHOLE: return 22; // EINVAL
    case RTN_UNREACHABLE: return 113; // EHOSTUNREACH
    case RTN_PROHIBIT: return 13; // EACCES
    case RTN_THROW: return 11; // EAGAIN
    default: return 0;
  }
}
