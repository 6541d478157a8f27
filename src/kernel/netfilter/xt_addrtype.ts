// net/netfilter/xt_addrtype.c: match the route type of the source and/or destination
// address (addrtype_mt_v1()), as inet_dev_addr_type() finds it in the local table.
import { xtRegisterMatch } from './x_tables.js';
import { inetAddrTypeTable } from '../ipv4/fib.js';
import { RT_TABLE_LOCAL } from '../ipv4/route_types.js';
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';

export const XT_ADDRTYPE_INVERT_SOURCE = 1, XT_ADDRTYPE_INVERT_DEST = 2,
  XT_ADDRTYPE_LIMIT_IFACE_IN = 4, XT_ADDRTYPE_LIMIT_IFACE_OUT = 8;

/** struct xt_addrtype_info_v1: `source` and `dest` are bitmasks of 1 << RTN_*. */
export interface AddrtypeInfo {
  source: number;
  dest: number;
  flags: number;
}

/** match_type() */
function matchType(ns: Netns, dev: NetDevice | undefined, addr: number, mask: number): boolean {
  return (mask & (1 << inetAddrTypeTable(ns, addr, RT_TABLE_LOCAL, dev))) !== 0;
}

xtRegisterMatch<AddrtypeInfo>({
  name: 'addrtype',
  match(p, info) {
    let dev: NetDevice | undefined;
    if (info.flags & XT_ADDRTYPE_LIMIT_IFACE_IN) dev = p.in;
    else if (info.flags & XT_ADDRTYPE_LIMIT_IFACE_OUT) dev = p.out;
    let ret = true;
    if (info.source) ret = matchType(p.ns, dev, p.saddr, info.source) !== ((info.flags & XT_ADDRTYPE_INVERT_SOURCE) !== 0);
    if (ret && info.dest) ret = matchType(p.ns, dev, p.daddr, info.dest) !== ((info.flags & XT_ADDRTYPE_INVERT_DEST) !== 0);
    return ret;
  },
});
