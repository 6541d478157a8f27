// net/netfilter/ipset/ip_set_hash_net.c: the hash:net type (revision 7): networks of any prefix
// length; a host address is tested against each prefix length stored, longest first, and a
// "nomatch" network carves an exception out of a shorter one.
import {
  type IpSetAttrs, IPSET_ERR_PROTOCOL, IPSET_ERR_INVALID_CIDR, IPSET_ERR_HASH_RANGE,
  IPSET_ERR_HASH_RANGE_UNSUPPORTED, IPSET_FLAG_NOMATCH, EINVAL, NFPROTO_IPV4, NFPROTO_UNSPEC,
  ip4, ip4Bytes, ip6Netmask, ipSetNetmask, ipSetRangeToCidr,
} from './ip_set.js';
import {
  type IpSetType, ipSetTypeRegister, ipSetGetExtensions, ipSetInitUext, ipSetEexist,
  ipSetEnomatch,
} from './ip_set_core.js';
import { type HashTypeOps, hashCreate, kadtAddr, kadtAdt, mtypeAdt, newHElem } from './ip_set_hash_gen.js';
import { leWords } from './jhash.js';

const ops: HashTypeOps = {
  elemSize: [8, 20],
  elemAlign: 4,
  htypeSize: [408, 1192],
  withNets: true,
  /** struct hash_net4_elem { __be32 ip; u16 padding0; u8 nomatch; u8 cidr; }: hashed whole,
   *  nomatch reset. */
  key: (e) => [...leWords(e.ip), (e.cidr << 24) >>> 0],
  equal: (a, b) => a.cidr === b.cidr && a.ip.every((x, i) => x === b.ip[i]),
  list: (e): IpSetAttrs => ({ ip: e.ip.slice(), cidr: e.cidr, ...(e.nomatch ? { cadtFlags: IPSET_FLAG_NOMATCH } : {}) }),
  /** hash_net4_uadt() / hash_net6_uadt() */
  uadt(set, a, adt, flags, retried, h) {
    if (!a.ip) return -IPSET_ERR_PROTOCOL;
    const ext = ipSetInitUext(set);
    let ret = ipSetGetExtensions(set, a, ext);
    if (ret) return ret;
    const e = newHElem(set.family);
    const host = set.family === NFPROTO_IPV4 ? 32 : 128;
    if (set.family !== NFPROTO_IPV4 && a.ipTo) return -IPSET_ERR_HASH_RANGE_UNSUPPORTED;
    if (a.cidr !== undefined) {
      if (!a.cidr || a.cidr > host) return -IPSET_ERR_INVALID_CIDR;
      e.cidr = a.cidr;
    }
    if (a.cadtFlags && (a.cadtFlags & IPSET_FLAG_NOMATCH)) flags |= IPSET_FLAG_NOMATCH << 16;
    if (set.family !== NFPROTO_IPV4) {
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
    let ipTo = ip4(a.ipTo);
    if (ipTo < ip) [ip, ipTo] = [ipTo, ip];
    if (ip === 0 && ipTo === 0xffffffff) return -IPSET_ERR_HASH_RANGE;
    if (retried && h.next) ip = ip4(h.next.ip);
    ret = 0;
    for (;;) {
      e.ip = ip4Bytes(ip);
      h.next = undefined;
      const [last, cidr] = ipSetRangeToCidr(ip, ipTo);
      e.cidr = cidr;
      ret = mtypeAdt(set, h, adt, e, ext, flags);
      if (ret && !ipSetEexist(ret, flags)) return ret;
      ret = 0;
      ip = last;
      if (ip >= ipTo) break;
      ip++;
    }
    return ret;
  },
  /** hash_net4_kadt(): the packet's address at the longest prefix stored (a test: as a host). */
  kadt(set, pkt, adt, opt, h) {
    const host = set.family === NFPROTO_IPV4 ? 32 : 128;
    const e = newHElem(set.family);
    e.cidr = h.nets.length ? h.nets[0]!.cidr - 1 : host;
    if (e.cidr === 0) return -EINVAL;
    if (adt === 'test') e.cidr = host;
    e.ip = ip6Netmask(kadtAddr(pkt, opt), e.cidr).slice(0, pkt.saddr.length);
    return kadtAdt(set, h, pkt, adt, opt, e);
  },
};

export const hashNetType: IpSetType = {
  name: 'hash:net',
  family: NFPROTO_UNSPEC,
  revisionMin: 0,
  revisionMax: 7,
  create: (ns, set, a) => hashCreate(ns, set, a, ops),
};

ipSetTypeRegister(hashNetType);
