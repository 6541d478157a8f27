// `bridge fdb` (iproute2 6.1 bridge/fdb.c): show, add, append, replace, del, get, flush.
import type { BridgeContext } from './main.js';
import { UsageError, duparg, duparg2, incomplete, invarg, matches, parseUnsigned } from '../lib/args.js';
import { USAGE } from '../usage_text.js';
import { PRINT_ANY, PRINT_JSON, type Printer } from '../lib/json_print.js';
import { formatMac } from '../../kernel/core/eth.js';
import { KernelError } from '../../kernel/errno.js';
import { rtnlErrorText } from '../ip/errors.js';
import {
  rtnlFdbAdd, rtnlFdbDel, rtnlFdbDump, rtnlFdbFlush, rtnlFdbGet, type FdbMsg, type FdbRequest,
} from '../../kernel/bridge/rtnl_fdb.js';
import {
  NTF_EXT_LEARNED, NTF_MASTER, NTF_OFFLOADED, NTF_ROUTER, NTF_SELF, NTF_STICKY, NTF_USE,
  NUD_NOARP, NUD_PERMANENT, NUD_REACHABLE, NUD_STALE,
} from '../../kernel/bridge/br_private.js';

function usage(): never {
  throw new UsageError(USAGE['bridge fdb']!, 255);
}

/** state_n2a() */
function stateN2a(s: number, json: boolean): string {
  if (s & NUD_PERMANENT) return 'permanent';
  if (s & NUD_NOARP) return 'static';
  if (s & NUD_STALE) return 'stale';
  if (s & NUD_REACHABLE) return '';
  return json ? `0x${s.toString(16)}` : `state=0x${s.toString(16)}`;
}

/** state_a2n() */
function stateA2n(arg: string): number | undefined {
  if (matches(arg, 'permanent')) return NUD_PERMANENT;
  if (matches(arg, 'static') || matches(arg, 'temp')) return NUD_NOARP;
  if (matches(arg, 'stale')) return NUD_STALE;
  if (matches(arg, 'reachable') || matches(arg, 'dynamic')) return NUD_REACHABLE;
  if (arg === 'all') return 0xffff;
  return parseUnsigned(arg);
}

/** atoi() */
function atoi(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? parseInt(m[1]!, 10) : 0;
}

/** sscanf(addr, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx"): each byte is hex (an optional 0x and
 *  any number of digits, kept modulo 256); whatever follows the sixth is ignored. */
export function scanMac(s: string): Uint8Array | undefined {
  const out = new Uint8Array(6);
  let i = 0;
  for (let k = 0; k < 6; k++) {
    if (k > 0) {
      if (s[i] !== ':') return undefined;
      i++;
    }
    while (s[i] === ' ' || s[i] === '\t' || s[i] === '\n') i++;
    let neg = false;
    if (s[i] === '+' || s[i] === '-') {
      neg = s[i] === '-';
      i++;
    }
    if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) i += 2;
    const m = /^[0-9a-fA-F]+/.exec(s.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    let v = 0;
    for (const ch of m[0]) v = (v * 16 + parseInt(ch, 16)) & 0xff;
    out[k] = neg ? (256 - v) & 0xff : v;
  }
  return out;
}

