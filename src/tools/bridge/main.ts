// bridge(8) of iproute2 6.1: global options and object dispatch (bridge/bridge.c).
// Every failure ends the real tool with exit(-1) or `return -1` from main: status 255.
import type { Process, Tool } from '../process.js';
import { matches } from '../lib/args.js';
import { Printer } from '../lib/json_print.js';
import { USAGE } from '../usage_text.js';
import { withStdio } from '../lib/stdio.js';
import { runBatch } from '../lib/batch.js';
import type { Netns } from '../../kernel/net_namespace.js';
import { doLink } from './link.js';
import { doFdb } from './fdb.js';
import { doVlan } from './vlan.js';

export interface BridgeOptions {
  stats: number;
  details: number;
  oneline: boolean;
  timestamp: boolean;
  json: boolean;
  pretty: boolean;
  color: boolean;
  compressVlans: boolean;
  force: boolean;
  family: number;
}

/** What each `bridge` object handler gets. */
export interface BridgeContext {
  p: Process;
  ns: Netns;
  opts: BridgeOptions;
  out(text: string): void;
  err(text: string): void;
  printer(): Printer;
}

type Handler = (ctx: BridgeContext, argv: string[]) => number;

function notEmulated(name: string): Handler {
  return (ctx) => {
    ctx.err(`bridge ${name}: this object is not emulated by netsim\n`);
    return 1;
  };
}

function usage(ctx: BridgeContext): number {
  ctx.err(USAGE['bridge']!);
  return 255;
}

/** bridge.c's cmds[]: the first whose name the argument prefixes wins. */
const CMDS: [string, Handler][] = [
  ['link', doLink],
  ['fdb', doFdb],
  ['mdb', notEmulated('mdb')],
  ['vlan', doVlan],
  ['vni', notEmulated('vni')],
  ['monitor', notEmulated('monitor')],
  ['help', (ctx) => usage(ctx)],
];

function doCmd(ctx: BridgeContext, argv: string[]): number {
  const obj = argv[0]!;
  for (const [name, h] of CMDS) if (matches(obj, name)) return h(ctx, argv.slice(1));
  ctx.err(`Object "${obj}" is unknown, try "bridge help".\n`);
  return 255;
}

/** matches_color(): -c[olor][=always|auto|never] */
function colorOpt(opt: string): boolean | undefined {
  const eq = opt.indexOf('=');
  const name = eq < 0 ? opt : opt.slice(0, eq);
  const val = eq < 0 ? '' : opt.slice(eq + 1);
  if (!matches(name, '-color')) return undefined;
  if (val === '' || val === 'always') return true;
  if (val === 'auto' || val === 'never') return false; // stdout is never a terminal here
  return undefined;
}

export const bridge: Tool = (p: Process) => {
  const opts: BridgeOptions = {
    stats: 0, details: 0, oneline: false, timestamp: false, json: false, pretty: false,
    color: false, compressVlans: false, force: false, family: 0,
  };
  return withStdio(p, (io) => run({
    p, ns: p.netns, opts, out: io.out, err: io.err,
    printer: () => new Printer(opts.json, opts.pretty, opts.color && !opts.json),
  }, p.argv.slice(1)));
};

async function run(ctx: BridgeContext, argv: string[]): Promise<number> {
  const o = ctx.opts;
  let i = 0;
  let batchFile: string | undefined;
  for (; i < argv.length; i++) {
    let opt = argv[i]!;
    if (opt === '--') {
      i++;
      break;
    }
    if (opt[0] !== '-') break;
    if (opt[1] === '-') opt = opt.slice(1);
    let c: boolean | undefined;
    if (matches(opt, '-help')) return usage(ctx);
    else if (matches(opt, '-Version')) {
      ctx.out('bridge utility, 6.1.0\n');
      return 0;
    } else if (matches(opt, '-stats') || matches(opt, '-statistics')) o.stats++;
    else if (matches(opt, '-details')) o.details++;
    else if (matches(opt, '-oneline')) o.oneline = true;
    else if (matches(opt, '-timestamp')) o.timestamp = true;
    else if (matches(opt, '-family')) {
      if (++i >= argv.length) return usage(ctx);
      const f = argv[i]!;
      if (f === 'inet') o.family = 2;
      else if (f === 'inet6') o.family = 10;
      else if (f === 'help') return usage(ctx);
      else {
        ctx.err(`Error: argument "${f}" is wrong: invalid protocol family\n`);
        return 255;
      }
    } else if (opt === '-4') o.family = 2;
    else if (opt === '-6') o.family = 10;
    else if (matches(opt, '-netns')) {
      if (++i >= argv.length) {
        ctx.err('Command line is not complete. Try option "help"\n');
        return 255;
      }
      const name = argv[i]!;
      const ns = ctx.p.kernel.namedNetns.get(name);
      if (!ns) {
        ctx.err(`Cannot open network namespace "${name}": No such file or directory\n`);
        return 255;
      }
      ctx.ns = ns;
    } else if ((c = colorOpt(opt)) !== undefined) o.color = c;
    else if (matches(opt, '-compressvlans')) o.compressVlans = true;
    else if (matches(opt, '-force')) o.force = true;
    else if (matches(opt, '-json')) o.json = true;
    else if (matches(opt, '-pretty')) o.pretty = true;
    else if (matches(opt, '-batch')) {
      if (++i >= argv.length) return usage(ctx);
      batchFile = argv[i]!;
    } else {
      ctx.err(`Option "${opt}" is unknown, try "bridge help".\n`);
      return 255;
    }
  }
  if (batchFile !== undefined) return batch(ctx, batchFile);
  const rest = argv.slice(i);
  if (rest.length === 0) return usage(ctx);
  return doCmd(ctx, rest);
}

/** bridge -batch FILE: a missing file exits 255. */
function batch(ctx: BridgeContext, file: string): Promise<number> {
  return runBatch(ctx.p, ctx.err, file, ctx.opts.force, 255, (words) => doCmd(ctx, words));
}
