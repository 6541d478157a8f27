// `ip link`: iproute2's ip/iplink.c (add/set/delete parsing and requests) and the link
// listing of ip/ipaddress.c.
import type { IpContext } from './context.js';
import { Args, UsageError, matches, invarg, duparg, duparg2, parseInteger, parseUnsigned } from '../lib/args.js';
import { USAGE } from '../usage_text.js';
import { AF_PACKET } from './context.js';
import type { NetDevice } from '../../kernel/core/netdevice.js';
import type { Netns } from '../../kernel/net_namespace.js';
import { rtnlNewlink, rtnlSetlink, rtnlDellink, type LinkRequest } from '../../kernel/core/rtnetlink.js';
import { IFF_UP, IFF_NOARP, IFF_MULTICAST, IFF_ALLMULTI, IFF_PROMISC, IFF_DYNAMIC, IFNAMSIZ } from '../../kernel/core/if.js';
import { KernelError } from '../../kernel/errno.js';
import { printLinkinfo, printLinkinfoBrief } from './link_print.js';
import { rtnlError } from './errors.js';
import { kindPrinters, slavePrinters } from './link_print.js';
import { parseBridgeArgs, parseBridgeSlaveArgs, printBridgeInfo, printBridgeSlaveInfo } from '../bridge/link_details.js';

/** Kind-specific argument parsers (iplink_*.c parse_opt), by kind. `slave` for "X_slave". */
export const kindParsers = new Map<string, (ctx: IpContext, args: string[], req: LinkRequest) => void>();

function usage(ctx: IpContext): number {
  ctx.err(USAGE['ip link']!);
  return 255;
}

/** check_ifname(): what `name NAME` accepts. */
function validIfname(name: string): boolean {
  return name.length > 0 && Buffer.byteLength(name) < IFNAMSIZ && !/[\s/:]/.test(name) && name !== '.' && name !== '..';
}

/** ll_addr_a2n(): colon-separated hex bytes (sscanf "%x" each), or a dotted IPv4 address. */
export function llAddrA2n(arg: string, max = 32): Uint8Array {
  const bad = (t: string) => new UsageError(`"${t}" is invalid lladdr.\n`, 1);
  if (arg.includes('.')) {
    const parts = arg.split('.');
    if (parts.length !== 4 || parts.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255)) throw bad(arg);
    return new Uint8Array(parts.map(Number));
  }
  const out: number[] = [];
  let rest = arg;
  for (let i = 0; i < max; i++) {
    const cp = rest.indexOf(':');
    const tok = cp >= 0 ? rest.slice(0, cp) : rest;
    const m = /^\s*([+-]?)(?:0[xX])?([0-9a-fA-F]+)/.exec(tok);
    if (!m) throw bad(tok);
    const v = parseInt(m[2]!, 16) * (m[1] === '-' ? -1 : 1);
    if (v < 0 || v > 255) throw bad(tok);
    out.push(v);
    if (cp < 0) break;
    rest = rest.slice(cp + 1);
  }
  return new Uint8Array(out);
}

/** parse_on_off(): a bad value fails the parse (iplink_parse() returns -1: exit 1). */
function onOff(key: string, v: string): boolean {
  if (v === 'on') return true;
  if (v === 'off') return false;
  throw new UsageError(`Error: argument of "${key}" must be "on" or "off", not "${v}"\n`, 1);
}

interface Parsed {
  req: LinkRequest;
  dev?: string;
  name?: string;
  type?: string;
  typeArgs: string[];
}

