// net/ipv4/netfilter/iptable_filter.c: the filter table (INPUT, FORWARD, OUTPUT) at
// NF_IP_PRI_FILTER on LOCAL_IN, FORWARD and LOCAL_OUT.
import { NF_ACCEPT, NF_INET_LOCAL_IN, NF_INET_FORWARD, NF_INET_LOCAL_OUT } from '../ipv4/ip_input.js';
import { nfRegisterNetHook, NF_IP_PRI_FILTER } from './core.js';
import { xtRegisterTable, xtFindTable, iptDoTable, builtinChain } from './x_tables.js';

xtRegisterTable('filter', () => ({
  name: 'filter',
  chains: new Map([
    ['INPUT', builtinChain('INPUT', NF_INET_LOCAL_IN)],
    ['FORWARD', builtinChain('FORWARD', NF_INET_FORWARD)],
    ['OUTPUT', builtinChain('OUTPUT', NF_INET_LOCAL_OUT)],
  ]),
}));

for (const hook of [NF_INET_LOCAL_IN, NF_INET_FORWARD, NF_INET_LOCAL_OUT]) {
  // Like iptables-nft, the table exists in a namespace once a tool first touches it.
  nfRegisterNetHook(hook, NF_IP_PRI_FILTER, (ns, h, skb, indev, outdev) => {
    const t = xtFindTable(ns, 'filter', false);
    return t ? iptDoTable(ns, t, h, skb, indev, outdev) : NF_ACCEPT;
  });
}
