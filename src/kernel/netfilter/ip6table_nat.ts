// net/ipv6/netfilter/ip6table_nat.c: the IPv6 nat table's chains. Its hooks are nf_nat_core's
// nf_nat_ipv6_ops (the table is walked only for a connection's first packet in each direction
// of manip), at the priorities the IPv4 nat table has.
import { NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING } from '../ipv6/netfilter.js';
import { NFPROTO_IPV6 } from './core.js';
import { xtRegisterTable, builtinChain } from './x_tables.js';
import './nf_nat_core.js';

xtRegisterTable('nat', () => ({
  name: 'nat',
  chains: new Map([
    ['PREROUTING', builtinChain('PREROUTING', NF_INET_PRE_ROUTING)],
    ['INPUT', builtinChain('INPUT', NF_INET_LOCAL_IN)],
    ['OUTPUT', builtinChain('OUTPUT', NF_INET_LOCAL_OUT)],
    ['POSTROUTING', builtinChain('POSTROUTING', NF_INET_POST_ROUTING)],
  ]),
}), NFPROTO_IPV6);