/** print_fdb() */
function printFdb(ctx: BridgeContext, p: Printer, m: FdbMsg, filterIndex: number): void {
  const ns = ctx.ns;
  const name = (i: number) => ns.devByIndex(i)?.name ?? `if${i}`;
  p.openObject();
  p.string(PRINT_ANY, 'mac', '%s ', formatMac(m.mac), 'mac');
  if (!filterIndex && m.ifindex) {
    p.text('dev ');
    p.string(PRINT_ANY, 'ifname', '%s ', name(m.ifindex), 'ifname');
  }
  if (m.vlan) p.number(PRINT_ANY, 'vlan', 'vlan %hu ', m.vlan);
  if (ctx.opts.stats && m.cacheinfo) {
    const used = Math.floor(m.cacheinfo.used / 100);
    const updated = Math.floor(m.cacheinfo.updated / 100);
    if (p.json) {
      p.number(PRINT_JSON, 'used', '', used);
      p.number(PRINT_JSON, 'updated', '', updated);
    } else p.text(`used ${used}/${updated} `);
  }
  // fdb_print_flags()
  p.openArray(PRINT_JSON, 'flags');
  if (m.flags & NTF_SELF) p.string(PRINT_ANY, null, '%s ', 'self');
  if (m.flags & NTF_ROUTER) p.string(PRINT_ANY, null, '%s ', 'router');
  if (m.flags & NTF_EXT_LEARNED) p.string(PRINT_ANY, null, '%s ', 'extern_learn');
  if (m.flags & NTF_OFFLOADED) p.string(PRINT_ANY, null, '%s ', 'offload');
  if (m.flags & NTF_MASTER) p.string(PRINT_ANY, null, '%s ', 'master');
  if (m.flags & NTF_STICKY) p.string(PRINT_ANY, null, '%s ', 'sticky');
  p.closeArray(PRINT_JSON);
  if (m.master !== undefined) p.string(PRINT_ANY, 'master', 'master %s ', name(m.master));
  p.string(PRINT_ANY, 'state', '%s\n', stateN2a(m.state, p.json));
  p.closeObject();
}

/** fdb_show() */
function fdbShow(ctx: BridgeContext, argv: string[]): number {
  let filterDev: string | undefined;
  let br: string | undefined;
  let filterVlan = 0;
  let filterState = 0;
  let filterDynamic = false;
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    const next = (): string => {
      if (++i >= argv.length) throw incomplete();
      return argv[i]!;
    };
    if (w === 'brport' || w === 'dev') filterDev = next();
    else if (w === 'br') br = next();
    else if (w === 'vlan') {
      const v = next();
      if (filterVlan) throw duparg('vlan', v);
      filterVlan = atoi(v);
    } else if (w === 'state') {
      const v = next();
      const s = stateA2n(v);
      if (s === undefined) throw invarg('invalid state', v);
      filterState |= s;
    } else if (w === 'dynamic') filterDynamic = true;
    else if (matches(w, 'help')) usage();
  }
  let brIndex = 0;
  if (br !== undefined) {
    const d = ctx.ns.devByName(br);
    if (!d) {
      ctx.err(`Cannot find bridge device "${br}"\n`);
      return 255;
    }
    brIndex = d.ifindex;
  }
  let filterIndex = 0;
  if (filterDev !== undefined) {
    const d = ctx.ns.devByName(filterDev);
    if (!d) {
      ctx.err(`Cannot find device "${filterDev}"\n`);
      return 255;
    }
    filterIndex = d.ifindex;
  }
  let msgs: FdbMsg[];
  try {
    msgs = rtnlFdbDump(ctx.ns, { brIndex, portIndex: filterIndex });
  } catch (e) {
    if (!(e instanceof KernelError)) throw e;
    ctx.err(rtnlErrorText(e));
    ctx.err('Dump terminated\n');
    return 1;
  }
  const p = ctx.printer();
  p.openDump();
  for (const m of msgs) {
    if (filterIndex && filterIndex !== m.ifindex) continue;
    if (filterState && !(m.state & filterState)) continue;
    if (filterVlan && filterVlan !== (m.vlan ?? 0)) continue;
    if (filterDynamic && (m.state & NUD_PERMANENT)) continue;
    printFdb(ctx, p, m, filterIndex);
  }
  p.closeDump();
  ctx.out(p.out);
  return 0;
}

/** get_addr() for `dst`: any IPv4 or IPv6 address. */
function checkAddr(s: string): void {
  const v4 = /^\d{1,3}(\.\d{1,3}){0,3}$/.test(s);
  const v6 = s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s);
  if (!v4 && !v6) throw new UsageError(`Error: any valid address is expected rather than "${s}".\n`, 1);
}

