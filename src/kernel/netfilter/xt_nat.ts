// net/netfilter/xt_nat.c, xt_MASQUERADE.c (nf_nat_masquerade.c), xt_REDIRECT.c
// (nf_nat_redirect.c) and xt_NETMAP.c: the nat table's targets. Each sets up the connection's
// binding for the hook's manip type; the packet itself is rewritten by nf_nat_core.
import { NF_DROP, NF_INET_PRE_ROUTING, NF_INET_LOCAL_OUT } from '../ipv4/ip_input.js';
import { xtRegisterTarget, type XtParam } from './x_tables.js';
import { inDev } from '../ipv4/devinet.js';
import { inetSelectAddr, rtNexthop, type Rtable } from '../ipv4/route.js';
import { RT_SCOPE_UNIVERSE } from '../ipv4/route_types.js';
import { IP_CT_DIR_ORIGINAL, NF_NAT_MANIP_SRC, NF_NAT_MANIP_DST, type NfConn } from './nf_conntrack.js';
import {
  nfNatSetupInfo, hook2manip, NF_NAT_RANGE_MAP_IPS, NF_NAT_RANGE_NETMAP,
  type NatRange,
} from './nf_nat_core.js';

const LOOPBACK = 0x7f000001;

function ct(p: XtParam): NfConn | undefined {
  return p.skb.nfct as NfConn | undefined;
}

/** SNAT / DNAT (revision 2: one range). */
export interface NatInfo {
  range: NatRange;
}

for (const [name, manip] of [['SNAT', NF_NAT_MANIP_SRC], ['DNAT', NF_NAT_MANIP_DST]] as const) {
  xtRegisterTarget<NatInfo>({
    name,
    target(p, info) {
      const c = ct(p);
      return c ? nfNatSetupInfo(p.ns, c, info.range, manip) : NF_DROP;
    },
  });
}

/** The range narrowed to the one address `a`, ports as asked. */
function toAddr(r: NatRange, a: number): NatRange {
  return { ...r, flags: r.flags | NF_NAT_RANGE_MAP_IPS, minIp: a, maxIp: a };
}

/** nf_nat_masquerade_ipv4(): SNAT to the address the route out of the device would use as its
 *  source; remembered so that the connection goes with the address. */
xtRegisterTarget<NatInfo>({
  name: 'MASQUERADE',
  target(p, info) {
    const c = ct(p);
    const out = p.out;
    if (!c || !out) return NF_DROP;
    const rt = p.skb.dst as Rtable | undefined;
    const nh = rt ? rtNexthop(rt, p.daddr) : p.daddr;
    const addr = inetSelectAddr(out, nh, RT_SCOPE_UNIVERSE);
    if (!addr) return NF_DROP;
    c.masqIfindex = out.ifindex;
    return nfNatSetupInfo(p.ns, c, toAddr(info.range, addr), NF_NAT_MANIP_SRC);
  },
});

/** nf_nat_redirect_ipv4(): DNAT to the primary address of the incoming device (127.0.0.1 for
 *  locally generated packets), keeping or replacing the port. */
xtRegisterTarget<NatInfo>({
  name: 'REDIRECT',
  target(p, info) {
    const c = ct(p);
    if (!c) return NF_DROP;
    let addr = LOOPBACK;
    if (p.hook === NF_INET_PRE_ROUTING) {
      const a = p.in ? inDev(p.in)?.addrs[0] : undefined;
      if (!a) return NF_DROP;
      addr = a.local;
    }
    return nfNatSetupInfo(p.ns, c, toAddr(info.range, addr), NF_NAT_MANIP_DST);
  },
});

/** netmap_tg4(): maps the network part of the address, keeping the host part. */
xtRegisterTarget<NatInfo>({
  name: 'NETMAP',
  target(p, info) {
    const c = ct(p);
    if (!c) return NF_DROP;
    const manip = hook2manip(p.hook);
    const mask = ~(info.range.minIp ^ info.range.maxIp) >>> 0;
    const t = c.tuple[IP_CT_DIR_ORIGINAL];
    const old = manip === NF_NAT_MANIP_DST || p.hook === NF_INET_LOCAL_OUT ? t.dst : t.src;
    const a = (((old & ~mask) >>> 0) | (info.range.minIp & mask)) >>> 0;
    const r = toAddr(info.range, a);
    r.flags &= ~NF_NAT_RANGE_NETMAP;
    return nfNatSetupInfo(p.ns, c, r, manip);
  },
});