/** iplink_parse() */
export function iplinkParse(ctx: IpContext, argv: string[]): Parsed {
  const a = new Args(argv);
  const req: LinkRequest = { flagsOn: 0, flagsOff: 0 };
  const out: Parsed = { req, typeArgs: [] };
  const setFlag = (bit: number, on: boolean) => {
    if (on) { req.flagsOn! |= bit; req.flagsOff! &= ~bit; } else { req.flagsOff! |= bit; req.flagsOn! &= ~bit; }
  };
  let qlen: number | undefined;
  let mtu: number | undefined;
  let group: number | undefined;
  let netnsSet = false;
  let index = 0;
  for (; !a.done; a.i++) {
    const w = a.peek()!;
    if (w === 'up') setFlag(IFF_UP, true);
    else if (w === 'down') setFlag(IFF_UP, false);
    else if (w === 'name') {
      const v = a.next();
      if (out.name !== undefined) throw duparg('name', v);
      if (!validIfname(v)) throw invarg('"name" not a valid ifname', v);
      out.name = v;
      if (out.dev === undefined) out.dev = v;
    } else if (w === 'index') {
      const v = a.next();
      if (index) throw duparg('index', v);
      index = parseInt(v, 10) || 0;
      if (index <= 0) throw invarg('Invalid "index" value', v);
      req.ifindex = index;
    } else if (matches(w, 'link')) {
      a.next();
    } else if (matches(w, 'address')) {
      req.address = llAddrA2n(a.next());
    } else if (matches(w, 'broadcast') || w === 'brd') {
      req.broadcast = llAddrA2n(a.next());
    } else if (matches(w, 'txqueuelen') || w === 'qlen' || matches(w, 'txqlen')) {
      const v = a.next();
      if (qlen !== undefined) throw duparg('txqueuelen', v);
      qlen = parseInteger(v);
      if (qlen === undefined) throw invarg('Invalid "txqueuelen" value\n', v);
      req.txqlen = qlen;
    } else if (w === 'mtu') {
      const v = a.next();
      if (mtu !== undefined) throw duparg('mtu', v);
      mtu = parseInteger(v);
      if (mtu === undefined) throw invarg('Invalid "mtu" value\n', v);
      req.mtu = mtu;
    } else if (w === 'netns') {
      const v = a.next();
      if (netnsSet) throw duparg('netns', v);
      netnsSet = true;
      const ns = ctx.p.kernel.namedNetns.get(v);
      if (ns) req.netns = ns;
      else if (parseInteger(v) !== undefined) req.netns = pidNetns(ctx, v);
      else throw invarg('Invalid "netns" value\n', v);
    } else if (w === 'multicast') setFlag(IFF_MULTICAST, onOff('multicast', a.next()));
    else if (w === 'allmulticast') setFlag(IFF_ALLMULTI, onOff('allmulticast', a.next()));
    else if (w === 'promisc') setFlag(IFF_PROMISC, onOff('promisc', a.next()));
    else if (w === 'trailers') onOff('trailers', a.next());
    else if (w === 'arp') setFlag(IFF_NOARP, !onOff('arp', a.next()));
    else if (w === 'carrier') onOff('carrier', a.next());
    else if (matches(w, 'master')) {
      const v = a.next();
      const m = ctx.ns.devByName(v);
      if (!m) throw invarg('Device does not exist\n', v);
      req.master = m.ifindex;
    } else if (matches(w, 'nomaster')) req.master = 0;
    else if (matches(w, 'dynamic')) setFlag(IFF_DYNAMIC, onOff('dynamic', a.next()));
    else if (matches(w, 'type')) {
      out.type = a.next();
      a.i++;
      out.typeArgs = a.rest();
      break;
    } else if (matches(w, 'alias')) {
      const v = a.next();
      if (v.length >= 256) throw invarg('alias too long\n', v);
      req.alias = v;
    } else if (w === 'group') {
      const v = a.next();
      if (group !== undefined) throw duparg('group', v);
      group = v === 'default' ? 0 : parseUnsigned(v);
      if (group === undefined) throw invarg('Invalid "group" value\n', v);
      req.group = group;
    } else if (w === 'mode') {
      const v = a.next();
      if (v !== 'default' && v !== 'dormant') throw invarg('Invalid link mode\n', v);
    } else if (w === 'state') {
      a.next();
    } else if (w === 'numtxqueues' || w === 'numrxqueues' || w === 'gso_max_size' || w === 'gso_max_segs' || w === 'gro_max_size') {
      const v = a.next();
      if (parseUnsigned(v) === undefined) throw invarg(`Invalid "${w}" value\n`, v);
    } else if (matches(w, 'addrgenmode')) {
      a.next();
    } else {
      if (matches(w, 'help')) throw new UsageError(USAGE['ip link']!, 255);
      let v = w;
      if (w === 'dev') v = a.next();
      if (out.dev !== out.name) throw duparg2('dev', v);
      if (Buffer.byteLength(v) >= 128 || v.length === 0 || /[\s/:]/.test(v)) throw invarg('"dev" not a valid ifname', v);
      out.dev = v;
    }
  }
  return out;
}

