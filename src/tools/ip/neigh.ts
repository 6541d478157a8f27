// `ip neigh`: iproute2 6.1's ip/ipneigh.c — add/change/replace/del, show/flush with their
// filters, get, and print_neigh()'s text and JSON.
import type { IpContext } from './context.js';
import { AF_INET, AF_INET6, AF_UNSPEC } from './context.js';
import { Args, UsageError, matches, parseUnsigned } from '../lib/args.js';
import { USAGE } from '../usage_text.js';
import { PRINT_ANY, PRINT_FP, PRINT_JSON, Printer } from '../lib/json_print.js';
import { formatIPv4, formatIPv6, parseIPv4Loose, parseIPv6, prefixMask } from '../../wire/inet.js';
import { getPrefix } from './address.js';
import { rtnlError } from './errors.js';
import {
  neighAdd, neighDelete, neighDump, neighGet, type NeighInfo, type NeighRequest,
  NUD_INCOMPLETE, NUD_REACHABLE, NUD_STALE, NUD_DELAY, NUD_PROBE, NUD_FAILED, NUD_NOARP, NUD_PERMANENT,
  NUD_NONE, NTF_PROXY, NTF_ROUTER, NTF_USE, NTF_EXT_LEARNED, NTF_OFFLOADED, NTF_EXT_MANAGED,
} from '../../kernel/core/neighbour.js';

const MAX_ROUNDS = 10;

/** exit(-1) in iproute2 */
const EXIT_USAGE = 255;

function usage(): never {
  throw new UsageError(USAGE['ip neigh']!, EXIT_USAGE);
}

function incomplete(): UsageError {
  return new UsageError('Command line is not complete. Try option "help"\n', EXIT_USAGE);
}

function next(a: Args): string {
  a.i++;
  if (a.i >= a.argv.length) throw incomplete();
  return a.argv[a.i]!;
}

function invarg(msg: string, arg: string): UsageError {
  return new UsageError(`Error: argument "${arg}" is wrong: ${msg}\n`, EXIT_USAGE);
}

function duparg(key: string, arg: string): UsageError {
  return new UsageError(`Error: duplicate "${key}": "${arg}" is the second value.\n`, EXIT_USAGE);
}

function duparg2(key: string, arg: string): UsageError {
  return new UsageError(`Error: either "${key}" is duplicate, or "${arg}" is a garbage.\n`, EXIT_USAGE);
}

/** nud_state_a2n() */
function nudStateA2n(arg: string): number | undefined {
  if (matches(arg, 'permanent')) return NUD_PERMANENT;
  if (matches(arg, 'reachable')) return NUD_REACHABLE;
  if (arg === 'noarp') return NUD_NOARP;
  if (arg === 'none') return NUD_NONE;
  if (arg === 'stale') return NUD_STALE;
  if (arg === 'incomplete') return NUD_INCOMPLETE;
  if (arg === 'delay') return NUD_DELAY;
  if (arg === 'probe') return NUD_PROBE;
  if (matches(arg, 'failed')) return NUD_FAILED;
  const v = parseUnsigned(arg);
  if (v === undefined || v >= 0x100 || (v & (v - 1))) return undefined;
  return v;
}

const RTPROTS: [number, string][] = [
  [0, 'unspec'], [1, 'redirect'], [2, 'kernel'], [3, 'boot'], [4, 'static'], [8, 'gated'], [9, 'ra'],
  [10, 'mrt'], [11, 'zebra'], [12, 'bird'], [13, 'dnrouted'], [14, 'xorp'], [15, 'ntk'], [16, 'dhcp'],
  [18, 'keepalived'], [42, 'babel'], [99, 'openr'], [186, 'bgp'], [187, 'isis'], [188, 'ospf'],
  [189, 'rip'], [192, 'eigrp'],
];

function rtprotA2n(s: string): number | undefined {
  for (const [n, name] of RTPROTS) if (name === s) return n;
  return parseUnsigned(s, 255);
}

function rtprotN2a(n: number): string {
  for (const [v, name] of RTPROTS) if (v === n) return name;
  return String(n);
}

interface Addr {
  family: number;
  bytes: Uint8Array;
}

