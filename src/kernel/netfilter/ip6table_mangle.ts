// net/ipv6/netfilter/ip6table_mangle.c: the IPv6 mangle table on all five hooks
// (NF_IP6_PRI_MANGLE). ip6t_mangle_out(): a locally generated packet whose addresses, mark,
// hop limit or flow label (the header's first word) the table changed is routed again.
import {
  NF_ACCEPT, NF_DROP, NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_FORWARD, NF_INET_LOCAL_OUT,
  NF_INET_POST_ROUTING, ip6RouteMeHarder,
} from '../ipv6/netfilter.js';
import { NF_IP_PRI_MANGLE } from './core.js';
import { ip6tRegisterTable } from './ip6_tables.js';

/** The header bytes whose change means a new route: the first word (version, traffic class,
 *  flow label), the hop limit, the addresses. */
function routeKey(b: Uint8Array, o: number): string {
  let s = '';
  for (const i of [0, 1, 2, 3, 7]) s += String.fromCharCode(b[o + i]!);
  for (let i = 8; i < 40; i++) s += String.fromCharCode(b[o + i]!);
  return s;
}

ip6tRegisterTable('mangle', NF_IP_PRI_MANGLE, [
  ['PREROUTING', NF_INET_PRE_ROUTING], ['INPUT', NF_INET_LOCAL_IN], ['FORWARD', NF_INET_FORWARD],
  ['OUTPUT', NF_INET_LOCAL_OUT], ['POSTROUTING', NF_INET_POST_ROUTING],
], (walk) => (ns, hook, skb, indev, outdev) => {
  if (hook !== NF_INET_LOCAL_OUT) return walk(ns, hook, skb, indev, outdev);
  const o = skb.networkOffset;
  const before = routeKey(skb.buf, o), mark = skb.mark;
  const v = walk(ns, hook, skb, indev, outdev);
  if (v !== NF_ACCEPT) return v;
  if (skb.mark !== mark || routeKey(skb.buf, skb.networkOffset) !== before) {
    if (ip6RouteMeHarder(ns, skb, outdev) !== 0) return NF_DROP;
  }
  return v;
});
