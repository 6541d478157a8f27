// libxt_pkttype.c: --pkt-type unicast|broadcast|multicast|otherhost (and aliases).
import type { PkttypeInfo } from '../../../kernel/netfilter/xt_pkttype.js';
import { PACKET_BROADCAST, PACKET_HOST, PACKET_MULTICAST, PACKET_OTHERHOST } from '../../../kernel/core/skbuff.js';
import { registerMatch } from './index.js';
import { xtExt } from './xtopt.js';

/** supported_types[]: the printed name of a type is the first one listed for it. */
const TYPES: [string, number][] = [
  ['unicast', PACKET_HOST], ['broadcast', PACKET_BROADCAST], ['multicast', PACKET_MULTICAST],
  ['otherhost', PACKET_OTHERHOST], ['host', PACKET_HOST], ['bcast', PACKET_BROADCAST], ['mcast', PACKET_MULTICAST],
];
const typeName = (t: number) => TYPES.find((x) => x[1] === t)?.[0] ?? String(t);

registerMatch(xtExt<PkttypeInfo>({
  name: 'pkttype',
  options: [{ name: 'pkt-type', mand: true, invert: true }],
  init: () => ({ pkttype: 0, invert: false }),
  parse(_opt, arg, inv, m, ctx) {
    const t = TYPES.find((x) => x[0].toLowerCase() === arg.toLowerCase());
    if (!t) throw ctx.perr(`Bad packet type '${arg}'`);
    m.pkttype = t[1];
    m.invert = inv;
  },
  print: (m) => ` PKTTYPE ${m.invert ? '!' : ''}= ${typeName(m.pkttype)}`,
  save: (m) => `${m.invert ? ' !' : ''} --pkt-type ${typeName(m.pkttype)}`,
}));
