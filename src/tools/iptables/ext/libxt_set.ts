// libxt_set.c: the set match (revision 4: --match-set NAME src[,dst...], --return-nomatch,
// ! --update-counters, ! --update-subcounters, --packets-* / --bytes-*) and the SET target
// (revision 3: --add-set / --del-set NAME flags, --exist, --timeout). The set is looked up by
// name when the rule is parsed (get_set_byname(), SO_IP_SET in the real tool).
// IPv4 only (family NFPROTO_IPV4): netsim's sets hold IPv4 addresses only.
import {
  IPSET_FLAG_EXIST, IPSET_FLAG_RETURN_NOMATCH, IPSET_FLAG_SKIP_COUNTER_UPDATE,
  IPSET_FLAG_SKIP_SUBCOUNTER_UPDATE, IPSET_FLAG_MATCH_COUNTERS,
  type XtSetInfo, type XtSetMtInfo, type XtSetTgInfo, type IpSetCounterOp,
} from '../../../kernel/netfilter/xt_set.js';
import { ipSetByName } from '../../../kernel/netfilter/ipset/index.js';
import type { ExtCtx } from './index.js';
import { NFPROTO_IPV4 } from '../../../kernel/netfilter/core.js';
import { registerMatch, registerTarget } from './index.js';
import { xtExt, strtoul } from './xtopt.js';

const IPSET_MAXNAMELEN = 32;
const IPSET_DIM_MAX = 6;

/** The second argument of --match-set / --add-set / --del-set, as argv[optind]. */
function secondArg(ctx: ExtCtx, what: string): string {
  const w = ctx.nextArg?.((s) => s[0] !== '-' && s[0] !== '!');
  if (w === undefined) throw ctx.perr(`--${what} requires two args.`);
  return w;
}

/** get_set_byname() and parse_dirs() */
function parseSet(name: string, flags: string, ctx: ExtCtx): XtSetInfo {
  if (name.length > IPSET_MAXNAMELEN - 1) {
    throw ctx.perr(`setname \`${name}' too long, max ${IPSET_MAXNAMELEN - 1} characters.`);
  }
  const index = ctx.netns ? ipSetByName(ctx.netns, name) : undefined;
  if (index === undefined) throw ctx.perr(`Set ${name} doesn't exist.\n`);
  const dirs: XtSetInfo['dirs'] = [];
  const parts = flags.split(',');
  for (const p of parts.slice(0, IPSET_DIM_MAX)) {
    if (p.startsWith('src')) dirs.push('src');
    else if (p.startsWith('dst')) dirs.push('dst');
    else throw ctx.perr("You must spefify (the comma separated list of) 'src' or 'dst'.");
  }
  if (parts.length > IPSET_DIM_MAX) throw ctx.perr(`Can't be more src/dst options than ${IPSET_DIM_MAX}.`);
  return { index, name, dirs, inv: false };
}

/** print_match() / print_target(): "NAME src,dst". */
const setStr = (s: XtSetInfo) => `${s.name} ${s.dirs.join(',')}`;

/** The counter conditions: "! packets-eq 3", "packets-gt 5". */
function counterStr(prefix: string, what: string, c: { op: IpSetCounterOp; value: number }): string {
  if (c.op === 'none') return '';
  return ` ${c.op === 'ne' ? '! ' : ''}${prefix}${what}-${c.op === 'ne' ? 'eq' : c.op} ${c.value}`;
}

function mtPrint(m: XtSetMtInfo, prefix: string): string {
  let s = `${m.set.inv ? ' !' : ''} ${prefix}match-set ${setStr(m.set)}`;
  if (m.flags & IPSET_FLAG_RETURN_NOMATCH) s += ` ${prefix}return-nomatch`;
  if (m.flags & IPSET_FLAG_SKIP_COUNTER_UPDATE) s += ` ! ${prefix}update-counters`;
  if (m.flags & IPSET_FLAG_SKIP_SUBCOUNTER_UPDATE) s += ` ! ${prefix}update-subcounters`;
  return s + counterStr(prefix, 'packets', m.packets) + counterStr(prefix, 'bytes', m.bytes);
}