/** `netns PID`: netsim processes all live in the namespace they were started in. */
function pidNetns(ctx: IpContext, pid: string): Netns {
  if (Number(pid) === process.pid || pid === '1' || pid === String(ctx.p.env['NETSIM_PID'] ?? '')) return ctx.p.kernel.initNet;
  throw new UsageError(`Invalid "netns" value\n`, 255);
}

/** iplink_modify() */
function iplinkModify(ctx: IpContext, cmd: 'add' | 'set' | 'delete', argv: string[]): number {
  const parsed = iplinkParse(ctx, argv);
  const { req, type } = parsed;
  let dev: NetDevice | undefined;
  if (cmd !== 'add') {
    if (!parsed.dev) {
      ctx.err('Not enough information: "dev" argument is required.\n');
      return 255;
    }
    dev = ctx.ns.devByName(parsed.dev);
    if (!dev) {
      ctx.err(`Cannot find device "${parsed.dev}"\n`);
      return 1;
    }
    if (parsed.name !== undefined && parsed.name !== parsed.dev) req.name = parsed.name;
    else delete req.name;
    const lladdr = req.address ?? req.broadcast;
    if (lladdr && lladdr.length !== dev.addr.length) {
      ctx.err(`Invalid address length ${lladdr.length} - must be ${dev.addr.length} bytes\n`);
      return 1;
    }
  } else {
    req.name = parsed.name ?? parsed.dev;
  }
  if (type) {
    const parse = kindParsers.get(type);
    if (parse && parsed.typeArgs.length) parse(ctx, parsed.typeArgs, req);
    else if (parsed.typeArgs.length) {
      if (matches(parsed.typeArgs[0], 'help')) return usage(ctx);
      ctx.err(`Garbage instead of arguments "${parsed.typeArgs[0]} ...". Try "ip link help".\n`);
      return 1;
    }
  } else if (cmd === 'add') {
    ctx.err('Not enough information: "type" argument is required\n');
    return 1;
  }
  try {
    if (cmd === 'add') rtnlNewlink(ctx.ns, type!, req);
    else if (cmd === 'delete') rtnlDellink(dev!);
    else {
      if (type && type !== dev!.kind && !(type.endsWith('_slave') && dev!.master?.kind === type.slice(0, -6))) {
        throw new KernelError(95);
      }
      rtnlSetlink(dev!, req);
    }
  } catch (e) {
    return rtnlError(ctx, e);
  }
  return 0;
}

