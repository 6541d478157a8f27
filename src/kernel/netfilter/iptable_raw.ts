// net/ipv4/netfilter/iptable_raw.c: the raw table, before conntrack (NF_IP_PRI_RAW), where
// NOTRACK / CT --notrack exempt packets from connection tracking.
import { NF_INET_PRE_ROUTING, NF_INET_LOCAL_OUT } from '../ipv4/ip_input.js';
import { NF_IP_PRI_RAW } from './core.js';
import { iptRegisterTable } from './ip_tables.js';

iptRegisterTable('raw', NF_IP_PRI_RAW, [['PREROUTING', NF_INET_PRE_ROUTING], ['OUTPUT', NF_INET_LOCAL_OUT]]);
