// net/ipv6/netfilter/ip6table_security.c: the IPv6 security table, after filter
// (NF_IP6_PRI_SECURITY).
import { NF_INET_LOCAL_IN, NF_INET_FORWARD, NF_INET_LOCAL_OUT } from '../ipv6/netfilter.js';
import { NF_IP_PRI_SECURITY } from './core.js';
import { ip6tRegisterTable } from './ip6_tables.js';

ip6tRegisterTable('security', NF_IP_PRI_SECURITY,
  [['INPUT', NF_INET_LOCAL_IN], ['FORWARD', NF_INET_FORWARD], ['OUTPUT', NF_INET_LOCAL_OUT]]);
