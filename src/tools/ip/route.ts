// `ip route`: iproute2 6.1's ip/iproute.c — add/change/replace/prepend/append/test/delete
// (iproute_modify()), list/show/flush/save (iproute_list_flush_or_save()), get
// (iproute_get()), with the same argument parsing, messages and exit codes.
import type { IpContext } from './context.js';
import { AF_INET, AF_INET6, AF_MPLS, AF_UNSPEC } from './context.js';
import { Args, UsageError, matches, invarg, duparg2, parseUnsigned } from '../lib/args.js';
import { USAGE } from '../usage_text.js';
import { rtnlError } from './errors.js';
import { KernelError } from '../../kernel/errno.js';
import {
  RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST, RTN_NAT, RTN_ANYCAST, RTN_MULTICAST, RTN_UNSPEC,
  RT_SCOPE_UNIVERSE, RT_SCOPE_HOST, RT_SCOPE_LINK, RT_SCOPE_NOWHERE, RT_TABLE_MAIN, RT_TABLE_LOCAL,
  RT_TABLE_UNSPEC, RTPROT_BOOT, RTNH_F_ONLINK, RTM_F_LOOKUP_TABLE, RTM_F_FIB_MATCH, RTM_F_NOTIFY,
  RTAX_LOCK, RTAX_MTU, RTAX_HOPLIMIT, RTAX_ADVMSS, RTAX_REORDERING, RTAX_RTT, RTAX_RTO_MIN, RTAX_WINDOW,
  RTAX_CWND, RTAX_INITCWND, RTAX_INITRWND, RTAX_FEATURES, RTAX_QUICKACK, RTAX_CC_ALGO, RTAX_RTTVAR,
  RTAX_SSTHRESH, RTAX_FASTOPEN_NO_COOKIE, RTAX_FEATURE_ECN, ICMPV6_ROUTER_PREF_LOW,
  ICMPV6_ROUTER_PREF_MEDIUM, ICMPV6_ROUTER_PREF_HIGH, emptyRtMsg,
  type RtMsg, type RtNexthop, type NlFlags,
} from '../../kernel/ipv4/route_types.js';
import { inetRtmNewroute, inetRtmDelroute, inetDumpFib } from '../../kernel/ipv4/fib.js';
import { inetRtmGetroute } from '../../kernel/ipv4/route.js';
import { inet6RtmNewroute, inet6RtmDelroute, inet6DumpFib, inet6RtmGetroute } from '../../kernel/ipv6/route.js';
import { getAddr, getPrefix, readFamily, prefixAddr, type InetPrefix } from './rt_addr.js';
import { RtNames, rtntypeId, inetProtoId, strtoulFull } from './rt_names.js';
import { resetFilter, filterNlmsg, printRoute, type RouteFilter, type DumpState } from './route_print.js';

const RTM_NEWROUTE = 24, RTM_DELROUTE = 25;

function usage(): never {
  throw new UsageError(USAGE['ip route']!, 255);
}

/** nodev(): "Cannot find device", exit status 1. */
function nodev(ctx: IpContext, name: string): number {
  ctx.err(`Cannot find device "${name}"\n`);
  return 1;
}

/** ll_name_to_index(): a name, or "ifN". 0 when unknown. */
export function llNameToIndex(ctx: IpContext, name: string): number {
  const d = ctx.ns.devByName(name);
  if (d) return d.ifindex;
  const m = /^if(\d+)$/.exec(name);
  return m ? Number(m[1]) >>> 0 : 0;
}

/** get_u32(): strtoul base 0, whole string, <= 0xffffffff. */
function getU32(s: string): number | undefined {
  return parseUnsigned(s);
}

/** get_time_rtt(): milliseconds, with an optional s/ms suffix; raw when no suffix. */
function getTimeRtt(arg: string): { val: number; raw: boolean } | undefined {
  let t: number;
  let rest: string;
  if (arg.includes('.')) {
    const m = /^[ \t]*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)(.*)$/.exec(arg);
    if (!m) return undefined;
    t = Number(m[1]);
    if (t < 0) return undefined;
    rest = m[4]!;
  } else {
    const m = /^[ \t]*(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)(.*)$/.exec(arg);
    if (!m) return undefined;
    t = strtoulFull(m[1]!, 0)!;
    rest = m[2]!;
  }
  let raw = true;
  if (rest) {
    raw = false;
    const r = rest.toLowerCase();
    if (r === 's' || r === 'sec' || r === 'secs') t *= 1000;
    else if (r === 'ms' || r === 'msec' || r === 'msecs') { /* as is */ }
    else return undefined;
  }
  let val = Math.floor(t);
  if (val < t) val += 1;
  return { val: val >>> 0, raw };
}