/** get_addr(): exits with "Error: <family> address is expected rather than ..." */
function getAddr(s: string, family: number): Addr {
  const fail = () => new UsageError(`Error: ${family === AF_INET ? 'inet' : family === AF_INET6 ? 'inet6' : 'any valid'} address is expected rather than "${s}".\n`, 1);
  if (s.includes(':')) {
    const v6 = parseIPv6(s);
    if (!v6 || family === AF_INET) throw fail();
    return { family: AF_INET6, bytes: v6 };
  }
  const v4 = parseIPv4Loose(s);
  if (v4 === undefined || family === AF_INET6) throw fail();
  const b = new Uint8Array(4);
  b[0] = v4 >>> 24;
  b[1] = (v4 >>> 16) & 0xff;
  b[2] = (v4 >>> 8) & 0xff;
  b[3] = v4 & 0xff;
  return { family: AF_INET, bytes: b };
}

/** ll_addr_a2n(): returns the bytes, or undefined after printing the complaint. */
function llAddrA2n(ctx: IpContext, arg: string, len: number): Uint8Array | undefined {
  if (arg.includes('.')) {
    const v4 = parseIPv4Loose(arg);
    if (v4 === undefined) {
      ctx.err(`"${arg}" is invalid lladdr.\n`);
      return undefined;
    }
    return Uint8Array.of(v4 >>> 24, (v4 >>> 16) & 0xff, (v4 >>> 8) & 0xff, v4 & 0xff);
  }
  const out: number[] = [];
  let rest: string | undefined = arg;
  for (let i = 0; i < len && rest !== undefined; i++) {
    const colon = rest.indexOf(':');
    const part = colon >= 0 ? rest.slice(0, colon) : rest;
    rest = colon >= 0 ? rest.slice(colon + 1) : undefined;
    // sscanf("%x"): optional space, sign, 0x prefix, then hex digits.
    const m = /^\s*([+-]?)(?:0[xX])?([0-9a-fA-F]+)/.exec(part);
    if (!m) {
      ctx.err(`"${part}" is invalid lladdr.\n`);
      return undefined;
    }
    let v = parseInt(m[2]!, 16);
    if (m[1] === '-') v = -v;
    if (v < 0 || v > 255) {
      ctx.err(`"${part}" is invalid lladdr.\n`);
      return undefined;
    }
    out.push(v);
  }
  return Uint8Array.from(out);
}

function nodev(ctx: IpContext, name: string): number {
  ctx.err(`Cannot find device "${name}"\n`);
  return 1;
}

/** ipneigh_modify() */
function ipneighModify(ctx: IpContext, a: Args, cmd: 'new' | 'del', nl: { create?: boolean; excl?: boolean; replace?: boolean }): number {
  const family = ctx.opts.family;
  let state = NUD_PERMANENT;
  let flags = 0;
  let extFlags = 0;
  let dev: string | undefined;
  let devOk = false;
  let dst: Addr | undefined;
  let lla: string | undefined;
  let protocol: number | undefined;
  for (; !a.done; a.i++) {
    const w = a.peek()!;
    if (matches(w, 'lladdr')) {
      const v = next(a);
      if (lla !== undefined) throw duparg('lladdr', v);
      lla = v;
    } else if (w === 'nud') {
      const v = next(a);
      const s = nudStateA2n(v);
      if (s === undefined) throw invarg('nud state is bad', v);
      state = s;
    } else if (matches(w, 'proxy')) {
      const v = next(a);
      if (matches(v, 'help')) usage();
      if (dst) throw duparg('address', v);
      dst = getAddr(v, family);
      devOk = true;
      flags |= NTF_PROXY;
    } else if (w === 'router') {
      flags |= NTF_ROUTER;
    } else if (w === 'use') {
      flags |= NTF_USE;
    } else if (w === 'managed') {
      extFlags |= NTF_EXT_MANAGED;
    } else if (matches(w, 'extern_learn')) {
      flags |= NTF_EXT_LEARNED;
    } else if (w === 'dev') {
      dev = next(a);
      devOk = true;
    } else if (matches(w, 'protocol')) {
      const v = next(a);
      const p = rtprotA2n(v);
      if (p === undefined) throw invarg('"protocol" value is invalid\n', v);
      protocol = p;
    } else {
      let v = w;
      if (v === 'to') v = next(a);
      if (matches(v, 'help')) v = next(a);
      if (dst) throw duparg2('to', v);
      dst = getAddr(v, family);
    }
  }
  if (!devOk || !dst) {
    ctx.err('Device and destination are required arguments.\n');
    return EXIT_USAGE;
  }
  let lladdr: Uint8Array | undefined;
  if (lla !== undefined && lla !== 'null') {
    lladdr = llAddrA2n(ctx, lla, 20);
    if (!lladdr) return 1;
  }
  let ifindex = 0;
  if (dev !== undefined) {
    const d = ctx.ns.devByName(dev);
    if (!d) return nodev(ctx, dev);
    ifindex = d.ifindex;
  }
  const req: NeighRequest = { family: dst.family, dst: dst.bytes, ifindex, state, flags, flagsExt: extFlags, lladdr, protocol };
  try {
    if (cmd === 'new') neighAdd(ctx.ns, req, nl);
    else neighDelete(ctx.ns, req);
  } catch (e) {
    return rtnlError(ctx, e);
  }
  return 0;
}

