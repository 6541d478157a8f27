// net/netfilter/xt_pkttype.c: the link-layer packet type (pkttype_mt()).
import { xtRegisterMatch } from './x_tables.js';
import { NFPROTO_IPV6 } from './core.js';
import { PACKET_BROADCAST, PACKET_LOOPBACK, PACKET_MULTICAST } from '../core/skbuff.js';

/** struct xt_pkttype_info */
export interface PkttypeInfo {
  pkttype: number;
  invert: boolean;
}

xtRegisterMatch<PkttypeInfo>({
  name: 'pkttype',
  match(p, m) {
    let type = p.skb.pktType;
    // A looped-back packet counts as multicast or broadcast by its destination (IPv6 has
    // no broadcast: always multicast).
    if (type === PACKET_LOOPBACK) {
      type = p.family === NFPROTO_IPV6 || (p.daddr >>> 28) === 0xe ? PACKET_MULTICAST : PACKET_BROADCAST;
    }
    return (type === m.pkttype) !== m.invert;
  },
});
