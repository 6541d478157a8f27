// net/ipv4/netfilter/iptable_nat.c: the nat table's chains. Its hooks are nf_nat_core's
// (the table is walked only for a connection's first packet in each direction of manip).
import { NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING } from '../ipv4/ip_input.js';
import { xtRegisterTable, builtinChain } from './x_tables.js';
import './nf_nat_core.js';

/** The nat table's built-in chains, the same in both families (ip6table_nat.ts). */
export const natTable = () => ({
  name: 'nat',
  chains: new Map([
    ['PREROUTING', builtinChain('PREROUTING', NF_INET_PRE_ROUTING)],
    ['INPUT', builtinChain('INPUT', NF_INET_LOCAL_IN)],
    ['OUTPUT', builtinChain('OUTPUT', NF_INET_LOCAL_OUT)],
    ['POSTROUTING', builtinChain('POSTROUTING', NF_INET_POST_ROUTING)],
  ]),
});

xtRegisterTable('nat', natTable);