interface Filter {
  family: number;
  index: number;
  state: number;
  unusedOnly: boolean;
  pfx?: { family: number; bytes: Uint8Array; plen: number };
  master: number;
  protocol: number;
  proxy: boolean;
}

function prefixMatch(dst: Uint8Array, pfx: { bytes: Uint8Array; plen: number }): boolean {
  if (dst.length !== pfx.bytes.length) return false;
  for (let i = 0; i < pfx.plen; i++) {
    const bit = (x: Uint8Array) => (x[i >> 3]! >> (7 - (i & 7))) & 1;
    if (bit(dst) !== bit(pfx.bytes)) return false;
  }
  return true;
}

/** The filter part of print_neigh(). */
function passes(f: Filter, r: NeighInfo, flushing: boolean): boolean {
  void flushing;
  if (f.family && f.family !== r.family) return false;
  if (f.index && f.index !== r.ifindex) return false;
  if (!(f.state & r.state) && !(r.flags & NTF_PROXY) && !(r.flags & NTF_EXT_LEARNED) &&
    (r.state || !(f.state & 0x100))) return false;
  if (f.pfx && !prefixMatch(r.dst, f.pfx)) return false;
  if (f.protocol && f.protocol !== r.protocol) return false;
  if (f.unusedOnly && r.cacheinfo && r.cacheinfo.refcnt) return false;
  return true;
}

function formatDst(r: NeighInfo): string {
  if (r.dst.length === 4) return formatIPv4(((r.dst[0]! << 24) | (r.dst[1]! << 16) | (r.dst[2]! << 8) | r.dst[3]!) >>> 0);
  return formatIPv6(r.dst);
}

/** ll_addr_n2a() */
function llAddrN2a(b: Uint8Array): string {
  let s = (b[0] ?? 0).toString(16).padStart(2, '0');
  for (let i = 1; i < b.length; i++) s += ':' + b[i]!.toString(16).padStart(2, '0');
  return s;
}

const STATE_NAMES: [number, string][] = [
  [NUD_INCOMPLETE, 'INCOMPLETE'], [NUD_REACHABLE, 'REACHABLE'], [NUD_STALE, 'STALE'], [NUD_DELAY, 'DELAY'],
  [NUD_PROBE, 'PROBE'], [NUD_FAILED, 'FAILED'], [NUD_NOARP, 'NOARP'], [NUD_PERMANENT, 'PERMANENT'],
];

/** print_neigh() */
export function printNeigh(ctx: IpContext, p: Printer, r: NeighInfo, filterIndex: number, kind: 'new' | 'del' | 'get' = 'new'): void {
  const stats = ctx.opts.stats;
  p.openObject();
  if (kind === 'del') p.bool(PRINT_ANY, 'deleted', 'Deleted ', true);
  else if (kind === 'get') p.null(PRINT_ANY, 'miss', '%s ', 'miss');
  p.string(PRINT_ANY, 'dst', '%s ', formatDst(r), r.family === AF_INET ? 'inet' : 'inet6');
  if (!filterIndex && r.ifindex) {
    p.text('dev ');
    const dev = ctx.ns.devByIndex(r.ifindex);
    p.string(PRINT_ANY, 'dev', '%s ', dev ? dev.name : `if${r.ifindex}`, 'ifname');
  }
  if (r.lladdr) {
    p.text('lladdr ');
    p.string(PRINT_ANY, 'lladdr', '%s ', llAddrN2a(r.lladdr), 'mac');
  }
  if (r.flags & NTF_ROUTER) p.null(PRINT_ANY, 'router', '%s ', 'router');
  if (r.flags & NTF_PROXY) p.null(PRINT_ANY, 'proxy', '%s ', 'proxy');
  if (r.flags2 & NTF_EXT_MANAGED) p.null(PRINT_ANY, 'managed', '%s ', 'managed');
  if (r.flags & NTF_EXT_LEARNED) p.null(PRINT_ANY, 'extern_learn', '%s ', 'extern_learn');
  if (r.flags & NTF_OFFLOADED) p.null(PRINT_ANY, 'offload', '%s ', 'offload');
  if (stats) {
    const ci = r.cacheinfo;
    if (ci) {
      if (ci.refcnt) p.number(PRINT_ANY, 'refcnt', ' ref %u', ci.refcnt);
      p.number(PRINT_ANY, 'used', ' used %u', Math.floor(ci.used / 100));
      p.number(PRINT_ANY, 'confirmed', '/%u', Math.floor(ci.confirmed / 100));
      p.number(PRINT_ANY, 'updated', '/%u', Math.floor(ci.updated / 100));
    }
    if (r.probes !== undefined) p.number(PRINT_ANY, 'probes', 'probes %u ', r.probes);
  }
  if (r.state) {
    p.openArray(PRINT_JSON, 'state');
    let nud = r.state;
    for (const [bit, name] of STATE_NAMES) {
      if (nud & bit) {
        nud &= ~bit;
        p.string(PRINT_ANY, null, '%s ', name);
      }
    }
    p.closeArray(PRINT_JSON);
  }
  if (r.protocol) p.string(PRINT_ANY, 'protocol', 'proto %s ', rtprotN2a(r.protocol));
  p.string(PRINT_FP, null, '\n', '');
  p.closeObject();
}

