// iproute2's lib/utils.c address parsing (inet_prefix, get_addr_1(), get_prefix_1(),
// get_addr(), get_prefix(), inet_addr_match()) and the formats addresses print in.
import { UsageError } from '../lib/args.js';
import { parseIPv6, formatIPv4, formatIPv6 } from '../../wire/inet.js';
import { AF_INET, AF_INET6, AF_PACKET, AF_MPLS, AF_BRIDGE, AF_UNSPEC } from './context.js';
import type { InetAddr } from '../../kernel/ipv4/route_types.js';

export const PREFIXLEN_SPECIFIED = 1;

/** inet_prefix: family, data length, prefix length (-1: none given, -2: "default"/"any"). */
export interface InetPrefix {
  family: number;
  bytelen: number;
  bitlen: number;
  flags: number;
  /** 4 or 16 bytes (zeros for default/any). */
  data: Uint8Array;
}

export function emptyPrefix(): InetPrefix {
  return { family: AF_UNSPEC, bytelen: 0, bitlen: 0, flags: 0, data: new Uint8Array(16) };
}

/** af_bit_len() */
export function afBitLen(af: number): number {
  switch (af) {
    case AF_INET6: return 128;
    case AF_INET: return 32;
    case AF_MPLS: return 20;
    default: return 0;
  }
}

/** get_addr_ipv4(): up to four parts, each strtoul(..., 0) <= 255 ("10.8" is 10.8.0.0). */
function getAddrIpv4(s: string, out: Uint8Array): boolean {
  let cp = s;
  for (let i = 0; i < 4; i++) {
    const m = /^[ \t\n\r\f\v]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(cp);
    if (!m) return false;
    let n: number;
    const d = m[2]!;
    if (/^0[xX]/.test(d)) n = parseInt(d.slice(2), 16);
    else if (d.length > 1 && d[0] === '0') n = parseInt(d, 8);
    else n = parseInt(d, 10);
    if (m[1] === '-' && n !== 0) return false; // wraps to a huge value: > 255
    if (n > 255) return false;
    out[i] = n;
    const rest = cp.slice(m[0].length);
    if (rest === '') return true;
    if (i === 3 || rest[0] !== '.') return false;
    cp = rest.slice(1);
  }
  return true;
}

/** get_addr_1() */
export function getAddr1(name: string, family: number): InetPrefix | undefined {
  const a = emptyPrefix();
  if (name === 'default') {
    if (family === AF_MPLS) return undefined;
    a.family = family;
    a.bytelen = afBitLen(family) / 8;
    a.bitlen = -2;
    a.flags |= PREFIXLEN_SPECIFIED;
    return a;
  }
  if (name === 'all' || name === 'any') {
    if (family === AF_MPLS) return undefined;
    a.family = family;
    a.bytelen = 0;
    a.bitlen = -2;
    return a;
  }
  if (family === AF_PACKET || family === AF_MPLS) return undefined;
  if (name.includes(':')) {
    a.family = AF_INET6;
    if (family !== AF_UNSPEC && family !== AF_INET6) return undefined;
    const v = parseIPv6(name);
    if (!v) return undefined;
    a.data.set(v);
    a.bytelen = 16;
    a.bitlen = -1;
    return a;
  }
  a.family = AF_INET;
  if (family !== AF_UNSPEC && family !== AF_INET) return undefined;
  if (!getAddrIpv4(name, a.data)) return undefined;
  a.bytelen = 4;
  a.bitlen = -1;
  return a;
}

/** get_netmask(): a number, or a dotted mask ("255.255.255.0"). */
function getNetmask(s: string): number | undefined {
  if (/^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(s)) {
    const v = /^0[xX]/.test(s) ? parseInt(s.slice(2), 16) : s.length > 1 && s[0] === '0' ? parseInt(s, 8) : parseInt(s, 10);
    return v > 0xffffffff ? undefined : v;
  }
  const a = getAddr1(s, AF_INET);
  if (a && a.family === AF_INET) {
    const mask = ((a.data[0]! << 24) | (a.data[1]! << 16) | (a.data[2]! << 8) | a.data[3]!) >>> 0;
    const host = ~mask >>> 0;
    if ((host & (host + 1)) !== 0) return undefined;
    let bits = 0;
    for (let m = mask; m; m = (m << 1) >>> 0) bits++;
    return bits;
  }
  return undefined;
}

