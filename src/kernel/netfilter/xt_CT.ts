// net/netfilter/xt_CT.c: in the raw table, exempts packets from connection tracking
// (NOTRACK, CT --notrack): they carry the "untracked" connection state.
import { xtRegisterTarget, XT_CONTINUE } from './x_tables.js';
import { IP_CT_UNTRACKED } from './nf_conntrack.js';

export interface CtTgInfo {
  notrack: boolean;
  zone: number;
}

function untrack(skb: { nfct: unknown; ctinfo: number }): number {
  if (skb.nfct) return XT_CONTINUE;
  skb.ctinfo = IP_CT_UNTRACKED;
  return XT_CONTINUE;
}

xtRegisterTarget<CtTgInfo>({ name: 'CT', target: (p, i) => (i.notrack ? untrack(p.skb) : XT_CONTINUE) });
xtRegisterTarget<Record<string, never>>({ name: 'NOTRACK', target: (p) => untrack(p.skb) });
