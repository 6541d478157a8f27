// net/netfilter/xt_nat.c, xt_MASQUERADE.c (nf_nat_masquerade.c), xt_REDIRECT.c
// (nf_nat_redirect.c) and xt_NETMAP.c: the nat table's targets, for iptables and ip6tables.
// Each sets up the connection's binding for the hook's manip type; the packet itself is
// rewritten by nf_nat_core.
import { NF_DROP, NF_INET_PRE_ROUTING, NF_INET_LOCAL_OUT } from '../ipv4/ip_input.js';
import { xtRegisterTarget, type XtParam } from './x_tables.js';
import { inDev } from '../ipv4/devinet.js';
import { inetSelectAddr, rtNexthop, type Rtable } from '../ipv4/route.js';
import { RT_SCOPE_UNIVERSE } from '../ipv4/route_types.js';
import { in6DevGet, ipv6DevGetSaddr } from '../ipv6/addrconf.js';
import { ipv6AddrScope } from '../ipv6/addr.js';
import { NFPROTO_IPV6 } from './core.js';
import { IP_CT_DIR_ORIGINAL, NF_NAT_MANIP_SRC, NF_NAT_MANIP_DST, type NfConn } from './nf_conntrack.js';
import {
  nfNatSetupInfo, natRange, hook2manip, NF_NAT_RANGE_MAP_IPS, NF_NAT_RANGE_NETMAP,
  type NatRange,
} from './nf_nat_core.js';

const LOOPBACK = 0x7f000001;
const LOOPBACK6 = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);

function ct(p: XtParam): NfConn | undefined {
  return p.skb.nfct as NfConn | undefined;
}

/** SNAT / DNAT (revision 2: one range). `base`: the base port of a shifted port range
 *  (NF_NAT_RANGE_PROTO_OFFSET, "PORT-PORT/BASE"), as userspace gave it. */
export interface NatInfo {
  range: NatRange;
  base?: number;
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

/** The range narrowed to the one address `a` (IPv4) or `a6` (IPv6), ports as asked. */
function toAddr(r: NatRange, a: number, a6?: Uint8Array): NatRange {
  return natRange(r.flags | NF_NAT_RANGE_MAP_IPS, a, a, a6, a6, r.minProto, r.maxProto);
}

/** nf_nat_masquerade_ipv4(): SNAT to the address the route out of the device would use as its
 *  source; remembered so that the connection goes with the address. */
xtRegisterTarget<NatInfo>({
  name: 'MASQUERADE',
  target(p, info) {
    const c = ct(p);
    const out = p.out;
    if (!c || !out) return NF_DROP;
    if (p.family === NFPROTO_IPV6) {
      // nf_nat_masquerade_ipv6(): the source ipv6_dev_get_saddr() picks for the packet's
      // destination out of that device.
      const src = ipv6DevGetSaddr(p.ns, out, p.buf.slice(p.nh + 24, p.nh + 40));
      if (!src) return NF_DROP;
      c.masqIfindex = out.ifindex;
      return nfNatSetupInfo(p.ns, c, toAddr(info.range, 0, src), NF_NAT_MANIP_SRC);
    }
    const rt = p.skb.dst as Rtable | undefined;
    const nh = rt ? rtNexthop(rt, p.daddr) : p.daddr;
    const addr = inetSelectAddr(out, nh, RT_SCOPE_UNIVERSE);
    if (!addr) return NF_DROP;
    c.masqIfindex = out.ifindex;
    return nfNatSetupInfo(p.ns, c, toAddr(info.range, addr), NF_NAT_MANIP_SRC);
  },
});

/** nf_nat_redirect_ipv4(): DNAT to the primary address of the incoming device (127.0.0.1 for
 *  locally generated packets), keeping or replacing the port. nf_nat_redirect_ipv6(): to
 *  ::1, or the first address of the incoming device with the scope of the destination. */
xtRegisterTarget<NatInfo>({
  name: 'REDIRECT',
  target(p, info) {
    const c = ct(p);
    if (!c) return NF_DROP;
    if (p.family === NFPROTO_IPV6) {
      let a6: Uint8Array = LOOPBACK6;
      if (p.hook !== NF_INET_LOCAL_OUT) {
        // skb->dev: the device the packet came in by.
        const scope = ipv6AddrScope(p.buf.subarray(p.nh + 24, p.nh + 40));
        const ifa = p.in && in6DevGet(p.in)?.addrs.find((x) => x.scope === scope);
        if (!ifa) return NF_DROP;
        a6 = ifa.addr;
      }
      return nfNatSetupInfo(p.ns, c, toAddr(info.range, 0, a6), NF_NAT_MANIP_DST);
    }
    let addr = LOOPBACK;
    if (p.hook === NF_INET_PRE_ROUTING) {
      const a = p.in ? inDev(p.in)?.addrs[0] : undefined;
      if (!a) return NF_DROP;
      addr = a.local;
    }
    return nfNatSetupInfo(p.ns, c, toAddr(info.range, addr), NF_NAT_MANIP_DST);
  },
});

/** netmap_tg4() / netmap_tg6(): maps the network part of the address, keeping the host part
 *  (IPv6 takes it from the packet's header). */
xtRegisterTarget<NatInfo>({
  name: 'NETMAP',
  target(p, info) {
    const c = ct(p);
    if (!c) return NF_DROP;
    const manip = hook2manip(p.hook);
    if (p.family === NFPROTO_IPV6) {
      const min = info.range.min6!, max = info.range.max6!;
      const dst = p.hook === NF_INET_PRE_ROUTING || p.hook === NF_INET_LOCAL_OUT;
      const a6 = p.buf.slice(dst ? p.nh + 24 : p.nh + 8, dst ? p.nh + 40 : p.nh + 24);
      for (let i = 0; i < 16; i++) {
        const netmask = ~(min[i]! ^ max[i]!) & 0xff;
        a6[i] = (a6[i]! & ~netmask) | (min[i]! & netmask);
      }
      const r = toAddr(info.range, 0, a6);
      r.flags &= ~NF_NAT_RANGE_NETMAP;
      return nfNatSetupInfo(p.ns, c, r, manip);
    }
    const mask = ~(info.range.minIp ^ info.range.maxIp) >>> 0;
    const t = c.tuple[IP_CT_DIR_ORIGINAL];
    const old = manip === NF_NAT_MANIP_DST || p.hook === NF_INET_LOCAL_OUT ? t.dst : t.src;
    const a = (((old & ~mask) >>> 0) | (info.range.minIp & mask)) >>> 0;
    const r = toAddr(info.range, a);
    r.flags &= ~NF_NAT_RANGE_NETMAP;
    return nfNatSetupInfo(p.ns, c, r, manip);
  },
});

