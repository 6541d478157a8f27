// ip_route_me_harder() (net/ipv4/netfilter.c): a locally generated packet whose addresses or
// mark a hook changed is routed again, from the packet's own fields.
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import { ipRouteOutputKey, type Rtable } from '../ipv4/route.js';
import { inetAddrTypeDevTable } from '../ipv4/ip_output.js';
import { RT_SCOPE_UNIVERSE, RTN_LOCAL, RTN_UNICAST, RTN_UNSPEC } from '../ipv4/route_types.js';
import { u32 } from './x_tables.js';

/** True when the packet has a route again; false when there is none (the caller drops it).
 *  A source address that is ours or unicast (a RST sent in another host's name) is kept, with
 *  FLOWI_FLAG_ANYSRC; `addrType` is its type when the caller knows it (RTN_UNSPEC: look it up
 *  in the table of the current route's device). */
export function ipRouteMeHarder(ns: Netns, skb: SkBuff, addrType = RTN_UNSPEC): boolean {
  const b = skb.buf, o = skb.off;
  const saddr = u32(b, o + 12), daddr = u32(b, o + 16);
  if (addrType === RTN_UNSPEC) addrType = inetAddrTypeDevTable(ns, (skb.dst as Rtable | undefined)?.dev, saddr);
  const keep = addrType === RTN_LOCAL || addrType === RTN_UNICAST;
  const proto = b[o + 9]!;
  const ports = proto === 6 || proto === 17 ? o + (b[o]! & 0x0f) * 4 : -1;
  const rt = ipRouteOutputKey(ns, daddr, keep ? saddr : 0, 0, skb.mark, b[o + 1]!, RT_SCOPE_UNIVERSE, proto,
    ports < 0 ? 0 : (b[ports]! << 8) | b[ports + 1]!, ports < 0 ? 0 : (b[ports + 2]! << 8) | b[ports + 3]!, 0, keep);
  if (typeof rt === 'number') return false;
  skb.dst = rt;
  skb.dev = rt.dev;
  return true;
}