/** fdb_modify(): add/append/replace/del. */
function fdbModify(ctx: BridgeContext, cmd: 'add' | 'append' | 'replace' | 'del', argv: string[]): number {
  let state = NUD_NOARP;
  let flags = 0;
  let addr: string | undefined;
  let dev: string | undefined;
  let dstOk = false;
  let port = 0;
  let vni = -1;
  let nhid = 0;
  let vid = -1;
  for (let i = 0; i < argv.length; i++) {
    let w = argv[i]!;
    const next = (): string => {
      if (++i >= argv.length) throw incomplete();
      return argv[i]!;
    };
    if (w === 'dev') dev = next();
    else if (w === 'dst') {
      const v = next();
      if (dstOk) throw duparg2('dst', v);
      checkAddr(v);
      dstOk = true;
    } else if (w === 'nhid') {
      const v = next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('"id" value is invalid\n', v);
      nhid = n;
    } else if (w === 'port') {
      const v = next();
      const n = parseUnsigned(v, 0xffffffff);
      if (n === undefined) throw invarg('invalid port\n', v);
      if (n > 0xffff) throw invarg('invalid port\n', v);
      port = n;
    } else if (w === 'vni' || w === 'src_vni') {
      const v = next();
      const n = parseUnsigned(v);
      if (n === undefined || n >= 1 << 24) throw invarg(w === 'vni' ? 'invalid VNI\n' : 'invalid src VNI\n', v);
      if (w === 'vni') vni = n;
    } else if (w === 'via') {
      const v = next();
      if (!ctx.ns.devByName(v)) {
        ctx.err(`Cannot find device "${v}"\n`);
        return 255;
      }
    } else if (w === 'self') flags |= NTF_SELF;
    else if (matches(w, 'master')) flags |= NTF_MASTER;
    else if (matches(w, 'router')) flags |= NTF_ROUTER;
    else if (matches(w, 'local') || matches(w, 'permanent')) state |= NUD_PERMANENT;
    else if (matches(w, 'temp') || matches(w, 'static')) state |= NUD_REACHABLE;
    else if (matches(w, 'dynamic')) {
      state |= NUD_REACHABLE;
      state &= ~NUD_NOARP;
    } else if (matches(w, 'vlan')) {
      if (vid >= 0) throw duparg2('vlan', w);
      // atoi() into a short
      vid = (atoi(next()) << 16) >> 16;
    } else if (matches(w, 'use')) flags |= NTF_USE;
    else if (matches(w, 'extern_learn')) flags |= NTF_EXT_LEARNED;
    else if (matches(w, 'sticky')) flags |= NTF_STICKY;
    else {
      if (w === 'to') w = next();
      if (matches(w, 'help')) usage();
      if (addr !== undefined) throw duparg2('to', w);
      addr = w;
    }
  }
  if (dev === undefined || addr === undefined) {
    ctx.err('Device and address are required arguments.\n');
    return 255;
  }
  if (nhid && (dstOk || port || vni !== -1)) {
    ctx.err('dst, port, vni are mutually exclusive with nhid\n');
    return 255;
  }
  // Assume self, and permanent.
  if (!(flags & (NTF_SELF | NTF_MASTER))) flags |= NTF_SELF;
  if (!(state & (NUD_PERMANENT | NUD_REACHABLE))) state |= NUD_PERMANENT;
  const mac = scanMac(addr);
  if (!mac) {
    ctx.err(`Invalid mac address ${addr}\n`);
    return 255;
  }
  const d = ctx.ns.devByName(dev);
  if (!d) {
    ctx.err(`Cannot find device "${dev}"\n`);
    return 255;
  }
  const req: FdbRequest = { ifindex: d.ifindex, mac, flags, state };
  if (vid >= 0) req.vlan = vid;
  try {
    if (cmd === 'del') rtnlFdbDel(ctx.ns, req);
    else {
      req.create = true;
      req.excl = cmd === 'add';
      req.replace = cmd === 'replace';
      req.append = cmd === 'append';
      rtnlFdbAdd(ctx.ns, req);
    }
  } catch (e) {
    if (!(e instanceof KernelError)) throw e;
    ctx.err(rtnlErrorText(e));
    return 255;
  }
  return 0;
}