function flagsFor(cmdWord: 'add' | 'change' | 'replace' | 'prepend' | 'append' | 'test'): NlFlags {
  switch (cmdWord) {
    case 'add': return { create: true, excl: true, replace: false, append: false };
    case 'change': return { create: false, excl: false, replace: true, append: false };
    case 'replace': return { create: true, excl: false, replace: true, append: false };
    case 'prepend': return { create: true, excl: false, replace: false, append: false };
    case 'append': return { create: true, excl: false, replace: false, append: true };
    case 'test': return { create: false, excl: true, replace: false, append: false };
  }
}

export function doIproute(ctx: IpContext, a: Args): number {
  try {
    return iproute(ctx, a);
  } catch (e) {
    if (e instanceof KernelError) return rtnlError(ctx, e);
    throw e;
  }
}

function iproute(ctx: IpContext, a: Args): number {
  if (a.done) return listFlushOrSave(ctx, new Args([]), 'list');
  const w = a.take();
  const rest = new Args(a.rest());
  if (matches(w, 'add')) return modify(ctx, RTM_NEWROUTE, flagsFor('add'), rest);
  if (matches(w, 'change') || w === 'chg') return modify(ctx, RTM_NEWROUTE, flagsFor('change'), rest);
  if (matches(w, 'replace')) return modify(ctx, RTM_NEWROUTE, flagsFor('replace'), rest);
  if (matches(w, 'prepend')) return modify(ctx, RTM_NEWROUTE, flagsFor('prepend'), rest);
  if (matches(w, 'append')) return modify(ctx, RTM_NEWROUTE, flagsFor('append'), rest);
  if (matches(w, 'test')) return modify(ctx, RTM_NEWROUTE, flagsFor('test'), rest);
  if (matches(w, 'delete')) return modify(ctx, RTM_DELROUTE, flagsFor('test'), rest);
  if (matches(w, 'list') || matches(w, 'show') || matches(w, 'lst')) return listFlushOrSave(ctx, rest, 'list');
  if (matches(w, 'get')) return get(ctx, rest);
  if (matches(w, 'flush')) return listFlushOrSave(ctx, rest, 'flush');
  if (matches(w, 'save')) return listFlushOrSave(ctx, rest, 'save');
  if (matches(w, 'restore') || matches(w, 'showdump')) {
    // The dump format is binary netlink; netsim writes none, so nothing it reads matches.
    ctx.err('Magic mismatch (0 elems, 0 magic)\n');
    return 1;
  }
  if (matches(w, 'help')) usage();
  throw new UsageError(`Command "${w}" is unknown, try "ip route help".\n`, 255);
}

// ---------------------------------------------------------------------------------------
// add / change / replace / prepend / append / test / delete

/** Fills the message fields for an address attribute, setting the family if unset. */
function familyFrom(req: RtMsg, p: InetPrefix): void {
  if (req.family === AF_UNSPEC) req.family = p.family;
}

/** parse_one_nh() */
function parseOneNh(ctx: IpContext, req: RtMsg, names: RtNames, a: Args, nh: RtNexthop): number | undefined {
  while (a.i++, a.i < a.argv.length) {
    const w = a.argv[a.i]!;
    if (w === 'via') {
      let v = a.next();
      let family = readFamily(v);
      if (family === AF_UNSPEC) family = req.family;
      else v = a.next();
      const addr = getAddr(v, family);
      familyFrom(req, addr);
      if (addr.family === req.family) nh.gateway = prefixAddr(addr);
      else nh.gateway = prefixAddr(addr); // RTA_VIA: another family's gateway
    } else if (w === 'dev') {
      const v = a.next();
      nh.ifindex = llNameToIndex(ctx, v);
      if (!nh.ifindex) return nodev(ctx, v);
    } else if (w === 'weight') {
      const v = a.next();
      const n = parseUnsigned(v);
      if (n === undefined || n === 0 || n > 256) throw invarg('"weight" is invalid\n', v);
      nh.hops = n - 1;
    } else if (w === 'onlink') {
      nh.flags |= RTNH_F_ONLINK;
    } else if (matches(w, 'realms')) {
      const v = a.next();
      const r = names.realmsArg(v);
      if (r === undefined) throw invarg('"realm" value is invalid\n', v);
      nh.flow = r;
    } else if (w === 'encap') {
      const v = a.next();
      throw invarg('"encap type" value is invalid\n', v);
    } else if (w === 'as') {
      let v = a.next();
      if (v === 'to') v = a.next();
      getAddr(v, req.family);
    } else break;
  }
  return undefined;
}

