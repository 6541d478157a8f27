// libip6t_ipv6header.c: the ipv6header match (--header LIST, --soft): header names as
// /etc/protocols and its own table name them.
import {
  MASK_HOPOPTS, MASK_DSTOPTS, MASK_ROUTING, MASK_FRAGMENT, MASK_AH, MASK_ESP, MASK_NONE, MASK_PROTO,
  type Ipv6headerInfo,
} from '../../../kernel/netfilter/ip6t_ipv6header.js';
import { NFPROTO_IPV6 } from '../../../kernel/netfilter/core.js';
import { PROTOCOLS, protoName } from '../names.js';
import { registerMatch } from './index.js';
import { xtExt } from './xtopt.js';

const IPPROTO_RAW = 255;

/** chain_protos[]: the names (and numbers as text) beside /etc/protocols'. */
const CHAIN_PROTOS: [string, number][] = [
  ['hop-by-hop', 0], ['protocol', IPPROTO_RAW], ['hop', 0], ['dst', 60], ['route', 43], ['frag', 44],
  ['auth', 51], ['esp', 50], ['none', 59], ['prot', IPPROTO_RAW], ['0', 0], ['60', 60], ['43', 43],
  ['44', 44], ['51', 51], ['50', 50], ['59', 59], ['255', IPPROTO_RAW],
];

/** chain_flags[]: each header's flag, in the order they are printed. */
const CHAIN_FLAGS: [number, number][] = [
  [0, MASK_HOPOPTS], [60, MASK_DSTOPTS], [43, MASK_ROUTING], [44, MASK_FRAGMENT], [51, MASK_AH],
  [50, MASK_ESP], [59, MASK_NONE], [IPPROTO_RAW, MASK_PROTO],
];

/** name_to_proto() then add_proto_to_mask(). */
function headerFlag(name: string, perr: (m: string) => Error): number {
  const proto = Object.prototype.hasOwnProperty.call(PROTOCOLS, name) ? PROTOCOLS[name]!
    : CHAIN_PROTOS.find((c) => c[0] === name)?.[1];
  if (proto === undefined) throw perr(`unknown header \`${name}' specified`);
  const f = CHAIN_FLAGS.find((c) => c[0] === proto);
  if (!f) throw perr(`unknown header \`${proto}' specified`);
  return f[1];
}

/** print_header(): the names of the flags, comma-separated. */
function headerNames(flags: number): string {
  const out: string[] = [];
  for (const [proto, flag] of CHAIN_FLAGS) {
    if (!(flags & flag)) continue;
    // proto_to_name(): /etc/protocols' name unless 0, else the table's.
    out.push((proto !== 0 ? protoName(proto) : undefined) ?? CHAIN_PROTOS.find((c) => c[1] === proto)![0]);
  }
  return out.length ? out.join(',') : 'NONE';
}

registerMatch(xtExt<Ipv6headerInfo>({
  name: 'ipv6header',
  family: NFPROTO_IPV6,
  options: [{ name: 'header', mand: true, invert: true }, { name: 'soft', noArg: true }],
  init: () => ({ matchflags: 0, invflags: 0, modeflag: 0 }),
  parse(opt, arg, inv, m, ctx) {
    if (opt === 'soft') {
      m.modeflag = 0xff;
      return;
    }
    // strtok(): empty names between commas are skipped.
    let flags = 0;
    for (const w of arg.split(',')) if (w) flags |= headerFlag(w, ctx.perr);
    if (!flags) throw ctx.perr('ip6t_ipv6header: cannot parse header names');
    m.matchflags = flags;
    if (inv) m.invflags = 0xff;
  },
  print(m, numeric) {
    let s = ' ipv6header';
    if (m.matchflags || m.invflags) {
      s += ` flags:${m.invflags ? '!' : ''}`;
      s += numeric ? `0x${m.matchflags.toString(16).toUpperCase().padStart(2, '0')}` : headerNames(m.matchflags);
    }
    if (m.modeflag) s += ' soft';
    return s;
  },
  save: (m) => `${m.invflags ? ' !' : ''} --header ${headerNames(m.matchflags)}${m.modeflag ? ' --soft' : ''}`,
}));
