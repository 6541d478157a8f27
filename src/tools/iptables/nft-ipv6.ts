// iptables/nft-ipv6.c: the IPv6 half of ip6tables — -s/-d as IPv6 addresses with a prefix
// length or an address-form mask (xtables_ip6parse_multiple()), saved and listed in
// inet_ntop()'s compressed form.
import type { IptEntry, Ip6tAddrs } from '../../kernel/netfilter/x_tables.js';
import { NFPROTO_IPV6 } from '../../kernel/netfilter/core.js';
import { parseIPv6, formatIPv6 } from '../../wire/inet.js';
import { strtoul } from './ext/xtopt.js';
import { perr, type NftFamilyOps } from './xshared.js';

type Addr6 = [Uint8Array, Uint8Array];

const ZERO = new Uint8Array(16);
const ANY6: Ip6tAddrs = { src: ZERO, smsk: ZERO, dst: ZERO, dmsk: ZERO };

/** parse_ip6mask(): no mask is /128; an address-form mask is taken as it is. */
function parseMask(s: string | undefined): Uint8Array {
  const m = new Uint8Array(16);
  if (s === undefined) return m.fill(0xff);
  const a = parseIPv6(s);
  if (a) return a;
  const bits = strtoul(s);
  if (bits === undefined || bits > 128) throw perr(`invalid mask \`${s}' specified`);
  for (let i = 0; i < 16; i++) m[i] = bits >= (i + 1) * 8 ? 0xff : bits > i * 8 ? (0xff << (8 - (bits - i * 8))) & 0xff : 0;
  return m;
}

/** One address of -s/-d: the host part (ignored under a zero mask, as "any/0"), masked. */
function parseOne(s: string): Addr6 {
  const slash = s.lastIndexOf('/');
  const mask = parseMask(slash < 0 ? undefined : s.slice(slash + 1));
  const host = mask.every((x) => x === 0) ? '::' : slash < 0 ? s : s.slice(0, slash);
  const a = parseIPv6(host);
  if (!a) throw perr(`host/network \`${host}' not found`);
  for (let i = 0; i < 16; i++) a[i]! &= mask[i]!;
  return [a, mask];
}

/** xtables_ip6mask_to_cidr(): the prefix length, or -1 for a mask that is not one. */
export function ip6MaskToCidr(m: Uint8Array): number {
  let n = 0;
  let i = 0;
  for (; i < 16 && m[i] === 0xff; i++) n += 8;
  if (i < 16) {
    let b = m[i]!;
    while (b & 0x80) {
      n++;
      b = (b << 1) & 0xff;
    }
    if (b) return -1;
    for (i++; i < 16; i++) if (m[i]) return -1;
  }
  return n;
}

/** xtables_ip6mask_to_numeric(): "/len", "/mask" when not a prefix, "" for /128. */
function maskNumeric(m: Uint8Array): string {
  const l = ip6MaskToCidr(m);
  return l < 0 ? `/${formatIPv6(m)}` : l === 128 ? '' : `/${l}`;
}

export const nftIpv6: NftFamilyOps<Addr6> = {
  af: NFPROTO_IPV6,
  prog: 'ip6tables',
  any: [ZERO, ZERO],
  parseAddrs: (v) => v.split(',').map(parseOne),
  setAddr(e, src, [a, m]) {
    const cur = e.ip6 ?? ANY6;
    e.ip6 = src ? { ...cur, src: a, smsk: m } : { ...cur, dst: a, dmsk: m };
  },
  anyAddr(e, src) {
    const m = src ? e.ip6?.smsk : e.ip6?.dmsk;
    return !m || m.every((x) => x === 0);
  },
  // save_ipv6_addr()
  saveAddrs(e) {
    const a = e.ip6 ?? ANY6;
    let s = '';
    const one = (opt: string, addr: Uint8Array, m: Uint8Array, inv: boolean) => {
      const l = ip6MaskToCidr(m);
      if (!inv && l === 0) return;
      s += `${inv ? ' !' : ''} ${opt} ${formatIPv6(addr)}/${l < 0 ? formatIPv6(m) : l}`;
    };
    one('-s', a.src, a.smsk, e.invSrc);
    one('-d', a.dst, a.dmsk, e.invDst);
    return s;
  },
  // print_ipv6_addresses()
  listAddr(e, src, numeric) {
    const a = e.ip6 ?? ANY6;
    const addr = src ? a.src : a.dst, m = src ? a.smsk : a.dmsk;
    if (!numeric && m.every((x) => x === 0)) return 'anywhere';
    return formatIPv6(addr) + maskNumeric(m);
  },
};
