// `ip address`: iproute2's ip/ipaddress.c — add/change/replace/del, show with its
// filters, flush, and the per-address lines under each link.
import type { IpContext } from './context.js';
import { AF_INET, AF_INET6, AF_PACKET, AF_UNSPEC } from './context.js';
import { Args, UsageError, matches, invarg, duparg, duparg2, parseUnsigned } from '../lib/args.js';
import { USAGE } from '../usage_text.js';
import { PRINT_ANY, PRINT_JSON, type Printer } from '../lib/json_print.js';
import type { NetDevice } from '../../kernel/core/netdevice.js';
import { inDev, INFINITY_LIFE_TIME, IFA_F_SECONDARY, IFA_F_PERMANENT, IFA_F_NODAD, IFA_F_HOMEADDRESS,
  IFA_F_MANAGETEMPADDR, IFA_F_NOPREFIXROUTE, IFA_F_MCAUTOJOIN, IFA_F_OPTIMISTIC, IFA_F_TENTATIVE,
  IFA_F_DEPRECATED, IFA_F_DADFAILED } from '../../kernel/ipv4/devinet.js';
import { inetRtmNewaddr, inetRtmDeladdr } from '../../kernel/ipv4/devinet_rtnl.js';
import { formatIPv4, parseIPv4Loose, parseIPv6, formatIPv6, prefixMask } from '../../wire/inet.js';
import { printLinkinfo, printLinkinfoBrief } from './link_print.js';
import { scopeName, parseScope } from './scope_names.js';
import { rtnlError } from './errors.js';
import { KernelError, EOPNOTSUPP, EINVAL } from '../../kernel/errno.js';
import { inet6AddrAdd, inet6AddrDel, inet6Addrs } from '../../kernel/ipv6/addrconf.js';

/** One address as RTM_GETADDR reports it, for either family. */
export interface AddrView {
  family: number;
  dev: NetDevice;
  local: string;
  /** IFA_ADDRESS when it differs from local (a point-to-point peer). */
  peer?: string;
  prefixlen: number;
  broadcast?: string;
  scope: number;
  flags: number;
  label?: string;
  metric?: number;
  validLft: number;
  preferredLft: number;
}

/** inet6_fill_ifaddr() records from addrconf, in the same shape. */
function ipv6Views(dev: NetDevice): AddrView[] {
  return inet6Addrs(dev).map((a) => ({
    family: AF_INET6, dev, local: formatIPv6(a.address), peer: a.peer ? formatIPv6(a.peer) : undefined,
    prefixlen: a.prefixlen, scope: a.scope, flags: a.flags, metric: a.rtPriority || undefined,
    validLft: a.validLft, preferredLft: a.preferredLft,
  }));
}

function ipv4Views(dev: NetDevice): AddrView[] {
  const ind = inDev(dev);
  if (!ind) return [];
  const now = dev.netns.kernel.clock.now();
  return ind.addrs.map((a) => {
    const age = Math.floor((now - a.tstamp) / 1000);
    // inet_fill_ifaddr(): permanent addresses report forever/forever whatever was set.
    const left = (l: number) => (a.flags & IFA_F_PERMANENT || l === INFINITY_LIFE_TIME ? INFINITY_LIFE_TIME : Math.max(0, l - age));
    return {
      family: AF_INET, dev, local: formatIPv4(a.local), peer: a.address !== a.local ? formatIPv4(a.address) : undefined,
      prefixlen: a.prefixlen, broadcast: a.broadcast ? formatIPv4(a.broadcast) : undefined, scope: a.scope,
      flags: a.flags, label: a.label, metric: a.rtPriority || undefined,
      validLft: left(a.validLft), preferredLft: left(a.preferredLft),
    };
  });
}

export function addrViews(dev: NetDevice, family: number): AddrView[] {
  const out: AddrView[] = [];
  if (family === AF_UNSPEC || family === AF_INET) out.push(...ipv4Views(dev));
  if (family === AF_UNSPEC || family === AF_INET6) out.push(...ipv6Views(dev));
  return out;
}

