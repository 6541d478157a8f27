// net/ipv4/netfilter/iptable_filter.c: the filter table at NF_IP_PRI_FILTER.
import { NF_INET_LOCAL_IN, NF_INET_FORWARD, NF_INET_LOCAL_OUT } from '../ipv4/ip_input.js';
import { NF_IP_PRI_FILTER } from './core.js';
import { iptRegisterTable } from './ip_tables.js';

iptRegisterTable('filter', NF_IP_PRI_FILTER,
  [['INPUT', NF_INET_LOCAL_IN], ['FORWARD', NF_INET_FORWARD], ['OUTPUT', NF_INET_LOCAL_OUT]]);
