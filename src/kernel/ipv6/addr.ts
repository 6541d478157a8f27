// include/net/ipv6.h, net/ipv6/addrconf_core.c: classifying IPv6 addresses (__ipv6_addr_type),
// their scopes, the interface identifiers addrconf derives from link-layer addresses, and
// the multicast groups and MAC mappings neighbour discovery uses. Addresses are Uint8Array(16).

export const IPV6_ADDR_ANY = 0x0000, IPV6_ADDR_UNICAST = 0x0001, IPV6_ADDR_MULTICAST = 0x0002,
  IPV6_ADDR_LOOPBACK = 0x0010, IPV6_ADDR_LINKLOCAL = 0x0020, IPV6_ADDR_SITELOCAL = 0x0040,
  IPV6_ADDR_COMPATV4 = 0x0080, IPV6_ADDR_SCOPE_MASK = 0x00f0, IPV6_ADDR_MAPPED = 0x1000;

/** Multicast scopes (the low nibble of the second byte), also used as address "source scopes". */
export const IPV6_ADDR_SCOPE_NODELOCAL = 0x01, IPV6_ADDR_SCOPE_LINKLOCAL = 0x02,
  IPV6_ADDR_SCOPE_SITELOCAL = 0x05, IPV6_ADDR_SCOPE_ORGLOCAL = 0x08, IPV6_ADDR_SCOPE_GLOBAL = 0x0e;

/** ifa->scope values of IPv6 addresses (IFA_HOST etc. in include/net/addrconf.h). */
export const IFA_GLOBAL = 0x00, IFA_HOST = IPV6_ADDR_LOOPBACK, IFA_LINK = IPV6_ADDR_LINKLOCAL,
  IFA_SITE = IPV6_ADDR_SITELOCAL;

/** rtnetlink scopes (RT_SCOPE_*), what ifa_scope carries to userspace. */
export const RT_SCOPE_UNIVERSE = 0, RT_SCOPE_SITE = 200, RT_SCOPE_LINK = 253, RT_SCOPE_HOST = 254,
  RT_SCOPE_NOWHERE = 255;

export const IN6ADDR_ANY = new Uint8Array(16);
export const IN6ADDR_LOOPBACK = ipv6Const([0, 0, 0, 0, 0, 0, 0, 1]);
/** ff01::1, ff02::1, ff02::2, ff02::16 (MLDv2 reports), ff01::2, ff05::2 */
export const IN6ADDR_INTERFACELOCAL_ALLNODES = ipv6Const([0xff01, 0, 0, 0, 0, 0, 0, 1]);
export const IN6ADDR_LINKLOCAL_ALLNODES = ipv6Const([0xff02, 0, 0, 0, 0, 0, 0, 1]);
export const IN6ADDR_LINKLOCAL_ALLROUTERS = ipv6Const([0xff02, 0, 0, 0, 0, 0, 0, 2]);
export const IN6ADDR_LINKLOCAL_ALLMLDV2ROUTERS = ipv6Const([0xff02, 0, 0, 0, 0, 0, 0, 0x16]);
export const IN6ADDR_INTERFACELOCAL_ALLROUTERS = ipv6Const([0xff01, 0, 0, 0, 0, 0, 0, 2]);
export const IN6ADDR_SITELOCAL_ALLROUTERS = ipv6Const([0xff05, 0, 0, 0, 0, 0, 0, 2]);

function ipv6Const(groups: number[]): Uint8Array {
  const a = new Uint8Array(16);
  groups.forEach((g, i) => { a[2 * i] = g >> 8; a[2 * i + 1] = g & 0xff; });
  return a;
}

function mcScope(a: Uint8Array): number {
  return a[1]! & 0x0f;
}