const IFA_FLAG_NAMES = ['secondary', 'nodad', 'optimistic', 'dadfailed', 'home', 'deprecated', 'tentative',
  'permanent', 'mngtmpaddr', 'noprefixroute', 'autojoin', 'stable-privacy'];

/** print_ifa_flags() */
function printIfaFlags(p: Printer, a: AddrView): void {
  let flags = a.flags;
  for (let i = 0; i < IFA_FLAG_NAMES.length; i++) {
    const mask = 1 << i;
    if (mask === IFA_F_PERMANENT) {
      if (!(flags & mask)) {
        p.text('dynamic ');
        p.bool(PRINT_JSON, 'dynamic', '', true);
      }
    } else if (flags & mask) {
      const name = mask === IFA_F_SECONDARY && a.family === AF_INET6 ? 'temporary' : IFA_FLAG_NAMES[i]!;
      p.text(`${name} `);
      p.bool(PRINT_JSON, name, '', true);
    }
    flags &= ~mask;
  }
  if (flags) {
    if (p.json) p.string(PRINT_JSON, 'ifa_flags', '', flags.toString(16).padStart(2, '0'));
    else p.text(`flags ${flags.toString(16).padStart(2, '0')} `);
  }
}

/** print_addrinfo() */
function printAddrinfo(ctx: IpContext, p: Printer, a: AddrView): void {
  const o = ctx.opts;
  const color = a.family === AF_INET ? 'inet' : 'inet6';
  if (o.oneline && !o.brief) {
    if (p.json) {
      p.number(PRINT_JSON, 'index', '', a.dev.ifindex);
      p.string(PRINT_JSON, 'dev', '', a.dev.name);
    } else p.text(`${a.dev.ifindex}: ${a.dev.name}`);
  }
  if (!o.brief) p.string(PRINT_ANY, 'family', '    %s ', a.family === AF_INET ? 'inet' : 'inet6');
  p.string(PRINT_ANY, 'local', '%s', a.local, color);
  if (a.peer) {
    p.text(' peer ');
    p.string(PRINT_ANY, 'address', '%s', a.peer, color);
  }
  p.number(PRINT_ANY, 'prefixlen', '/%d ', a.prefixlen);
  if (a.metric !== undefined) p.number(PRINT_ANY, 'metric', 'metric %u ', a.metric);
  if (o.brief) return;
  if (a.broadcast) p.string(PRINT_ANY, 'broadcast', 'brd %s ', a.broadcast, color);
  p.string(PRINT_ANY, 'scope', 'scope %s ', scopeName(a.scope));
  printIfaFlags(p, a);
  if (a.label !== undefined) p.string(PRINT_ANY, 'label', '%s', a.label);
  p.text(o.oneline ? '\\' : '\n');
  p.text('       valid_lft ');
  if (a.validLft === INFINITY_LIFE_TIME) {
    p.number(PRINT_JSON, 'valid_life_time', '', INFINITY_LIFE_TIME);
    p.text('forever');
  } else p.number(PRINT_ANY, 'valid_life_time', '%usec', a.validLft);
  p.text(' preferred_lft ');
  if (a.preferredLft === INFINITY_LIFE_TIME) {
    p.number(PRINT_JSON, 'preferred_life_time', '', INFINITY_LIFE_TIME);
    p.text('forever');
  } else p.number(PRINT_ANY, 'preferred_life_time', '%usec', a.preferredLft);
  p.text('\n');
}

interface Filter {
  family: number;
  ifindex: number;
  scope: number;
  scopeMask: number;
  to?: { family: number; addr: string; plen: number };
  label?: string;
  up: boolean;
  flags: number;
  flagMask: number;
  /** >0: only ports of that master; -1: only devices without one. */
  master: number;
  kind?: string;
  slaveKind?: string;
  group: number;
}

