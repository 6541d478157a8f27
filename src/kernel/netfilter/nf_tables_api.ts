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
import type { Netns } from '../net_namespace.js';
import type { IptEntry, XtChain, XtTable } from './x_tables.js';

/** nf_tables_alloc_handle() */
export function nftAllocHandle(t: XtTable): number {
  t.hgen = (t.hgen ?? 0) + 1;
  return t.hgen;
}

/** NFT_MSG_NEWCHAIN for `c` unless it exists in nf_tables already. */
export function nftChainAdd(t: XtTable, c: XtChain): void {
  if (c.handle !== undefined) return;
  c.handle = nftAllocHandle(t);
  // A built-in chain is made with policy ACCEPT (a policy given with it follows as an update).
  nftChainUpdate(t, c, c.policy && 'ACCEPT');
}

/** NFT_MSG_NEWRULE for each of `entries` (in the order iptables sends them), after the chain
 *  they go to. */
export function nftRulesAdd(t: XtTable, c: XtChain, entries: readonly IptEntry[]): void {
  nftChainAdd(t, c);
  for (const e of entries) {
    e.handle = nftAllocHandle(t);
    nftRuleAdd(t, c, e);
  }
}

/** -X [CHAIN]: iptables-nft also deletes the built-in chains (or CHAIN, if built-in) that are
 *  empty with policy ACCEPT. */
export function nftBuiltinChainsDel(t: XtTable, chain?: string): void {
  for (const c of t.chains.values()) {
    if (c.policy === 'ACCEPT' && !c.rules.length && (chain === undefined || chain === c.name) && c.handle !== undefined) {
      nftChainDel(t, c);
      c.handle = undefined;
    }
  }
}

// ---- The transaction batch and its notifications ------------------------------------------
// iptables-nft sends each command (each iptables-restore COMMIT) as one nfnetlink batch;
// nf_tables_commit() applies it and tells the NFNLGRP_NFTABLES group (xtables-monitor -e, nft
// monitor) one message per transaction in batch order, then NFT_MSG_NEWGEN with the
// namespace's new generation id. An empty batch commits nothing. The changes themselves are
// made to the x_tables model as the command runs; what is kept here is the list of
// transactions (struct nft_trans) on the table they belong to, until commit or abort.

/** enum nf_tables_msg_types */
export const NFT_MSG_NEWTABLE = 0, NFT_MSG_DELTABLE = 2, NFT_MSG_NEWCHAIN = 3, NFT_MSG_DELCHAIN = 5;
export const NFT_MSG_NEWRULE = 6, NFT_MSG_DELRULE = 8, NFT_MSG_NEWGEN = 16;
const NFPROTO_IPV4 = 2;

/** struct nft_trans: what the notification needs of one change. A chain's policy and
 *  counters are those the transaction sets (a batch may set a new chain's policy after
 *  creating it); its use (rules) and the table's (chains) are read at commit, as the kernel
 *  counts them while the batch is prepared. */
export interface NftTrans {
  msg: number;
  table: XtTable;
  chain?: XtChain;
  /** The chain's name when the transaction was made (a batch may rename it later). */
  name?: string;
  policy?: 'ACCEPT' | 'DROP';
  rule?: IptEntry;
  pcnt?: number;
  bcnt?: number;
}

/** A table's pending transactions. `n` counts them all; `trans` keeps only the table's own
 *  and, while anyone listens, the rest (a 100,000-rule restore with no monitor keeps none). */
export interface NftBatch {
  trans: NftTrans[];
  n: number;
  /** The batch makes the table. */
  newTable?: boolean;
}

/** What NFNLGRP_NFTABLES carries (the attributes xtables-monitor reads). */
export type NftEvent =
  | { type: typeof NFT_MSG_NEWTABLE | typeof NFT_MSG_DELTABLE; family: number; name: string; flags: number; use: number; handle: number }
  | {
    type: typeof NFT_MSG_NEWCHAIN | typeof NFT_MSG_DELCHAIN; family: number; table: string; name: string; use: number;
    /** A base chain's hook (NFTA_CHAIN_HOOK and what goes with it); not in a DELCHAIN. */
    hook?: { type: string; hooknum: number; prio: number; policy: number; packets: number; bytes: number };
  }
  | { type: typeof NFT_MSG_NEWRULE | typeof NFT_MSG_DELRULE; family: number; table: string; chain: string; rule: IptEntry; pcnt: number; bcnt: number }
  | { type: typeof NFT_MSG_NEWGEN; genid: number; pid: number; comm: string };

