// `ip rule`: iproute2 6.1's ip/iprule.c — add/del (iprule_modify()), list/show/flush/save
// (iprule_list_flush_or_save()) and print_rule(), in text and JSON.
import type { IpContext, IpOptions } from './context.js';
import { AF_INET, AF_INET6, AF_UNSPEC } from './context.js';
import { Args, UsageError, matches, invarg, parseUnsigned, parseInteger } from '../lib/args.js';
import { USAGE } from '../usage_text.js';
import { rtnlError } from './errors.js';
import { KernelError, EAFNOSUPPORT } from '../../kernel/errno.js';
import { PRINT_ANY, PRINT_FP, PRINT_JSON, Printer } from '../lib/json_print.js';
import { sprintf } from '../lib/printf.js';
import {
  FR_ACT_UNSPEC, FR_ACT_TO_TBL, FR_ACT_GOTO, FR_ACT_NOP, RTN_NAT, RT_TABLE_MAIN, RT_TABLE_UNSPEC, RTPROT_KERNEL,
  FIB_RULE_INVERT, FIB_RULE_UNRESOLVED, FIB_RULE_IIF_DETACHED, FIB_RULE_OIF_DETACHED,
} from '../../kernel/ipv4/route_types.js';
import { fibNlNewrule, fibNlDelrule, fibRulesDump, type RuleMsg, type FibRulesOps } from '../../kernel/core/fib_rules.js';
import { fib4RulesOps } from '../../kernel/ipv4/fib_rules.js';
import { fib6RulesOps } from '../../kernel/ipv6/route.js';
import { getAddr, getPrefix, prefixAddr, afBitLen, addrBytes, inetAddrMatch, formatAddr, type InetPrefix } from './rt_addr.js';
import { RtNames, rtntypeId, rtntypeName, inetProtoId, inetProtoName } from './rt_names.js';
import { devValidName } from '../../kernel/core/if.js';
import type { Netns } from '../../kernel/net_namespace.js';

function usage(): never {
  throw new UsageError(USAGE['ip rule']!, 255);
}

function opsFor(ctx: IpContext, family: number): FibRulesOps | undefined {
  if (family === AF_INET) return fib4RulesOps(ctx.ns);
  if (family === AF_INET6) return fib6RulesOps(ctx.ns);
  return undefined;
}

export function doIprule(ctx: IpContext, a: Args): number {
  try {
    if (a.done) return listFlushOrSave(ctx, new Args([]), 'list');
    const w = a.take();
    const rest = new Args(a.rest());
    if (matches(w, 'list') || matches(w, 'lst') || matches(w, 'show')) return listFlushOrSave(ctx, rest, 'list');
    if (matches(w, 'save')) return listFlushOrSave(ctx, rest, 'save');
    if (matches(w, 'restore')) {
      ctx.err('Magic mismatch (0 elems, 0 magic)\n');
      return 255;
    }
    if (matches(w, 'add')) return modify(ctx, true, rest);
    if (matches(w, 'delete')) return modify(ctx, false, rest);
    if (matches(w, 'flush')) return listFlushOrSave(ctx, rest, 'flush');
    if (matches(w, 'help')) usage();
    throw new UsageError(`Command "${w}" is unknown, try "ip rule help".\n`, 255);
  } catch (e) {
    if (e instanceof KernelError) return rtnlError(ctx, e);
    throw e;
  }
}

/** check_ifname() */
function checkIfname(name: string): boolean {
  return name.length > 0 && Buffer.byteLength(name) < 16 && !/[/\s]/.test(name) && devValidName(name.replace(/:/g, 'x'));
}

/** get_u32() */
function getU32(s: string): number | undefined {
  return parseUnsigned(s);
}

