// net/ipv6/netfilter/ip6t_REJECT.c: drop the packet and answer with an ICMPv6 destination
// unreachable (nf_send_unreach6()) or a TCP reset (nf_send_reset6()).
import { xtRegisterTarget } from './x_tables.js';
import { NF_DROP } from '../ipv6/netfilter.js';
import { NFPROTO_IPV6 } from './core.js';
import { nfSendUnreach6, nfSendReset6 } from './nf_reject_ipv6.js';
import type { RejectInfo } from './ipt_REJECT.js';

/** struct ip6t_reject_info has ipt_reject_info's shape; `code` is an ICMPv6 unreachable code. */
xtRegisterTarget<RejectInfo>({
  name: 'REJECT',
  family: NFPROTO_IPV6,
  target(p, info) {
    if (info.code >= 0) nfSendUnreach6(p.ns, p.skb, info.code, p.hook);
    else nfSendReset6(p.ns, p.skb, p.hook);
    return NF_DROP;
  },
});
