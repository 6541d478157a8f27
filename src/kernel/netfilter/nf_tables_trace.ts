// net/netfilter/nf_tables_trace.c: what nf_tables tells the listeners of the NFNLGRP_NFTRACE
// group (xtables-monitor --trace, nft monitor trace) about a packet whose skb->nf_trace is set
// (-j TRACE: meta nftrace set 1). With iptables-nft every rule is an nf_tables rule, so the
// x_tables walk (x_tables.ts) reports as nft_do_chain() does:
//   - a rule that matched: its handle and verdict (CONTINUE for a target that goes on, JUMP or
//     GOTO with the chain, ACCEPT, DROP, and RETURN as the raw code NFT_RETURN);
//   - the policy of the base chain when the walk ends there;
// nothing for a rule that did not match nor for falling off the end of a user chain. The
// first message of each base-chain walk also carries the packet: devices, the link, network
// and transport headers as they are at that moment (nf_trace_fill_pkt_info()).
import type { Netns } from '../net_namespace.js';
import type { IptEntry, XtChain, XtParam } from './x_tables.js';
import { jhash2 } from './ipset/jhash.js';

/** enum nft_trace_types */
export const NFT_TRACETYPE_POLICY = 1, NFT_TRACETYPE_RETURN = 2, NFT_TRACETYPE_RULE = 3;
/** Verdict codes (NF_* and enum nft_verdicts). */
export const NF_DROP = 0, NF_ACCEPT = 1, NF_STOLEN = 2, NF_QUEUE = 3;
export const NFT_CONTINUE = -1, NFT_BREAK = -2, NFT_JUMP = -3, NFT_GOTO = -4, NFT_RETURN = -5;
export const NFPROTO_IPV4 = 2;

/** One NFT_MSG_TRACE message: its NFTA_TRACE_* attributes. */
export interface NftTraceMsg {
  /** nfgen_family: the table's family. */
  family: number;
  /** NFTA_TRACE_NFPROTO: the packet's protocol family. */
  nfproto: number;
  type: number;
  id: number;
  table: string;
  chain: string;
  /** The rule's handle (rule messages). */
  handle?: number;
  /** NFTA_TRACE_VERDICT's code and, for JUMP/GOTO, its chain. */
  verdict?: number;
  jumpTarget?: string;
  /** NFTA_TRACE_POLICY */
  policy?: number;
  /** Only when not 0. */
  mark?: number;
  iif?: number;
  iifType?: number;
  oif?: number;
  oifType?: number;
  llHeader?: Uint8Array;
  networkHeader?: Uint8Array;
  transportHeader?: Uint8Array;
}

export type NftTraceListener = (m: NftTraceMsg) => void;

function listenersOf(ns: Netns): Set<NftTraceListener> | undefined {
  return ns.proto['nfnl_nftrace'] as Set<NftTraceListener> | undefined;
}

/** Joins the namespace's NFNLGRP_NFTRACE group; returns the function that leaves it. */
export function nftTraceListen(ns: Netns, fn: NftTraceListener): () => void {
  let set = listenersOf(ns);
  if (!set) ns.proto['nfnl_nftrace'] = set = new Set();
  set.add(fn);
  return () => { set.delete(fn); };
}

/** struct nft_traceinfo: the state of one traced base-chain walk. */
export interface NftTraceInfo {
  id: number;
  packetDumped: boolean;
}

const NFT_TRACETYPE_NETWORK_HSIZE = 40, NFT_TRACETYPE_TRANSPORT_HSIZE = 20, NFT_TRACETYPE_LL_HSIZE = 20;

/** nft_trace_init() and trace_fill_id(): the id is a hash of what stays the same while the
 *  packet is with netfilter (the skb, its flow, skb->skb_iif), so it changes when the packet
 *  comes in again on another device. */
function traceInit(p: XtParam): NftTraceInfo {
  return { id: jhash2([p.skb.traceId, p.skb.iif], 0x6e667472), packetDumped: false };
}

/** nft_trace_notify() */
function notify(p: XtParam, ti: NftTraceInfo, m: NftTraceMsg): void {
  const set = listenersOf(p.ns);
  if (!set?.size) return;
  const skb = p.skb;
  if (skb.mark) m.mark = skb.mark;
  if (!ti.packetDumped) {
    // nf_trace_fill_dev_info()
    if (p.in) {
      m.iif = p.in.ifindex;
      m.iifType = p.in.type;
    }
    if (p.out) {
      m.oif = p.out.ifindex;
      m.oifType = p.out.type;
    }
    // nf_trace_fill_pkt_info(): the network header up to the transport one (when the
    // packet has one here, tprot_set), at most 40 bytes; 20 of the transport header; the link
    // header when skb_mac_header_was_set().
    const b = p.buf, end = b.length;
    const tprot = p.fragoff === 0 && p.thoff <= end;
    const nhEnd = tprot ? p.thoff : end;
    m.networkHeader = b.slice(p.nh, p.nh + Math.min(nhEnd - p.nh, NFT_TRACETYPE_NETWORK_HSIZE));
    if (tprot) m.transportHeader = b.slice(p.thoff, p.thoff + Math.min(end - p.thoff, NFT_TRACETYPE_TRANSPORT_HSIZE));
    if (skb.macOffset >= 0 && skb.macOffset < p.nh) {
      m.llHeader = b.slice(skb.macOffset, skb.macOffset + Math.min(p.nh - skb.macOffset, NFT_TRACETYPE_LL_HSIZE));
    }
    ti.packetDumped = true;
  }
  for (const fn of set) fn(m);
}

/** A rule of `chain` matched a traced packet in the walk of `base` (nft_trace_packet() with
 *  NFT_TRACETYPE_RULE); `code` is the verdict, `to` the chain of a JUMP/GOTO. Returns the
 *  walk's trace state, made on first use. */
export function nftTraceRule(ti: NftTraceInfo | undefined, p: XtParam, base: XtChain, chain: XtChain, e: IptEntry,
  code: number, to?: string): NftTraceInfo | undefined {
  // A base chain iptables-nft never created has no hook in nf_tables.
  if (base.handle === undefined) return ti;
  ti ??= traceInit(p);
  const m: NftTraceMsg = {
    family: p.family ?? NFPROTO_IPV4, nfproto: p.family ?? NFPROTO_IPV4, type: NFT_TRACETYPE_RULE, id: ti.id,
    table: p.table, chain: chain.name, handle: e.handle ?? 0, verdict: code,
  };
  if (to !== undefined) m.jumpTarget = to;
  notify(p, ti, m);
  return ti;
}

/** The walk of `base` ends with its policy (NFT_TRACETYPE_POLICY). */
export function nftTracePolicy(ti: NftTraceInfo | undefined, p: XtParam, base: XtChain): void {
  if (base.handle === undefined) return;
  ti ??= traceInit(p);
  notify(p, ti, {
    family: p.family ?? NFPROTO_IPV4, nfproto: p.family ?? NFPROTO_IPV4, type: NFT_TRACETYPE_POLICY, id: ti.id,
    table: p.table, chain: base.name, policy: base.policy === 'DROP' ? NF_DROP : NF_ACCEPT,
  });
}
