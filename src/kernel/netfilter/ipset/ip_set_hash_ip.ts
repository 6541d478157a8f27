// net/netfilter/ipset/ip_set_hash_ip.c: the hash:ip type (revision 6), one address per element;
// IPv4 adds and deletes take a FROM-TO range or IP/CIDR and store each address of it.
import {
  type IpSetAttrs, IPSET_ERR_PROTOCOL, IPSET_ERR_HASH_ELEM, IPSET_ERR_INVALID_CIDR,
  IPSET_ERR_HASH_RANGE_UNSUPPORTED, EINVAL, NFPROTO_IPV4, NFPROTO_UNSPEC,
  ip4, ip4Bytes, ipSetMaskFromTo,
} from './ip_set.js';
import { type IpSetType, ipSetTypeRegister, ipSetGetExtensions, ipSetInitUext, ipSetEexist } from './ip_set_core.js';
import { type HashTypeOps, hashCreate, kadtAddr, kadtAdt, mtypeAdt, newHElem } from './ip_set_hash_gen.js';
import { leWords } from './jhash.js';

const ops: HashTypeOps = {
  elemSize: [4, 16],
  elemAlign: 4,
  htypeSize: [168, 176],
  withNets: false,
  /** struct hash_ip4_elem { __be32 ip; } / hash_ip6_elem { union nf_inet_addr ip; } */
  key: (e) => leWords(e.ip),
  equal: (a, b) => a.ip.every((x, i) => x === b.ip[i]),
  list: (e): IpSetAttrs => ({ ip: e.ip.slice() }),
  /** hash_ip4_uadt() / hash_ip6_uadt() */
  uadt(set, a, adt, flags, retried, h) {
    if (!a.ip) return -IPSET_ERR_PROTOCOL;
    const ext = ipSetInitUext(set);
    const ret = ipSetGetExtensions(set, a, ext);
    if (ret) return ret;
    const e = newHElem(set.family);
    if (set.family !== NFPROTO_IPV4) {
      if (a.ipTo) return -IPSET_ERR_HASH_RANGE_UNSUPPORTED;
      if (a.cidr !== undefined && a.cidr !== 128) return -IPSET_ERR_INVALID_CIDR;
      e.ip = a.ip.slice();
      if (e.ip.every((x) => x === 0)) return -IPSET_ERR_HASH_ELEM;
      const r = mtypeAdt(set, h, adt, e, ext, flags);
      return ipSetEexist(r, flags) ? 0 : r;
    }
    let ip = ip4(a.ip);
    if (ip === 0) return -IPSET_ERR_HASH_ELEM;
    e.ip = ip4Bytes(ip);
    if (adt === 'test') return mtypeAdt(set, h, adt, e, ext, flags);
    let ipTo = ip;
    if (a.ipTo) {
      ipTo = ip4(a.ipTo);
      if (ip > ipTo) {
        if (ipTo === 0) return -IPSET_ERR_HASH_ELEM;
        [ip, ipTo] = [ipTo, ip];
      }
    } else if (a.cidr !== undefined) {
      if (!a.cidr || a.cidr > 32) return -IPSET_ERR_INVALID_CIDR;
      [ip, ipTo] = ipSetMaskFromTo(ip, a.cidr);
    }
    if (retried && h.next) ip = ip4(h.next.ip);
    let r = 0;
    for (; ip <= ipTo; ip++) {
      e.ip = ip4Bytes(ip);
      h.next = undefined;
      r = mtypeAdt(set, h, adt, e, ext, flags);
      if (r && !ipSetEexist(r, flags)) return r;
      r = 0;
      if (ip === 0xffffffff) break;
    }
    return r;
  },
  /** hash_ip4_kadt() / hash_ip6_kadt() */
  kadt(set, pkt, adt, opt, h) {
    const e = newHElem(set.family);
    e.ip = kadtAddr(pkt, opt).slice();
    if (e.ip.every((x) => x === 0)) return -EINVAL;
    return kadtAdt(set, h, pkt, adt, opt, e);
  },
};

export const hashIpType: IpSetType = {
  name: 'hash:ip',
  family: NFPROTO_UNSPEC,
  revisionMin: 0,
  revisionMax: 6,
  create: (ns, set, a) => hashCreate(ns, set, a, ops),
};

ipSetTypeRegister(hashIpType);