/** __ipv6_addr_type(): type bits with the scope folded in as IPV6_ADDR_SCOPE_TYPE (<< 16). */
export function ipv6AddrType(a: Uint8Array): number {
  const st = (s: number) => (s << 16);
  const b0 = a[0]!;
  if ((b0 & 0xe0) !== 0 && (b0 & 0xe0) !== 0xe0) {
    // 2000::/3 and the rest of the unicast space outside the special prefixes.
    return IPV6_ADDR_UNICAST | st(IPV6_ADDR_SCOPE_GLOBAL);
  }
  if (b0 === 0xff) {
    return IPV6_ADDR_MULTICAST | st(mcScope(a)) | scopeTypeBits(mcScope(a));
  }
  if (b0 === 0xfe && (a[1]! & 0xc0) === 0x80) return IPV6_ADDR_LINKLOCAL | IPV6_ADDR_UNICAST | st(IPV6_ADDR_SCOPE_LINKLOCAL);
  if (b0 === 0xfe && (a[1]! & 0xc0) === 0xc0) return IPV6_ADDR_SITELOCAL | IPV6_ADDR_UNICAST | st(IPV6_ADDR_SCOPE_SITELOCAL);
  if ((b0 & 0xfe) === 0xfc) return IPV6_ADDR_UNICAST | st(IPV6_ADDR_SCOPE_GLOBAL); // fc00::/7 ULA
  let zeroHead = true;
  for (let i = 0; i < 8; i++) if (a[i] !== 0) { zeroHead = false; break; }
  if (zeroHead) {
    const w2 = (a[8]! << 24 | a[9]! << 16 | a[10]! << 8 | a[11]!) >>> 0;
    const w3 = (a[12]! << 24 | a[13]! << 16 | a[14]! << 8 | a[15]!) >>> 0;
    if (w2 === 0) {
      if (w3 === 0) return IPV6_ADDR_ANY;
      if (w3 === 1) return IPV6_ADDR_LOOPBACK | IPV6_ADDR_UNICAST | st(IPV6_ADDR_SCOPE_LINKLOCAL);
      return IPV6_ADDR_COMPATV4 | IPV6_ADDR_UNICAST | st(IPV6_ADDR_SCOPE_GLOBAL);
    }
    if (w2 === 0x0000ffff) return IPV6_ADDR_MAPPED | st(IPV6_ADDR_SCOPE_GLOBAL);
  }
  return IPV6_ADDR_UNICAST | st(IPV6_ADDR_SCOPE_GLOBAL);
}

/** IPV6_ADDR_MC_SCOPE folded into the unicast-style scope bits (ipv6_addr_scope2type()). */
function scopeTypeBits(scope: number): number {
  switch (scope) {
    case IPV6_ADDR_SCOPE_NODELOCAL: return IPV6_ADDR_LOOPBACK;
    case IPV6_ADDR_SCOPE_LINKLOCAL: return IPV6_ADDR_LINKLOCAL;
    case IPV6_ADDR_SCOPE_SITELOCAL: return IPV6_ADDR_SITELOCAL;
    default: return 0;
  }
}

/** ipv6_addr_scope(): the ifa->scope of an address (IFA_HOST/IFA_LINK/IFA_SITE/0). */
export function ipv6AddrScope(a: Uint8Array): number {
  return ipv6AddrType(a) & IPV6_ADDR_SCOPE_MASK;
}

/** __ipv6_addr_src_scope(): the scope used for ordering and source selection (-1 for ::). */
export function ipv6AddrSrcScope(a: Uint8Array): number {
  const t = ipv6AddrType(a);
  return t === IPV6_ADDR_ANY ? -1 : t >>> 16;
}

/** rt_scope(): the rtnetlink scope userspace sees for an ifa->scope. */
export function rtScope(ifaScope: number): number {
  if (ifaScope & IFA_HOST) return RT_SCOPE_HOST;
  if (ifaScope & IFA_LINK) return RT_SCOPE_LINK;
  if (ifaScope & IFA_SITE) return RT_SCOPE_SITE;
  return RT_SCOPE_UNIVERSE;
}

export function ipv6AddrEqual(a: Uint8Array, b: Uint8Array, aOff = 0, bOff = 0): boolean {
  for (let i = 0; i < 16; i++) if (a[aOff + i] !== b[bOff + i]) return false;
  return true;
}

export function ipv6AddrAny(a: Uint8Array, off = 0): boolean {
  for (let i = 0; i < 16; i++) if (a[off + i] !== 0) return false;
  return true;
}

export function ipv6AddrIsMulticast(a: Uint8Array, off = 0): boolean {
  return a[off] === 0xff;
}

export function ipv6AddrIsLinkLocal(a: Uint8Array, off = 0): boolean {
  return a[off] === 0xfe && (a[off + 1]! & 0xc0) === 0x80;
}

export function ipv6AddrIsLoopback(a: Uint8Array, off = 0): boolean {
  for (let i = 0; i < 15; i++) if (a[off + i] !== 0) return false;
  return a[off + 15] === 1;
}

