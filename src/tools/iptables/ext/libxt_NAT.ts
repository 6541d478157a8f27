// libxt_NAT.c (SNAT/DNAT revision 2), libxt_MASQUERADE.c, libxt_REDIRECT.c and
// libipt_NETMAP.c: ranges of addresses and ports, --random, --random-fully, --persistent, for
// iptables and (after the IPv4 targets) ip6tables.
import type { NatInfo } from '../../../kernel/netfilter/xt_nat.js';
import {
  NF_NAT_RANGE_MAP_IPS, NF_NAT_RANGE_PROTO_SPECIFIED, NF_NAT_RANGE_PROTO_RANDOM, NF_NAT_RANGE_PERSISTENT,
  NF_NAT_RANGE_PROTO_RANDOM_FULLY, NF_NAT_RANGE_NETMAP, NF_NAT_RANGE_PROTO_OFFSET, natRange,
} from '../../../kernel/netfilter/nf_nat_core.js';
import { IPPROTO_TCP, IPPROTO_UDP, type IptEntry } from '../../../kernel/netfilter/x_tables.js';
import {
  NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING,
} from '../../../kernel/ipv4/ip_input.js';
import { registerTarget, type ExtCtx } from './index.js';
import { NFPROTO_IPV4, NFPROTO_IPV6 } from '../../../kernel/netfilter/core.js';
import { xtExt, strtoul } from './xtopt.js';
import { serviceByName } from '../names.js';
import { parseIPv6, formatIPv6 } from '../../../wire/inet.js';
import { ipv4, fmtAddr, prefixMask, maskLen } from './parse.js';
import { xtCheck, type Refusal } from './hooks.js';

const IPPROTO_SCTP = 132, IPPROTO_DCCP = 33;
const portProto = (e: IptEntry) => !e.invProto && [IPPROTO_TCP, IPPROTO_UDP, IPPROTO_SCTP, IPPROTO_DCCP].includes(e.proto);
const newInfo = (): NatInfo => ({ range: natRange(0, 0, 0, undefined, undefined, 0, 0) });

function needPorts(ctx: ExtCtx): void {
  if (!portProto(ctx.entry)) throw ctx.perr('Need TCP, UDP, SCTP or DCCP with port specification');
}

function parsePorts(s: string, info: NatInfo, ctx: ExtCtx, what: string): void {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  const lo = m ? Number(m[1]) : NaN, hi = m ? Number(m[2] ?? m[1]) : NaN;
  if (!m || lo > 65535 || hi > 65535 || lo === 0) throw ctx.perr(`Port "${s}" not valid`);
  if (hi < lo) throw ctx.perr(`Invalid ${what} port range "${s}"`);
  info.range.flags |= NF_NAT_RANGE_PROTO_SPECIFIED;
  info.range.minProto = lo;
  info.range.maxProto = hi;
}

/** libipt_DNAT.c's parse_ports() for SNAT/DNAT: PORT[-PORT], each read by xtables_strtoui(). */
function parseToPorts(s: string, info: NatInfo, ctx: ExtCtx): void {
  const num = (t: string): [number, string] => {
    const m = /^\d+/.exec(t);
    const v = m ? Number(m[0]) : NaN;
    if (!m || v > 65535) throw ctx.perr(`Port \`${t}' not valid`);
    return [v, t.slice(m[0].length)];
  };
  const [lo, rest] = num(s);
  let hi = lo;
  if (rest !== '') {
    if (rest[0] === ':') throw ctx.perr('Invalid port:port syntax - use dash');
    if (rest[0] !== '-') throw ctx.perr(`Garbage after port value: \`${rest}'`);
    const [h, tail] = num(rest.slice(1));
    if (tail !== '') throw ctx.perr(`Port \`${rest.slice(1)}' not valid`);
    // "People are stupid."
    if (h < lo) throw ctx.perr(`Port range \`${rest.slice(1)}' funky`);
    hi = h;
  }
  info.range.flags |= NF_NAT_RANGE_PROTO_SPECIFIED;
  info.range.minProto = lo;
  info.range.maxProto = hi;
}