/** do_show_or_flush() */
function doShowOrFlush(ctx: IpContext, a: Args, flush: boolean): number {
  const f: Filter = { family: ctx.opts.family, index: 0, state: 0xff & ~NUD_NOARP, unusedOnly: false, master: 0, protocol: 0, proxy: false };
  if (flush) {
    if (a.done) {
      ctx.err('Flush requires arguments.\n');
      return 1;
    }
    f.state = ~(NUD_PERMANENT | NUD_NOARP);
  }
  let filterDev: string | undefined;
  let stateGiven = false;
  let nomaster = false;
  for (; !a.done; a.i++) {
    const w = a.peek()!;
    if (w === 'dev') {
      const v = next(a);
      if (filterDev !== undefined) throw duparg('dev', v);
      filterDev = v;
    } else if (w === 'master') {
      const v = next(a);
      const d = ctx.ns.devByName(v);
      if (!d) throw invarg('Device does not exist\n', v);
      f.master = d.ifindex;
    } else if (w === 'vrf') {
      const v = next(a);
      const d = ctx.ns.devByName(v);
      if (!d || d.kind !== 'vrf') throw invarg('Not a valid VRF name\n', v);
      f.master = d.ifindex;
    } else if (w === 'nomaster') {
      nomaster = true;
    } else if (w === 'unused') {
      f.unusedOnly = true;
    } else if (w === 'nud') {
      const v = next(a);
      if (!stateGiven) {
        stateGiven = true;
        f.state = 0;
      }
      let s = nudStateA2n(v);
      if (s === undefined) {
        if (v !== 'all') throw invarg('nud state is bad', v);
        s = ~0;
        if (flush) s &= ~NUD_NOARP;
      }
      if (s === 0) s = 0x100;
      f.state |= s;
    } else if (w === 'proxy') {
      f.proxy = true;
    } else if (matches(w, 'protocol')) {
      const v = next(a);
      let pr = rtprotA2n(v);
      if (pr === undefined) {
        if (v !== 'all') throw invarg('invalid "protocol"\n', v);
        pr = 0;
      }
      f.protocol = pr;
    } else {
      let v = w;
      if (v === 'to') v = next(a);
      if (matches(v, 'help')) usage();
      if (v === 'default' || v === 'any' || v === 'all') {
        // get_prefix(): the whole address space of the family.
        if (f.family !== AF_UNSPEC) f.pfx = { family: f.family, bytes: new Uint8Array(f.family === AF_INET ? 4 : 16), plen: 0 };
        continue;
      }
      const pf = getPrefix(v, f.family);
      const bytes = pf.family === AF_INET
        ? Uint8Array.of(pf.v4! >>> 24, (pf.v4! >>> 16) & 0xff, (pf.v4! >>> 8) & 0xff, pf.v4! & 0xff)
        : parseIPv6(pf.addr)!;
      f.pfx = { family: pf.family, bytes, plen: pf.plen };
      if (f.family === AF_UNSPEC) f.family = pf.family;
    }
  }
  if (filterDev !== undefined) {
    const d = ctx.ns.devByName(filterDev);
    if (!d) return nodev(ctx, filterDev);
    f.index = d.ifindex;
  }
  const dump = (): NeighInfo[] => {
    let list = neighDump(ctx.ns, f.family, { ifindex: f.index || undefined, master: f.master || undefined, proxy: f.proxy });
    if (nomaster) list = list.filter((r) => !ctx.ns.devByIndex(r.ifindex)?.master);
    return list;
  };

  if (flush) {
    let round = 0;
    while (round < MAX_ROUNDS) {
      const victims = dump().filter((r) => passes(f, r, true));
      if (ctx.opts.stats >= 2) {
        const p = ctx.printer();
        for (const r of victims) printNeigh(ctx, p, r, f.index);
        ctx.out(p.out);
      }
      if (victims.length === 0) {
        if (ctx.opts.stats) {
          if (round === 0) ctx.out('Nothing to flush.\n');
          else ctx.out(`*** Flush is complete after ${round} round${round > 1 ? 's' : ''} ***\n`);
        }
        return 0;
      }
      round++;
      for (const r of victims) {
        try {
          neighDelete(ctx.ns, { family: r.family, dst: r.dst, ifindex: r.ifindex, state: 0, flags: r.flags & NTF_PROXY });
        } catch {
          // "Failed to send flush request" is for socket errors; a vanished entry is fine.
        }
      }
      if (ctx.opts.stats) ctx.out(`\n*** Round ${round}, deleting ${victims.length} entries ***\n`);
      f.state &= ~NUD_FAILED;
    }
    ctx.out(`*** Flush not complete bailing out after ${MAX_ROUNDS} rounds\n`);
    return 1;
  }

  const p = ctx.printer();
  p.openDump();
  for (const r of dump()) if (passes(f, r, false)) printNeigh(ctx, p, r, f.index);
  p.closeDump();
  ctx.out(p.out);
  return 0;
}