/** "%hu-%hu" / "%hu" port ranges (sscanf). */
function portRange(v: string): [number, number] | undefined {
  const m = /^[ \t]*\+?(\d+)(?:-[ \t]*\+?(\d+))?/.exec(v);
  if (!m) return undefined;
  const s = Number(m[1]) & 0xffff;
  const e = m[2] !== undefined ? Number(m[2]) & 0xffff : s;
  return [s, e];
}

/** iprule_modify() */
function modify(ctx: IpContext, add: boolean, a: Args): number {
  const names = new RtNames(ctx.p.kernel);
  const req: RuleMsg = { family: ctx.opts.family, dstLen: 0, srcLen: 0, tos: 0, table: 0, action: FR_ACT_UNSPEC, flags: 0 };
  let tableOk = false;
  let l3mdev = false;
  let tid = 0;
  if (add) {
    if (a.done) {
      ctx.err('"ip rule add" requires arguments.\n');
      return 1;
    }
    req.action = FR_ACT_TO_TBL;
  } else if (a.done) {
    ctx.err('"ip rule del" requires arguments.\n');
    return 1;
  }
  while (!a.done) {
    const w = a.peek()!;
    if (w === 'not') {
      req.flags |= FIB_RULE_INVERT;
    } else if (w === 'from') {
      // iproute2 keeps frh.family as given (-4/-6 or unspec -> AF_INET at the end), so an IPv6
      // prefix without -6 goes out as an AF_INET rule with a 16-byte FRA_SRC.
      const p = getPrefix(a.next(), req.family);
      req.srcLen = p.bitlen;
      if (p.bytelen) req.src = prefixAddr(p);
    } else if (w === 'to') {
      const p = getPrefix(a.next(), req.family);
      req.dstLen = p.bitlen;
      if (p.bytelen) req.dst = prefixAddr(p);
    } else if (matches(w, 'preference') || matches(w, 'order') || matches(w, 'priority')) {
      const v = a.next();
      const n = getU32(v);
      if (n === undefined) throw invarg('preference value is invalid\n', v);
      req.priority = n;
    } else if (w === 'tos' || matches(w, 'dsfield')) {
      const v = a.next();
      const t = names.dsfieldId(v);
      if (t === undefined) throw invarg('TOS value is invalid\n', v);
      req.tos = t;
    } else if (w === 'fwmark') {
      const v = a.next();
      const slash = v.indexOf('/');
      const mark = getU32(slash >= 0 ? v.slice(0, slash) : v);
      if (mark === undefined) throw invarg('fwmark value is invalid\n', slash >= 0 ? v.slice(0, slash) : v);
      req.fwmark = mark;
      if (slash >= 0) {
        const mask = getU32(v.slice(slash + 1));
        if (mask === undefined) throw invarg('fwmask value is invalid\n', v.slice(slash + 1));
        req.fwmask = mask;
      }
    } else if (matches(w, 'realms')) {
      const v = a.next();
      const r = names.realmsArg(v);
      if (r === undefined) throw invarg('invalid realms\n', v);
      req.flow = r;
    } else if (matches(w, 'protocol')) {
      const v = a.next();
      const p = names.protoId(v);
      if (p === undefined) throw invarg('"protocol" value is invalid\n', v);
      req.protocol = p;
    } else if (matches(w, 'tun_id')) {
      const v = a.next();
      const n = parseUnsigned(v, Number.MAX_SAFE_INTEGER);
      if (n === undefined) throw invarg('"tun_id" value is invalid\n', v);
      req.tunId = n;
    } else if (matches(w, 'table') || w === 'lookup') {
      const v = a.next();
      const t = names.tableId(v);
      if (t === undefined) throw invarg('invalid table ID\n', v);
      tid = t;
      if (t < 256) req.table = t;
      else {
        req.table = RT_TABLE_UNSPEC;
        req.tableId = t;
      }
      tableOk = true;
    } else if (matches(w, 'suppress_prefixlength') || w === 'sup_pl') {
      const v = a.next();
      const n = parseInteger(v);
      if (n === undefined || n < 0) throw invarg('suppress_prefixlength value is invalid\n', v);
      req.suppressPrefixlen = n;
    } else if (matches(w, 'suppress_ifgroup') || w === 'sup_group') {
      const v = a.next();
      const g = names.groupId(v);
      if (g === undefined) throw invarg('Invalid "suppress_ifgroup" value\n', v);
      req.suppressIfgroup = g;
    } else if (w === 'dev' || w === 'iif') {
      const v = a.next();
      if (!checkIfname(v)) throw invarg('"iif"/"dev" not a valid ifname', v);
      req.iifname = v;
    } else if (w === 'oif') {
      const v = a.next();
      if (!checkIfname(v)) throw invarg('"oif" not a valid ifname', v);
      req.oifname = v;
    } else if (w === 'l3mdev') {
      req.l3mdev = 1;
      tableOk = true;
      l3mdev = true;
    } else if (w === 'uidrange') {
      const v = a.next();
      const m = /^[ \t]*\+?(\d+)-[ \t]*\+?(\d+)/.exec(v);
      if (!m) throw invarg('invalid UID range\n', v);
      req.uidRange = [Number(m[1]) >>> 0, Number(m[2]) >>> 0];
    } else if (w === 'nat' || matches(w, 'map-to')) {
      const v = a.next();
      ctx.err('Warning: route NAT is deprecated\n');
      const addr = getAddr1Strict(v);
      req.gateway = addr;
      req.action = RTN_NAT;
    } else if (w === 'ipproto') {
      const v = a.next();
      const n = inetProtoId(v);
      if (n === undefined) throw invarg('Invalid "ipproto" value\n', v);
      req.ipProto = n;
    } else if (w === 'sport') {
      const v = a.next();
      const r = portRange(v);
      if (!r) throw invarg('invalid port range\n', v);
      req.sport = r;
    } else if (w === 'dport') {
      const v = a.next();
      const r = portRange(v);
      if (!r) throw invarg('invalid dport range\n', v);
      req.dport = r;
    } else {
      let v = w;
      if (v === 'type') v = a.next();
      let type: number;
      if (matches(v, 'help')) usage();
      else if (matches(v, 'goto')) {
        type = FR_ACT_GOTO;
        const t = a.next();
        const n = getU32(t);
        if (n === undefined) throw invarg('invalid target\n', t);
        req.goto = n;
      } else if (matches(v, 'nop')) type = FR_ACT_NOP;
      else {
        const t = rtntypeId(v);
        if (t === undefined) throw invarg('Failed to parse rule type', v);
        type = t;
      }
      req.action = type;
      tableOk = true;
    }
    a.i++;
  }
  if (l3mdev && tid !== 0) {
    ctx.err('table can not be specified for l3mdev rules\n');
    return 22; // -EINVAL as the exit status
  }
  if (req.family === AF_UNSPEC) req.family = AF_INET;
  if (!tableOk && add) req.table = RT_TABLE_MAIN;
  const ops = opsFor(ctx, req.family);
  if (!ops) throw new KernelError(EAFNOSUPPORT, 'Rule family not supported');
  if (add) fibNlNewrule(ctx.ns, ops, req, true);
  else fibNlDelrule(ctx.ns, ops, req);
  return 0;
}

