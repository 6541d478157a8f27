// libxt_physdev.c: --physdev-in/--physdev-out NAME[+], --physdev-is-in, --physdev-is-out,
// --physdev-is-bridged, each invertible. The kernel refuses an out-port test in a chain
// reached from OUTPUT unless the rule also asks for bridged packets (physdev_mt_check()), and
// loads br_netfilter the first time it sees the match.
import {
  XT_PHYSDEV_OP_BRIDGED, XT_PHYSDEV_OP_IN, XT_PHYSDEV_OP_ISIN, XT_PHYSDEV_OP_ISOUT, XT_PHYSDEV_OP_OUT,
  type PhysdevInfo,
} from '../../../kernel/netfilter/xt_physdev.js';
import { NF_INET_LOCAL_OUT } from '../../../kernel/ipv4/ip_input.js';
import type { Kernel } from '../../../kernel/kernel.js';
import { requestModule } from '../../../kernel/module/main.js';
import { registerMatch, type ExtCtx } from './index.js';
import { xtExt } from './xtopt.js';
import { chainHooks } from './hooks.js';

const FLAG: Record<string, number> = {
  'physdev-in': XT_PHYSDEV_OP_IN, 'physdev-out': XT_PHYSDEV_OP_OUT, 'physdev-is-in': XT_PHYSDEV_OP_ISIN,
  'physdev-is-out': XT_PHYSDEV_OP_ISOUT, 'physdev-is-bridged': XT_PHYSDEV_OP_BRIDGED,
};

/** xtables_parse_interface(): at most IFNAMSIZ - 1 characters. */
function parseInterface(arg: string, ctx: ExtCtx): string {
  if (arg.length + 1 > 16) throw ctx.perr(`interface name \`${arg}' must be shorter than IFNAMSIZ (15)`);
  return arg;
}

/** physdev_mt_check()'s request_module("br_netfilter"), once per boot. */
const probed = new WeakSet<Kernel>();

/** The options in the order print and save write them. */
function text(m: PhysdevInfo): string {
  const neg = (op: number) => (m.invert & op ? ' !' : '');
  let s = '';
  if (m.bitmask & XT_PHYSDEV_OP_ISIN) s += `${neg(XT_PHYSDEV_OP_ISIN)} --physdev-is-in`;
  if (m.bitmask & XT_PHYSDEV_OP_IN) s += `${neg(XT_PHYSDEV_OP_IN)} --physdev-in ${m.physindev}`;
  if (m.bitmask & XT_PHYSDEV_OP_ISOUT) s += `${neg(XT_PHYSDEV_OP_ISOUT)} --physdev-is-out`;
  if (m.bitmask & XT_PHYSDEV_OP_OUT) s += `${neg(XT_PHYSDEV_OP_OUT)} --physdev-out ${m.physoutdev}`;
  if (m.bitmask & XT_PHYSDEV_OP_BRIDGED) s += `${neg(XT_PHYSDEV_OP_BRIDGED)} --physdev-is-bridged`;
  return s;
}

registerMatch(xtExt<PhysdevInfo>({
  name: 'physdev',
  options: [
    { name: 'physdev-in', invert: true },
    { name: 'physdev-out', invert: true },
    { name: 'physdev-is-in', noArg: true, invert: true },
    { name: 'physdev-is-out', noArg: true, invert: true },
    { name: 'physdev-is-bridged', noArg: true, invert: true },
  ],
  init: () => ({ physindev: '', physoutdev: '', bitmask: 0, invert: 0 }),
  parse(opt, arg, inv, m, ctx) {
    const f = FLAG[opt]!;
    if (opt === 'physdev-in') m.physindev = parseInterface(arg, ctx);
    else if (opt === 'physdev-out') m.physoutdev = parseInterface(arg, ctx);
    m.bitmask |= f;
    if (inv) m.invert |= f;
  },
  fcheck(m, ctx) {
    if (m.bitmask === 0) throw ctx.perr('PHYSDEV: no physdev option specified');
    const k = ctx.netns?.kernel;
    if (k && !probed.has(k)) {
      probed.add(k);
      requestModule(k, 'br_netfilter');
    }
  },
  print: (m) => ` PHYSDEV match${text(m)}`,
  save: (m) => text(m),
  check: (m, { table, chain }) =>
    (m.bitmask & (XT_PHYSDEV_OP_OUT | XT_PHYSDEV_OP_ISOUT) &&
      (!(m.bitmask & XT_PHYSDEV_OP_BRIDGED) || m.invert & XT_PHYSDEV_OP_BRIDGED) &&
      chainHooks(table, chain).includes(NF_INET_LOCAL_OUT) ? 'Invalid argument' : undefined),
}));