/** get_prefix_1() */
export function getPrefix1(arg: string, family: number): InetPrefix | undefined {
  const slash = arg.indexOf('/');
  const dst = getAddr1(slash >= 0 ? arg.slice(0, slash) : arg, family);
  if (!dst) return undefined;
  let bitlen = afBitLen(dst.family);
  let flags = 0;
  if (slash >= 0) {
    if (dst.bitlen === -2) return undefined;
    const plen = getNetmask(arg.slice(slash + 1));
    if (plen === undefined || plen > bitlen) return undefined;
    flags |= PREFIXLEN_SPECIFIED;
    bitlen = plen;
  } else if (dst.bitlen === -2) bitlen = 0;
  dst.flags |= flags;
  dst.bitlen = bitlen;
  return dst;
}

/** family_name_verbose() */
function familyNameVerbose(family: number): string {
  switch (family) {
    case AF_UNSPEC: return 'any valid';
    case AF_INET: return 'inet';
    case AF_INET6: return 'inet6';
    case AF_PACKET: return 'link';
    case AF_MPLS: return 'mpls';
    case AF_BRIDGE: return 'bridge';
    default: return '???';
  }
}

/** get_addr(): exits 1 with "Error: ... address is expected rather than ..." */
export function getAddr(arg: string, family: number): InetPrefix {
  const a = getAddr1(arg, family);
  if (!a) throw new UsageError(`Error: ${familyNameVerbose(family)} address is expected rather than "${arg}".\n`, 1);
  return a;
}

/** get_prefix() */
export function getPrefix(arg: string, family: number): InetPrefix {
  if (family === AF_PACKET) throw new UsageError(`Error: "${arg}" may be inet prefix, but it is not allowed in this context.\n`, 1);
  const a = getPrefix1(arg, family);
  if (!a) throw new UsageError(`Error: ${familyNameVerbose(family)} prefix is expected rather than "${arg}".\n`, 1);
  return a;
}

/** read_family() */
export function readFamily(name: string): number {
  switch (name) {
    case 'inet': return AF_INET;
    case 'inet6': return AF_INET6;
    case 'link': return AF_PACKET;
    case 'ipx': return 4;
    case 'mpls': return AF_MPLS;
    case 'bridge': return AF_BRIDGE;
    default: return AF_UNSPEC;
  }
}

/** The kernel-side value of an inet_prefix's data. */
export function prefixAddr(p: InetPrefix): InetAddr {
  if (p.family === AF_INET6) return p.data.slice(0, 16);
  return ((p.data[0]! << 24) | (p.data[1]! << 16) | (p.data[2]! << 8) | p.data[3]!) >>> 0;
}

/** Bytes of an address attribute, for prefix comparisons. */
export function addrBytes(a: InetAddr): Uint8Array {
  if (a instanceof Uint8Array) return a;
  return new Uint8Array([a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255]);
}

/** inet_addr_match(): 0 when the first `bits` bits agree. */
export function inetAddrMatch(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  if (bits <= 0) return true;
  const whole = bits >> 3;
  for (let i = 0; i < whole; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return false;
  const rem = bits & 7;
  if (rem) {
    const mask = (0xff << (8 - rem)) & 0xff;
    if (((a[whole] ?? 0) ^ (b[whole] ?? 0)) & mask) return false;
  }
  return true;
}

/** rt_addr_n2a(): the textual form of an address attribute. */
export function formatAddr(a: InetAddr): string {
  return typeof a === 'number' ? formatIPv4(a) : formatIPv6(a);
}
