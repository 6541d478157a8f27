// ip(8): global options and object dispatch, as iproute2's ip/ip.c does it.
import type { Process, Tool } from '../process.js';
import { Args, UsageError, matches, invarg } from '../lib/args.js';
import { USAGE } from '../usage_text.js';
import { withStdio } from '../lib/stdio.js';
import { runBatch } from '../lib/batch.js';
import { AF_INET, AF_INET6, AF_PACKET, AF_MPLS, AF_BRIDGE, AF_UNSPEC, makePrinter, type IpContext, type IpOptions } from './context.js';
import { doIplink } from './link.js';
import { doIpaddr } from './address.js';
import { doIpmaddr } from './maddr.js';
import { doIproute } from './route.js';
import { doIprule } from './rule.js';
import { doIpneigh } from './neigh.js';
import { doIpnetns, netnsSwitch } from './netns.js';

type Handler = (ctx: IpContext, args: Args) => number | Promise<number>;

function unsupported(name: string): Handler {
  return (ctx) => {
    ctx.err(`ip ${name}: this object is not emulated by netsim\n`);
    return 1;
  };
}

/** ip.c's cmds[] in its order: the first whose name the argument prefixes wins. */
const CMDS: [string, Handler][] = [
  ['address', doIpaddr],
  ['addrlabel', unsupported('addrlabel')],
  ['maddress', doIpmaddr],
  ['route', doIproute],
  ['rule', doIprule],
  ['neighbor', doIpneigh],
  ['neighbour', doIpneigh],
  ['ntable', unsupported('ntable')],
  ['ntbl', unsupported('ntbl')],
  ['link', doIplink],
  ['l2tp', unsupported('l2tp')],
  ['fou', unsupported('fou')],
  ['ila', unsupported('ila')],
  ['macsec', unsupported('macsec')],
  ['tunnel', unsupported('tunnel')],
  ['tunl', unsupported('tunl')],
  ['tuntap', unsupported('tuntap')],
  ['tap', unsupported('tap')],
  ['token', unsupported('token')],
  ['tcpmetrics', unsupported('tcpmetrics')],
  ['tcp_metrics', unsupported('tcp_metrics')],
  ['monitor', unsupported('monitor')],
  ['xfrm', doIpxfrm],
  ['mroute', unsupported('mroute')],
  ['mrule', unsupported('mrule')],
  ['netns', doIpnetns],
  ['netconf', unsupported('netconf')],
  ['vrf', unsupported('vrf')],
  ['sr', unsupported('sr')],
  ['nexthop', unsupported('nexthop')],
  ['mptcp', unsupported('mptcp')],
  ['ioam', unsupported('ioam')],
  ['help', (ctx) => usage(ctx)],
  ['stats', unsupported('stats')],
];

/** do_xfrm() (ip/ipxfrm.c): its usage for no object, "help" or an unknown object; the
 *  objects themselves (state, policy, monitor) are not emulated. */
function doIpxfrm(ctx: IpContext, a: Args): number {
  const w = a.peek();
  // iproute2's matches() takes an empty word as a prefix of anything.
  const is = (word: string) => w === '' || matches(w, word);
  if (w !== undefined && (is('state') || is('sa') || is('policy') || is('monitor'))) return unsupported('xfrm')(ctx, a) as number;
  ctx.err('Usage: ip xfrm XFRM-OBJECT { COMMAND | help }\nwhere  XFRM-OBJECT := state | policy | monitor\n');
  return 255;
}

function usage(ctx: IpContext): number {
  ctx.err(USAGE['ip']!);
  return 255;
}

export const ip: Tool = (p: Process) => {
  const opts: IpOptions = {
    family: AF_UNSPEC, json: false, pretty: false, brief: false, oneline: false, stats: 0, details: 0,
    color: false, resolve: false, force: false, human: false, timestamp: false, numeric: false, all: false,
  };
  return withStdio(p, (io) => run({ p, ns: p.netns, opts, out: io.out, err: io.err, printer: () => makePrinter(opts) }, p.argv.slice(1)));
};

