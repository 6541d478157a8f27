// net/netfilter/xt_conntrack.c and xt_state.c: matching on the packet's connection — its
// state as the packet sees it, status bits, tuples, remaining time and direction.
import { xtRegisterMatch, xtTables, type XtParam } from './x_tables.js';
import { nfCtRegisterUser } from './nf_conntrack_core.js';
import {
  IP_CT_IS_REPLY, IP_CT_UNTRACKED, IPS_SRC_NAT, IPS_DST_NAT, ctinfo2dir, IP_CT_DIR_ORIGINAL, IP_CT_DIR_REPLY,
  type NfConn, type Tuple,
} from './nf_conntrack.js';

/** XT_CONNTRACK_STATE_* bits (xt_state's are the same for the first five). */
export const CT_STATE_INVALID = 1 << 0;
export const ctStateBit = (ctinfo: number): number => 1 << ((ctinfo % IP_CT_IS_REPLY) + 1);
export const CT_STATE_UNTRACKED = 1 << 4 /* xt_state's XT_STATE_UNTRACKED */;
export const CT_STATE_SNAT = 1 << 6, CT_STATE_DNAT = 1 << 7, CT_STATE_UNTRACKED_CT = 1 << 8;

/** The state bits of a packet (conntrack_mt()'s statebit); xt_state uses `untracked`. */
function stateBits(p: XtParam, untracked: number): number {
  const ct = p.skb.nfct as NfConn | undefined;
  if (p.skb.ctinfo === IP_CT_UNTRACKED && !ct) return untracked;
  if (!ct) return CT_STATE_INVALID;
  let s = ctStateBit(p.skb.ctinfo);
  if (ct.status & IPS_SRC_NAT) s |= CT_STATE_SNAT;
  if (ct.status & IPS_DST_NAT) s |= CT_STATE_DNAT;
  return s;
}

export interface StateInfo {
  statemask: number;
  /** `! --state` (iptables-nft keeps the inversion rather than inverting the mask). */
  inv: boolean;
}

xtRegisterMatch<StateInfo>({
  name: 'state',
  match: (p, m) => ((stateBits(p, CT_STATE_UNTRACKED) & m.statemask) !== 0) !== m.inv,
});

/** An address/mask test on one tuple field: IPv4 in `addr`/`mask`; an IPv6 rule's in
 *  `addr6`/`mask6` (16 bytes each). The address is kept as given (not masked): the match
 *  masks both sides (conntrack_addrcmp()). */
export interface CtAddr {
  addr: number;
  mask: number;
  addr6?: Uint8Array;
  mask6?: Uint8Array;
  inv: boolean;
}
/** A port range test on one tuple field. */
export interface CtPort {
  lo: number;
  hi: number;
  inv: boolean;
}

/** struct xt_conntrack_mtinfo3 (each test present when set). */
export interface ConntrackInfo {
  state?: { mask: number; inv: boolean };
  status?: { mask: number; inv: boolean };
  proto?: { proto: number; inv: boolean };
  origsrc?: CtAddr; origdst?: CtAddr; replsrc?: CtAddr; repldst?: CtAddr;
  origsrcport?: CtPort; origdstport?: CtPort; replsrcport?: CtPort; repldstport?: CtPort;
  expires?: { lo: number; hi: number; inv: boolean };
  dir?: { reply: boolean };
}

/** conntrack_addrcmp(): the tuple's address (IPv4 `v`, or IPv6 `v6`) equals the rule's
 *  under the rule's mask. */
function addrOk(a: CtAddr | undefined, v: number, v6: Uint8Array | undefined): boolean {
  if (!a) return true;
  let same: boolean;
  if (a.addr6) {
    same = !!v6;
    for (let i = 0; same && i < 16; i++) same = ((v6![i]! ^ a.addr6[i]!) & a.mask6![i]!) === 0;
  } else same = !v6 && (((v ^ a.addr) & a.mask) >>> 0) === 0;
  return same !== a.inv;
}
const portOk = (r: CtPort | undefined, v: number) => !r || (v >= r.lo && v <= r.hi) !== r.inv;

function tupleOk(t: Tuple, s: CtAddr | undefined, d: CtAddr | undefined, sp: CtPort | undefined, dp: CtPort | undefined): boolean {
  return addrOk(s, t.src, t.src6) && addrOk(d, t.dst, t.dst6) && portOk(sp, t.sport) && portOk(dp, t.dport);
}

xtRegisterMatch<ConntrackInfo>({
  name: 'conntrack',
  match(p, m) {
    const ct = p.skb.nfct as NfConn | undefined;
    if (m.state) {
      const bits = p.skb.ctinfo === IP_CT_UNTRACKED && !ct ? CT_STATE_UNTRACKED_CT : stateBits(p, CT_STATE_UNTRACKED_CT);
      if (((bits & m.state.mask) !== 0) === m.state.inv) return false;
    }
    if (!ct) return !m.status && !m.proto && !m.origsrc && !m.origdst && !m.replsrc && !m.repldst &&
      !m.origsrcport && !m.origdstport && !m.replsrcport && !m.repldstport && !m.expires && !m.dir;
    if (m.dir && (ctinfo2dir(p.skb.ctinfo) === IP_CT_DIR_REPLY) !== m.dir.reply) return false;
    const o = ct.tuple[IP_CT_DIR_ORIGINAL], r = ct.tuple[IP_CT_DIR_REPLY];
    if (m.proto && (o.proto === m.proto.proto) === m.proto.inv) return false;
    if (!tupleOk(o, m.origsrc, m.origdst, m.origsrcport, m.origdstport)) return false;
    if (!tupleOk(r, m.replsrc, m.repldst, m.replsrcport, m.repldstport)) return false;
    if (m.status && ((ct.status & m.status.mask) !== 0) === m.status.inv) return false;
    if (m.expires) {
      const left = Math.max(0, Math.floor((ct.timeout - p.ns.kernel.clock.now()) / 1000));
      if ((left >= m.expires.lo && left <= m.expires.hi) === m.expires.inv) return false;
    }
    return true;
  },
});

// Rules with these extensions make their namespace track connections of their table's family
// (their checkentry calls nf_ct_netns_get(net, par->family)).
const CT_USERS = new Set(['conntrack', 'state', 'connmark', 'CONNMARK', 'CT', 'NOTRACK', 'SNAT', 'DNAT',
  'MASQUERADE', 'REDIRECT', 'NETMAP']);
nfCtRegisterUser((ns, af) => {
  for (const t of xtTables(ns, af)) {
    for (const c of t.chains.values()) {
      for (const r of c.rules) {
        if (r.target.kind === 'ext' && CT_USERS.has(r.target.ops.name)) return true;
        for (const m of r.matches) if (CT_USERS.has(m.ops.name)) return true;
      }
    }
  }
  return false;
});