/** fnmatch(3) for the label patterns people use (`label eth0:*`). */
function fnmatch(pattern: string, s: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  return re.test(s);
}

function prefixMatch(to: Filter['to'], a: AddrView): boolean {
  if (!to || to.plen === 0) return true;
  if (to.family !== a.family) return false;
  if (a.family === AF_INET) {
    return ((parseIPv4Loose(a.local)! ^ parseIPv4Loose(to.addr)!) & prefixMask(to.plen)) === 0;
  }
  const x = parseIPv6(a.local)!;
  const y = parseIPv6(to.addr)!;
  for (let i = 0; i < to.plen; i++) {
    if (((x[i >> 3]! >> (7 - (i & 7))) & 1) !== ((y[i >> 3]! >> (7 - (i & 7))) & 1)) return false;
  }
  return true;
}

/** The per-address tests of print_addrinfo() / ipaddr_filter(). */
function addrMatches(f: Filter, a: AddrView): boolean {
  if (f.family && f.family !== a.family) return false;
  if ((f.scope ^ a.scope) & f.scopeMask) return false;
  if ((f.flags ^ a.flags) & f.flagMask) return false;
  if (f.label !== undefined && !fnmatch(f.label, a.label ?? a.dev.name)) return false;
  return prefixMatch(f.to, a);
}

/** The link-level tests at the top of print_linkinfo(): -1 skips the link entirely, 0 prints
 *  no link line (a label filter is set), 1 prints it. */
function linkFilter(f: Filter, d: NetDevice): -1 | 0 | 1 {
  if (f.ifindex && d.ifindex !== f.ifindex) return -1;
  if (f.up && !d.isUp) return -1;
  if (f.label !== undefined) return 0;
  if (f.group !== -1 && d.group !== f.group) return -1;
  if (f.master > 0 ? d.master?.ifindex !== f.master : f.master < 0 && d.master) return -1;
  if (f.kind !== undefined && d.kind !== f.kind) return -1;
  if (f.slaveKind !== undefined && d.master?.kind !== f.slaveKind) return -1;
  return 1;
}

/** get_prefix(): "ADDR[/LEN]" with iproute2's error for anything else. */
export function getPrefix(s: string, family: number): { family: number; addr: string; plen: number; plenGiven: boolean; v4?: number } {
  const slash = s.indexOf('/');
  const addr = slash >= 0 ? s.slice(0, slash) : s;
  const lenStr = slash >= 0 ? s.slice(slash + 1) : undefined;
  const fail = () => new UsageError(`Error: ${family === AF_INET ? 'inet' : family === AF_INET6 ? 'inet6' : 'any valid'} prefix is expected rather than "${s}".\n`, 1);
  let fam: number;
  let v4: number | undefined;
  if (addr.includes(':')) {
    if (family === AF_INET || !parseIPv6(addr)) throw fail();
    fam = AF_INET6;
  } else {
    v4 = parseIPv4Loose(addr);
    if (v4 === undefined || family === AF_INET6) throw fail();
    fam = AF_INET;
  }
  const max = fam === AF_INET ? 32 : 128;
  let plen = max;
  if (lenStr !== undefined) {
    const n = parseUnsigned(lenStr);
    if (n === undefined || n > max || lenStr === '') throw fail();
    plen = n;
  }
  return { family: fam, addr: fam === AF_INET ? formatIPv4(v4!) : formatIPv6(parseIPv6(addr)!), plen, plenGiven: lenStr !== undefined, v4 };
}

