// net/ipv4/netfilter/iptable_security.c: the security table, after filter (NF_IP_PRI_SECURITY).
import { NF_INET_LOCAL_IN, NF_INET_FORWARD, NF_INET_LOCAL_OUT } from '../ipv4/ip_input.js';
import { NF_IP_PRI_SECURITY } from './core.js';
import { iptRegisterTable } from './ip_tables.js';

iptRegisterTable('security', NF_IP_PRI_SECURITY,
  [['INPUT', NF_INET_LOCAL_IN], ['FORWARD', NF_INET_FORWARD], ['OUTPUT', NF_INET_LOCAL_OUT]]);
