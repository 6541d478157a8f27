// ipt_register_table() (net/ipv4/netfilter/ip_tables.c): a table's template and the hook
// functions that walk it. Like iptables-nft, a table exists in a namespace only once a
// command has written to it; until then its hooks let every packet through.
import { NF_ACCEPT } from '../ipv4/ip_input.js';
import { nfRegisterNetHook, type NfHookFn } from './core.js';
import { xtRegisterTable, xtFindTable, iptDoTable, builtinChain } from './x_tables.js';

/** Registers table `name` with its built-in chains ([chain, hook] in listing order), walked at
 *  `priority`. `hookFn` wraps the walk when a table needs more (mangle's reroute, nat). */
export function iptRegisterTable(name: string, priority: number, chains: [string, number][],
  hookFn?: (walk: NfHookFn) => NfHookFn): void {
  xtRegisterTable(name, () => ({ name, chains: new Map(chains.map(([c, h]) => [c, builtinChain(c, h)])) }));
  const walk: NfHookFn = (ns, hook, skb, indev, outdev) => {
    const t = xtFindTable(ns, name, false);
    return t ? iptDoTable(ns, t, hook, skb, indev, outdev) : NF_ACCEPT;
  };
  const fn = hookFn ? hookFn(walk) : walk;
  for (const [, hook] of chains) nfRegisterNetHook(hook, priority, fn);
}