/** parse_to(): [ADDR[-ADDR]][:PORT[-PORT]] */
function parseTo(arg: string, info: NatInfo, ctx: ExtCtx): void {
  const colon = arg.indexOf(':');
  const ips = colon < 0 ? arg : arg.slice(0, colon);
  if (colon >= 0) {
    needPorts(ctx);
    parseToPorts(arg.slice(colon + 1), info, ctx);
  }
  if (ips === '') {
    if (colon < 0) throw ctx.perr(`Bad IP address "${arg}"`);
    return;
  }
  const [a, b] = ips.split('-');
  const lo = ipv4(a!), hi = b === undefined ? lo : ipv4(b);
  if (lo === undefined) throw ctx.perr(`Bad IP address "${a}"`);
  if (hi === undefined) throw ctx.perr(`Bad IP address "${b}"`);
  info.range.flags |= NF_NAT_RANGE_MAP_IPS;
  info.range.minIp = lo;
  info.range.maxIp = hi;
}

function rangeStr(info: NatInfo): string {
  const r = info.range;
  let s = '';
  if (r.flags & NF_NAT_RANGE_MAP_IPS) {
    s += fmtAddr(r.minIp);
    if (r.maxIp !== r.minIp) s += `-${fmtAddr(r.maxIp)}`;
  }
  if (r.flags & NF_NAT_RANGE_PROTO_SPECIFIED) {
    s += `:${r.minProto}`;
    if (r.maxProto !== r.minProto) s += `-${r.maxProto}`;
  }
  return s;
}

function flagsStr(info: NatInfo, dd: string): string {
  const f = info.range.flags;
  let s = '';
  if (f & NF_NAT_RANGE_PROTO_RANDOM) s += ` ${dd}random`;
  if (f & NF_NAT_RANGE_PERSISTENT) s += ` ${dd}persistent`;
  if (f & NF_NAT_RANGE_PROTO_RANDOM_FULLY) s += ` ${dd}random-fully`;
  return s;
}

/** The hooks a nat target may be used from (the kernel's checkentry hook masks). */
function hookCheck(name: string, allowed: number[]) {
  return (_i: NatInfo, c: { table: string; chain: string; family: number }): Refusal | undefined =>
    xtCheck.table(c.family, `${name} target`, 'nat', c.table) ?? xtCheck.hooks(c.family, `${name} target`, c.table, c.chain, allowed);
}

const RANDOM_OPTS = [{ name: 'random', noArg: true }, { name: 'random-fully', noArg: true }];

const FLAG_OPTS = new Map([
  ['random', NF_NAT_RANGE_PROTO_RANDOM], ['random-fully', NF_NAT_RANGE_PROTO_RANDOM_FULLY], ['persistent', NF_NAT_RANGE_PERSISTENT],
]);

function setFlag(opt: string, info: NatInfo): boolean {
  const f = FLAG_OPTS.get(opt);
  if (f === undefined) return false;
  info.range.flags |= f;
  return true;
}

for (const [name, to, hooks] of [
  ['SNAT', 'to-source', [NF_INET_POST_ROUTING, NF_INET_LOCAL_IN]],
  ['DNAT', 'to-destination', [NF_INET_PRE_ROUTING, NF_INET_LOCAL_OUT]],
] as const) {
  registerTarget(xtExt<NatInfo>({
    name,
    family: NFPROTO_IPV4,
    options: [{ name: to, mand: true }, ...RANDOM_OPTS, { name: 'persistent', noArg: true }],
    init: newInfo,
    parse(opt, arg, _inv, info, ctx) {
      if (!setFlag(opt, info)) parseTo(arg, info, ctx);
    },
    print: (i) => ((i.range.flags & (NF_NAT_RANGE_MAP_IPS | NF_NAT_RANGE_PROTO_SPECIFIED)) ? ` to:${rangeStr(i)}` : '') + flagsStr(i, ''),
    save: (i) => ((i.range.flags & (NF_NAT_RANGE_MAP_IPS | NF_NAT_RANGE_PROTO_SPECIFIED)) ? ` --${to} ${rangeStr(i)}` : '') + flagsStr(i, '--'),
    check: hookCheck(name, [...hooks]),
  }));
}

