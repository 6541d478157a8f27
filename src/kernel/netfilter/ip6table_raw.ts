// net/ipv6/netfilter/ip6table_raw.c: the IPv6 raw table, first on its hooks (NF_IP6_PRI_RAW).
import { NF_INET_PRE_ROUTING, NF_INET_LOCAL_OUT } from '../ipv6/netfilter.js';
import { NF_IP_PRI_RAW } from './core.js';
import { ip6tRegisterTable } from './ip6_tables.js';

ip6tRegisterTable('raw', NF_IP_PRI_RAW, [['PREROUTING', NF_INET_PRE_ROUTING], ['OUTPUT', NF_INET_LOCAL_OUT]]);