/** ipaddr_list_flush_or_save() for show and flush. */
function ipaddrList(ctx: IpContext, a: Args, flush: boolean): number {
  const o = ctx.opts;
  const f: Filter = { family: o.family, ifindex: 0, scope: 0, scopeMask: 0, up: false, flags: 0, flagMask: 0, master: 0, group: -1 };
  if (flush) {
    if (a.done) {
      ctx.err('Flush requires arguments.\n');
      return 1;
    }
    if (f.family === AF_PACKET) {
      ctx.err('Cannot flush link addresses.\n');
      return 1;
    }
  }
  let devName: string | undefined;
  for (; !a.done; a.i++) {
    const w = a.peek()!;
    if (w === 'to') {
      f.to = getPrefix(a.next(), f.family);
      if (f.family === AF_UNSPEC) f.family = f.to.family;
    } else if (w === 'scope') {
      const v = a.next();
      f.scopeMask = 0xff;
      const s = parseScope(v);
      if (s === undefined) {
        if (v !== 'all') throw invarg('invalid "scope"\n', v);
        f.scope = 255;
        f.scopeMask = 0;
      } else f.scope = s;
    } else if (w === 'up') f.up = true;
    else if (getFilterFlag(f, w)) { /* a FLAG-LIST word */ }
    else if (w === 'label') f.label = a.next();
    else if (w === 'group') {
      const v = a.next();
      const g = v === 'default' ? 0 : parseUnsigned(v);
      if (g === undefined) throw invarg('Invalid "group" value\n', v);
      f.group = g;
    } else if (w === 'master') {
      const v = a.next();
      const m = ctx.ns.devByName(v);
      if (!m) throw invarg('Device does not exist\n', v);
      f.master = m.ifindex;
    } else if (w === 'vrf') {
      const v = a.next();
      throw invarg('Not a valid VRF name\n', v);
    } else if (w === 'nomaster') f.master = -1;
    else if (w === 'type') {
      const v = a.next();
      if (v.endsWith('_slave')) f.slaveKind = v.slice(0, -6);
      else f.kind = v;
    } else {
      let v = w;
      if (w === 'dev') v = a.next();
      else if (matches(w, 'help')) return usage(ctx);
      if (devName !== undefined) throw duparg2('dev', v);
      devName = v;
    }
  }
  if (devName !== undefined) {
    const d = ctx.ns.devByName(devName);
    if (!d) {
      ctx.err(`Device "${devName}" does not exist.\n`);
      return 1;
    }
    f.ifindex = d.ifindex;
  }
  if (flush) return ipaddrFlush(ctx, f);
  let links = ctx.ns.devices();
  if (f.ifindex) links = links.filter((d) => d.ifindex === f.ifindex);
  const noLink = f.family !== AF_PACKET && o.oneline;
  const addrsOf = new Map<NetDevice, AddrView[]>();
  if (f.family !== AF_PACKET) {
    // ipaddr_filter(): keep links with a matching address, or with no address at all.
    links = links.filter((d) => {
      const all = addrViews(d, AF_UNSPEC);
      addrsOf.set(d, all);
      if (all.some((x) => addrMatches(f, x))) return true;
      return all.length === 0 && f.family === AF_UNSPEC;
    });
  }
  const p = ctx.printer();
  p.openDump();
  for (const d of links) {
    p.openObject();
    let res = 0;
    if (o.brief || !noLink) {
      res = linkFilter(f, d);
      if (res === 1) {
        if (o.brief) printLinkinfoBrief(p, d, { ...o, family: f.family });
        else {
          printLinkinfo(p, d, { opts: { ...o, family: f.family }, doLink: false, kernel: ctx.p.kernel });
          p.text('\n');
        }
      }
    }
    if (res >= 0 && f.family !== AF_PACKET) {
      p.openArray(PRINT_JSON, 'addr_info');
      for (const x of addrsOf.get(d) ?? []) {
        if (f.up && !d.isUp) continue;
        if (!addrMatches(f, x)) continue;
        p.openObject();
        printAddrinfo(ctx, p, x);
        p.closeObject();
      }
      p.closeArray(PRINT_JSON);
      if (o.brief) p.text('\n');
    }
    p.closeObject();
  }
  p.closeDump();
  ctx.out(p.out);
  return 0;
}