const portsStr = (i: NatInfo) => `${i.range.minProto}${i.range.maxProto !== i.range.minProto ? `-${i.range.maxProto}` : ''}`;

registerTarget(xtExt<NatInfo>({
  name: 'MASQUERADE',
  family: NFPROTO_IPV4,
  options: [{ name: 'to-ports' }, ...RANDOM_OPTS],
  init: newInfo,
  parse(opt, arg, _inv, info, ctx) {
    if (setFlag(opt, info)) return;
    needPorts(ctx);
    parsePorts(arg, info, ctx, 'MASQUERADE');
  },
  print: (i) => ((i.range.flags & NF_NAT_RANGE_PROTO_SPECIFIED) ? ` masq ports: ${portsStr(i)}` : '') + flagsStr(i, ''),
  save: (i) => ((i.range.flags & NF_NAT_RANGE_PROTO_SPECIFIED) ? ` --to-ports ${portsStr(i)}` : '') + flagsStr(i, '--'),
  check: hookCheck('MASQUERADE', [NF_INET_POST_ROUTING]),
}));

registerTarget(xtExt<NatInfo>({
  name: 'REDIRECT',
  family: NFPROTO_IPV4,
  options: [{ name: 'to-ports' }, { name: 'random', noArg: true }],
  init: newInfo,
  parse(opt, arg, _inv, info, ctx) {
    if (setFlag(opt, info)) return;
    needPorts(ctx);
    parsePorts(arg, info, ctx, 'REDIRECT');
  },
  print: (i) => ((i.range.flags & NF_NAT_RANGE_PROTO_SPECIFIED) ? ` redir ports ${portsStr(i)}` : '') + flagsStr(i, ''),
  save: (i) => ((i.range.flags & NF_NAT_RANGE_PROTO_SPECIFIED) ? ` --to-ports ${portsStr(i)}` : '') + flagsStr(i, '--'),
  check: hookCheck('REDIRECT', [NF_INET_PRE_ROUTING, NF_INET_LOCAL_OUT]),
}));

const netStr = (i: NatInfo) => {
  const mask = ~(i.range.minIp ^ i.range.maxIp) >>> 0;
  const l = maskLen(mask);
  return `${fmtAddr(i.range.minIp)}/${l ?? fmtAddr(mask)}`;
};

registerTarget(xtExt<NatInfo>({
  name: 'NETMAP',
  family: NFPROTO_IPV4,
  options: [{ name: 'to', mand: true }],
  init: newInfo,
  parse(_opt, arg, _inv, info, ctx) {
    const [h, m] = arg.split('/');
    const a = ipv4(h!);
    if (a === undefined) throw ctx.perr(`Bad IP address "${h}"`);
    let mask = 0xffffffff;
    if (m !== undefined) {
      const d = ipv4(m);
      if (d !== undefined) mask = d;
      else if (/^\d+$/.test(m) && Number(m) <= 32) mask = prefixMask(Number(m));
      else throw ctx.perr(`Bad netmask "${m}"`);
    }
    info.range.flags |= NF_NAT_RANGE_MAP_IPS | NF_NAT_RANGE_NETMAP;
    info.range.minIp = (a & mask) >>> 0;
    info.range.maxIp = (info.range.minIp | ~mask) >>> 0;
  },
  print: (i) => ` to:${netStr(i)}`,
  save: (i) => ` --to ${netStr(i)}`,
  check: hookCheck('NETMAP', [NF_INET_PRE_ROUTING, NF_INET_POST_ROUTING, NF_INET_LOCAL_OUT, NF_INET_LOCAL_IN]),
}));

// ---------------------------------------------------------------------------------------
// ip6tables: libxt_NAT.c's NFPROTO_IPV6 targets (SNAT/MASQUERADE/REDIRECT revision 1, DNAT
// revision 2), sharing __NAT_parse() with its IPv6 address forms.