export type NftEventListener = (m: NftEvent) => void;

/** Listeners in all namespaces: transactions are only kept in full while there are any. */
let listening = 0;

function nftListenersOf(ns: Netns): Set<NftEventListener> | undefined {
  return ns.proto['nfnl_nftables'] as Set<NftEventListener> | undefined;
}

/** Joins the namespace's NFNLGRP_NFTABLES group; returns the function that leaves it. */
export function nftEventListen(ns: Netns, fn: NftEventListener): () => void {
  let set = nftListenersOf(ns);
  if (!set) ns.proto['nfnl_nftables'] = set = new Set();
  set.add(fn);
  listening++;
  return () => {
    if (set.delete(fn)) listening--;
  };
}

/** nft_trans_alloc() and its queueing: the table's first object makes the table too
 *  (NFT_MSG_NEWTABLE ahead of it). */
function nftTransAdd(t: XtTable, tr: NftTrans): void {
  const b = (t.batch ??= { trans: [], n: 0 });
  if (t.nftHandle === undefined && !b.newTable) {
    b.newTable = true;
    b.trans.push({ msg: NFT_MSG_NEWTABLE, table: t });
    b.n++;
  }
  b.n++;
  if (listening) b.trans.push(tr);
}

/** NFT_MSG_NEWCHAIN for a chain being created or updated (policy, counters, name). */
export function nftChainUpdate(t: XtTable, c: XtChain, policy = c.policy): void {
  nftTransAdd(t, { msg: NFT_MSG_NEWCHAIN, table: t, chain: c, name: c.name, policy, pcnt: c.pcnt, bcnt: c.bcnt });
}

/** NFT_MSG_DELCHAIN */
export function nftChainDel(t: XtTable, c: XtChain): void {
  nftTransAdd(t, { msg: NFT_MSG_DELCHAIN, table: t, chain: c, name: c.name });
}

/** NFT_MSG_NEWRULE (an insert is announced as an append too). */
export function nftRuleAdd(t: XtTable, c: XtChain, e: IptEntry): void {
  nftTransAdd(t, { msg: NFT_MSG_NEWRULE, table: t, chain: c, name: c.name, rule: e, pcnt: e.pcnt, bcnt: e.bcnt });
}

/** NFT_MSG_DELRULE */
export function nftRuleDel(t: XtTable, c: XtChain, e: IptEntry): void {
  nftTransAdd(t, { msg: NFT_MSG_DELRULE, table: t, chain: c, name: c.name, rule: e, pcnt: e.pcnt, bcnt: e.bcnt });
}

/** The chains nf_tables has, in its list order (table->chains: creation order). */
export function nftChainsByHandle(t: XtTable): XtChain[] {
  return [...t.chains.values()].filter((c) => c.handle !== undefined).sort((a, b) => a.handle! - b.handle!);
}

/** nft_delrule_by_chain() for each chain of the table, in list order (-F without a chain). */
export function nftRulesFlush(t: XtTable, chains: readonly XtChain[] = nftChainsByHandle(t)): void {
  for (const c of chains) for (const e of c.rules) nftRuleDel(t, c, e);
}

/** nft_flush_table() and NFT_MSG_DELTABLE: what deleting table `t` adds to a batch (an
 *  iptables-restore that flushes a table deletes it and makes it anew). Returned rather than
 *  queued: `t` stays the namespace's table until the batch commits. */
export function nftTableDel(t: XtTable): NftBatch {
  const b: NftBatch = { trans: [], n: 0 };
  if (t.nftHandle === undefined) return b;
  const chains = nftChainsByHandle(t);
  b.n = 1 + chains.length + chains.reduce((n, c) => n + c.rules.length, 0);
  if (listening) {
    for (const c of chains) for (const e of c.rules) b.trans.push({ msg: NFT_MSG_DELRULE, table: t, chain: c, name: c.name, rule: e, pcnt: e.pcnt, bcnt: e.bcnt });
    for (const c of chains) b.trans.push({ msg: NFT_MSG_DELCHAIN, table: t, chain: c, name: c.name });
  }
  b.trans.push({ msg: NFT_MSG_DELTABLE, table: t });
  return b;
}

