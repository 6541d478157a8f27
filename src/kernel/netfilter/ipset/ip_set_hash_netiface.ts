// net/netfilter/ipset/ip_set_hash_netiface.c: the hash:net,iface type (revision 8): a network
// with the interface the packet came in on (src) or goes out of (dst); "physdev:" for bridge
// ports, "wildcard" for an interface-name prefix, "nomatch" for exceptions. /0 is allowed.
import {
  type IpSetAttrs, IPSET_ERR_PROTOCOL, IPSET_ERR_INVALID_CIDR, IPSET_ERR_HASH_RANGE,
  IPSET_ERR_HASH_RANGE_UNSUPPORTED, IPSET_FLAG_NOMATCH, IPSET_FLAG_PHYSDEV, IPSET_FLAG_IFACE_WILDCARD,
  EINVAL, NFPROTO_IPV4, NFPROTO_UNSPEC, ip4, ip4Bytes, ip6Netmask, ipSetNetmask, ipSetRangeToCidr,
  ipSetMaskFromTo,
} from './ip_set.js';
import {
  type IpSetType, ipSetTypeRegister, ipSetGetExtensions, ipSetInitUext, ipSetEexist,
  ipSetEnomatch,
} from './ip_set_core.js';
import { type HashTypeOps, hashCreate, kadtAddr, kadtAdt, mtypeAdt, newHElem } from './ip_set_hash_gen.js';
import { leWords } from './jhash.js';

const IFNAMSIZ = 16;

const ops: HashTypeOps = {
  elemSize: [28, 40],
  elemAlign: 4,
  htypeSize: [440, 1216],
  withNets: true,
  net0: true,
  multi: true,
  /** struct hash_netiface4_elem_hashed { __be32 ip; u8 physdev; u8 cidr; u8 nomatch; u8 elem; } */
  key: (e) => [...leWords(e.ip), ((e.physdev ? 1 : 0) | (e.cidr << 8) | (1 << 24)) >>> 0],
  /** hash_netiface4_data_equal(): a wildcard element matches names it is a prefix of. */
  equal(a, b, multi) {
    const keyEq = a.cidr === b.cidr && a.physdev === b.physdev && a.ip.every((x, i) => x === b.ip[i]);
    if (!keyEq) return false;
    multi.n++;
    return a.wildcard ? b.iface.startsWith(a.iface) : a.iface === b.iface;
  },
  list(e): IpSetAttrs {
    let flags = (e.physdev ? IPSET_FLAG_PHYSDEV : 0) | (e.wildcard ? IPSET_FLAG_IFACE_WILDCARD : 0);
    if (e.nomatch) flags |= IPSET_FLAG_NOMATCH;
    return { ip: e.ip.slice(), cidr: e.cidr, iface: e.iface, ...(flags ? { cadtFlags: flags } : {}) };
  },
  /** hash_netiface4_uadt() / hash_netiface6_uadt() */
  uadt(set, a, adt, flags, retried, h) {
    if (!a.ip || a.iface === undefined) return -IPSET_ERR_PROTOCOL;
    const v4 = set.family === NFPROTO_IPV4;
    if (!v4 && a.ipTo) return -IPSET_ERR_HASH_RANGE_UNSUPPORTED;
    const ext = ipSetInitUext(set);
    let ret = ipSetGetExtensions(set, a, ext);
    if (ret) return ret;
    const e = newHElem(set.family);
    if (a.cidr !== undefined) {
      if (a.cidr > (v4 ? 32 : 128)) return -IPSET_ERR_INVALID_CIDR;
      e.cidr = a.cidr;
    }
    e.iface = a.iface.slice(0, IFNAMSIZ - 1);
    const cf = a.cadtFlags ?? 0;
    if (cf & IPSET_FLAG_PHYSDEV) e.physdev = true;
    if (cf & IPSET_FLAG_NOMATCH) flags |= IPSET_FLAG_NOMATCH << 16;
    if (cf & IPSET_FLAG_IFACE_WILDCARD) e.wildcard = true;
    if (!v4) {
      e.ip = ip6Netmask(a.ip, e.cidr);
      ret = mtypeAdt(set, h, adt, e, ext, flags);
      return ipSetEnomatch(ret, flags, adt) ? -ret : ipSetEexist(ret, flags) ? 0 : ret;
    }
    let ip = ip4(a.ip);
    if (adt === 'test' || !a.ipTo) {
      e.ip = ip4Bytes((ip & ipSetNetmask(e.cidr)) >>> 0);
      ret = mtypeAdt(set, h, adt, e, ext, flags);
      return ipSetEnomatch(ret, flags, adt) ? -ret : ipSetEexist(ret, flags) ? 0 : ret;
    }
    let ipTo: number;
    if (a.ipTo) {
      ipTo = ip4(a.ipTo);
      if (ipTo < ip) [ip, ipTo] = [ipTo, ip];
      if (ip === 0 && ipTo === 0xffffffff) return -IPSET_ERR_HASH_RANGE;
    } else {
      [ip, ipTo] = ipSetMaskFromTo(ip, e.cidr);
    }
    if (retried && h.next) ip = ip4(h.next.ip);
    for (;;) {
      e.ip = ip4Bytes(ip);
      h.next = undefined;
      const [last, cidr] = ipSetRangeToCidr(ip, ipTo);
      e.cidr = cidr;
      ret = mtypeAdt(set, h, adt, e, ext, flags);
      if (ret && !ipSetEexist(ret, flags)) return ret;
      ip = last;
      if (ip >= ipTo) break;
      ip++;
    }
    return 0;
  },
  /** hash_netiface4_kadt(): the in (src) or out (dst) device of the packet. */
  kadt(set, pkt, adt, opt, h) {
    const host = set.family === NFPROTO_IPV4 ? 32 : 128;
    const e = newHElem(set.family);
    e.cidr = h.nets.length ? h.nets[0]!.cidr - 1 : host;
    if (adt === 'test') e.cidr = host;
    e.ip = ip6Netmask(kadtAddr(pkt, opt), e.cidr).slice(0, pkt.saddr.length);
    if (opt.cmdflags & IPSET_FLAG_PHYSDEV) {
      // The bridge port br_netfilter noted; none (not bridged): EINVAL.
      const eiface = (opt.dirs[1] ?? false) ? pkt.physindev : pkt.physoutdev;
      if (eiface === undefined) return -EINVAL;
      e.iface = eiface.slice(0, IFNAMSIZ - 1);
      e.physdev = true;
    } else {
      e.iface = ((opt.dirs[1] ?? false) ? pkt.indev : pkt.outdev).slice(0, IFNAMSIZ - 1);
    }
    if (e.iface.length === 0) return -EINVAL;
    return kadtAdt(set, h, pkt, adt, opt, e);
  },
};

export const hashNetIfaceType: IpSetType = {
  name: 'hash:net,iface',
  family: NFPROTO_UNSPEC,
  revisionMin: 0,
  revisionMax: 8,
  create: (ns, set, a) => hashCreate(ns, set, a, ops),
};

ipSetTypeRegister(hashNetIfaceType);
