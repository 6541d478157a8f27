// The nf_tables objects behind iptables-nft's tables (net/netfilter/nf_tables_api.c): every
// chain and rule carries a handle from one counter per table, shared by chains and rules and
// never reused (nf_tables_alloc_handle(): ++table->hgenerator), which is how `nft -a list
// ruleset` and the trace (nf_tables_trace.ts) name a rule. A table made anew (iptables-restore
// without --noflush deletes and re-creates it) counts from 1 again.
//
// A built-in chain exists in nf_tables only once a command wrote to it: iptables-nft's
// nft_xt_builtin_init() creates the chain a command names (-A, -I, -P, -F CHAIN, an
// iptables-restore ":CHAIN" line), not the table's other built-in chains; -N creates only its
// own chain. Until then the chain has no handle and its hook is not registered, so a traced
// packet meets nothing there. -X deletes built-in chains that are empty with policy ACCEPT.
import type { IptEntry, XtChain, XtTable } from './x_tables.js';

/** nf_tables_alloc_handle() */
export function nftAllocHandle(t: XtTable): number {
  t.hgen = (t.hgen ?? 0) + 1;
  return t.hgen;
}

/** NFT_MSG_NEWCHAIN for `c` unless it exists in nf_tables already. */
export function nftChainAdd(t: XtTable, c: XtChain): void {
  if (c.handle === undefined) c.handle = nftAllocHandle(t);
}

/** NFT_MSG_NEWRULE for each of `entries` (in the order iptables sends them), after the chain
 *  they go to. */
export function nftRulesAdd(t: XtTable, c: XtChain, entries: readonly IptEntry[]): void {
  nftChainAdd(t, c);
  for (const e of entries) e.handle = nftAllocHandle(t);
}

/** -X [CHAIN]: iptables-nft also deletes the built-in chains (or CHAIN, if built-in) that are
 *  empty with policy ACCEPT. */
export function nftBuiltinChainsDel(t: XtTable, chain?: string): void {
  for (const c of t.chains.values()) {
    if (c.policy === 'ACCEPT' && !c.rules.length && (chain === undefined || chain === c.name)) c.handle = undefined;
  }
}
