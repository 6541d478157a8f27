// libip6t_frag.c: the frag match (--fragid, --fraglen, --fragres, --fragfirst, --fragmore or
// --fraglast).
import {
  IP6T_FRAG_IDS, IP6T_FRAG_LEN, IP6T_FRAG_RES, IP6T_FRAG_FST, IP6T_FRAG_MF, IP6T_FRAG_NMF,
  IP6T_FRAG_INV_IDS, IP6T_FRAG_INV_LEN, type FragInfo,
} from '../../../kernel/netfilter/ip6t_frag.js';
import { NFPROTO_IPV6 } from '../../../kernel/netfilter/core.js';
import { registerMatch } from './index.js';
import { xtExt, parseUint, parseUintRange } from './xtopt.js';

const FLAG: Record<string, number> = {
  fragres: IP6T_FRAG_RES, fragfirst: IP6T_FRAG_FST, fragmore: IP6T_FRAG_MF, fraglast: IP6T_FRAG_NMF,
};

/** skip_ids_match(): the whole id range, not inverted. */
const allIds = (m: FragInfo) => m.ids[0] === 0 && m.ids[1] === 0xffffffff && !(m.invflags & IP6T_FRAG_INV_IDS);

registerMatch(xtExt<FragInfo>({
  name: 'frag',
  family: NFPROTO_IPV6,
  options: [
    { name: 'fragid', invert: true }, { name: 'fraglen', invert: true }, { name: 'fragres', noArg: true },
    { name: 'fragfirst', noArg: true }, { name: 'fragmore', noArg: true, excl: ['fraglast'] },
    { name: 'fraglast', noArg: true, excl: ['fragmore'] },
  ],
  init: () => ({ ids: [0, 0xffffffff], hdrlen: 0, flags: 0, invflags: 0 }),
  parse(opt, arg, inv, m, ctx) {
    if (opt === 'fragid') {
      m.ids = parseUintRange('frag', opt, arg, ctx);
      if (inv) m.invflags |= IP6T_FRAG_INV_IDS;
      m.flags |= IP6T_FRAG_IDS;
    } else if (opt === 'fraglen') {
      // The kernel never looks at it.
      m.hdrlen = parseUint('frag', opt, arg, ctx);
      if (inv) m.invflags |= IP6T_FRAG_INV_LEN;
      m.flags |= IP6T_FRAG_LEN;
    } else m.flags |= FLAG[opt]!;
  },
  print(m) {
    let s = ' frag ';
    if (!allIds(m)) {
      const i = m.invflags & IP6T_FRAG_INV_IDS ? '!' : '';
      s += m.ids[0] === m.ids[1] ? `id:${i}${m.ids[0]}` : `ids:${i}${m.ids[0]}:${m.ids[1]}`;
    }
    if (m.flags & IP6T_FRAG_LEN) s += ` length:${m.invflags & IP6T_FRAG_INV_LEN ? '!' : ''}${m.hdrlen}`;
    if (m.flags & IP6T_FRAG_RES) s += ' reserved';
    if (m.flags & IP6T_FRAG_FST) s += ' first';
    if (m.flags & IP6T_FRAG_MF) s += ' more';
    if (m.flags & IP6T_FRAG_NMF) s += ' last';
    return s;
  },
  save(m) {
    let s = '';
    if (!allIds(m)) {
      s += `${m.invflags & IP6T_FRAG_INV_IDS ? ' !' : ''} --fragid ${m.ids[0] !== m.ids[1] ? `${m.ids[0]}:${m.ids[1]}` : m.ids[0]}`;
    }
    if (m.flags & IP6T_FRAG_LEN) s += `${m.invflags & IP6T_FRAG_INV_LEN ? ' !' : ''} --fraglen ${m.hdrlen}`;
    if (m.flags & IP6T_FRAG_RES) s += ' --fragres';
    if (m.flags & IP6T_FRAG_FST) s += ' --fragfirst';
    if (m.flags & IP6T_FRAG_MF) s += ' --fragmore';
    if (m.flags & IP6T_FRAG_NMF) s += ' --fraglast';
    return s;
  },
}));