/** get_addr32() */
function getAddr1Strict(v: string): number {
  const p = (() => {
    try {
      return getAddr(v, AF_INET);
    } catch {
      return undefined;
    }
  })();
  if (!p) throw new UsageError(`Error: an IP address is expected rather than "${v}"\n`, 1);
  return prefixAddr(p) as number;
}

interface RuleFilter {
  not: boolean;
  l3mdev: boolean;
  iifmask: boolean;
  oifmask: boolean;
  uidrange: [number, number] | undefined;
  tb: number;
  tos: number;
  tosmask: boolean;
  pref: number;
  prefmask: boolean;
  fwmark: number;
  fwmask: number;
  iif: string;
  oif: string;
  src: InetPrefix | undefined;
  dst: InetPrefix | undefined;
  protocol: number;
  protocolmask: number;
  sport: [number, number] | undefined;
  dport: [number, number] | undefined;
  ipproto: number;
  tunId: number;
}

/** filter_nlmsg() of iprule.c */
function filterRule(ctx: IpContext, m: RuleMsg, f: RuleFilter): boolean {
  if (ctx.opts.family !== AF_UNSPEC && m.family !== ctx.opts.family) return false;
  if (f.prefmask && (f.pref ^ (m.priority ?? 0)) !== 0) return false;
  if (f.not && !(m.flags & FIB_RULE_INVERT)) return false;
  const matchRta = (p: InetPrefix, a: number | Uint8Array | undefined): boolean => {
    if (a === undefined || p.family === AF_UNSPEC || p.bitlen <= 0) return true;
    if ((typeof a === 'number' ? AF_INET : AF_INET6) !== p.family) return false;
    return inetAddrMatch(addrBytes(a), p.data, p.bitlen);
  };
  if (f.src && f.src.family) {
    if (f.src.family !== m.family || f.src.bitlen > m.srcLen) return false;
    if (!matchRta(f.src, m.src)) return false;
  }
  if (f.dst && f.dst.family) {
    if (f.dst.family !== m.family || f.dst.bitlen > m.dstLen) return false;
    if (!matchRta(f.dst, m.dst)) return false;
  }
  if (f.tosmask && (f.tos ^ m.tos) !== 0) return false;
  if (f.fwmark && (f.fwmark ^ (m.fwmark ?? 0)) !== 0) return false;
  if (f.fwmask && (f.fwmask ^ (m.fwmask ?? 0)) !== 0) return false;
  if (f.iifmask && (m.iifname === undefined || m.iifname !== f.iif)) return false;
  if (f.oifmask && (m.oifname === undefined || m.oifname !== f.oif)) return false;
  if (f.l3mdev && !m.l3mdev) return false;
  if (f.uidrange && (!m.uidRange || m.uidRange[0] !== f.uidrange[0] || m.uidRange[1] !== f.uidrange[1])) return false;
  if (f.ipproto && (m.ipProto ?? 0) !== f.ipproto) return false;
  if (f.sport && f.sport[0] && (!m.sport || m.sport[0] !== f.sport[0] || m.sport[1] !== f.sport[1])) return false;
  if (f.dport && f.dport[0] && (!m.dport || m.dport[0] !== f.dport[0] || m.dport[1] !== f.dport[1])) return false;
  if (f.tunId && (m.tunId === undefined || m.tunId !== f.tunId)) return false;
  const table = m.tableId ?? m.table;
  if (f.tb > 0 && (f.tb ^ table) !== 0) return false;
  return true;
}