const COUNTERS = ['packets-eq', 'packets-lt', 'packets-gt', 'bytes-eq', 'bytes-lt', 'bytes-gt'];

registerMatch(xtExt<XtSetMtInfo>({
  name: 'set',
  family: NFPROTO_IPV4,
  options: [
    { name: 'match-set', invert: true, multi: true },
    { name: 'set', invert: true, multi: true },
    { name: 'return-nomatch', noArg: true, multi: true },
    { name: 'update-counters', noArg: true, invert: true, multi: true },
    { name: 'update-subcounters', noArg: true, invert: true, multi: true },
    ...COUNTERS.map((name) => ({ name, invert: name.endsWith('-eq'), multi: true })),
  ],
  init: () => ({
    set: { index: -1, name: '', dirs: [], inv: false },
    flags: 0,
    packets: { op: 'none', value: 0 },
    bytes: { op: 'none', value: 0 },
  }),
  // set_parse_v4()
  parse(opt, arg, inv, m, ctx) {
    if (opt === 'match-set' || opt === 'set') {
      const flags = secondArg(ctx, opt);
      m.set = { ...parseSet(arg, flags, ctx), inv };
    } else if (opt === 'return-nomatch') {
      m.flags |= IPSET_FLAG_RETURN_NOMATCH;
    } else if (opt === 'update-counters') {
      if (inv) m.flags |= IPSET_FLAG_SKIP_COUNTER_UPDATE;
    } else if (opt === 'update-subcounters') {
      if (inv) m.flags |= IPSET_FLAG_SKIP_SUBCOUNTER_UPDATE;
    } else {
      const [what, op] = opt.split('-') as ['packets' | 'bytes', 'eq' | 'lt' | 'gt'];
      const v = strtoul(arg);
      if (v === undefined) throw ctx.perr(`Cannot parse ${arg} as a ${what}-${op} value`);
      m.flags |= IPSET_FLAG_MATCH_COUNTERS;
      m[what] = { op: inv ? 'ne' : op, value: v };
    }
  },
  fcheck(m, ctx) {
    if (m.set.index < 0) throw ctx.perr("You must specify `--match-set' with proper arguments");
  },
  print: (m) => mtPrint(m, ''),
  save: (m) => mtPrint(m, '--'),
}));

function tgPrint(t: XtSetTgInfo, prefix: string): string {
  let s = '';
  if (t.add) s += ` ${prefix}add-set ${setStr(t.add)}`;
  if (t.del) s += ` ${prefix}del-set ${setStr(t.del)}`;
  if (t.flags & IPSET_FLAG_EXIST) s += ` ${prefix}exist`;
  if (t.timeout !== 0xffffffff) s += ` ${prefix}timeout ${t.timeout}`;
  return s;
}

registerTarget(xtExt<XtSetTgInfo>({
  name: 'SET',
  family: NFPROTO_IPV4,
  options: [
    { name: 'add-set', multi: true },
    { name: 'del-set', multi: true },
    { name: 'exist', noArg: true, multi: true },
    { name: 'timeout', multi: true },
  ],
  init: () => ({ flags: 0, timeout: 0xffffffff }),
  // set_target_parse_v3()
  parse(opt, arg, _inv, t, ctx) {
    if (opt === 'add-set' || opt === 'del-set') {
      const key = opt === 'add-set' ? 'add' : 'del';
      if (t[key]) throw ctx.perr(`--${opt} can be specified only once`);
      t[key] = parseSet(arg, secondArg(ctx, opt), ctx);
    } else if (opt === 'exist') {
      t.flags |= IPSET_FLAG_EXIST;
    } else {
      const v = strtoul(arg);
      if (v === undefined || v > 0xfffffffe) {
        throw ctx.perr(`Invalid value for option --timeout or out of range 0-${0xfffffffe}`);
      }
      t.timeout = v;
    }
  },
  fcheck(t, ctx) {
    if (!t.add && !t.del) throw ctx.perr("You must specify either `--add-set' or `--del-set' or `--map-set'");
  },
  print: (t) => tgPrint(t, ''),
  save: (t) => tgPrint(t, '--'),
}));