/** xtables_service_to_port(name, NULL): getservbyname() of any protocol. */
const anyService = (name: string) => serviceByName(name, 'tcp') ?? serviceByName(name, 'udp');

/** parse_ports(): PORT[-PORT[/BASE]], a single port also by service name. */
function parsePorts6(arg: string, info: NatInfo, ctx: ExtCtx, portok: boolean): void {
  if (!portok) throw ctx.perr('Need TCP, UDP, SCTP or DCCP with port specification');
  const r = info.range;
  r.flags |= NF_NAT_RANGE_PROTO_SPECIFIED;
  // xtables_strtoui() reads a number at the start; what follows decides.
  const num = (t: string, min = 0): [number, string] | undefined => {
    const m = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(t);
    if (!m) return undefined;
    const v = strtoul(m[1]!)!;
    return v < min || v > 65535 ? undefined : [v, t.slice(m[0].length)];
  };
  let p = num(arg);
  if (!p) {
    const s = anyService(arg);
    if (s === undefined) throw ctx.perr(`Port \`${arg}' not valid`);
    p = [s, ''];
  }
  const [port, end] = p;
  if (end === '') {
    r.minProto = r.maxProto = port;
    return;
  }
  if (end[0] === ':') throw ctx.perr('Invalid port:port syntax - use dash');
  if (end[0] !== '-') throw ctx.perr(`Garbage after port value: \`${end}'`);
  const hiArg = end.slice(1);
  const q = num(hiArg);
  if (!q) throw ctx.perr(`Port \`${hiArg}' not valid`);
  // "People are stupid."
  if (q[0] < port) throw ctx.perr(`Port range \`${hiArg}' funky`);
  r.minProto = port;
  r.maxProto = q[0];
  if (q[1] === '') return;
  if (q[1][0] !== '/') throw ctx.perr(`Garbage after port range: \`${q[1]}'`);
  const baseArg = q[1].slice(1);
  const b = num(baseArg, 1);
  let base = b && b[1] === '' ? b[0] : undefined;
  if (base === undefined) base = anyService(baseArg);
  if (base === undefined) throw ctx.perr(`Port \`${baseArg}' not valid`);
  r.flags |= NF_NAT_RANGE_PROTO_OFFSET;
  info.base = base;
}

/** parse_to() for AF_INET6: [ADDR[-ADDR]][:PORT...], the address in brackets when a port
 *  follows ("[2001:db8::1]:80"); without brackets, a second colon makes it all an address. */
function parseTo6(orig: string, info: NatInfo, ctx: ExtCtx, portok: boolean): void {
  let start = 0, stop = orig.length;
  let colon = -1;
  const open = orig.indexOf('[');
  if (open < 0) {
    colon = orig.indexOf(':');
    if (colon >= 0 && orig.indexOf(':', colon + 1) >= 0) colon = -1;
    if (colon >= 0) stop = colon;
  } else {
    start = open + 1;
    const close = orig.indexOf(']', start);
    if (close < 0) throw ctx.perr('Invalid address format');
    stop = close;
    colon = orig.indexOf(':', close + 1);
  }
  if (colon >= 0) {
    parsePorts6(orig.slice(colon + 1), info, ctx, portok);
    // Starts with a colon or "[]:": no address.
    if (colon === 0 || colon === 2) return;
  }
  const r = info.range;
  r.flags |= NF_NAT_RANGE_MAP_IPS;
  const ips = orig.slice(start, stop);
  const dash = ips.indexOf('-');
  const lo = dash < 0 ? ips : ips.slice(0, dash);
  const a = parseIPv6(lo);
  if (!a) throw ctx.perr(`Bad IP address "${lo}"`);
  r.min6 = r.max6 = a;
  if (dash >= 0) {
    const b = parseIPv6(ips.slice(dash + 1));
    if (!b) throw ctx.perr(`Bad IP address "${ips.slice(dash + 1)}"`);
    r.max6 = b;
  }
}

