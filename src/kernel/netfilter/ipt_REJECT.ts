// net/ipv4/netfilter/ipt_REJECT.c: drop the packet and answer with an ICMP error
// (nf_send_unreach() → icmp_send(), with its own checks and rate limit) or a TCP reset
// (nf_send_reset()).
import { xtRegisterTarget } from './x_tables.js';
import { NFPROTO_IPV4 } from './core.js';
import { NF_DROP } from '../ipv4/ip_input.js';
import { icmpSend } from '../ipv4/icmp.js';
import { ICMP_DEST_UNREACH } from '../../wire/icmp.js';
import { nfSendReset } from './nf_reject_ipv4.js';

/** struct ipt_reject_info (and ip6t_reject_info): `code` is the ICMP (ICMPv6) unreachable
 *  code, -1 for tcp-reset. */
export interface RejectInfo {
  with: string;
  code: number;
}

xtRegisterTarget<RejectInfo>({
  name: 'REJECT',
  family: NFPROTO_IPV4,
  target(p, info) {
    if (info.code >= 0) icmpSend(p.ns, p.skb, ICMP_DEST_UNREACH, info.code, 0);
    else nfSendReset(p.ns, p.skb, p.hook);
    return NF_DROP;
  },
});