/** parse_nexthops() */
function parseNexthops(ctx: IpContext, req: RtMsg, names: RtNames, a: Args): number | undefined {
  const nhs: RtNexthop[] = [];
  while (!a.done) {
    const w = a.peek()!;
    if (w !== 'nexthop') throw new UsageError(`Error: "nexthop" or end of line is expected instead of "${w}"\n`, 255);
    if (a.argv.length - a.i <= 1) throw new UsageError('Error: unexpected end of line after "nexthop"\n', 255);
    const nh: RtNexthop = { ifindex: 0, hops: 0, flags: 0 };
    const r = parseOneNh(ctx, req, names, a, nh);
    if (r !== undefined) throw new UsageError('Error: cannot parse nexthop\n', 255);
    nhs.push(nh);
  }
  if (nhs.length) req.multipath = nhs;
  return undefined;
}

/** iproute_modify() */
function modify(ctx: IpContext, cmd: number, nl: NlFlags, a: Args): number {
  const names = new RtNames(ctx.p.kernel);
  const req = emptyRtMsg(ctx.opts.family);
  req.table = RT_TABLE_MAIN;
  req.scope = RT_SCOPE_NOWHERE;
  if (cmd !== RTM_DELROUTE) {
    req.protocol = RTPROT_BOOT;
    req.scope = RT_SCOPE_UNIVERSE;
    req.type = RTN_UNICAST;
  }
  const mx = new Map<number, number | string>();
  let mxlock = 0;
  let d: string | undefined;
  let gwOk = false, dstOk = false, nhsOk = false, scopeOk = false, tableOk = false, typeOk = false;
  let nhid = 0;
  const lockable = (key: number): string => {
    let v = a.next();
    if (v === 'lock') {
      mxlock |= 1 << key;
      v = a.next();
    }
    return v;
  };
  /** A metric taking a plain number (after an optional `lock`). */
  const uintMetric = (rtax: number, label: string, max = 0xffffffff): void => {
    const v = lockable(rtax);
    const n = parseUnsigned(v);
    if (n === undefined || n > max) throw invarg(`"${label}" value is invalid\n`, v);
    mx.set(rtax, n);
  };

  while (!a.done) {
    const w = a.peek()!;
    if (w === 'src') {
      const addr = getAddr(a.next(), req.family);
      familyFrom(req, addr);
      req.prefsrc = prefixAddr(addr);
    } else if (w === 'as') {
      let v = a.next();
      if (v === 'to') v = a.next();
      const addr = getAddr(v, req.family);
      familyFrom(req, addr);
    } else if (w === 'via') {
      if (gwOk) throw invarg('use nexthop syntax to specify multiple via\n', w);
      gwOk = true;
      let v = a.next();
      let family = readFamily(v);
      if (family === AF_UNSPEC) family = req.family;
      else v = a.next();
      const addr = getAddr(v, family);
      familyFrom(req, addr);
      req.gateway = prefixAddr(addr);
    } else if (w === 'from') {
      const addr = getPrefix(a.next(), req.family);
      familyFrom(req, addr);
      if (addr.bytelen) req.src = prefixAddr(addr);
      req.srcLen = addr.bitlen;
    } else if (w === 'tos' || matches(w, 'dsfield')) {
      const v = a.next();
      const tos = names.dsfieldId(v);
      if (tos === undefined) throw invarg('"tos" value is invalid\n', v);
      req.tos = tos;
    } else if (w === 'expires') {
      const v = a.next();
      const e = getU32(v);
      if (e === undefined) throw invarg('"expires" value is invalid\n', v);
      req.expires = e;
    } else if (matches(w, 'metric') || matches(w, 'priority') || w === 'preference') {
      const v = a.next();
      const m = getU32(v);
      if (m === undefined) throw invarg('"metric" value is invalid\n', v);
      req.priority = m;
    } else if (w === 'scope') {
      const v = a.next();
      const s = names.scopeId(v);
      if (s === undefined) throw invarg('invalid "scope" value\n', v);
      req.scope = s;
      scopeOk = true;
    } else if (w === 'mtu') {
      uintMetric(RTAX_MTU, 'mtu');
    } else if (w === 'hoplimit') {
      uintMetric(RTAX_HOPLIMIT, 'hoplimit', 255);
    } else if (w === 'advmss') {
      uintMetric(RTAX_ADVMSS, 'mss');
    } else if (matches(w, 'reordering')) {
      uintMetric(RTAX_REORDERING, 'reordering');
    } else if (w === 'rtt') {
      const v = lockable(RTAX_RTT);
      const t = getTimeRtt(v);
      if (!t) throw invarg('"rtt" value is invalid\n', v);
      mx.set(RTAX_RTT, t.raw ? t.val : (t.val * 8) >>> 0);
    } else if (w === 'rto_min') {
      const v = a.next();
      mxlock |= 1 << RTAX_RTO_MIN;
      const t = getTimeRtt(v);
      if (!t) throw invarg('"rto_min" value is invalid\n', v);
      mx.set(RTAX_RTO_MIN, t.val);
    } else if (matches(w, 'window')) {
      uintMetric(RTAX_WINDOW, 'window');
    } else if (matches(w, 'cwnd')) {
      uintMetric(RTAX_CWND, 'cwnd');
    } else if (matches(w, 'initcwnd')) {
      uintMetric(RTAX_INITCWND, 'initcwnd');
    } else if (matches(w, 'initrwnd')) {
      uintMetric(RTAX_INITRWND, 'initrwnd');
    } else if (matches(w, 'features')) {
      const v = a.next();
      if (v !== 'ecn') throw invarg('"features" value not valid\n', v);
      mx.set(RTAX_FEATURES, RTAX_FEATURE_ECN);
    } else if (matches(w, 'quickack')) {
      const v = a.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('"quickack" value is invalid\n', v);
      if (n !== 0 && n !== 1) throw invarg('"quickack" value should be 0 or 1\n', v);
      mx.set(RTAX_QUICKACK, n);
    } else if (matches(w, 'congctl')) {
      const v = lockable(RTAX_CC_ALGO);
      mx.set(RTAX_CC_ALGO, v);
    } else if (matches(w, 'rttvar')) {
      const v = lockable(RTAX_RTTVAR);
      const t = getTimeRtt(v);
      if (!t) throw invarg('"rttvar" value is invalid\n', v);
      mx.set(RTAX_RTTVAR, t.raw ? t.val : (t.val * 4) >>> 0);
    } else if (matches(w, 'ssthresh')) {
      uintMetric(RTAX_SSTHRESH, 'ssthresh');
    } else if (matches(w, 'realms')) {
      const v = a.next();
      const r = names.realmsArg(v);
      if (r === undefined) throw invarg('"realm" value is invalid\n', v);
      req.flow = r;
    } else if (w === 'onlink') {
      req.flags |= RTNH_F_ONLINK;
    } else if (w === 'nexthop') {
      nhsOk = true;
      break;
    } else if (w === 'nhid') {
      const v = a.next();
      const n = getU32(v);
      if (n === undefined) throw invarg('"id" value is invalid\n', v);
      nhid = n;
    } else if (matches(w, 'protocol')) {
      const v = a.next();
      const p = names.protoId(v);
      if (p === undefined) throw invarg('"protocol" value is invalid\n', v);
      req.protocol = p;
    } else if (matches(w, 'table')) {
      const v = a.next();
      const tid = names.tableId(v);
      if (tid === undefined) throw invarg('"table" value is invalid\n', v);
      if (tid < 256) req.table = tid;
      else {
        req.table = RT_TABLE_UNSPEC;
        req.tableId = tid;
      }
      tableOk = true;
    } else if (matches(w, 'vrf')) {
      const v = a.next();
      throw invarg('Invalid VRF\n', v);
    } else if (w === 'dev' || w === 'oif') {
      d = a.next();
    } else if (matches(w, 'pref')) {
      const v = a.next();
      if (v === 'low') req.pref = ICMPV6_ROUTER_PREF_LOW;
      else if (v === 'medium') req.pref = ICMPV6_ROUTER_PREF_MEDIUM;
      else if (v === 'high') req.pref = ICMPV6_ROUTER_PREF_HIGH;
      else {
        const n = parseUnsigned(v, 255);
        if (n === undefined) throw invarg('"pref" value is invalid\n', v);
        req.pref = n;
      }
    } else if (w === 'encap') {
      const v = a.next();
      throw invarg('"encap type" value is invalid\n', v);
    } else if (w === 'ttl-propagate') {
      const v = a.next();
      if (!matches(v, 'enabled') && !matches(v, 'disabled')) throw invarg('"ttl-propagate" value is invalid\n', v);
    } else if (matches(w, 'fastopen_no_cookie')) {
      const v = a.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('"fastopen_no_cookie" value is invalid\n', v);
      if (n !== 0 && n !== 1) throw invarg('"fastopen_no_cookie" value should be 0 or 1\n', v);
      mx.set(RTAX_FASTOPEN_NO_COOKIE, n);
    } else {
      let v = w;
      if (v === 'to') v = a.next();
      if ((v[0]! < '0' || v[0]! > '9')) {
        const type = rtntypeId(v);
        if (type !== undefined) {
          v = a.next();
          req.type = type;
          typeOk = true;
        }
      }
      if (matches(v, 'help')) usage();
      if (dstOk) throw duparg2('to', v);
      const dst = getPrefix(v, req.family);
      familyFrom(req, dst);
      req.dstLen = dst.bitlen;
      dstOk = true;
      if (dst.bytelen) req.dst = prefixAddr(dst);
    }
    a.i++;
  }
  if (!dstOk) usage();
  if (d !== undefined) {
    const idx = llNameToIndex(ctx, d);
    if (!idx) return nodev(ctx, d);
    req.oif = idx;
  }
  if (mx.size) {
    if (mxlock) mx.set(RTAX_LOCK, mxlock >>> 0);
    req.metrics = mx;
  }
  if (nhsOk) parseNexthops(ctx, req, names, a);
  if (req.family === AF_UNSPEC) req.family = AF_INET;
  if (!tableOk) {
    if (req.type === RTN_LOCAL || req.type === RTN_BROADCAST || req.type === RTN_NAT || req.type === RTN_ANYCAST) req.table = RT_TABLE_LOCAL;
  }
  if (!scopeOk) {
    if (req.family === AF_INET6 || req.family === AF_MPLS) req.scope = RT_SCOPE_UNIVERSE;
    else if (req.type === RTN_LOCAL || req.type === RTN_NAT) req.scope = RT_SCOPE_HOST;
    else if (req.type === RTN_BROADCAST || req.type === RTN_MULTICAST || req.type === RTN_ANYCAST) req.scope = RT_SCOPE_LINK;
    else if (req.type === RTN_UNICAST || req.type === RTN_UNSPEC) {
      if (cmd === RTM_DELROUTE) req.scope = RT_SCOPE_NOWHERE;
      else if (!gwOk && !nhsOk && !nhid) req.scope = RT_SCOPE_LINK;
    }
  }
  if (!typeOk && req.family === AF_MPLS) req.type = RTN_UNICAST;
  // The gateway family must match the route's for netsim's FIBs.
  if (req.family === AF_INET && req.gateway instanceof Uint8Array) throw new KernelError(22, 'IPv6 nexthops of IPv4 routes are not emulated');
  if (nhid) throw new KernelError(22, 'Nexthop id does not exist');
  if (req.family === AF_INET) {
    if (cmd === RTM_DELROUTE) inetRtmDelroute(ctx.ns, req);
    else inetRtmNewroute(ctx.ns, req, nl);
  } else if (req.family === AF_INET6) {
    if (cmd === RTM_DELROUTE) inet6RtmDelroute(ctx.ns, req);
    else inet6RtmNewroute(ctx.ns, req, nl);
  } else {
    throw new KernelError(97); // EAFNOSUPPORT
  }
  return 0;
}

