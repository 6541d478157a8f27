// libxt_addrtype.c (revision 1): --src-type / --dst-type TYPE[,TYPE...], --limit-iface-in/out.
// IPv4 only (family NFPROTO_IPV4): netsim's xt_addrtype looks up IPv4 routes only.
import {
  XT_ADDRTYPE_INVERT_DEST, XT_ADDRTYPE_INVERT_SOURCE, XT_ADDRTYPE_LIMIT_IFACE_IN, XT_ADDRTYPE_LIMIT_IFACE_OUT,
  type AddrtypeInfo,
} from '../../../kernel/netfilter/xt_addrtype.js';
import { NF_INET_LOCAL_IN, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING, NF_INET_PRE_ROUTING } from '../../../kernel/ipv4/ip_input.js';
import { registerMatch, type ExtCtx } from './index.js';
import { NFPROTO_IPV4 } from '../../../kernel/netfilter/core.js';
import { xtExt } from './xtopt.js';
import { chainHooks } from './hooks.js';

/** rtn_names[], indexed by RTN_*. */
const RTN_NAMES = ['UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST', 'BLACKHOLE',
  'UNREACHABLE', 'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE'];

/** parse_type(): a case-insensitive prefix of a name (strncasecmp over the given length). */
function parseType(s: string): number | undefined {
  const i = RTN_NAMES.findIndex((n) => n.slice(0, s.length).toLowerCase() === s.toLowerCase() && s.length <= n.length);
  return i < 0 ? undefined : i;
}

/** parse_types() */
function parseTypes(arg: string, ctx: ExtCtx): number {
  let mask = 0;
  const parts = arg.split(',');
  let rest = arg;
  for (let k = 0; k < parts.length - 1; k++) {
    const t = parts[k] ? parseType(parts[k]!) : undefined;
    if (t === undefined) throw ctx.perr(`addrtype: bad type \`${rest}'`);
    mask |= 1 << t;
    rest = rest.slice(parts[k]!.length + 1);
  }
  const last = parts[parts.length - 1]!;
  const t = last ? parseType(last) : undefined;
  if (t === undefined) throw ctx.perr(`addrtype: bad type "${last}"`);
  return mask | (1 << t);
}

/** print_types() */
const typesStr = (mask: number) => RTN_NAMES.filter((_, i) => mask & (1 << i)).join(',');

registerMatch(xtExt<AddrtypeInfo>({
  name: 'addrtype',
  family: NFPROTO_IPV4,
  options: [
    { name: 'src-type', invert: true },
    { name: 'dst-type', invert: true },
    { name: 'limit-iface-in', noArg: true, excl: ['limit-iface-out'] },
    { name: 'limit-iface-out', noArg: true, excl: ['limit-iface-in'] },
  ],
  init: () => ({ source: 0, dest: 0, flags: 0 }),
  parse(opt, arg, inv, info, ctx) {
    switch (opt) {
      case 'src-type':
        info.source = parseTypes(arg, ctx);
        if (inv) info.flags |= XT_ADDRTYPE_INVERT_SOURCE;
        break;
      case 'dst-type':
        info.dest = parseTypes(arg, ctx);
        if (inv) info.flags |= XT_ADDRTYPE_INVERT_DEST;
        break;
      case 'limit-iface-in':
        info.flags |= XT_ADDRTYPE_LIMIT_IFACE_IN;
        break;
      case 'limit-iface-out':
        info.flags |= XT_ADDRTYPE_LIMIT_IFACE_OUT;
        break;
    }
  },
  fcheck(_info, ctx, seen) {
    if (!seen.includes('src-type') && !seen.includes('dst-type')) {
      throw ctx.perr('addrtype: you must specify --src-type or --dst-type');
    }
  },
  print(info) {
    let s = ' ADDRTYPE match';
    if (info.source) s += ` src-type ${info.flags & XT_ADDRTYPE_INVERT_SOURCE ? '!' : ''}${typesStr(info.source)}`;
    if (info.dest) s += ` dst-type ${info.flags & XT_ADDRTYPE_INVERT_DEST ? '!' : ''}${typesStr(info.dest)}`;
    if (info.flags & XT_ADDRTYPE_LIMIT_IFACE_IN) s += ' limit-in';
    if (info.flags & XT_ADDRTYPE_LIMIT_IFACE_OUT) s += ' limit-out';
    return s;
  },
  save(info) {
    let s = '';
    if (info.source) s += `${info.flags & XT_ADDRTYPE_INVERT_SOURCE ? ' !' : ''} --src-type ${typesStr(info.source)}`;
    if (info.dest) s += `${info.flags & XT_ADDRTYPE_INVERT_DEST ? ' !' : ''} --dst-type ${typesStr(info.dest)}`;
    if (info.flags & XT_ADDRTYPE_LIMIT_IFACE_IN) s += ' --limit-iface-in';
    if (info.flags & XT_ADDRTYPE_LIMIT_IFACE_OUT) s += ' --limit-iface-out';
    return s;
  },
  // addrtype_mt_checkentry_v1()
  check(info, { table, chain }) {
    const hooks = chainHooks(table, chain);
    if ((info.flags & XT_ADDRTYPE_LIMIT_IFACE_OUT) && hooks.some((h) => h === NF_INET_PRE_ROUTING || h === NF_INET_LOCAL_IN)) {
      return 'Invalid argument';
    }
    if ((info.flags & XT_ADDRTYPE_LIMIT_IFACE_IN) && hooks.some((h) => h === NF_INET_POST_ROUTING || h === NF_INET_LOCAL_OUT)) {
      return 'Invalid argument';
    }
    return undefined;
  },
}));
