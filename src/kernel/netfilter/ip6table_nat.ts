// net/ipv6/netfilter/ip6table_nat.c: the IPv6 nat table's chains. Its hooks are nf_nat_core's
// nf_nat_ipv6_ops (the table is walked only for a connection's first packet in each direction
// of manip), at the priorities the IPv4 nat table has.
import { NFPROTO_IPV6 } from './core.js';
import { xtRegisterTable } from './x_tables.js';
import { natTable } from './iptable_nat.js';

xtRegisterTable('nat', natTable, NFPROTO_IPV6);