/** ipneigh_get() */
function ipneighGet(ctx: IpContext, a: Args): number {
  const family = ctx.opts.family;
  let d: string | undefined;
  let devOk = false;
  let dst: Addr | undefined;
  let proxy = false;
  for (; !a.done; a.i++) {
    const w = a.peek()!;
    if (w === 'dev') {
      d = next(a);
      devOk = true;
    } else if (matches(w, 'proxy')) {
      const v = next(a);
      if (matches(v, 'help')) usage();
      if (dst) throw duparg('address', v);
      dst = getAddr(v, family);
      devOk = true;
      proxy = true;
    } else {
      let v = w;
      if (v === 'to') v = next(a);
      if (matches(v, 'help')) usage();
      if (dst) throw duparg2('to', v);
      dst = getAddr(v, family);
    }
  }
  if (!devOk || !dst) {
    ctx.err('Device and address are required arguments.\n');
    return 1;
  }
  let ifindex = 0;
  if (d !== undefined) {
    const dev = ctx.ns.devByName(d);
    if (!dev) {
      ctx.err(`Cannot find device "${d}"\n`);
      return 1;
    }
    ifindex = dev.ifindex;
  }
  let r: NeighInfo;
  try {
    r = neighGet(ctx.ns, dst.family, dst.bytes, ifindex, proxy);
  } catch (e) {
    rtnlError(ctx, e);
    return 2;
  }
  // ipneigh_get() prints outside any JSON context: plain text even with -j.
  const p = new Printer(false, false, ctx.opts.color);
  printNeigh(ctx, p, r, 0);
  ctx.out(p.out);
  return 0;
}

/** do_ipneigh() */
export function doIpneigh(ctx: IpContext, a: Args): number {
  if (a.done) return doShowOrFlush(ctx, a, false);
  const cmd = a.take();
  if (matches(cmd, 'add')) return ipneighModify(ctx, a, 'new', { create: true, excl: true });
  if (matches(cmd, 'change') || cmd === 'chg') return ipneighModify(ctx, a, 'new', { replace: true });
  if (matches(cmd, 'replace')) return ipneighModify(ctx, a, 'new', { create: true, replace: true });
  if (matches(cmd, 'delete')) return ipneighModify(ctx, a, 'del', {});
  if (matches(cmd, 'get')) return ipneighGet(ctx, a);
  if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list')) return doShowOrFlush(ctx, a, false);
  if (matches(cmd, 'flush')) return doShowOrFlush(ctx, a, true);
  if (matches(cmd, 'help')) usage();
  ctx.err(`Command "${cmd}" is unknown, try "ip neigh help".\n`);
  return EXIT_USAGE;
}

void prefixMask; void NTF_USE;
