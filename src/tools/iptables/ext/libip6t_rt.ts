// libip6t_rt.c: the rt match (--rt-type, --rt-segsleft, --rt-len, and for type 0
// --rt-0-res, --rt-0-addrs, --rt-0-not-strict).
import {
  IP6T_RT_TYP, IP6T_RT_SGS, IP6T_RT_LEN, IP6T_RT_RES, IP6T_RT_FST, IP6T_RT_FST_NSTRICT,
  IP6T_RT_INV_TYP, IP6T_RT_INV_SGS, IP6T_RT_INV_LEN, type RtInfo,
} from '../../../kernel/netfilter/ip6t_rt.js';
import { NFPROTO_IPV6 } from '../../../kernel/netfilter/core.js';
import { parseIPv6, formatIPv6 } from '../../../wire/inet.js';
import { registerMatch } from './index.js';
import { xtExt, parseUint, parseUintRange } from './xtopt.js';

/** IP6T_RT_HOPS */
const RT_HOPS = 16;

/** print_nums(): " segsleft:N" or " segslefts:N:M" unless the whole range. */
function printNums(name: string, min: number, max: number, inv: boolean): string {
  if (min === 0 && max === 0xffffffff && !inv) return '';
  const i = inv ? '!' : '';
  return min === max ? ` ${name}:${i}${min}` : ` ${name}s:${i}${min}:${max}`;
}

const addrList = (m: RtInfo, sep: string) => m.addrs.map((a, k) => (k ? ',' : sep) + formatIPv6(a)).join('');

registerMatch(xtExt<RtInfo>({
  name: 'rt',
  family: NFPROTO_IPV6,
  options: [
    { name: 'rt-type', invert: true }, { name: 'rt-segsleft', invert: true }, { name: 'rt-len', invert: true },
    { name: 'rt-0-res', noArg: true }, { name: 'rt-0-addrs' }, { name: 'rt-0-not-strict', noArg: true },
  ],
  init: () => ({ rtType: 0, segsleft: [0, 0xffffffff], hdrlen: 0, flags: 0, invflags: 0, addrs: [] }),
  parse(opt, arg, inv, m, ctx) {
    const type0 = () => ctx.seen.includes('rt-type') && m.rtType === 0 && !(m.invflags & IP6T_RT_INV_TYP);
    switch (opt) {
      case 'rt-type':
        m.rtType = parseUint('rt', opt, arg, ctx);
        if (inv) m.invflags |= IP6T_RT_INV_TYP;
        m.flags |= IP6T_RT_TYP;
        break;
      case 'rt-segsleft':
        m.segsleft = parseUintRange('rt', opt, arg, ctx);
        if (inv) m.invflags |= IP6T_RT_INV_SGS;
        m.flags |= IP6T_RT_SGS;
        break;
      case 'rt-len':
        m.hdrlen = parseUint('rt', opt, arg, ctx);
        if (inv) m.invflags |= IP6T_RT_INV_LEN;
        m.flags |= IP6T_RT_LEN;
        break;
      case 'rt-0-res':
        if (!type0()) throw ctx.perr("`--rt-type 0' required before `--rt-0-res'");
        m.flags |= IP6T_RT_RES;
        break;
      case 'rt-0-addrs': {
        if (!type0()) throw ctx.perr("`--rt-type 0' required before `--rt-0-addrs'");
        // parse_addresses(): at most IP6T_RT_HOPS, each in inet_pton()'s form.
        const words = arg.split(',');
        m.addrs = words.slice(0, RT_HOPS).map((w) => {
          const a = parseIPv6(w);
          if (!a) throw ctx.perr(`bad address: ${w}`);
          return a;
        });
        if (words.length > RT_HOPS) throw ctx.perr('too many addresses specified');
        m.flags |= IP6T_RT_FST;
        break;
      }
      case 'rt-0-not-strict':
        if (!ctx.seen.includes('rt-0-addrs')) throw ctx.perr("`--rt-0-addr ...' required before `--rt-0-not-strict'");
        m.flags |= IP6T_RT_FST_NSTRICT;
        break;
    }
  },
  print(m) {
    let s = ' rt';
    if (m.flags & IP6T_RT_TYP) s += ` type:${m.invflags & IP6T_RT_INV_TYP ? '!' : ''}${m.rtType}`;
    s += printNums('segsleft', m.segsleft[0], m.segsleft[1], (m.invflags & IP6T_RT_INV_SGS) !== 0);
    if (m.flags & IP6T_RT_LEN) s += ` length:${m.invflags & IP6T_RT_INV_LEN ? '!' : ''}${m.hdrlen}`;
    if (m.flags & IP6T_RT_RES) s += ' reserved';
    if (m.flags & IP6T_RT_FST) s += ' 0-addrs';
    s += addrList(m, ' ');
    if (m.flags & IP6T_RT_FST_NSTRICT) s += ' 0-not-strict';
    return s;
  },
  save(m) {
    let s = '';
    if (m.flags & IP6T_RT_TYP) s += `${m.invflags & IP6T_RT_INV_TYP ? ' !' : ''} --rt-type ${m.rtType}`;
    const [lo, hi] = m.segsleft;
    if (!(lo === 0 && hi === 0xffffffff)) {
      s += `${m.invflags & IP6T_RT_INV_SGS ? ' !' : ''} --rt-segsleft ${lo !== hi ? `${lo}:${hi}` : lo}`;
    }
    if (m.flags & IP6T_RT_LEN) s += `${m.invflags & IP6T_RT_INV_LEN ? ' !' : ''} --rt-len ${m.hdrlen}`;
    if (m.flags & IP6T_RT_RES) s += ' --rt-0-res';
    if (m.flags & IP6T_RT_FST) s += ' --rt-0-addrs';
    s += addrList(m, ' ');
    if (m.flags & IP6T_RT_FST_NSTRICT) s += ' --rt-0-not-strict';
    return s;
  },
}));
