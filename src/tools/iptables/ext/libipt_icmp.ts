// libipt_icmp.c: --icmp-type by name (icmp_codes[]), TYPE or TYPE/CODE.
import type { IcmpInfo } from '../../../kernel/netfilter/ipt_icmp.js';
import { ICMP_CODES } from '../names.js';
import { registerMatch } from './index.js';
import { NFPROTO_IPV4 } from '../../../kernel/netfilter/core.js';

function parseIcmpType(s: string, perr: (m: string) => Error): [number, number, number] {
  const named = ICMP_CODES.find((c) => c[0].toLowerCase() === s.toLowerCase()) ??
    ICMP_CODES.find((c) => c[0].toLowerCase().startsWith(s.toLowerCase()));
  if (named) return [named[1], named[2], named[3]];
  const m = /^(\d+)(?:\/(\d+))?$/.exec(s);
  if (!m || Number(m[1]) > 255 || (m[2] !== undefined && Number(m[2]) > 255)) {
    throw perr(`Unknown ICMP type \`${s}'`);
  }
  const t = Number(m[1]);
  return m[2] === undefined ? [t, 0, 0xff] : [t, Number(m[2]), Number(m[2])];
}

registerMatch<IcmpInfo>({
  name: 'icmp',
  family: NFPROTO_IPV4,
  opts: { 'icmp-type': true },
  // type -1: loaded, but --icmp-type (mandatory) not seen yet.
  init: () => ({ type: -1, code: [0, 0xff], inv: false }),
  parse(_opt, arg, inv, m, ctx) {
    const [type, lo, hi] = parseIcmpType(arg, ctx.perr);
    Object.assign(m, { type, code: [lo, hi], inv });
  },
  final(m, ctx) {
    if (m.type === -1) throw ctx.perr('icmp: option "--icmp-type" must be specified\n');
  },
  print(m, numeric) {
    let s = ' icmp';
    if (!numeric) {
      const c = ICMP_CODES.find((x) => x[1] === m.type && x[2] === m.code[0] && x[3] === m.code[1]);
      if (c) return `${s} ${m.inv ? '!' : ''}${c[0]}`;
    }
    if (m.inv) s += ' !';
    s += `type ${m.type}`;
    if (m.code[0] === m.code[1]) s += ` code ${m.code[0]}`;
    else if (m.code[0] !== 0 || m.code[1] !== 0xff) s += ` codes ${m.code[0]}-${m.code[1]}`;
    return s;
  },
  save(m) {
    if (m.type === 0xff) return `${m.inv ? ' !' : ''} --icmp-type any`;
    const t = m.code[0] === 0 && m.code[1] === 0xff ? `${m.type}` : `${m.type}/${m.code[0]}`;
    return `${m.inv ? ' !' : ''} --icmp-type ${t}`;
  },
});