/** fdb_get() */
function fdbGet(ctx: BridgeContext, argv: string[]): number {
  let dev: string | undefined;
  let br: string | undefined;
  let addr: string | undefined;
  let flags = 0;
  let vlan = -1;
  let dynamic = false;
  for (let i = 0; i < argv.length; i++) {
    let w = argv[i]!;
    const next = (): string => {
      if (++i >= argv.length) throw incomplete();
      return argv[i]!;
    };
    if (w === 'brport' || w === 'dev') dev = next();
    else if (w === 'br') br = next();
    else if (w === 'vni') {
      const v = next();
      const n = parseUnsigned(v);
      if (n === undefined || n >= 1 << 24) throw invarg('invalid VNI\n', v);
    } else if (w === 'self') flags |= NTF_SELF;
    else if (matches(w, 'master')) flags |= NTF_MASTER;
    else if (matches(w, 'vlan')) {
      if (vlan >= 0) throw duparg2('vlan', w);
      vlan = (atoi(next()) << 16) >> 16;
    } else if (matches(w, 'dynamic')) dynamic = true;
    else {
      if (w === 'to') w = next();
      if (matches(w, 'help')) usage();
      if (addr !== undefined) throw duparg2('to', w);
      addr = w;
    }
  }
  if ((dev === undefined && br === undefined) || addr === undefined) {
    ctx.err('Device or master and address are required arguments.\n');
    return 255;
  }
  const mac = scanMac(addr);
  if (!mac) {
    ctx.err(`Invalid mac address ${addr}\n`);
    return 255;
  }
  let ifindex: number | undefined;
  if (dev !== undefined) {
    const d = ctx.ns.devByName(dev);
    if (!d) {
      ctx.err(`Cannot find device "${dev}"\n`);
      return 255;
    }
    ifindex = d.ifindex;
  }
  let brIndex: number | undefined;
  if (br !== undefined) {
    const d = ctx.ns.devByName(br);
    if (!d) {
      ctx.err(`Cannot find bridge device "${br}"\n`);
      return 255;
    }
    brIndex = d.ifindex;
  }
  let m: FdbMsg;
  try {
    m = rtnlFdbGet(ctx.ns, { mac, ifindex, brIndex, flags, vlan: vlan >= 0 ? vlan : undefined });
  } catch (e) {
    if (!(e instanceof KernelError)) throw e;
    ctx.err(rtnlErrorText(e));
    return 254;
  }
  const p = ctx.printer();
  p.openDump();
  if (!(dynamic && (m.state & NUD_PERMANENT))) printFdb(ctx, p, m, 0);
  p.closeDump();
  ctx.out(p.out);
  return 0;
}

