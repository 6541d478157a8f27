// net/ipv6/netfilter/ip6t_REJECT.c: drop the packet and answer with an ICMPv6 destination
// unreachable (nf_send_unreach6()) or a TCP reset (nf_send_reset6()).
import { xtRegisterTarget } from './x_tables.js';
import { NF_DROP } from '../ipv6/netfilter.js';
import { NFPROTO_IPV6 } from './core.js';
import { nfSendUnreach6, nfSendReset6 } from './nf_reject_ipv6.js';

/** struct ip6t_reject_info: `code` is the ICMPv6 unreachable code, -1 for tcp-reset. */
export interface Reject6Info {
  with: string;
  code: number;
}

xtRegisterTarget<Reject6Info>({
  name: 'REJECT',
  family: NFPROTO_IPV6,
  target(p, info) {
    if (info.code >= 0) nfSendUnreach6(p.ns, p.skb, info.code, p.hook);
    else nfSendReset6(p.ns, p.skb, p.hook);
    return NF_DROP;
  },
});
