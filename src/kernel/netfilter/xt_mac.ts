// net/netfilter/xt_mac.c: the source MAC of a received Ethernet frame (mac_mt()). Only
// PREROUTING, INPUT and FORWARD see a received frame's header (checkentry refuses the others).
import { xtRegisterMatch } from './x_tables.js';

/** struct xt_mac_info */
export interface MacInfo {
  srcaddr: number[];
  invert: boolean;
}

xtRegisterMatch<MacInfo>({
  name: 'mac',
  match(p, m) {
    const skb = p.skb;
    // skb->dev must be an Ethernet device (not loopback) and the MAC header must be there.
    if (!skb.dev || skb.dev.type !== 1 || skb.macOffset < 0 || skb.macOffset + 14 > p.nh) return false;
    let eq = true;
    for (let k = 0; k < 6; k++) if (p.buf[skb.macOffset + 6 + k] !== m.srcaddr[k]) eq = false;
    return eq !== m.invert;
  },
});
