// net/ipv4/netfilter/iptable_mangle.c: the mangle table on all five hooks
// (NF_IP_PRI_MANGLE). ipt_mangle_out(): a locally generated packet whose addresses, mark or
// TOS the table changed is routed again.
import {
  NF_ACCEPT, NF_DROP, NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_FORWARD, NF_INET_LOCAL_OUT,
  NF_INET_POST_ROUTING,
} from '../ipv4/ip_input.js';
import { NF_IP_PRI_MANGLE } from './core.js';
import { iptRegisterTable } from './ip_tables.js';
import { ipRouteMeHarder } from './nf_reroute.js';
import { u32 } from './x_tables.js';

iptRegisterTable('mangle', NF_IP_PRI_MANGLE, [
  ['PREROUTING', NF_INET_PRE_ROUTING], ['INPUT', NF_INET_LOCAL_IN], ['FORWARD', NF_INET_FORWARD],
  ['OUTPUT', NF_INET_LOCAL_OUT], ['POSTROUTING', NF_INET_POST_ROUTING],
], (walk) => (ns, hook, skb, indev, outdev) => {
  if (hook !== NF_INET_LOCAL_OUT) return walk(ns, hook, skb, indev, outdev);
  const b = skb.buf, o = skb.off;
  const saddr = u32(b, o + 12), daddr = u32(b, o + 16), tos = b[o + 1]!, mark = skb.mark;
  const v = walk(ns, hook, skb, indev, outdev);
  if (v !== NF_ACCEPT) return v;
  const nb = skb.buf, no = skb.off;
  if (u32(nb, no + 12) !== saddr || u32(nb, no + 16) !== daddr || nb[no + 1] !== tos || skb.mark !== mark) {
    if (!ipRouteMeHarder(ns, skb)) return NF_DROP;
  }
  return v;
});
