// net/ipv6/netfilter/ip6table_filter.c: the IPv6 filter table at NF_IP6_PRI_FILTER.
import { NF_INET_LOCAL_IN, NF_INET_FORWARD, NF_INET_LOCAL_OUT } from '../ipv6/netfilter.js';
import { NF_IP_PRI_FILTER } from './core.js';
import { ip6tRegisterTable } from './ip6_tables.js';

ip6tRegisterTable('filter', NF_IP_PRI_FILTER,
  [['INPUT', NF_INET_LOCAL_IN], ['FORWARD', NF_INET_FORWARD], ['OUTPUT', NF_INET_LOCAL_OUT]]);
