// libxt_connlimit.c (revision 1, IPv4): --connlimit-upto/--connlimit-above N,
// --connlimit-mask, --connlimit-saddr/--connlimit-daddr.
import { XT_CONNLIMIT_DADDR, XT_CONNLIMIT_INVERT, type ConnlimitInfo } from '../../../kernel/netfilter/xt_connlimit.js';
import { registerMatch } from './index.js';
import { NFPROTO_IPV4 } from '../../../kernel/netfilter/core.js';
import { xtExt, parseUint, strtoul } from './xtopt.js';
import { ipv4, maskLen, prefixMask } from './parse.js';

registerMatch(xtExt<ConnlimitInfo>({
  name: 'connlimit',
  family: NFPROTO_IPV4,
  options: [
    { name: 'connlimit-upto', invert: true, excl: ['connlimit-above'] },
    { name: 'connlimit-above', invert: true, excl: ['connlimit-upto'] },
    { name: 'connlimit-mask' },
    { name: 'connlimit-saddr', noArg: true, excl: ['connlimit-daddr'] },
    { name: 'connlimit-daddr', noArg: true, excl: ['connlimit-saddr'] },
  ],
  init: () => ({ mask: 0xffffffff, limit: 0, flags: 0 }),
  parse(opt, arg, inv, m, ctx) {
    switch (opt) {
      case 'connlimit-upto': case 'connlimit-above':
        m.limit = parseUint('connlimit', opt, arg, ctx);
        // upto is "not above": the kernel tests count > limit, inverted.
        if ((opt === 'connlimit-upto') !== inv) m.flags |= XT_CONNLIMIT_INVERT;
        break;
      case 'connlimit-mask': {
        // XTTYPE_PLENMASK: a prefix length (beyond 32 all ones) or any netmask; one that is not
        // a prefix is listed as /32.
        const n = strtoul(arg);
        const mk = n !== undefined && n <= 128 ? prefixMask(Math.min(n, 32)) : ipv4(arg);
        if (mk === undefined) {
          throw ctx.perr(`connlimit: bad value for option "--${opt}", neither a valid network mask nor valid CIDR (0-32).\n`);
        }
        m.mask = mk;
        break;
      }
      case 'connlimit-saddr': m.flags &= ~XT_CONNLIMIT_DADDR; break;
      case 'connlimit-daddr': m.flags |= XT_CONNLIMIT_DADDR; break;
    }
  },
  fcheck(_m, ctx, seen) {
    if (!seen.includes('connlimit-upto') && !seen.includes('connlimit-above')) {
      throw ctx.perr('You must specify "--connlimit-above" or "--connlimit-upto".');
    }
  },
  print: (m) => ` #conn ${m.flags & XT_CONNLIMIT_DADDR ? 'dst' : 'src'}/${maskLen(m.mask) ?? 32} ` +
    `${m.flags & XT_CONNLIMIT_INVERT ? '<=' : '>'} ${m.limit}`,
  save: (m) => ` ${m.flags & XT_CONNLIMIT_INVERT ? '--connlimit-upto' : '--connlimit-above'} ${m.limit}` +
    ` --connlimit-mask ${maskLen(m.mask) ?? 32} ${m.flags & XT_CONNLIMIT_DADDR ? '--connlimit-daddr' : '--connlimit-saddr'}`,
}));
