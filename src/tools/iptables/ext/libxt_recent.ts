// libxt_recent.c (revision 1): --set, --rcheck, --update, --remove with --seconds, --reap,
// --hitcount, --rttl, --name, --rsource/--rdest, --mask.
// IPv4 only (family NFPROTO_IPV4): netsim's xt_recent remembers IPv4 addresses only.
import {
  XT_RECENT_CHECK, XT_RECENT_DEST, XT_RECENT_REAP, XT_RECENT_REMOVE, XT_RECENT_SET, XT_RECENT_SOURCE, XT_RECENT_TTL,
  XT_RECENT_UPDATE, type RecentInfo,
} from '../../../kernel/netfilter/xt_recent.js';
import { registerMatch } from './index.js';
import { NFPROTO_IPV4 } from '../../../kernel/netfilter/core.js';
import { xtExt, parseUint } from './xtopt.js';
import { fmtAddr, ipv4 } from './parse.js';

const OPS = ['set', 'rcheck', 'update', 'remove'];
const OP_FLAG: Record<string, number> = { set: XT_RECENT_SET, rcheck: XT_RECENT_CHECK, update: XT_RECENT_UPDATE, remove: XT_RECENT_REMOVE };

registerMatch(xtExt<RecentInfo>({
  name: 'recent',
  family: NFPROTO_IPV4,
  options: [
    { name: 'set', noArg: true, invert: true, excl: OPS },
    { name: 'rcheck', noArg: true, invert: true, excl: OPS },
    { name: 'update', noArg: true, invert: true, excl: OPS },
    { name: 'remove', noArg: true, invert: true, excl: OPS },
    { name: 'seconds' },
    { name: 'reap', noArg: true, also: ['seconds'] },
    { name: 'hitcount' },
    { name: 'rttl', noArg: true, excl: ['set', 'remove'] },
    { name: 'name' },
    { name: 'rsource', noArg: true },
    { name: 'rdest', noArg: true },
    { name: 'mask' },
  ],
  init: () => ({ seconds: 0, hitCount: 0, checkSet: 0, invert: false, name: 'DEFAULT', side: XT_RECENT_SOURCE, mask: 0xffffffff }),
  parse(opt, arg, inv, m, ctx) {
    if (opt in OP_FLAG) {
      m.checkSet |= OP_FLAG[opt]!;
      if (inv) m.invert = true;
    } else if (opt === 'seconds') m.seconds = parseUint('recent', opt, arg, ctx);
    else if (opt === 'hitcount') m.hitCount = parseUint('recent', opt, arg, ctx);
    else if (opt === 'reap') m.checkSet |= XT_RECENT_REAP;
    else if (opt === 'rttl') m.checkSet |= XT_RECENT_TTL;
    else if (opt === 'name') m.name = arg;
    else if (opt === 'rsource') m.side = XT_RECENT_SOURCE;
    else if (opt === 'rdest') m.side = XT_RECENT_DEST;
    else if (opt === 'mask') {
      const a = ipv4(arg);
      if (a === undefined) throw ctx.perr(`recent: bad value for option "--mask", or out of range.\n`);
      m.mask = a;
    }
  },
  fcheck(m, ctx) {
    if (!(m.checkSet & (XT_RECENT_SET | XT_RECENT_CHECK | XT_RECENT_UPDATE | XT_RECENT_REMOVE))) {
      throw ctx.perr("recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'");
    }
  },
  print(m) {
    let s = `${m.invert ? ' !' : ''} recent:`;
    if (m.checkSet & XT_RECENT_SET) s += ' SET';
    if (m.checkSet & XT_RECENT_CHECK) s += ' CHECK';
    if (m.checkSet & XT_RECENT_UPDATE) s += ' UPDATE';
    if (m.checkSet & XT_RECENT_REMOVE) s += ' REMOVE';
    if (m.seconds) s += ` seconds: ${m.seconds}`;
    if (m.checkSet & XT_RECENT_REAP) s += ' reap';
    if (m.hitCount) s += ` hit_count: ${m.hitCount}`;
    if (m.checkSet & XT_RECENT_TTL) s += ' TTL-Match';
    s += ` name: ${m.name} side: ${m.side === XT_RECENT_DEST ? 'dest' : 'source'} mask: ${fmtAddr(m.mask)}`;
    return s;
  },
  save(m) {
    let s = m.invert ? ' !' : '';
    if (m.checkSet & XT_RECENT_SET) s += ' --set';
    if (m.checkSet & XT_RECENT_CHECK) s += ' --rcheck';
    if (m.checkSet & XT_RECENT_UPDATE) s += ' --update';
    if (m.checkSet & XT_RECENT_REMOVE) s += ' --remove';
    if (m.seconds) s += ` --seconds ${m.seconds}`;
    if (m.checkSet & XT_RECENT_REAP) s += ' --reap';
    if (m.hitCount) s += ` --hitcount ${m.hitCount}`;
    if (m.checkSet & XT_RECENT_TTL) s += ' --rttl';
    return s + ` --name ${m.name} --mask ${fmtAddr(m.mask)} ${m.side === XT_RECENT_DEST ? '--rdest' : '--rsource'}`;
  },
  // recent_mt_check(): --set and --remove take no --seconds, --hitcount, --rttl or --reap.
  check(m) {
    if ((m.checkSet & (XT_RECENT_SET | XT_RECENT_REMOVE)) &&
      (m.seconds || m.hitCount || (m.checkSet & (XT_RECENT_TTL | XT_RECENT_REAP)))) return 'Invalid argument';
    return undefined;
  },
}));
