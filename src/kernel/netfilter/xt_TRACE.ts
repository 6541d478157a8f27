// net/netfilter/xt_TRACE.c: marks the packet for tracing (skb->nf_trace) and goes on. The
// x_tables module only lets it into the raw table; iptables-nft turns -j TRACE into the
// nf_tables statement `meta nftrace set 1`, accepted in every table, which is what this
// emulates. From there on each table the packet meets reports the rules it matched to the
// trace listeners (nf_tables_trace.ts), until a device hands the packet over
// (skb_scrub_packet() clears the flag).
import { xtRegisterTarget, XT_CONTINUE } from './x_tables.js';

xtRegisterTarget<Record<string, never>>({
  name: 'TRACE',
  target(p) {
    p.skb.nfTrace = true;
    return XT_CONTINUE;
  },
});