/** sprint_range() for AF_INET6: the addresses in brackets when ports follow. `base`: what
 *  the revision keeps of a shifted range's base (revision 1 has none: 0). */
function rangeStr6(info: NatInfo, base: number): string {
  const r = info.range;
  const brackets = (r.flags & NF_NAT_RANGE_PROTO_SPECIFIED) !== 0;
  let s = '';
  if (r.flags & NF_NAT_RANGE_MAP_IPS) {
    s += (brackets ? '[' : '') + formatIPv6(r.min6!);
    if (formatIPv6(r.max6!) !== formatIPv6(r.min6!)) s += `-${formatIPv6(r.max6!)}`;
    if (brackets) s += ']';
  }
  if (r.flags & NF_NAT_RANGE_PROTO_SPECIFIED) {
    s += `:${r.minProto}`;
    if (r.maxProto !== r.minProto) s += `-${r.maxProto}`;
    if (r.flags & NF_NAT_RANGE_PROTO_OFFSET) s += `/${base}`;
  }
  return s;
}

/** __NAT_print(): the range after `opt`, then the flags in libxt_NAT.c's order. */
function natPrint6(info: NatInfo, opt: string, dd: string, skipColon: boolean, base: number): string {
  let r = rangeStr6(info, base);
  let s = '';
  if (r) {
    if (r[0] === ':' && skipColon) r = r.slice(1);
    s += ` ${opt}${r}`;
  }
  const f = info.range.flags;
  if (f & NF_NAT_RANGE_PROTO_RANDOM) s += ` ${dd}random`;
  if (f & NF_NAT_RANGE_PROTO_RANDOM_FULLY) s += ` ${dd}random-fully`;
  if (f & NF_NAT_RANGE_PERSISTENT) s += ` ${dd}persistent`;
  return s;
}

/** __NAT_parse()'s portok: the rule's protocol, its inversion not looked at. */
const portok6 = (e: IptEntry) => [IPPROTO_TCP, IPPROTO_UDP, IPPROTO_SCTP, IPPROTO_DCCP].includes(e.proto);

for (const [name, to, hooks, rev2] of [
  ['SNAT', 'to-source', [NF_INET_POST_ROUTING, NF_INET_LOCAL_IN], false],
  ['DNAT', 'to-destination', [NF_INET_PRE_ROUTING, NF_INET_LOCAL_OUT], true],
] as const) {
  registerTarget(xtExt<NatInfo>({
    name,
    family: NFPROTO_IPV6,
    options: [{ name: to, mand: true }, ...(name === 'SNAT' ? RANDOM_OPTS : [{ name: 'random', noArg: true }]),
      { name: 'persistent', noArg: true }],
    init: newInfo,
    parse(opt, arg, _inv, info, ctx) {
      if (!setFlag(opt, info)) parseTo6(arg, info, ctx, portok6(ctx.entry));
    },
    print: (i) => natPrint6(i, 'to:', '', false, rev2 ? i.base ?? 0 : 0),
    save: (i) => natPrint6(i, `--${to} `, '--', false, rev2 ? i.base ?? 0 : 0),
    check: hookCheck(name, [...hooks]),
  }));
}

for (const [name, listed, hooks, opts] of [
  ['MASQUERADE', 'masq ports: ', [NF_INET_POST_ROUTING], RANDOM_OPTS],
  ['REDIRECT', 'redir ports ', [NF_INET_PRE_ROUTING, NF_INET_LOCAL_OUT], [{ name: 'random', noArg: true }]],
] as const) {
  registerTarget(xtExt<NatInfo>({
    name,
    family: NFPROTO_IPV6,
    options: [{ name: 'to-ports' }, ...opts],
    init: newInfo,
    parse(opt, arg, _inv, info, ctx) {
      if (!setFlag(opt, info)) parsePorts6(arg, info, ctx, portok6(ctx.entry));
    },
    print: (i) => natPrint6(i, listed, '', true, 0),
    save: (i) => natPrint6(i, '--to-ports ', '--', true, 0),
    check: hookCheck(name, [...hooks]),
  }));
}