/** nf_tables_abort(): the table's pending changes are forgotten. */
export function nftAbort(t: XtTable): void {
  t.batch = undefined;
}

const HOOK_NAMES = ['prerouting', 'input', 'forward', 'output', 'postrouting'];

/** The base chain iptables-nft makes for table `table`'s built-in chain at `hook`: its type
 *  and priority (nft_chain_builtin_init()'s templates). */
function baseChainType(table: string, hook: number): { type: string; prio: number } {
  switch (table) {
    case 'raw': return { type: 'filter', prio: -300 };
    case 'mangle': return { type: hook === 3 ? 'route' : 'filter', prio: -150 };
    case 'nat': return { type: 'nat', prio: hook === 0 || hook === 3 ? -100 : 100 };
    case 'security': return { type: 'filter', prio: 50 };
    default: return { type: 'filter', prio: 0 };
  }
}

/** nf_tables_commit(): applies the batches (the table handles of new tables are given out
 *  here, from one counter per namespace that never goes back), bumps the generation and
 *  notifies. `pid` and `comm` are the committing process's. */
export function nftCommit(ns: Netns, batches: readonly (NftBatch | undefined)[], pid: number, comm: string): void {
  let n = 0;
  for (const b of batches) n += b?.n ?? 0;
  if (!n) return;
  const listeners = nftListenersOf(ns);
  const events: NftEvent[] = [];
  for (const b of batches) {
    for (const tr of b?.trans ?? []) {
      const t = tr.table;
      const family = t.af ?? NFPROTO_IPV4;
      switch (tr.msg) {
        case NFT_MSG_NEWTABLE:
          t.nftHandle = (ns.proto['nft_table_handle'] = ((ns.proto['nft_table_handle'] as number | undefined) ?? 0) + 1) as number;
          events.push({ type: NFT_MSG_NEWTABLE, family, name: t.name, flags: 0, use: nftChainsByHandle(t).length, handle: t.nftHandle });
          break;
        case NFT_MSG_DELTABLE:
          events.push({ type: NFT_MSG_DELTABLE, family, name: t.name, flags: 0, use: 0, handle: t.nftHandle! });
          break;
        case NFT_MSG_NEWCHAIN: {
          const c = tr.chain!;
          const ev: NftEvent = { type: NFT_MSG_NEWCHAIN, family, table: t.name, name: tr.name!, use: c.rules.length };
          if (c.hook !== undefined) {
            ev.hook = {
              ...baseChainType(t.name, c.hook), hooknum: c.hook, policy: tr.policy === 'DROP' ? 0 : 1,
              packets: tr.pcnt ?? 0, bytes: tr.bcnt ?? 0,
            };
          }
          events.push(ev);
          break;
        }
        case NFT_MSG_DELCHAIN:
          events.push({ type: NFT_MSG_DELCHAIN, family, table: t.name, name: tr.name!, use: 0 });
          break;
        case NFT_MSG_NEWRULE: case NFT_MSG_DELRULE:
          events.push({ type: tr.msg, family, table: t.name, chain: tr.name!, rule: tr.rule!, pcnt: tr.pcnt ?? 0, bcnt: tr.bcnt ?? 0 });
          break;
      }
    }
    if (b) {
      b.trans = [];
      b.n = 0;
      b.newTable = false;
    }
  }
  const genid = (ns.proto['nft_base_seq'] = ((ns.proto['nft_base_seq'] as number | undefined) ?? 1) + 1) as number;
  if (!listeners?.size) return;
  events.push({ type: NFT_MSG_NEWGEN, genid, pid, comm: comm.slice(0, 15) });
  for (const fn of [...listeners]) for (const ev of events) fn(ev);
}

/** The name of a hook as nftnl prints it. */
export function nftHookName(hook: number): string {
  return HOOK_NAMES[hook] ?? 'unknown';
}