// ---------------------------------------------------------------------------------------
// list / show / flush / save

function dump(ctx: IpContext, family: number, f: RouteFilter): RtMsg[] {
  const kf = { table: f.tb || undefined, oif: f.oif || undefined, protocol: f.protocol || undefined, cloned: f.cloned === 1 };
  const out: RtMsg[] = [];
  if (family === AF_UNSPEC || family === AF_INET) {
    try {
      out.push(...inetDumpFib(ctx.ns, kf));
    } catch (e) {
      if (family === AF_INET) throw e;
    }
  }
  if (family === AF_UNSPEC || family === AF_INET6) {
    try {
      out.push(...inet6DumpFib(ctx.ns, kf));
    } catch (e) {
      if (family === AF_INET6) throw e;
    }
  }
  return out;
}

function listFlushOrSave(ctx: IpContext, a: Args, action: 'list' | 'flush' | 'save'): number {
  const names = new RtNames(ctx.p.kernel);
  let dumpFamily = ctx.opts.family;
  let idName: string | undefined;
  let odName: string | undefined;
  let mark = 0;
  const f = resetFilter(0);
  f.tb = RT_TABLE_MAIN;
  if (action === 'flush' && a.done) {
    ctx.err('"ip route flush" requires arguments.\n');
    return 1;
  }
  while (!a.done) {
    const w = a.peek()!;
    if (matches(w, 'table')) {
      const v = a.next();
      const tid = names.tableId(v);
      if (tid === undefined) {
        if (v === 'all') f.tb = 0;
        else if (v === 'cache') f.cloned = 1;
        else if (v === 'help') usage();
        else throw invarg('table id value is invalid\n', v);
      } else f.tb = tid;
    } else if (matches(w, 'vrf')) {
      const v = a.next();
      throw invarg('Invalid VRF\n', v);
    } else if (matches(w, 'cached') || matches(w, 'cloned')) {
      f.cloned = 1;
    } else if (w === 'tos' || matches(w, 'dsfield')) {
      const v = a.next();
      const tos = names.dsfieldId(v);
      if (tos === undefined) throw invarg('TOS value is invalid\n', v);
      f.tos = tos;
      f.tosmask = -1;
    } else if (matches(w, 'protocol')) {
      const sel = names.protoSelector(a.next());
      f.protocol = sel.protocol;
      f.protocolmask = sel.mask;
    } else if (matches(w, 'scope')) {
      const v = a.next();
      f.scopemask = -1;
      let scope = names.scopeId(v);
      if (scope === undefined) {
        if (v !== 'all') throw invarg('invalid "scope"\n', v);
        scope = RT_SCOPE_NOWHERE;
        f.scopemask = 0;
      }
      f.scope = scope;
    } else if (matches(w, 'type')) {
      const v = a.next();
      const t = rtntypeId(v);
      if (t === undefined) throw invarg('node type value is invalid\n', v);
      f.typemask = 1 << t;
    } else if (w === 'dev' || w === 'oif') {
      odName = a.next();
    } else if (w === 'iif') {
      idName = a.next();
    } else if (w === 'mark') {
      const v = a.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('invalid mark value', v);
      mark = n;
      f.markmask = -1;
    } else if (matches(w, 'metric') || matches(w, 'priority') || w === 'preference') {
      const v = a.next();
      const n = getU32(v);
      if (n === undefined) throw invarg('"metric" value is invalid\n', v);
      f.metric = n;
      f.metricmask = -1;
    } else if (w === 'via') {
      let v = a.next();
      let family = readFamily(v);
      if (family === AF_UNSPEC) family = dumpFamily;
      else v = a.next();
      f.rvia = getPrefix(v, family);
    } else if (w === 'src') {
      f.rprefsrc = getPrefix(a.next(), dumpFamily);
    } else if (matches(w, 'realms')) {
      const v = a.next();
      const r = names.realmsArg(v);
      if (r === undefined) throw invarg('invalid realms\n', v);
      f.realm = r;
      f.realmmask = ~0;
      if ((f.realm & 0xffff) === 0 && v.endsWith('/')) f.realmmask &= ~0xffff;
      if ((f.realm & 0xffff0000) === 0 && (!v.includes('/') || v[0] === '/')) f.realmmask &= ~0xffff0000;
    } else if (matches(w, 'from')) {
      const v = a.next();
      if (matches(v, 'root')) f.rsrc = getPrefix(a.next(), dumpFamily);
      else if (matches(v, 'match')) f.msrc = getPrefix(a.next(), dumpFamily);
      else {
        let x = v;
        if (matches(x, 'exact')) x = a.next();
        f.msrc = getPrefix(x, dumpFamily);
        f.rsrc = f.msrc;
      }
    } else {
      let v = w;
      if (matches(v, 'to')) v = a.next();
      if (matches(v, 'root')) f.rdst = getPrefix(a.next(), dumpFamily);
      else if (matches(v, 'match')) f.mdst = getPrefix(a.next(), dumpFamily);
      else {
        if (matches(v, 'exact')) v = a.next();
        f.mdst = getPrefix(v, dumpFamily);
        f.rdst = f.mdst;
      }
    }
    a.i++;
  }
  if (dumpFamily === AF_UNSPEC && f.tb) dumpFamily = AF_INET;
  if (idName !== undefined) {
    const idx = llNameToIndex(ctx, idName);
    if (!idx) return nodev(ctx, idName);
    f.iif = idx;
    f.iifmask = -1;
  }
  if (odName !== undefined) {
    const idx = llNameToIndex(ctx, odName);
    if (!idx) return nodev(ctx, odName);
    f.oif = idx;
    f.oifmask = -1;
  }
  f.mark = mark;
  if (action === 'flush') return flush(ctx, names, dumpFamily, f);
  if (action === 'save') {
    // iproute2 writes binary netlink messages here; netsim has no such stream to offer.
    return 0;
  }
  let msgs: RtMsg[];
  try {
    msgs = dump(ctx, dumpFamily, f);
  } catch (e) {
    if (!(e instanceof KernelError)) throw e;
    rtnlError(ctx, e);
    ctx.err('Dump terminated\n');
    if (ctx.opts.json) ctx.out('['); // new_json_obj() already opened the array
    return 2;
  }
  const p = ctx.printer();
  p.openDump();
  const st: DumpState = { ip6MultipleTables: false };
  for (const m of msgs) if (filterNlmsg(ctx, m, f, st)) printRoute(ctx, p, names, m, f);
  p.closeDump();
  ctx.out(p.out);
  return 0;
}

