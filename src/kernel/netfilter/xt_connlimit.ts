// net/netfilter/xt_connlimit.c: matches when the number of connections sharing the
// packet's masked source (or destination) address is above the limit (or, inverted, up
// to it), counted by nf_conncount. Rules with it make their namespace track connections.
import { xtRegisterMatch, xtTables } from './x_tables.js';
import { nfCtRegisterUser, packetTuple } from './nf_conntrack_core.js';
import type { NfConn } from './nf_conntrack.js';
import { nfConncountCount, nfConncountInitData, type ConncountData } from './nf_conncount.js';

export const XT_CONNLIMIT_INVERT = 1, XT_CONNLIMIT_DADDR = 2;

/** struct xt_connlimit_info (revision 1) */
export interface ConnlimitInfo {
  mask: number;
  limit: number;
  flags: number;
}

/** info->data: each rule counts on its own (connlimit_mt_check() allocates it). */
const dataOf = new WeakMap<ConnlimitInfo, ConncountData>();

xtRegisterMatch<ConnlimitInfo>({
  name: 'connlimit',
  // connlimit_mt()
  match(p, info) {
    const ct = p.skb.nfct as NfConn | undefined;
    const tuple = ct ? ct.tuple[0] : packetTuple(p.buf, p.nh);
    if (!tuple) {
      p.hotdrop = true;
      return false;
    }
    const key = (((info.flags & XT_CONNLIMIT_DADDR ? p.daddr : p.saddr) & info.mask) >>> 0);
    let data = dataOf.get(info);
    if (!data) dataOf.set(info, (data = nfConncountInitData()));
    const connections = nfConncountCount(p.ns, data, key, tuple);
    return (connections > info.limit) !== ((info.flags & XT_CONNLIMIT_INVERT) !== 0);
  },
});

nfCtRegisterUser((ns, af) => xtTables(ns, af).some((t) => [...t.chains.values()].some((c) => c.rules.some((r) =>
  r.matches.some((m) => m.ops.name === 'connlimit')))));
