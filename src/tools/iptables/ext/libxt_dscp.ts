// libxt_dscp.c and libxt_tos.c (revision 1): the dscp match (--dscp, --dscp-class) and the tos
// match (--tos value[/mask] or a symbolic name); libxt_DSCP.c: the DSCP target.
// IPv4 only (family NFPROTO_IPV4): netsim's xt_dscp reads and writes the IPv4 TOS byte only.
import type { DscpInfo, DscpTgInfo, TosInfo } from '../../../kernel/netfilter/xt_dscp.js';
import { registerMatch, registerTarget, type ExtCtx } from './index.js';
import { NFPROTO_IPV4 } from '../../../kernel/netfilter/core.js';
import { xtCheck } from './hooks.js';
import { xtExt, parseUint, strtoul } from './xtopt.js';

/** ds_classes[] (libxt_dscp_helper.c) */
const DS_CLASSES: [string, number][] = [
  ['CS0', 0x00], ['CS1', 0x08], ['CS2', 0x10], ['CS3', 0x18], ['CS4', 0x20], ['CS5', 0x28], ['CS6', 0x30],
  ['CS7', 0x38], ['BE', 0x00], ['AF11', 0x0a], ['AF12', 0x0c], ['AF13', 0x0e], ['AF21', 0x12], ['AF22', 0x14],
  ['AF23', 0x16], ['AF31', 0x1a], ['AF32', 0x1c], ['AF33', 0x1e], ['AF41', 0x22], ['AF42', 0x24], ['AF43', 0x26],
  ['EF', 0x2e],
];

/** class_to_dscp(): a class name compared over the table name's length, ignoring case. */
function classToDscp(s: string, ctx: ExtCtx): number {
  const c = DS_CLASSES.find(([n]) => s.slice(0, n.length).toLowerCase() === n.toLowerCase());
  if (!c) throw ctx.perr(`Invalid DSCP value \`${s}'`);
  return c[1];
}

const hex2 = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;

registerMatch(xtExt<DscpInfo>({
  name: 'dscp',
  family: NFPROTO_IPV4,
  options: [
    { name: 'dscp', invert: true, excl: ['dscp-class'] },
    { name: 'dscp-class', invert: true, excl: ['dscp'] },
  ],
  init: () => ({ dscp: 0, invert: false }),
  parse(opt, arg, inv, m, ctx) {
    m.dscp = opt === 'dscp' ? parseUint('dscp', opt, arg, ctx, 0, 63) : classToDscp(arg, ctx);
    m.invert = inv;
  },
  fcheck(_m, ctx, seen) {
    if (seen.length === 0) throw ctx.perr('DSCP match: Parameter --dscp is required');
  },
  print: (m) => ` DSCP match ${m.invert ? '!' : ''}${hex2(m.dscp)}`,
  save: (m) => `${m.invert ? ' !' : ''} --dscp ${hex2(m.dscp)}`,
}));

/** tos_value_names[] */
const TOS_NAMES: [string, number][] = [
  ['Minimize-Cost', 0x02], ['Maximize-Reliability', 0x04], ['Maximize-Throughput', 0x08],
  ['Minimize-Delay', 0x10], ['Normal-Service', 0x00],
];

/** XTTYPE_TOSMASK: VALUE[/MASK] (mask 0xff) or a symbolic name (mask 0x3f). */
function parseTos(arg: string, ctx: ExtCtx): [number, number] {
  const slash = arg.indexOf('/');
  const v = strtoul(slash < 0 ? arg : arg.slice(0, slash));
  if (v !== undefined && v <= 0xff) {
    const m = slash < 0 ? 0xff : strtoul(arg.slice(slash + 1));
    if (m === undefined || m > 0xff) throw ctx.perr(`Illegal value: "${arg}"`);
    return [v, m];
  }
  const n = TOS_NAMES.find(([name]) => name.toLowerCase() === arg.toLowerCase());
  if (!n) throw ctx.perr(`Symbolic name "${arg}" is unknown`);
  return [n[1], 0x3f];
}

registerMatch(xtExt<TosInfo>({
  name: 'tos',
  family: NFPROTO_IPV4,
  options: [{ name: 'tos', mand: true, invert: true }],
  init: () => ({ tosValue: 0, tosMask: 0xff, invert: false }),
  parse(_opt, arg, inv, m, ctx) {
    [m.tosValue, m.tosMask] = parseTos(arg, ctx);
    m.invert = inv;
  },
  // tos_mt_print_v1(): a symbolic name only when the mask is 0x3f.
  print(m, numeric) {
    const name = m.tosMask === 0x3f ? TOS_NAMES.find((x) => x[1] === m.tosValue)?.[0] : undefined;
    return ` tos match${m.invert ? '!' : ''}` + (!numeric && name ? ` ${name}` : `${hex2(m.tosValue)}/${hex2(m.tosMask)}`);
  },
  save: (m) => `${m.invert ? ' !' : ''} --tos ${hex2(m.tosValue)}/${hex2(m.tosMask)}`,
}));

registerTarget(xtExt<DscpTgInfo>({
  name: 'DSCP',
  family: NFPROTO_IPV4,
  options: [
    { name: 'set-dscp', excl: ['set-dscp-class'] },
    { name: 'set-dscp-class', excl: ['set-dscp'] },
  ],
  init: () => ({ dscp: 0 }),
  parse(opt, arg, _inv, t, ctx) {
    t.dscp = opt === 'set-dscp' ? parseUint('DSCP', opt, arg, ctx, 0, 63) : classToDscp(arg, ctx);
  },
  fcheck(_t, ctx, seen) {
    if (seen.length === 0) throw ctx.perr('DSCP target: Parameter --set-dscp is required');
  },
  print: (t) => ` DSCP set ${hex2(t.dscp)}`,
  save: (t) => ` --set-dscp ${hex2(t.dscp)}`,
  // xt_DSCP is registered for the mangle table only.
  check: (_t, { table, family }) => xtCheck.table(family, 'DSCP target', 'mangle', table),
}));
