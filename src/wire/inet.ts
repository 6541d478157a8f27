// Textual forms of IPv4 and IPv6 addresses, as inet_pton()/inet_ntop() and iproute2's
// get_addr()/get_prefix() read and print them. IPv4 is a uint32 number (10.0.0.1 ===
// 0x0a000001); IPv6 is a Uint8Array(16).

/** inet_pton(AF_INET): exactly four decimal octets. */
export function parseIPv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = v * 256 + n;
  }
  return v >>> 0;
}

/** iproute2's get_addr_ipv4(): up to four strtoul(base 0) parts, each <= 255, missing
 *  trailing parts zero ("10" is 10.0.0.0, "0x0a.010" is 10.8.0.0). */
export function parseIPv4Loose(s: string): number | undefined {
  const b = [0, 0, 0, 0];
  let rest = s;
  for (let i = 0; i < 4; i++) {
    const m = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(rest);
    if (!m) return undefined;
    const t = m[1]!;
    const n = /^0[xX]/.test(t) ? parseInt(t.slice(2), 16) : t.length > 1 && t[0] === '0' ? parseInt(t, 8) : parseInt(t, 10);
    if (n > 255) return undefined;
    b[i] = n;
    rest = rest.slice(m[0].length);
    if (rest === '') break;
    if (i === 3 || rest[0] !== '.') return undefined;
    rest = rest.slice(1);
  }
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

export function formatIPv4(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

export function prefixMask(plen: number): number {
  return plen === 0 ? 0 : (0xffffffff << (32 - plen)) >>> 0;
}

export function parseIPv6(s: string): Uint8Array | undefined {
  // A dotted IPv4 tail ("::ffff:1.2.3.4") stands for the last two groups.
  const lastColon = s.lastIndexOf(':');
  if (lastColon >= 0 && s.includes('.', lastColon)) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const groupsOf = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const dbl = s.indexOf('::');
  if (dbl !== s.lastIndexOf('::')) return undefined;
  let groups: number[] | undefined;
  if (dbl >= 0) {
    const head = groupsOf(s.slice(0, dbl));
    const tail = groupsOf(s.slice(dbl + 2));
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    groups = groupsOf(s);
  }
  if (!groups || groups.length !== 8) return undefined;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => { out[2 * i] = g >> 8; out[2 * i + 1] = g & 0xff; });
  return out;
}

/** inet_ntop(AF_INET6) as glibc prints it: the longest run (>= 2) of zero groups becomes
 *  "::"; v4-mapped and v4-compatible forms keep a dotted tail. */
export function formatIPv6(a: Uint8Array): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push((a[2 * i]! << 8) | a[2 * i + 1]!);
  let bestStart = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  if (bestLen < 2) bestStart = -1;
  const v4tail = bestStart === 0 && (bestLen === 6 || (bestLen === 5 && g[5] === 0xffff));
  let s = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      s += i === 0 ? '::' : ':';
      i += bestLen - 1;
      continue;
    }
    if (v4tail && i === 6) {
      s += `${a[12]}.${a[13]}.${a[14]}.${a[15]}`;
      break;
    }
    s += g[i]!.toString(16) + (i < 7 ? ':' : '');
  }
  return s;
}