/** ip link show / list / lst */
function iplinkList(ctx: IpContext, a: Args): number {
  let devName: string | undefined;
  let up = false;
  let master: NetDevice | undefined;
  let nomaster = false;
  let kind: string | undefined;
  let group: number | undefined;
  for (; !a.done; a.i++) {
    const w = a.peek()!;
    if (w === 'up') up = true;
    else if (w === 'master') {
      const v = a.next();
      master = ctx.ns.devByName(v);
      if (!master) throw invarg('Device does not exist\n', v);
    } else if (w === 'nomaster') nomaster = true;
    else if (w === 'type') {
      kind = a.next();
    } else if (w === 'group') {
      const v = a.next();
      group = v === 'default' ? 0 : parseUnsigned(v);
      if (group === undefined) throw invarg('Invalid "group" value\n', v);
    } else if (w === 'vrf') {
      a.next();
    } else {
      let v = w;
      if (w === 'dev') v = a.next();
      else if (matches(w, 'help')) return usage(ctx);
      if (devName !== undefined) throw duparg2('dev', v);
      devName = v;
    }
  }
  let devs = ctx.ns.devices();
  if (devName !== undefined) {
    const d = ctx.ns.devByName(devName);
    if (!d) {
      ctx.err(`Device "${devName}" does not exist.\n`);
      return 1;
    }
    devs = [d];
  }
  devs = devs.filter((d) => (!up || d.isUp) && (!master || d.master === master) && (!nomaster || !d.master) &&
    (group === undefined || d.group === group) && (kind === undefined || matchKind(d, kind)));
  const p = ctx.printer();
  p.openDump();
  const o = ctx.opts;
  for (const d of devs) {
    p.openObject();
    if (o.brief) printLinkinfoBrief(p, d, { ...o, family: AF_PACKET });
    else {
      printLinkinfo(p, d, { opts: o, doLink: true, kernel: ctx.p.kernel });
      p.text('\n');
    }
    p.closeObject();
  }
  p.closeDump();
  ctx.out(p.out);
  return 0;
}

/** do_help(): `ip link help TYPE` prints the kind's own help on stdout and succeeds. */
function kindHelp(ctx: IpContext, kind: string | undefined): number {
  const parse = kind !== undefined ? kindParsers.get(kind) : undefined;
  if (!parse) return usage(ctx);
  try {
    parse(ctx, ['help'], {});
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    ctx.out(e.text);
  }
  return 0;
}

function matchKind(d: NetDevice, kind: string): boolean {
  if (kind.endsWith('_slave')) return d.master?.kind === kind.slice(0, -6);
  return d.kind === kind;
}

/** do_iplink(): the first matching command word wins ("s" is set, not show). */
export function doIplink(ctx: IpContext, a: Args): number {
  if (a.done) return iplinkList(ctx, a);
  const cmd = a.take();
  if (matches(cmd, 'add')) return iplinkModify(ctx, 'add', a.rest());
  if (matches(cmd, 'set') || matches(cmd, 'change')) return iplinkModify(ctx, 'set', a.rest());
  if (matches(cmd, 'replace')) return iplinkModify(ctx, 'add', a.rest());
  if (matches(cmd, 'delete')) return iplinkModify(ctx, 'delete', a.rest());
  if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list')) return iplinkList(ctx, a);
  if (matches(cmd, 'xstats')) {
    if (a.done) {
      ctx.err('xstats: missing argument\n');
      return 1;
    }
    ctx.err('ip link xstats: not emulated by netsim\n');
    return 1;
  }
  if (matches(cmd, 'afstats') || matches(cmd, 'property')) {
    ctx.err(`ip link ${cmd}: not emulated by netsim\n`);
    return 1;
  }
  if (matches(cmd, 'help')) return kindHelp(ctx, a.peek());
  ctx.err(`Command "${cmd}" is unknown, try "ip link help".\n`);
  return 255;
}

/** iplink_veth.c: `peer [name] NAME [options]` is a whole link spec of its own. */
kindParsers.set('veth', (ctx, args, req) => {
  if (!matches(args[0], 'peer')) {
    if (matches(args[0], 'help')) throw new UsageError('Usage: ip link <options> type veth [peer <options>]\nTo get <options> type \'ip link add help\'\n', 255);
    throw new UsageError(`Error: argument "${args[0]}" is wrong: unknown option\n`, 255);
  }
  const peer = iplinkParse(ctx, args.slice(1));
  if (peer.type) throw new UsageError(`Error: argument "${peer.type}" is wrong: type not allowed in peer\n`, 255);
  req.peer = { ...peer.req, name: peer.name ?? peer.dev };
});

kindParsers.set('bridge', (_ctx, args, req) => parseBridgeArgs(args, req));
kindParsers.set('bridge_slave', (ctx, args, req) => parseBridgeSlaveArgs(args, req, ctx.ns));
kindPrinters.set('bridge', printBridgeInfo);
slavePrinters.set('bridge', printBridgeSlaveInfo);