/** print_rule(); `opts` are the global options it reads (-numeric, -details). */
function printRule(opts: Pick<IpOptions, 'numeric' | 'details'>, p: Printer, names: RtNames, m: RuleMsg): void {
  const hostLen = afBitLen(m.family);
  const numeric = opts.numeric;
  p.openObject();
  p.number(PRINT_ANY, 'priority', '%u:\t', (m.priority ?? 0) >>> 0);
  if (m.flags & FIB_RULE_INVERT) p.null(PRINT_ANY, 'not', 'not ');
  const color = m.family === AF_INET ? 'inet' : m.family === AF_INET6 ? 'inet6' : 'none';
  if (m.src !== undefined) {
    p.text('from ');
    p.string(PRINT_ANY, 'src', '%s', formatAddr(m.src), color);
    if (m.srcLen !== hostLen) p.number(PRINT_ANY, 'srclen', '/%u', m.srcLen);
  } else if (m.srcLen) {
    p.string(PRINT_ANY, 'src', 'from %s', '0');
    p.number(PRINT_ANY, 'srclen', '/%u', m.srcLen);
  } else {
    p.string(PRINT_ANY, 'src', 'from %s', 'all');
  }
  if (m.dst !== undefined) {
    p.text(' to ');
    p.string(PRINT_ANY, 'dst', '%s', formatAddr(m.dst), color);
    if (m.dstLen !== hostLen) p.number(PRINT_ANY, 'dstlen', '/%u', m.dstLen);
  } else if (m.dstLen) {
    p.string(PRINT_ANY, 'dst', ' to %s', '0');
    p.number(PRINT_ANY, 'dstlen', '/%u', m.dstLen);
  }
  if (m.tos) p.string(PRINT_ANY, 'tos', ' tos %s', names.dsfieldName(m.tos, numeric));
  if (m.fwmark !== undefined || m.fwmask !== undefined) {
    const mark = (m.fwmark ?? 0) >>> 0;
    const hex = (fmt: string, key: string, v: number) => {
      if (p.json) p.string(PRINT_JSON, key, '', sprintf('%#llx', v));
      else p.text(sprintf(fmt, v));
    };
    const mask = m.fwmask;
    if (mask !== undefined && mask >>> 0 !== 0xffffffff) {
      hex(' fwmark %#llx', 'fwmark', mark);
      hex('/%#llx', 'fwmask', mask >>> 0);
    } else hex(' fwmark %#llx', 'fwmark', mark);
  }
  if (m.iifname !== undefined) {
    p.text(' iif ');
    p.string(PRINT_ANY, 'iif', '%s', m.iifname, 'ifname');
    if (m.flags & FIB_RULE_IIF_DETACHED) p.null(PRINT_ANY, 'iif_detached', ' [detached]');
  }
  if (m.oifname !== undefined) {
    p.text(' oif ');
    p.string(PRINT_ANY, 'oif', '%s', m.oifname, 'ifname');
    if (m.flags & FIB_RULE_OIF_DETACHED) p.null(PRINT_ANY, 'oif_detached', ' [detached]');
  }
  if (m.l3mdev) p.null(PRINT_ANY, 'l3mdev', ' lookup [l3mdev-table]');
  if (m.uidRange) {
    p.number(PRINT_ANY, 'uid_start', ' uidrange %u', m.uidRange[0]);
    p.number(PRINT_ANY, 'uid_end', '-%u', m.uidRange[1]);
  }
  if (m.ipProto !== undefined) p.string(PRINT_ANY, 'ipproto', ' ipproto %s', inetProtoName(m.ipProto));
  for (const [r, key] of [[m.sport, 'sport'], [m.dport, 'dport']] as const) {
    if (!r) continue;
    if (r[0] === r[1]) p.number(PRINT_ANY, key, ` ${key} %u`, r[0]);
    else {
      p.number(PRINT_ANY, `${key}_start`, ` ${key} %u`, r[0]);
      p.number(PRINT_ANY, `${key}_end`, '-%u', r[1]);
    }
  }
  if (m.tunId !== undefined) p.number(PRINT_ANY, 'tun_id', ' tun_id %llu', m.tunId);
  const table = m.tableId ?? m.table;
  if (table) {
    p.string(PRINT_ANY, 'table', ' lookup %s', names.tableName(table, numeric));
    if (m.suppressPrefixlen !== undefined && m.suppressPrefixlen !== -1) {
      p.number(PRINT_ANY, 'suppress_prefixlen', ' suppress_prefixlength %d', m.suppressPrefixlen | 0);
    }
    if (m.suppressIfgroup !== undefined && m.suppressIfgroup !== -1) {
      p.string(PRINT_ANY, 'suppress_ifgroup', ' suppress_ifgroup %s', names.groupName(m.suppressIfgroup));
    }
  }
  if (m.flow !== undefined) {
    const to = m.flow & 0xffff;
    const from = m.flow >>> 16;
    if (from) p.string(PRINT_ANY, 'flow_from', ' realms %s/', names.realmName(from, numeric));
    else p.text(' realms ');
    p.string(PRINT_ANY, 'flow_to', '%s', names.realmName(to, numeric));
  }
  if (m.action === RTN_NAT) {
    if (m.gateway !== undefined) p.string(PRINT_ANY, 'nat_gateway', ' map-to %s', formatAddr(m.gateway));
    else p.null(PRINT_ANY, 'masquerade', ' masquerade');
  } else if (m.action === FR_ACT_GOTO) {
    if (m.goto !== undefined) p.number(PRINT_ANY, 'goto', ' goto %u', m.goto >>> 0);
    else p.string(PRINT_ANY, 'goto', ' goto %s', 'none');
    if (m.flags & FIB_RULE_UNRESOLVED) p.null(PRINT_ANY, 'unresolved', ' [unresolved]');
  } else if (m.action === FR_ACT_NOP) {
    p.null(PRINT_ANY, 'nop', ' nop');
  } else if (m.action !== FR_ACT_TO_TBL) {
    p.string(PRINT_ANY, 'action', ' %s', rtntypeName(m.action));
  }
  if (m.protocol !== undefined) {
    if ((m.protocol && m.protocol !== RTPROT_KERNEL) || opts.details > 0) {
      p.string(PRINT_ANY, 'protocol', ' proto %s', names.protoName(m.protocol, numeric));
    }
  }
  p.string(PRINT_FP, null, '\n', '');
  p.closeObject();
}

