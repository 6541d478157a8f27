// net/ipv6/netfilter/ip6table_nat.c: the IPv6 nat table's chains, so that it can be listed,
// saved and restored. netsim tracks IPv6 connections not yet, which NAT needs: the table has
// no hooks, its rules never see a packet, and the NAT targets are IPv4's only.
import { NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING } from '../ipv6/netfilter.js';
import { NFPROTO_IPV6 } from './core.js';
import { xtRegisterTable, builtinChain } from './x_tables.js';

xtRegisterTable('nat', () => ({
  name: 'nat',
  chains: new Map([
    ['PREROUTING', builtinChain('PREROUTING', NF_INET_PRE_ROUTING)],
    ['INPUT', builtinChain('INPUT', NF_INET_LOCAL_IN)],
    ['OUTPUT', builtinChain('OUTPUT', NF_INET_LOCAL_OUT)],
    ['POSTROUTING', builtinChain('POSTROUTING', NF_INET_POST_ROUTING)],
  ]),
}), NFPROTO_IPV6);