/** get_filter(): the FLAG-LIST words of `ip addr show`. */
function getFilterFlag(f: Filter, w: string): boolean {
  const set = (bit: number, on: boolean) => {
    if (on) f.flags |= bit;
    else f.flags &= ~bit;
    f.flagMask |= bit;
  };
  const neg = w.startsWith('-');
  const name = neg ? w.slice(1) : w;
  switch (name) {
    case 'dynamic': if (neg) return false; set(IFA_F_PERMANENT, false); return true;
    case 'primary': if (neg) return false; set(IFA_F_SECONDARY, false); return true;
    case 'secondary': case 'temporary': set(IFA_F_SECONDARY, !neg); return true;
    case 'permanent': set(IFA_F_PERMANENT, !neg); return true;
    case 'tentative': set(IFA_F_TENTATIVE, !neg); return true;
    case 'deprecated': set(IFA_F_DEPRECATED, !neg); return true;
    case 'dadfailed': set(IFA_F_DADFAILED, !neg); return true;
    case 'home': set(IFA_F_HOMEADDRESS, !neg); return true;
    case 'nodad': set(IFA_F_NODAD, !neg); return true;
    case 'mngtmpaddr': set(IFA_F_MANAGETEMPADDR, !neg); return true;
    case 'noprefixroute': set(IFA_F_NOPREFIXROUTE, !neg); return true;
    case 'autojoin': set(IFA_F_MCAUTOJOIN, !neg); return true;
    case 'optimistic': set(IFA_F_OPTIMISTIC, !neg); return true;
    default: return false;
  }
}

/** ipaddr_flush(): rounds of deleting what print_addrinfo() selects, until none is left. */
function ipaddrFlush(ctx: IpContext, f: Filter): number {
  const devs = ctx.ns.devices().filter((d) => !f.ifindex || d.ifindex === f.ifindex);
  let round = 0;
  for (;;) {
    const victims = devs.flatMap((d) => addrViews(d, AF_UNSPEC).filter((x) => addrMatches(f, x)));
    if (victims.length === 0 || round >= 10) {
      if (ctx.opts.stats) {
        if (round === 0) ctx.out('Nothing to flush.\n');
        else ctx.out(`*** Flush is complete after ${round} round${round > 1 ? 's' : ''} ***\n`);
      }
      return 0;
    }
    // The kernel may already have removed an address (secondaries go with their primary).
    for (const v of victims) {
      try {
        deleteView(v);
      } catch (e) {
        if (!(e instanceof KernelError)) throw e;
      }
    }
    round++;
    if (ctx.opts.stats) ctx.out(`\n*** Round ${round}, deleting ${victims.length} addresses ***\n`);
    if (!(f.flags & IFA_F_SECONDARY) && f.flagMask & IFA_F_SECONDARY) return 0;
  }
}

function deleteView(v: AddrView): void {
  if (v.family === AF_INET) {
    inetRtmDeladdr(v.dev, { local: parseIPv4Loose(v.local)!, address: parseIPv4Loose(v.peer ?? v.local)!, prefixlen: v.prefixlen, label: v.label });
  } else inet6AddrDel(v.dev, { addr: parseIPv6(v.local)!, prefixlen: v.prefixlen });
}

function setLifetime(s: string): number | undefined {
  if (s === 'forever') return INFINITY_LIFE_TIME;
  const v = parseUnsigned(s);
  return v;
}

