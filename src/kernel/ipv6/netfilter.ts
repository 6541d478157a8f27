// NF_HOOK(NFPROTO_IPV6, ...) (include/linux/netfilter.h) and net/ipv6/netfilter.c: the IPv6
// hook points call nfHook6(); the netfilter core installs the one function that walks the
// hook's list (core.ts). Without it every packet is accepted.
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import type { SkBuff } from '../core/skbuff.js';
import { kfreeSkbReason } from '../core/neighbour.js';
import { ip6RouteOutput, type Ip6SkbInfo } from './ip6_output.js';
import { RTN_LOCAL, RTN_ANYCAST } from './addrconf_routes.js';
import { ip6Stats } from './stats.js';

/** enum nf_inet_hooks and the verdicts (uapi linux/netfilter.h; the numbers ip_input.ts
 *  gives IPv4 are the same). */
export const NF_INET_PRE_ROUTING = 0, NF_INET_LOCAL_IN = 1, NF_INET_FORWARD = 2,
  NF_INET_LOCAL_OUT = 3, NF_INET_POST_ROUTING = 4;
export const NF_DROP = 0, NF_ACCEPT = 1, NF_STOLEN = 2;

export type NfHook6 = (ns: Netns, hook: number, skb: SkBuff, indev: NetDevice | undefined,
  outdev: NetDevice | undefined) => number;
let nfHook6Fn: NfHook6 | undefined;

/** nf_register_net_hook() for NFPROTO_IPV6, as one dispatcher. */
export function nfRegisterHook6(fn: NfHook6 | undefined): void {
  nfHook6Fn = fn;
}

/** NF_HOOK(NFPROTO_IPV6, ...): NF_ACCEPT when the packet may continue; otherwise NF_DROP (the
 *  packet is freed; nf_hook_slow() makes that -EPERM for the sender) or NF_STOLEN. */
export function nfHook6(ns: Netns, hook: number, skb: SkBuff, indev: NetDevice | undefined, outdev: NetDevice | undefined): number {
  if (!nfHook6Fn) return NF_ACCEPT;
  const v = nfHook6Fn(ns, hook, skb, indev, outdev);
  if (v === NF_DROP) kfreeSkbReason(ns, skb, 'NETFILTER_DROP', indev ?? outdev);
  return v;
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