/** A namespace's IPv4 and IPv6 policy rules as `ip rule show` and `ip -6 rule show` print
 *  them, for readers other than the ip tool (netsim ui's details). */
export function ruleLines(ns: Netns): { family: 'ipv4' | 'ipv6'; text: string }[] {
  const names = new RtNames(ns.kernel);
  const out: { family: 'ipv4' | 'ipv6'; text: string }[] = [];
  for (const [family, ops] of [['ipv4', fib4RulesOps(ns)], ['ipv6', fib6RulesOps(ns)]] as const) {
    for (const m of fibRulesDump(ns, ops)) {
      const p = new Printer(false);
      printRule({ numeric: false, details: 0 }, p, names, m);
      out.push({ family, text: p.out.trimEnd() });
    }
  }
  return out;
}

/** iprule_list_flush_or_save() */
function listFlushOrSave(ctx: IpContext, a: Args, action: 'list' | 'flush' | 'save'): number {
  const names = new RtNames(ctx.p.kernel);
  let af = ctx.opts.family;
  if (af === AF_UNSPEC) af = AF_INET;
  if (action === 'save' && !a.done) {
    ctx.err('"ip rule save" does not take any arguments.\n');
    return 1;
  }
  const f: RuleFilter = {
    not: false, l3mdev: false, iifmask: false, oifmask: false, uidrange: undefined, tb: 0, tos: 0, tosmask: false,
    pref: 0, prefmask: false, fwmark: 0, fwmask: 0, iif: '', oif: '', src: undefined, dst: undefined, protocol: 0,
    protocolmask: 0, sport: undefined, dport: undefined, ipproto: 0, tunId: 0,
  };
  while (!a.done) {
    const w = a.peek()!;
    if (matches(w, 'preference') || matches(w, 'order') || matches(w, 'priority')) {
      const v = a.next();
      const n = getU32(v);
      if (n === undefined) throw invarg('preference value is invalid\n', v);
      f.pref = n;
      f.prefmask = true;
    } else if (w === 'not') {
      f.not = true;
    } else if (w === 'tos' || w === 'dsfield') {
      const v = a.next();
      const t = names.dsfieldId(v);
      if (t === undefined) throw invarg('TOS value is invalid\n', v);
      f.tos = t;
      f.tosmask = true;
    } else if (w === 'fwmark') {
      const v = a.next();
      const slash = v.indexOf('/');
      const head = slash >= 0 ? v.slice(0, slash) : v;
      const mark = getU32(head);
      if (mark === undefined) throw invarg('fwmark value is invalid\n', head);
      f.fwmark = mark;
      if (slash >= 0) {
        const mask = getU32(v.slice(slash + 1));
        if (mask === undefined) throw invarg('fwmask value is invalid\n', v.slice(slash + 1));
        f.fwmask = mask;
      }
    } else if (w === 'dev' || w === 'iif') {
      const v = a.next();
      if (!checkIfname(v)) throw invarg('"iif"/"dev" not a valid ifname', v);
      f.iif = v;
      f.iifmask = true;
    } else if (w === 'oif') {
      const v = a.next();
      if (!checkIfname(v)) throw invarg('"oif" not a valid ifname', v);
      f.oif = v;
      f.oifmask = true;
    } else if (w === 'l3mdev') {
      f.l3mdev = true;
    } else if (w === 'uidrange') {
      const v = a.next();
      const m = /^[ \t]*\+?(\d+)-[ \t]*\+?(\d+)/.exec(v);
      if (!m) throw invarg('invalid UID range\n', v);
      f.uidrange = [Number(m[1]) >>> 0, Number(m[2]) >>> 0];
    } else if (matches(w, 'tun_id')) {
      const v = a.next();
      const n = parseUnsigned(v, Number.MAX_SAFE_INTEGER);
      if (n === undefined) throw invarg('"tun_id" value is invalid\n', v);
      f.tunId = n;
    } else if (matches(w, 'lookup') || matches(w, 'table')) {
      const v = a.next();
      const t = names.tableId(v);
      if (t === undefined) throw invarg('table id value is invalid\n', v);
      f.tb = t;
    } else if (matches(w, 'from') || matches(w, 'src')) {
      const v = a.next();
      f.src = getPrefixOr(v, af, 'from value is invalid\n');
    } else if (matches(w, 'protocol')) {
      const sel = names.protoSelector(a.next());
      f.protocol = sel.protocol;
      f.protocolmask = sel.mask;
    } else if (w === 'ipproto') {
      const v = a.next();
      const n = inetProtoId(v);
      if (n === undefined) throw invarg('Invalid "ipproto" value\n', v);
      f.ipproto = n;
    } else if (w === 'sport') {
      const v = a.next();
      const r = portRange(v);
      if (!r) throw invarg('invalid port range\n', v);
      f.sport = r;
    } else if (w === 'dport') {
      const v = a.next();
      const r = portRange(v);
      if (!r) throw invarg('invalid dport range\n', v);
      f.dport = r;
    } else {
      let v = w;
      if (matches(v, 'dst') || matches(v, 'to')) v = a.next();
      f.dst = getPrefixOr(v, af, 'to value is invalid\n');
    }
    a.i++;
  }
  const ops = opsFor(ctx, af);
  const rules = fibRulesDump(ctx.ns, ops);
  if (action === 'save') return 0;
  if (action === 'flush') {
    for (const m of rules) {
      if (!filterRule(ctx, m, f)) continue;
      if (m.protocol !== undefined && ((f.protocol ^ m.protocol) & f.protocolmask) !== 0) continue;
      if (m.priority === undefined) continue;
      try {
        fibNlDelrule(ctx.ns, ops, { ...m, flags: m.flags & FIB_RULE_INVERT });
      } catch (e) {
        if (!(e instanceof KernelError)) throw e;
        rtnlError(ctx, e);
        return 1;
      }
    }
    return 0;
  }
  const p = ctx.printer();
  p.openDump();
  for (const m of rules) if (filterRule(ctx, m, f)) printRule(ctx.opts, p, names, m);
  p.closeDump();
  ctx.out(p.out);
  return 0;
}

/** get_prefix() in a context that reports failures with invarg() (it exits first anyway). */
function getPrefixOr(v: string, af: number, _msg: string): InetPrefix {
  return getPrefix(v, af);
}
