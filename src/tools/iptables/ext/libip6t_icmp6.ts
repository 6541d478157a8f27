// libip6t_icmp6.c: --icmpv6-type by name (icmpv6_codes[] of libxt_icmp.h, matched by
// case-insensitive prefix), TYPE or TYPE/CODE[:CODE]. The kernel takes the rule only with
// -p icmpv6 (xt_check_match(): the match's .proto).
import type { Icmp6Info } from '../../../kernel/netfilter/ip6t_icmp6.js';
import { NFPROTO_IPV6 } from '../../../kernel/netfilter/core.js';
import { registerMatch } from './index.js';
import { xtExt } from './xtopt.js';

const IPPROTO_ICMPV6 = 58;

/** icmpv6_codes[]: name, type, code range. */
export const ICMPV6_CODES: [string, number, number, number][] = [
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

/** The icmp match parser of libxt_icmp.h for ICMPv6: [type, code min, code max]. */
function parseIcmpv6Type(s: string, perr: (m: string) => Error): [number, number, number] {
  let match: [string, number, number, number] | undefined;
  const l = s.toLowerCase();
  for (const c of ICMPV6_CODES) {
    if (!c[0].startsWith(l)) continue;
    if (match) throw perr(`Ambiguous ICMPv6 type \`${s}': \`${match[0]}' or \`${c[0]}'?`);
    match = c;
  }
  if (match) return [match[1], match[2], match[3]];
  const t = parseRange(s, 0);
  if (!t) throw perr(`Unknown ICMPv6 type \`${s}'`);
  if (t.lo !== t.hi) throw perr('ICMPv6 type range not supported');
  if (t.end === s.length) return [t.lo, 0, 0xff];
  if (s[t.end] === '/') {
    const c = parseRange(s, t.end + 1);
    if (!c) throw perr(`Unknown ICMPv6 code \`${s}'`);
    if (c.end === s.length) return [t.lo, c.lo, c.hi];
    throw perr(`unknown character ${s[c.end]}`);
  }
  throw perr(`unknown character ${s[t.end]}`);
}

registerMatch(xtExt<Icmp6Info>({
  name: 'icmp6',
  family: NFPROTO_IPV6,
  options: [{ name: 'icmpv6-type', mand: true, invert: true }],
  init: () => ({ type: 0, code: [0, 0xff], inv: false }),
  parse(_opt, arg, inv, m, ctx) {
    const [type, lo, hi] = parseIcmpv6Type(arg, ctx.perr);
    Object.assign(m, { type, code: [lo, hi], inv });
  },
  // icmp6_print(): " ipv6-icmp" then the name, or "type N" right after it.
  print(m, numeric) {
    let s = ' ipv6-icmp';
    if (!numeric) {
      const c = ICMPV6_CODES.find((x) => x[1] === m.type && x[2] === m.code[0] && x[3] === m.code[1]);
      if (c) return `${s} ${m.inv ? '!' : ''}${c[0]}`;
    }
    if (m.inv) s += ' !';
    s += `type ${m.type}`;
    if (m.code[0] === m.code[1]) s += ` code ${m.code[0]}`;
    else if (m.code[0] !== 0 || m.code[1] !== 0xff) s += ` codes ${m.code[0]}-${m.code[1]}`;
    return s;
  },
  // icmp6_save(): only the first code of a range.
  save(m) {
    const t = m.code[0] === 0 && m.code[1] === 0xff ? `${m.type}` : `${m.type}/${m.code[0]}`;
    return `${m.inv ? ' !' : ''} --icmpv6-type ${t}`;
  },
  check: (_m, { entry }) => (entry.proto !== IPPROTO_ICMPV6 || entry.invProto ? 'Invalid argument' : undefined),
  same: (a, b) => a.code[1] === b.code[1],
}));