/** ipv6_prefix_equal() */
export function ipv6PrefixEqual(a: Uint8Array, b: Uint8Array, plen: number): boolean {
  const full = plen >> 3;
  for (let i = 0; i < full; i++) if (a[i] !== b[i]) return false;
  const rem = plen & 7;
  if (rem === 0) return true;
  const m = (0xff << (8 - rem)) & 0xff;
  return ((a[full]! ^ b[full]!) & m) === 0;
}

/** ipv6_addr_prefix(): a copy of `a` with the bits after plen cleared. */
export function ipv6AddrPrefix(a: Uint8Array, plen: number): Uint8Array {
  const out = new Uint8Array(16);
  const full = plen >> 3;
  out.set(a.subarray(0, full));
  const rem = plen & 7;
  if (rem && full < 16) out[full] = a[full]! & ((0xff << (8 - rem)) & 0xff);
  return out;
}

/** ipv6_addr_diff(): the index of the first differing bit (128 when equal). */
export function ipv6AddrDiff(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 16; i++) {
    const x = a[i]! ^ b[i]!;
    if (x) return i * 8 + Math.clz32(x) - 24;
  }
  return 128;
}

/** A map key for an address: its 32 hex digits. */
export function ipv6Key(a: Uint8Array, off = 0): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    const b = a[off + i]!;
    s += (b < 16 ? '0' : '') + b.toString(16);
  }
  return s;
}

/** addrconf_ifid_eui48(): the modified EUI-64 interface identifier of a 6-byte MAC
 *  (RFC 4291 appendix A): ff:fe in the middle, universal/local bit inverted. */
export function eui64FromMac(mac: Uint8Array): Uint8Array {
  const eui = new Uint8Array(8);
  eui[0] = mac[0]! ^ 0x02;
  eui[1] = mac[1]!;
  eui[2] = mac[2]!;
  eui[3] = 0xff;
  eui[4] = 0xfe;
  eui[5] = mac[3]!;
  eui[6] = mac[4]!;
  eui[7] = mac[5]!;
  return eui;
}

/** fe80::/64 plus the EUI-64 identifier of `mac`. */
export function linkLocalFromMac(mac: Uint8Array): Uint8Array {
  const a = new Uint8Array(16);
  a[0] = 0xfe;
  a[1] = 0x80;
  a.set(eui64FromMac(mac), 8);
  return a;
}

/** addrconf_addr_solict_mult(): the solicited-node group ff02::1:ffXX:XXXX of `a`. */
export function solicitedNodeAddr(a: Uint8Array): Uint8Array {
  const m = new Uint8Array(16);
  m[0] = 0xff;
  m[1] = 0x02;
  m[11] = 0x01;
  m[12] = 0xff;
  m[13] = a[13]!;
  m[14] = a[14]!;
  m[15] = a[15]!;
  return m;
}

/** ipv6_eth_mc_map(): 33:33 followed by the group's last four bytes. */
export function ipv6EthMcMap(a: Uint8Array, off = 0): Uint8Array {
  return new Uint8Array([0x33, 0x33, a[off + 12]!, a[off + 13]!, a[off + 14]!, a[off + 15]!]);
}

/** Default address selection policy table (net/ipv6/addrlabel.c), longest match wins. */
const ADDRLABELS: [Uint8Array, number, number][] = [
  [IN6ADDR_LOOPBACK, 128, 0],
  [new Uint8Array(16), 96, 3],
  [ipv6Const([0, 0, 0, 0, 0, 0xffff, 0, 0]), 96, 4],
  [ipv6Const([0x2001, 0, 0, 0, 0, 0, 0, 0]), 32, 6],
  [ipv6Const([0x2001, 0x10, 0, 0, 0, 0, 0, 0]), 28, 7],
  [ipv6Const([0x2002, 0, 0, 0, 0, 0, 0, 0]), 16, 2],
  [ipv6Const([0x3ffe, 0, 0, 0, 0, 0, 0, 0]), 16, 12],
  [ipv6Const([0xfec0, 0, 0, 0, 0, 0, 0, 0]), 10, 11],
  [ipv6Const([0xfc00, 0, 0, 0, 0, 0, 0, 0]), 7, 5],
  [new Uint8Array(16), 0, 1],
];

/** ipv6_addr_label() with the default policy. */
export function ipv6AddrLabel(a: Uint8Array): number {
  for (const [p, plen, label] of ADDRLABELS) if (ipv6PrefixEqual(a, p, plen)) return label;
  return 1;
}
