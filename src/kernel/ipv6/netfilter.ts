// NF_HOOK(NFPROTO_IPV6, ...) (include/linux/netfilter.h, see core/netfilter.ts) and
// net/ipv6/netfilter.c: the IPv6 hook points call nfHook6().
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import type { SkBuff } from '../core/skbuff.js';
import { NFPROTO_IPV6, nfHook } from '../core/netfilter.js';
import { ip6RouteOutput, type Ip6SkbInfo } from './ip6_output.js';
import { RTN_LOCAL, RTN_ANYCAST } from './addrconf_routes.js';
import { ip6Stats } from './stats.js';

export {
  NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_FORWARD, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING,
  NF_DROP, NF_ACCEPT, NF_STOLEN,
} from '../core/netfilter.js';

/** NF_HOOK(NFPROTO_IPV6, ...): NF_ACCEPT when the packet may continue; otherwise NF_DROP (the
 *  packet is freed; nf_hook_slow() makes that -EPERM for the sender) or NF_STOLEN. */
export function nfHook6(ns: Netns, hook: number, skb: SkBuff, indev: NetDevice | undefined, outdev: NetDevice | undefined): number {
  return nfHook(NFPROTO_IPV6, ns, hook, skb, indev, outdev);
}

/** ip6_route_me_harder(): a locally generated packet whose addresses, mark, hop limit or
 *  flow label a LOCAL_OUT rule changed is routed again from its own header (link-local and
 *  multicast destinations stay on the device they had). 0, or the route's errno. */
export function ip6RouteMeHarder(ns: Netns, skb: SkBuff, dev: NetDevice | undefined): number {
  const b = skb.buf, o = skb.networkOffset;
  const dst = b.slice(o + 24, o + 40);
  const strict = dst[0] === 0xff || (dst[0] === 0xfe && (dst[1]! & 0xc0) === 0x80);
  const r = ip6RouteOutput(ns, { dst, src: b.slice(o + 8, o + 24), mark: skb.mark, oif: strict ? dev?.ifindex : undefined });
  if (typeof r === 'number') {
    ip6Stats(ns).OutNoRoutes++;
    return r;
  }
  const local = r.rt.type === RTN_LOCAL || r.rt.type === RTN_ANYCAST;
  skb.dst = (local ? { kind: 'ip6', localDev: r.rt.dev, rt: r.rt, out: r } : { kind: 'ip6', rt: r.rt, out: r }) satisfies Ip6SkbInfo;
  return 0;
}