async function run(ctx: IpContext, argv: string[]): Promise<number> {
  const o = ctx.opts;
  let i = 0;
  for (; i < argv.length; i++) {
    let opt = argv[i]!;
    if (opt === '--') {
      i++;
      break;
    }
    if (opt[0] !== '-') break;
    if (opt[1] === '-') opt = opt.slice(1);
    // ip.c: a global option missing its argument gets the usage text.
    const next = (): string => {
      if (++i >= argv.length) throw new UsageError(USAGE['ip']!, 255);
      return argv[i]!;
    };
    if (matches(opt, '-loops')) next();
    else if (matches(opt, '-family')) {
      const f = next();
      if (f === 'inet') o.family = AF_INET;
      else if (f === 'inet6') o.family = AF_INET6;
      else if (f === 'link') o.family = AF_PACKET;
      else if (f === 'mpls') o.family = AF_MPLS;
      else if (f === 'bridge') o.family = AF_BRIDGE;
      else if (f === 'help') return usage(ctx);
      else throw invarg('invalid protocol family', f);
    } else if (opt === '-4') o.family = AF_INET;
    else if (opt === '-6') o.family = AF_INET6;
    else if (opt === '-0') o.family = AF_PACKET;
    else if (opt === '-M') o.family = AF_MPLS;
    else if (opt === '-B') o.family = AF_BRIDGE;
    else if (matches(opt, '-human') || matches(opt, '-human-readable')) o.human = true;
    else if (matches(opt, '-iec')) { /* only changes rate units */ }
    else if (matches(opt, '-stats') || matches(opt, '-statistics')) o.stats++;
    else if (matches(opt, '-details')) o.details++;
    else if (matches(opt, '-resolve')) o.resolve = true;
    else if (matches(opt, '-oneline')) o.oneline = true;
    else if (matches(opt, '-timestamp')) o.timestamp = true;
    else if (matches(opt, '-tshort')) o.timestamp = true;
    else if (matches(opt, '-Version')) {
      ctx.out('ip utility, iproute2-6.1.0, libbpf 1.1.2\n');
      return 0;
    } else if (matches(opt, '-force')) o.force = true;
    else if (matches(opt, '-batch')) o.batch = next();
    else if (matches(opt, '-brief')) o.brief = true;
    else if (matches(opt, '-json')) o.json = true;
    else if (matches(opt, '-pretty')) o.pretty = true;
    else if (matches(opt, '-rcvbuf')) next();
    else if (isColor(opt)) o.color = !/=(never|auto)$/.test(opt);
    else if (matches(opt, '-help')) return usage(ctx);
    else if (matches(opt, '-netns')) {
      // iproute2 passes argv[1] even when it is missing: NULL prints as "(null)".
      const name = i + 1 < argv.length ? argv[++i]! : '(null)';
      const ns = netnsSwitch(ctx, name);
      if (!ns) return 255;
      ctx.ns = ns;
    } else if (matches(opt, '-Numeric')) o.numeric = true;
    else if (matches(opt, '-all')) o.all = true;
    else if (opt === '-echo') { /* echo request: nothing to show */ }
    else {
      ctx.err(`Option "${opt}" is unknown, try "ip -help".\n`);
      return 255;
    }
  }
  if (o.json && o.pretty === false) o.pretty = false;
  if (o.batch !== undefined) return batch(ctx, o.batch);
  const rest = argv.slice(i);
  if (rest.length === 0) return usage(ctx);
  return doCmd(ctx, rest);
}

function isColor(opt: string): boolean {
  const [name, val] = opt.split('=', 2);
  if (!(matches(name, '-color') || matches(name, '-colour'))) return false;
  return val === undefined || ['always', 'auto', 'never'].includes(val);
}

export async function doCmd(ctx: IpContext, argv: string[]): Promise<number> {
  const obj = argv[0]!;
  for (const [name, h] of CMDS) {
    if (matches(obj, name)) return h(ctx, new Args(argv.slice(1)));
  }
  ctx.err(`Object "${obj}" is unknown, try "ip help".\n`);
  return 1;
}

/** ip -batch FILE: a missing file exits 1. */
function batch(ctx: IpContext, file: string): Promise<number> {
  return runBatch(ctx.p, ctx.err, file, ctx.opts.force, 1, (words) => doCmd(ctx, words));
}
