// libxt_icmp.h: the ICMP and ICMPv6 type names (icmp_codes[], icmpv6_codes[], aliases after
// the name they stand for) and the parser and printer libipt_icmp.c and libip6t_icmp6.c share.

/** Name, type, code range. */
export type IcmpName = readonly [string, number, number, number];

export const ICMP_CODES: readonly IcmpName[] = [
  ['any', 0xff, 0, 0xff],
  ['echo-reply', 0, 0, 0xff],
  ['pong', 0, 0, 0xff],
  ['destination-unreachable', 3, 0, 0xff],
  ['network-unreachable', 3, 0, 0],
  ['host-unreachable', 3, 1, 1],
  ['protocol-unreachable', 3, 2, 2],
  ['port-unreachable', 3, 3, 3],
  ['fragmentation-needed', 3, 4, 4],
  ['source-route-failed', 3, 5, 5],
  ['network-unknown', 3, 6, 6],
  ['host-unknown', 3, 7, 7],
  ['network-prohibited', 3, 9, 9],
  ['host-prohibited', 3, 10, 10],
  ['TOS-network-unreachable', 3, 11, 11],
  ['TOS-host-unreachable', 3, 12, 12],
  ['communication-prohibited', 3, 13, 13],
  ['host-precedence-violation', 3, 14, 14],
  ['precedence-cutoff', 3, 15, 15],
  ['source-quench', 4, 0, 0xff],
  ['redirect', 5, 0, 0xff],
  ['network-redirect', 5, 0, 0],
  ['host-redirect', 5, 1, 1],
  ['TOS-network-redirect', 5, 2, 2],
  ['TOS-host-redirect', 5, 3, 3],
  ['echo-request', 8, 0, 0xff],
  ['ping', 8, 0, 0xff],
  ['router-advertisement', 9, 0, 0xff],
  ['router-solicitation', 10, 0, 0xff],
  ['time-exceeded', 11, 0, 0xff],
  ['ttl-exceeded', 11, 0, 0xff],
  ['ttl-zero-during-transit', 11, 0, 0],
  ['ttl-zero-during-reassembly', 11, 1, 1],
  ['parameter-problem', 12, 0, 0xff],
  ['ip-header-bad', 12, 0, 0],
  ['required-option-missing', 12, 1, 1],
  ['timestamp-request', 13, 0, 0xff],
  ['timestamp-reply', 14, 0, 0xff],
  ['address-mask-request', 17, 0, 0xff],
  ['address-mask-reply', 18, 0, 0xff],
];

export const ICMPV6_CODES: readonly IcmpName[] = [
  ['destination-unreachable', 1, 0, 0xff],
  ['no-route', 1, 0, 0],
  ['communication-prohibited', 1, 1, 1],
  ['beyond-scope', 1, 2, 2],
  ['address-unreachable', 1, 3, 3],
  ['port-unreachable', 1, 4, 4],
  ['failed-policy', 1, 5, 5],
  ['reject-route', 1, 6, 6],
  ['packet-too-big', 2, 0, 0xff],
  ['time-exceeded', 3, 0, 0xff],
  ['ttl-exceeded', 3, 0, 0xff],
  ['ttl-zero-during-transit', 3, 0, 0],
  ['ttl-zero-during-reassembly', 3, 1, 1],
  ['parameter-problem', 4, 0, 0xff],
  ['bad-header', 4, 0, 0],
  ['unknown-header-type', 4, 1, 1],
  ['unknown-option', 4, 2, 2],
  ['echo-request', 128, 0, 0xff],
  ['ping', 128, 0, 0xff],
  ['echo-reply', 129, 0, 0xff],
  ['pong', 129, 0, 0xff],
  ['router-solicitation', 133, 0, 0xff],
  ['router-advertisement', 134, 0, 0xff],
  ['neighbour-solicitation', 135, 0, 0xff],
  ['neighbor-solicitation', 135, 0, 0xff],
  ['neighbour-advertisement', 136, 0, 0xff],
  ['neighbor-advertisement', 136, 0, 0xff],
  ['redirect', 137, 0, 0xff],
];

/** xtables_strtoui(s, &end, ..., 0, 255): strtoul() in base 0 from `i` (blanks and a sign
 *  first); the value and where it stopped, or undefined when no digit was read or the value
 *  is above 255. */
function strtoui8(s: string, i: number): { v: number; end: number } | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s.slice(i));
  if (!m) return undefined;
  const t = m[2]!;
  let v = /^0[xX]/.test(t) ? parseInt(t.slice(2), 16) : t[0] === '0' ? parseInt(t, 8) : parseInt(t, 10);
  if (m[1] === '-' && v !== 0) v = Infinity; // strtoul() wraps a negative value around
  if (v > 255) return undefined;
  return { v, end: i + m[0].length };
}

/** parse_range(): N or N:M. */
function parseRange(s: string, i: number): { lo: number; hi: number; end: number } | undefined {
  const a = strtoui8(s, i);
  if (!a) return undefined;
  if (s[a.end] !== ':') return { lo: a.v, hi: a.v, end: a.end };
  const b = strtoui8(s, a.end + 1);
  return b ? { lo: a.v, hi: b.v, end: b.end } : undefined;
}

/** The type argument: a name or the unambiguous start of one (any case), TYPE, or
 *  TYPE/CODE[:CODE]. `what` is "ICMP" or "ICMPv6". Returns [type, code min, code max]. */
export function parseIcmpType(codes: readonly IcmpName[], what: string, s: string,
  perr: (m: string) => Error): [number, number, number] {
  let match: IcmpName | undefined;
  const l = s.toLowerCase();
  for (const c of codes) {
    if (!c[0].toLowerCase().startsWith(l)) continue;
    if (match) throw perr(`Ambiguous ${what} type \`${s}': \`${match[0]}' or \`${c[0]}'?`);
    match = c;
  }
  if (match) return [match[1], match[2], match[3]];
  const t = parseRange(s, 0);
  if (!t) throw perr(`Unknown ${what} type \`${s}'`);
  if (t.lo !== t.hi) throw perr(`${what} type range not supported`);
  if (t.end === s.length) return [t.lo, 0, 0xff];
  if (s[t.end] === '/') {
    const c = parseRange(s, t.end + 1);
    if (!c) throw perr(`Unknown ${what} code \`${s}'`);
    if (c.end === s.length) return [t.lo, c.lo, c.hi];
    throw perr(`unknown character ${s[c.end]}`);
  }
  throw perr(`unknown character ${s[t.end]}`);
}

/** -L's text after `prefix` (" icmp", " ipv6-icmp"): the type's name unless numeric, else
 *  "type N" right after the prefix, with the code or code range. */
export function printIcmpType(codes: readonly IcmpName[], prefix: string, type: number, code: readonly [number, number],
  inv: boolean, numeric: boolean): string {
  if (!numeric) {
    const c = codes.find((x) => x[1] === type && x[2] === code[0] && x[3] === code[1]);
    if (c) return `${prefix} ${inv ? '!' : ''}${c[0]}`;
  }
  let s = prefix;
  if (inv) s += ' !';
  s += `type ${type}`;
  if (code[0] === code[1]) s += ` code ${code[0]}`;
  else if (code[0] !== 0 || code[1] !== 0xff) s += ` codes ${code[0]}-${code[1]}`;
  return s;
}

/** The save form's TYPE[/CODE] (only a range's first code). */
export function saveIcmpType(type: number, code: readonly [number, number]): string {
  return code[0] === 0 && code[1] === 0xff ? `${type}` : `${type}/${code[0]}`;
}