/** ipaddr_modify() */
function ipaddrModify(ctx: IpContext, cmd: 'add' | 'change' | 'replace' | 'del', a: Args): number {
  let family = ctx.opts.family === AF_PACKET ? AF_UNSPEC : ctx.opts.family;
  let local: ReturnType<typeof getPrefix> | undefined;
  let peer: ReturnType<typeof getPrefix> | undefined;
  let brd: number | '+' | '-' | undefined;
  let brdSet = false;
  let scope: number | undefined;
  let devName: string | undefined;
  let label: string | undefined;
  let metric: number | undefined;
  let valid: number | undefined;
  let preferred: number | undefined;
  let validSet = false;
  let preferredSet = false;
  let flags = 0;
  let proto: number | undefined;
  for (; !a.done; a.i++) {
    const w = a.peek()!;
    if (w === 'peer' || w === 'remote') {
      const v = a.next();
      if (peer) throw duparg('peer', v);
      peer = getPrefix(v, family);
      if (family === AF_UNSPEC) family = peer.family;
    } else if (matches(w, 'broadcast') || w === 'brd') {
      const v = a.next();
      if (brdSet) throw duparg('broadcast', v);
      brdSet = true;
      if (v === '+' || v === '-') brd = v;
      else {
        const b = parseIPv4Loose(v);
        if (b === undefined || family === AF_INET6) throw new UsageError(`Error: ${family === AF_INET ? 'inet' : 'any valid'} address is expected rather than "${v}".\n`, 1);
        brd = b;
        if (family === AF_UNSPEC) family = AF_INET;
      }
    } else if (w === 'anycast') {
      a.next();
    } else if (w === 'scope') {
      const v = a.next();
      scope = parseScope(v);
      if (scope === undefined) throw invarg('invalid scope value.', v);
    } else if (w === 'dev') {
      devName = a.next();
    } else if (w === 'label') {
      label = a.next();
    } else if (matches(w, 'metric') || matches(w, 'priority') || matches(w, 'preference')) {
      const v = a.next();
      metric = parseUnsigned(v);
      if (metric === undefined) throw invarg('"metric" value is invalid\n', v);
    } else if (matches(w, 'valid_lft')) {
      if (validSet) throw duparg('valid_lft', w);
      validSet = true;
      const v = a.next();
      valid = setLifetime(v);
      if (valid === undefined) throw invarg('valid_lft value', v);
    } else if (matches(w, 'preferred_lft')) {
      if (preferredSet) throw duparg('preferred_lft', w);
      preferredSet = true;
      const v = a.next();
      preferred = setLifetime(v);
      if (preferred === undefined) throw invarg('preferred_lft value', v);
    } else if (w === 'home') flags |= IFA_F_HOMEADDRESS;
    else if (w === 'nodad') flags |= IFA_F_NODAD;
    else if (w === 'optimistic') flags |= IFA_F_OPTIMISTIC;
    else if (w === 'mngtmpaddr') flags |= IFA_F_MANAGETEMPADDR;
    else if (w === 'noprefixroute') flags |= IFA_F_NOPREFIXROUTE;
    else if (w === 'autojoin') flags |= IFA_F_MCAUTOJOIN;
    else if (w === 'proto') {
      const v = a.next();
      proto = parseUnsigned(v, 255);
      if (proto === undefined) throw invarg('"proto" value is invalid\n', v);
    } else {
      let v = w;
      if (w === 'local') v = a.next();
      if (matches(v, 'help')) return usage(ctx);
      if (local) throw duparg2('local', v);
      local = getPrefix(v, family);
      if (family === AF_UNSPEC) family = local.family;
    }
  }
  if (devName === undefined) {
    ctx.err('Not enough information: "dev" argument is required.\n');
    return 1;
  }
  if (label !== undefined && !label.startsWith(devName)) {
    ctx.err(`"dev" (${devName}) must match "label" (${label}).\n`);
    return 1;
  }
  let prefixlen = peer ? peer.plen : 0;
  const wildcard = cmd === 'del' && !peer && local && local.family === AF_INET && !local.plenGiven;
  if (!peer && local && !wildcard) peer = local;
  if (prefixlen === 0) prefixlen = local ? local.plen : 0;
  let brdAddr: number | undefined = typeof brd === 'number' ? brd : undefined;
  if ((brd === '+' || brd === '-') && cmd !== 'del' && family === AF_INET && peer && peer.plen <= 30) {
    let b = peer.v4!;
    for (let i = 31; i >= peer.plen; i--) {
      if (brd === '+') b |= 1 << (31 - i);
      else b &= ~(1 << (31 - i));
    }
    brdAddr = b >>> 0;
  }
  if (scope === undefined && cmd !== 'del') {
    scope = local && local.family === AF_INET && (local.v4! >>> 24) === 127 ? 254 : local && local.family === AF_INET6 && local.addr === '::1' ? 254 : 0;
  }
  const dev = ctx.ns.devByName(devName);
  if (!dev) {
    ctx.err(`Cannot find device "${devName}"\n`);
    return 1;
  }
  if ((validSet || preferredSet) && cmd !== 'del') {
    if (valid === undefined) valid = INFINITY_LIFE_TIME;
    if (preferred === undefined) preferred = INFINITY_LIFE_TIME;
    if (!valid) {
      ctx.err('valid_lft is zero\n');
      return 1;
    }
    if (valid < preferred) {
      ctx.err('preferred_lft is greater than valid_lft\n');
      return 1;
    }
  }
  if (wildcard) {
    ctx.err('Warning: Executing wildcard deletion to stay compatible with old scripts.\n' +
      `         Explicitly specify the prefix length (${local!.addr}/${local!.plen}) to avoid this warning.\n` +
      '         This special behaviour is likely to disappear in further releases,\n' +
      '         fix your scripts!\n');
  }
  try {
    if (family === AF_UNSPEC) throw new KernelError(EOPNOTSUPP);
    if (family === AF_INET) {
      if (cmd === 'del') {
        inetRtmDeladdr(dev, { local: local?.v4, address: wildcard ? undefined : peer?.v4, prefixlen, label });
      } else {
        inetRtmNewaddr(dev, {
          local: local?.v4, address: peer?.v4, prefixlen, broadcast: brdAddr, label, scope: scope!, flags,
          validLft: valid, preferredLft: preferred, metric, proto,
        }, { excl: cmd === 'add', replace: cmd !== 'add' });
      }
    } else if (cmd === 'del') {
      if (!local) throw new KernelError(EINVAL);
      inet6AddrDel(dev, { addr: parseIPv6(local.addr)!, prefixlen });
    } else {
      if (!local) throw new KernelError(EINVAL);
      inet6AddrAdd(dev, {
        addr: parseIPv6(local.addr)!, peer: peer && peer !== local ? parseIPv6(peer.addr) : undefined,
        prefixlen, scope, flags, validLft: valid, preferredLft: preferred, metric, proto,
      }, { excl: cmd === 'add', replace: cmd !== 'add' });
    }
  } catch (e) {
    return rtnlError(ctx, e);
  }
  return 0;
}

function usage(ctx: IpContext): number {
  ctx.err(USAGE['ip address']!);
  return 255;
}

export function doIpaddr(ctx: IpContext, a: Args): number {
  if (a.done) return ipaddrList(ctx, a, false);
  const cmd = a.take();
  if (matches(cmd, 'add')) return ipaddrModify(ctx, 'add', a);
  if (matches(cmd, 'change') || cmd === 'chg') return ipaddrModify(ctx, 'change', a);
  if (matches(cmd, 'replace')) return ipaddrModify(ctx, 'replace', a);
  if (matches(cmd, 'delete')) return ipaddrModify(ctx, 'del', a);
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return ipaddrList(ctx, a, false);
  if (matches(cmd, 'flush')) return ipaddrList(ctx, a, true);
  if (matches(cmd, 'help')) return usage(ctx);
  if (matches(cmd, 'save') || matches(cmd, 'restore') || matches(cmd, 'showdump')) {
    ctx.err(`ip address ${cmd}: not emulated by netsim\n`);
    return 1;
  }
  ctx.err(`Command "${cmd}" is unknown, try "ip address help".\n`);
  return 255;
}

