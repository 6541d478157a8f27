// ip_route_me_harder() (net/ipv4/netfilter.c): a locally generated packet whose addresses or
// mark a hook changed is routed again, from the packet's own fields.
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import { ipRouteOutputKey, inetLookupIfaddr } from '../ipv4/route.js';
import { RT_SCOPE_UNIVERSE } from '../ipv4/route_types.js';
import { u32 } from './x_tables.js';

/** True when the packet has a route again; false when there is none (the caller drops it). */
export function ipRouteMeHarder(ns: Netns, skb: SkBuff): boolean {
  const b = skb.buf, o = skb.off;
  const saddr = u32(b, o + 12), daddr = u32(b, o + 16);
  // A source that is still one of ours is kept in the flow; a translated one is not.
  const src = inetLookupIfaddr(ns, saddr) ? saddr : 0;
  const rt = ipRouteOutputKey(ns, daddr, src, 0, skb.mark, b[o + 1]!, RT_SCOPE_UNIVERSE, b[o + 9]!, 0, 0, 0, true);
  if (typeof rt === 'number') return false;
  skb.dst = rt;
  skb.dev = rt.dev;
  return true;
}