/** fdb_flush() */
function fdbFlush(ctx: BridgeContext, argv: string[]): number {
  let dev: string | undefined;
  let port: string | undefined;
  let flags = 0, flagsMask = 0, state = 0, stateMask = 0;
  let vid = -1;
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    const next = (): string => {
      if (++i >= argv.length) throw incomplete();
      return argv[i]!;
    };
    switch (w) {
      case 'dev': dev = next(); break;
      case 'master': flags |= NTF_MASTER; break;
      case 'self': flags |= NTF_SELF; break;
      case 'permanent': state |= NUD_PERMANENT; stateMask |= NUD_PERMANENT; break;
      case 'nopermanent': state &= ~NUD_PERMANENT; stateMask |= NUD_PERMANENT; break;
      case 'static': state |= NUD_NOARP; stateMask |= NUD_NOARP | NUD_PERMANENT; break;
      case 'nostatic': state &= ~NUD_NOARP; stateMask |= NUD_NOARP; break;
      case 'dynamic': state &= ~NUD_NOARP | NUD_PERMANENT; stateMask |= NUD_NOARP | NUD_PERMANENT; break;
      case 'nodynamic': state |= NUD_NOARP; stateMask |= NUD_NOARP; break;
      case 'added_by_user': flags |= NTF_USE; flagsMask |= NTF_USE; break;
      case 'noadded_by_user': flags &= ~NTF_USE; flagsMask |= NTF_USE; break;
      case 'extern_learn': flags |= NTF_EXT_LEARNED; flagsMask |= NTF_EXT_LEARNED; break;
      case 'noextern_learn': flags &= ~NTF_EXT_LEARNED; flagsMask |= NTF_EXT_LEARNED; break;
      case 'sticky': flags |= NTF_STICKY; flagsMask |= NTF_STICKY; break;
      case 'nosticky': flags &= ~NTF_STICKY; flagsMask |= NTF_STICKY; break;
      case 'offloaded': flags |= NTF_OFFLOADED; flagsMask |= NTF_OFFLOADED; break;
      case 'nooffloaded': flags &= ~NTF_OFFLOADED; flagsMask |= NTF_OFFLOADED; break;
      case 'brport':
        if (port !== undefined) throw duparg2('brport', w);
        port = next();
        break;
      case 'vlan':
        if (vid >= 0) throw duparg2('vlan', w);
        vid = (atoi(next()) << 16) >> 16;
        break;
      default:
        if (w === 'help') next();
    }
  }
  if (dev === undefined) {
    ctx.err('Device is a required argument.\n');
    return 255;
  }
  const d = ctx.ns.devByName(dev);
  if (!d) {
    ctx.err(`Cannot find bridge device "${dev}"\n`);
    return 255;
  }
  let portIfindex: number | undefined;
  if (port !== undefined) {
    const pd = ctx.ns.devByName(port);
    if (!pd) {
      ctx.err(`Cannot find bridge port device "${port}"\n`);
      return 255;
    }
    portIfindex = pd.ifindex;
  }
  if (vid >= 4096) {
    ctx.err(`Invalid VLAN ID "${vid}"\n`);
    return 255;
  }
  if (!(flags & (NTF_SELF | NTF_MASTER))) flags |= NTF_SELF;
  try {
    rtnlFdbFlush(ctx.ns, {
      ifindex: d.ifindex, flags, state: state & 0xffff, stateMask, flagsMask, portIfindex,
      vlan: vid > -1 ? vid : undefined,
    });
  } catch (e) {
    if (!(e instanceof KernelError)) throw e;
    ctx.err(rtnlErrorText(e));
    return 255;
  }
  return 0;
}

/** do_fdb() */
export function doFdb(ctx: BridgeContext, argv: string[]): number {
  if (argv.length === 0) return fdbShow(ctx, []);
  const cmd = argv[0]!;
  const rest = argv.slice(1);
  if (matches(cmd, 'add')) return fdbModify(ctx, 'add', rest);
  if (matches(cmd, 'append')) return fdbModify(ctx, 'append', rest);
  if (matches(cmd, 'replace')) return fdbModify(ctx, 'replace', rest);
  if (matches(cmd, 'delete')) return fdbModify(ctx, 'del', rest);
  if (matches(cmd, 'get')) return fdbGet(ctx, rest);
  if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list')) return fdbShow(ctx, rest);
  if (cmd === 'flush') return fdbFlush(ctx, rest);
  if (matches(cmd, 'help')) usage();
  ctx.err(`Command "${cmd}" is unknown, try "bridge fdb help".\n`);
  return 255;
}