/** iproute_flush() */
function flush(ctx: IpContext, names: RtNames, family: number, f: RouteFilter): number {
  if (f.cloned) {
    if (family !== AF_INET6) {
      if (ctx.opts.stats) ctx.out('*** IPv4 routing cache is flushed.\n');
    }
    if (family === AF_INET) return 0;
  }
  f.flushing = true;
  let round = 0;
  for (;;) {
    let msgs: RtMsg[];
    try {
      msgs = dump(ctx, family, f);
    } catch (e) {
      if (!(e instanceof KernelError)) throw e;
      rtnlError(ctx, e);
      ctx.err('Flush terminated\n');
      return 2;
    }
    const st: DumpState = { ip6MultipleTables: false };
    const victims = msgs.filter((m) => filterNlmsg(ctx, m, f, st));
    if (ctx.opts.stats >= 2 && victims.length) {
      const p = ctx.printer();
      for (const m of victims) printRoute(ctx, p, names, m, f);
      ctx.out(p.out);
    }
    if (victims.length === 0) {
      if (ctx.opts.stats) {
        if (round === 0 && (!f.cloned || family === AF_INET6)) ctx.out('Nothing to flush.\n');
        else ctx.out(`*** Flush is complete after ${round} round${round > 1 ? 's' : ''} ***\n`);
      }
      return 0;
    }
    round++;
    let failed: KernelError | undefined;
    for (const m of victims) {
      try {
        if (m.family === AF_INET) inetRtmDelroute(ctx.ns, m);
        else if (m.family === AF_INET6) inet6RtmDelroute(ctx.ns, m);
      } catch (e) {
        if (!(e instanceof KernelError)) throw e;
        failed ??= e;
      }
    }
    if (failed) {
      rtnlError(ctx, failed);
      return 2;
    }
    if (ctx.opts.stats) ctx.out(`\n*** Round ${round}, deleting ${victims.length} entries ***\n`);
  }
}

