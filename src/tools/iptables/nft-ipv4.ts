// iptables/nft-ipv4.c: the IPv4 half of iptables — -s/-d as dotted quads with a prefix length
// or a dotted mask (xtables_ipparse_multiple()), and how they are saved and listed.
import type { IptEntry } from '../../kernel/netfilter/x_tables.js';
import { NFPROTO_IPV4 } from '../../kernel/netfilter/core.js';
import { ipv4, fmtAddr, prefixMask, maskLen } from './ext/parse.js';
import { perr, type Hosts, type NftFamilyOps } from './xshared.js';

/** "a.b.c.d" or "a.b.c.d/len" in their plain forms, read without regular expressions (one
 *  restore line in three has an address); undefined: anything else, for parseHostMask(). */
function quickHostMask(s: string): [number, number] | undefined {
  let addr = 0, octet = 0, digits = 0, dots = 0, k = 0;
  const n = s.length;
  for (; k < n; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + c - 48;
      if (++digits > 3) return undefined;
    } else if (c === 46 && digits && dots < 3) {
      if (octet > 255) return undefined;
      addr = addr * 256 + octet;
      octet = digits = 0;
      dots++;
    } else break;
  }
  if (dots !== 3 || !digits || octet > 255) return undefined;
  addr = addr * 256 + octet;
  let mask = 0xffffffff;
  if (k < n) {
    if (s.charCodeAt(k) !== 47 || n - k < 2 || n - k > 3) return undefined;
    let len = 0;
    for (k++; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c < 48 || c > 57) return undefined;
      len = len * 10 + c - 48;
    }
    if (len > 32) return undefined;
    mask = prefixMask(len);
  }
  return [(addr & mask) >>> 0, mask];
}

/** -s / -d's value: addresses separated by commas; a name stands for each of its addresses
 *  in the hosts file (xtables_ipparse_multiple()). */
function hostMasks(v: string, hosts?: Hosts): [number, number][] {
  if (!v.includes(',')) {
    const quick = quickHostMask(v);
    if (quick) return [quick];
  }
  return v.split(',').flatMap((s) => parseHostMask(s, hosts));
}

function parseHostMask(s: string, hosts?: Hosts): [number, number][] {
  const quick = quickHostMask(s);
  if (quick) return [quick];
  const slash = s.indexOf('/');
  let host = slash < 0 ? s : s.slice(0, slash);
  let mask = 0xffffffff;
  if (slash >= 0) {
    const ms = s.slice(slash + 1);
    const dotted = ipv4(ms);
    if (dotted !== undefined) mask = dotted;
    else if (/^\d+$/.test(ms) && Number(ms) <= 32) mask = prefixMask(Number(ms));
    else throw perr(`invalid mask \`${ms}' specified`);
  }
  // A zero mask ignores the name, as "any/0".
  if (mask === 0) host = '0.0.0.0';
  const a = ipv4(host);
  if (a !== undefined) return [[(a & mask) >>> 0, mask]];
  const named = (hosts?.byName(host) ?? []).map(ipv4).filter((x): x is number => x !== undefined);
  if (!named.length) throw perr(`host/network \`${host}' not found`);
  return named.map((x) => [(x & mask) >>> 0, mask]);
}

function maskNumeric(m: number): string {
  if (m === 0xffffffff) return '';
  const l = maskLen(m);
  return l !== undefined ? `/${l}` : `/${fmtAddr(m)}`;
}

/** -s / -d not given: one pair, address and mask 0 (never changed: -s and -d replace it). */
const ANYWHERE: [number, number] = [0, 0];

export const nftIpv4: NftFamilyOps<[number, number]> = {
  af: NFPROTO_IPV4,
  prog: 'iptables',
  any: ANYWHERE,
  parseAddrs: hostMasks,
  setAddr(e, src, a) {
    if (src) {
      e.src = a[0];
      e.smsk = a[1];
    } else {
      e.dst = a[0];
      e.dmsk = a[1];
    }
  },
  anyAddr: (e, src) => (src ? e.smsk : e.dmsk) === 0,
  saveAddrs(e) {
    let s = '';
    const addr = (opt: string, a: number, m: number, inv: boolean) => {
      if (m === 0 && !inv) return;
      const l = maskLen(m);
      s += `${inv ? ' !' : ''} ${opt} ${fmtAddr(a)}/${l !== undefined ? l : fmtAddr(m)}`;
    };
    addr('-s', e.src, e.smsk, e.invSrc);
    addr('-d', e.dst, e.dmsk, e.invDst);
    return s;
  },
  // xtables_ipaddr_to_anyname(): a host address by its name when the hosts file has one.
  listAddr(e, src, numeric, hosts) {
    const a = src ? e.src : e.dst, m = src ? e.smsk : e.dmsk;
    if (m === 0 && !numeric) return 'anywhere';
    const name = !numeric && m === 0xffffffff ? hosts?.byAddr(fmtAddr(a)) : undefined;
    return name ?? fmtAddr(a) + (m === 0 ? '/0' : maskNumeric(m));
  },
};
