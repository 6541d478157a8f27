// net/netfilter/ipset/ip_set_hash_ipport.c: the hash:ip,port type (revision 7): an address with
// a protocol and port (ICMP: type/code; other protocols: port 0). IPv4 adds take address ranges,
// both families take port ranges for TCP, UDP, SCTP and UDPLITE.
import {
  type IpSetAttrs, type IpSetAdt, IPSET_ERR_PROTOCOL, IPSET_ERR_INVALID_CIDR, IPSET_ERR_INVALID_PROTO,
  IPSET_ERR_MISSING_PROTO, IPSET_ERR_HASH_RANGE_UNSUPPORTED, EINVAL, NFPROTO_IPV4, NFPROTO_UNSPEC,
  ip4, ip4Bytes, ipSetMaskFromTo, ipSetProtoWithPorts,
} from './ip_set.js';
import { type IpSetType, type IpSetPacket, ipSetTypeRegister, ipSetGetExtensions, ipSetInitUext, ipSetEexist } from './ip_set_core.js';
import { type HashTypeOps, type HElem, hashCreate, kadtAddr, kadtAdt, mtypeAdt, newHElem } from './ip_set_hash_gen.js';
import { leWords } from './jhash.js';

const IPPROTO_ICMP = 1, IPPROTO_ICMPV6 = 58;

/** ip_set_get_ip4_port() / ip_set_get_ip6_port(): the port of a packet as this type stores it. */
export function ipSetGetPort(pkt: IpSetPacket, src: boolean): [number, number] | undefined {
  if (!pkt.ports) return undefined;
  if (pkt.proto === IPPROTO_ICMP || pkt.proto === IPPROTO_ICMPV6) return [pkt.ports.sport, pkt.proto];
  if (ipSetProtoWithPorts(pkt.proto)) return [src ? pkt.ports.sport : pkt.ports.dport, pkt.proto];
  return [0, pkt.proto];
}

const ops: HashTypeOps = {
  elemSize: [8, 20],
  elemAlign: 4,
  htypeSize: [168, 184],
  withNets: false,
  /** struct hash_ipport4_elem { __be32 ip; __be16 port; u8 proto; u8 padding; } */
  key: (e) => [...leWords(e.ip), ((e.port >> 8) | ((e.port & 0xff) << 8) | (e.proto << 16)) >>> 0],
  equal: (a, b) => a.port === b.port && a.proto === b.proto && a.ip.every((x, i) => x === b.ip[i]),
  list: (e): IpSetAttrs => ({ ip: e.ip.slice(), port: e.port, proto: e.proto }),
  /** hash_ipport4_uadt() / hash_ipport6_uadt() */
  uadt(set, a, adt, flags, retried, h) {
    if (!a.ip || a.port === undefined) return -IPSET_ERR_PROTOCOL;
    const v4 = set.family === NFPROTO_IPV4;
    if (!v4) {
      if (a.ipTo) return -IPSET_ERR_HASH_RANGE_UNSUPPORTED;
      if (a.cidr !== undefined && a.cidr !== 128) return -IPSET_ERR_INVALID_CIDR;
    }
    const ext = ipSetInitUext(set);
    const ret = ipSetGetExtensions(set, a, ext);
    if (ret) return ret;
    const e = newHElem(set.family);
    e.ip = a.ip.slice();
    if (e.ip.every((x) => x === 0)) return -EINVAL;
    e.port = a.port;
    if (a.proto === undefined) return -IPSET_ERR_MISSING_PROTO;
    e.proto = a.proto;
    const withPorts = ipSetProtoWithPorts(e.proto);
    if (e.proto === 0) return -IPSET_ERR_INVALID_PROTO;
    if (!(withPorts || e.proto === (v4 ? IPPROTO_ICMP : IPPROTO_ICMPV6))) e.port = 0;
    const one = (x: HElem, adtx: IpSetAdt): number => {
      const r = mtypeAdt(set, h, adtx, x, ext, flags);
      return ipSetEexist(r, flags) ? 0 : r;
    };
    if (adt === 'test' || !(a.ipTo || (v4 && a.cidr !== undefined) || a.portTo !== undefined)) return one(e, adt);
    let ip = v4 ? ip4(e.ip) : 0, ipTo = ip;
    if (v4 && a.ipTo) {
      ipTo = ip4(a.ipTo);
      if (ip > ipTo) [ip, ipTo] = [ipTo, ip];
    } else if (v4 && a.cidr !== undefined) {
      if (!a.cidr || a.cidr > 32) return -IPSET_ERR_INVALID_CIDR;
      [ip, ipTo] = ipSetMaskFromTo(ip, a.cidr);
    }
    let port = e.port, portTo = port;
    if (withPorts && a.portTo !== undefined) {
      portTo = a.portTo;
      if (port > portTo) [port, portTo] = [portTo, port];
    }
    const next = retried ? h.next : undefined;
    if (next && v4) ip = ip4(next.ip);
    for (;;) {
      let p = next && (!v4 || ip === ip4(next.ip)) ? next.port : port;
      for (; p <= portTo; p++) {
        if (v4) e.ip = ip4Bytes(ip);
        e.port = p;
        h.next = undefined;
        const r = mtypeAdt(set, h, adt, e, ext, flags);
        if (r && !ipSetEexist(r, flags)) return r;
      }
      if (!v4 || ip === ipTo) break;
      ip++;
    }
    return 0;
  },
  /** hash_ipport4_kadt() */
  kadt(set, pkt, adt, opt, h) {
    const pp = ipSetGetPort(pkt, opt.dirs[1] ?? false);
    if (!pp) return -EINVAL;
    const e = newHElem(set.family);
    e.ip = kadtAddr(pkt, opt).slice();
    e.port = pp[0];
    e.proto = pp[1];
    if (e.ip.every((x) => x === 0)) return -EINVAL;
    return kadtAdt(set, h, pkt, adt, opt, e);
  },
};

export const hashIpPortType: IpSetType = {
  name: 'hash:ip,port',
  family: NFPROTO_UNSPEC,
  revisionMin: 0,
  revisionMax: 7,
  create: (ns, set, a) => hashCreate(ns, set, a, ops),
};

ipSetTypeRegister(hashIpPortType);