// ---------------------------------------------------------------------------------------
// get

/** iproute_get() */
function get(ctx: IpContext, a: Args): number {
  const names = new RtNames(ctx.p.kernel);
  let family = ctx.opts.family;
  let idev: string | undefined;
  let odev: string | undefined;
  let connected = false;
  let fibMatch = false;
  let fromOk = false;
  let mark = 0;
  let addressFound = false;
  let dst: number | Uint8Array | undefined;
  let src: number | Uint8Array | undefined;
  let tos = 0;
  let uid: number | undefined;
  let ipProto: number | undefined;
  let sport: number | undefined;
  let dport: number | undefined;
  let notify = false;
  while (!a.done) {
    const w = a.peek()!;
    if (w === 'tos' || matches(w, 'dsfield')) {
      const v = a.next();
      const t = names.dsfieldId(v);
      if (t === undefined) throw invarg('TOS value is invalid\n', v);
      tos = t;
    } else if (matches(w, 'from')) {
      const v = a.next();
      if (matches(v, 'help')) usage();
      fromOk = true;
      const addr = getPrefix(v, family);
      if (family === AF_UNSPEC) family = addr.family;
      if (addr.bytelen) src = prefixAddr(addr);
    } else if (matches(w, 'iif')) {
      idev = a.next();
    } else if (matches(w, 'mark')) {
      const v = a.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('invalid mark value', v);
      mark = n;
    } else if (matches(w, 'oif') || w === 'dev') {
      odev = a.next();
    } else if (matches(w, 'notify')) {
      notify = true;
    } else if (matches(w, 'connected')) {
      connected = true;
    } else if (matches(w, 'vrf')) {
      const v = a.next();
      throw invarg('Invalid VRF\n', v);
    } else if (matches(w, 'uid')) {
      const v = a.next();
      const n = parseUnsigned(v);
      if (n === undefined) throw invarg('invalid UID\n', v);
      uid = n;
    } else if (matches(w, 'fibmatch')) {
      fibMatch = true;
    } else if (w === 'as') {
      let v = a.next();
      if (v === 'to') v = a.next();
      const addr = getAddr(v, family);
      if (family === AF_UNSPEC) family = addr.family;
    } else if (matches(w, 'sport')) {
      const v = a.next();
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('invalid sport\n', v);
      sport = n;
    } else if (matches(w, 'dport')) {
      const v = a.next();
      const n = parseUnsigned(v, 0xffff);
      if (n === undefined) throw invarg('invalid dport\n', v);
      dport = n;
    } else if (matches(w, 'ipproto')) {
      const v = a.next();
      const n = inetProtoId(v);
      if (n === undefined) throw invarg('Invalid "ipproto" value\n', v);
      ipProto = n;
    } else {
      let v = w;
      if (v === 'to') v = a.next();
      if (matches(v, 'help')) usage();
      const addr = getPrefix(v, family);
      if (family === AF_UNSPEC) family = addr.family;
      dst = addr.bytelen ? prefixAddr(addr) : undefined;
      if (family === AF_INET && addr.bitlen !== 32) {
        ctx.err(`Warning: /${addr.bitlen} as prefix is invalid, only /32 (or none) is supported.\n`);
      } else if (family === AF_INET6 && addr.bitlen !== 128) {
        ctx.err(`Warning: /${addr.bitlen} as prefix is invalid, only /128 (or none) is supported.\n`);
      }
      addressFound = true;
    }
    a.i++;
  }
  if (!addressFound) {
    ctx.err('need at least a destination address\n');
    return 1;
  }
  let iif = 0;
  let oif = 0;
  if (idev !== undefined) {
    iif = llNameToIndex(ctx, idev);
    if (!iif) return nodev(ctx, idev);
  }
  if (odev !== undefined) {
    oif = llNameToIndex(ctx, odev);
    if (!oif) return nodev(ctx, odev);
  }
  if (family === AF_UNSPEC) family = AF_INET;
  let flags = 0;
  if (family === AF_INET) flags |= RTM_F_LOOKUP_TABLE;
  if (fibMatch) flags |= RTM_F_FIB_MATCH;
  if (notify) flags |= RTM_F_NOTIFY;
  const ask = (s: typeof src): RtMsg => {
    if (family === AF_INET6) {
      return inet6RtmGetroute(ctx.ns, {
        dst: (dst as Uint8Array | undefined) ?? new Uint8Array(16), src: s as Uint8Array | undefined,
        iif: iif || undefined, oif: oif || undefined, mark: mark || undefined, fibmatch: fibMatch,
      });
    }
    if (family !== AF_INET) throw new KernelError(97);
    return inetRtmGetroute(ctx.ns, {
      dst: (dst as number | undefined) ?? 0, src: s as number | undefined, iif: iif || undefined, oif: oif || undefined,
      mark: mark || undefined, tos, uid, ipProto, sport, dport, flags,
    });
  };
  let answer = ask(src);
  const p = ctx.printer();
  p.openDump();
  const f = resetFilter(0);
  f.cloned = 2;
  if (connected && !fromOk) {
    // iproute2 turns the answer's prefsrc into RTA_SRC in the answer, not in the request,
    // so the same question is asked again and both answers print.
    printRoute(ctx, p, names, answer, f);
    if (answer.prefsrc === undefined && answer.src === undefined) {
      ctx.out(p.out);
      ctx.err('Failed to connect the route\n');
      return 1;
    }
    p.closeDump();
    answer = ask(src);
  }
  printRoute(ctx, p, names, answer, f);
  p.closeDump();
  ctx.out(p.out);
  return 0;
}
