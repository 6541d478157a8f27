// net/netfilter/xt_set.c: the set match (set_match_v4()) and the SET target (set_target_v3()),
// both answered by the ipset core (ip_set_test() / ip_set_add() / ip_set_del()).
import { xtRegisterMatch, xtRegisterTarget, XT_CONTINUE, type XtParam } from './x_tables.js';
import { ipSetTest, ipSetAdd, ipSetDel, ipSetPacketFromSkb, type IpSetDir } from './ipset/index.js';

/** IPSET_FLAG_* (ipset/ip_set.h) as the match and target carry them. */
export const IPSET_FLAG_EXIST = 1 << 0;
export const IPSET_FLAG_RETURN_NOMATCH = 1 << 7;
export const IPSET_FLAG_SKIP_COUNTER_UPDATE = 1 << 8;
export const IPSET_FLAG_SKIP_SUBCOUNTER_UPDATE = 1 << 9;
export const IPSET_FLAG_MATCH_COUNTERS = 1 << 10;

/** enum ip_set_counter_op */
export type IpSetCounterOp = 'none' | 'eq' | 'ne' | 'lt' | 'gt';

/** struct xt_set_info: the set (its index, and its name for the printers) and, per
 *  dimension, whether the packet's source or destination fills it. */
export interface XtSetInfo {
  index: number;
  name: string;
  dirs: IpSetDir[];
  /** IPSET_INV_MATCH */
  inv: boolean;
}

/** struct xt_set_info_match_v4 */
export interface XtSetMtInfo {
  set: XtSetInfo;
  flags: number;
  packets: { op: IpSetCounterOp; value: number };
  bytes: { op: IpSetCounterOp; value: number };
}

/** struct xt_set_info_target_v3 */
export interface XtSetTgInfo {
  add?: XtSetInfo;
  del?: XtSetInfo;
  flags: number;
  /** UINT32_MAX: the set's default timeout. */
  timeout: number;
}

const packetOf = (p: XtParam) => ipSetPacketFromSkb(p.skb, p.nh, p.in?.name ?? '', p.out?.name ?? '');

/** set_match_v4() / match_set(): a packet in the set matches, inverted by `!`. */
xtRegisterMatch<XtSetMtInfo>({
  name: 'set',
  match(p, m) {
    const pkt = packetOf(p);
    const hit = pkt !== undefined && ipSetTest(p.ns, m.set.index, pkt, m.set.dirs, { cmdflags: m.flags });
    return hit !== m.set.inv;
  },
});

/** set_target_v3(): adds the packet to one set and/or deletes it from another. */
xtRegisterTarget<XtSetTgInfo>({
  name: 'SET',
  target(p, t) {
    const pkt = packetOf(p);
    if (!pkt) return XT_CONTINUE;
    const timeout = t.timeout !== 0xffffffff ? t.timeout : undefined;
    if (t.add) ipSetAdd(p.ns, t.add.index, pkt, t.add.dirs, { cmdflags: t.flags, timeout });
    if (t.del) ipSetDel(p.ns, t.del.index, pkt, t.del.dirs, { cmdflags: t.flags });
    return XT_CONTINUE;
  },
});
