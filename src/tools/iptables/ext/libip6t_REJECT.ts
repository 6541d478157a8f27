// libip6t_REJECT.c: IPv6's reject table (ICMPv6 unreachable codes) for libipt_REJECT.ts's
// REJECT.
import { NFPROTO_IPV6 } from '../../../kernel/netfilter/core.js';
import { registerReject } from './libipt_REJECT.js';

registerReject(NFPROTO_IPV6, [
  ['icmp6-no-route', 'no-route', 0],
  ['icmp6-adm-prohibited', 'adm-prohibited', 1],
  ['icmp6-addr-unreachable', 'addr-unreach', 3],
  ['icmp6-port-unreachable', 'port-unreach', 4],
  ['tcp-reset', 'tcp-reset', -1],
  ['icmp6-policy-fail', 'policy-fail', 5],
  ['icmp6-reject-route', 'reject-route', 6],
], 'icmp6-port-unreachable', 'ip6t_REJECT: TCP_RESET illegal for non-tcp');
