// route(8) from net-tools 2.10: the kernel IP routing table as rprint_fib() prints it from
// /proc/net/route (-n numeric, -e / -ee extended columns), with route's usage texts.
// Changing routes (route add/del) is left to `ip route`.
import type { Process } from '../process.js';
import { readProcFile } from '../../kernel/procfs.js';
import { getoptLong, type LongOpt } from './getopt.js';
import { sprintf } from '../lib/printf.js';
import { parseIPv6, formatIPv6 } from '../../wire/inet.js';
import {
  inetRresolve, inetResolve, ipRtIoctl, ntoa, AFLIST_ROUTE, NET_TOOLS_VERSION, NET_TOOLS_FEATURES_AF,
  RTF_UP, RTF_GATEWAY, RTF_HOST, RTF_REINSTATE, RTF_DYNAMIC, RTF_MODIFIED, RTF_MSS, RTF_WINDOW, RTF_IRTT, RTF_REJECT,
  type RtEntry,
} from './common.js';
import { KernelError, strerror } from '../../kernel/errno.js';

const USAGE = `Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables
       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.

       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.
       route {-V|--version}                  Display version/author and exit.

        -v, --verbose            be verbose
        -n, --numeric            don't resolve names
        -e, --extend             display other/more information
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB

  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
`;

const VERSION = `${NET_TOOLS_VERSION}
+NEW_ADDRT +RTF_IRTT +RTF_REJECT +I18N +SELINUX
${NET_TOOLS_FEATURES_AF}
HW:  +ETHER +ARC +SLIP +PPP +TUNNEL -TR +AX25 +NETROM +X25 +FR +ROSE +ASH +SIT +FDDI +HIPPI +HDLC/LAPB +EUI64 
`;

const INET_USAGE = `Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]
                              [netmask N] [mss Mss] [window W] [irtt I]
                              [mod] [dyn] [reinstate] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject
       inet_route [-FC] flush      NOT supported
`;


const AFS = ['inet', 'inet6', 'ax25', 'netrom', 'rose', 'ipx', 'ddp', 'x25'];

const LONGOPTS: LongOpt[] = [
  ...['inet', 'inet6', 'ax25', 'netrom', 'rose', 'ipx', 'ddp', 'econet', 'x25', 'unix', 'ash'].map((n) => ({ name: n, hasArg: 0 as const, val: `AF:${n}` })),
  { name: 'extend', hasArg: 0, val: 'e' },
  { name: 'verbose', hasArg: 0, val: 'v' },
  { name: 'version', hasArg: 0, val: 'V' },
  { name: 'numeric', hasArg: 0, val: 'n' },
  { name: 'symbolic', hasArg: 0, val: 'N' },
  { name: 'protocol', hasArg: 1, val: 'A' },
  { name: 'cache', hasArg: 0, val: 'C' },
  { name: 'fib', hasArg: 0, val: 'F' },
  { name: 'help', hasArg: 0, val: 'h' },
];

/** __be32 as /proc/net/route prints it (%08X of the in-memory value). */
function fromProcHex(h: string): number {
  const v = parseInt(h, 16) >>> 0;
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

/** INET_rresolve() with the 0x8000 (default) / 0x4000 (host) / 0x0fff (numeric) flags. */
function rresolve(addr: number, numeric: number, netmask: number): string {
  if (numeric & 0x0fff) return ntoa(addr);
  if (addr === 0) {
    if (netmask === 0) return numeric & 0x8000 ? 'default' : '*';
    return '0.0.0.0';
  }
  const host = (addr & ~netmask) !== 0 || (numeric & 0x4000) !== 0;
  return inetRresolve(addr, host) ?? ntoa(addr);
}

function rprintFib(p: Process, ext: number, numeric: number): number {
  let text: string;
  try {
    text = readProcFile(p.kernel, p.netns, '/proc/net/route');
  } catch {
    p.stderr('/proc/net/route: No such file or directory\n');
    p.stdout('INET (IPv4) not configured in this system.\n');
    return 1;
  }
  let out = 'Kernel IP routing table\n';
  if (ext === 1) out += 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n';
  if (ext === 2) out += 'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n';
  if (ext >= 3) out += 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt\n';
  const lines = text.split('\n');
  // proc_gen_fmt() needs the header line; without it nothing is printed but the title.
  if (!lines[0]?.startsWith('Iface')) {
    p.stdout(out);
    return 0;
  }
  for (const line of lines.slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [iface, dst, gw, fl, refcnt, use, metric, mask, mss, window, irtt] = f;
    const iflags = parseInt(fl!, 16);
    if (!(iflags & RTF_UP)) continue;
    const maskV = fromProcHex(mask!);
    const net = rresolve(fromProcHex(dst!), numeric | 0x8000 | (iflags & RTF_HOST ? 0x4000 : 0), maskV).slice(0, 15);
    const gate = rresolve(fromProcHex(gw!), numeric | 0x4000, 0xffffff00).slice(0, 15);
    const maskS = ntoa(maskV).slice(0, 15);
    let flags = '';
    if (iflags & RTF_UP) flags += 'U';
    if (iflags & RTF_GATEWAY) flags += 'G';
    if (iflags & RTF_REJECT) flags = '!';
    if (iflags & RTF_HOST) flags += 'H';
    if (iflags & RTF_REINSTATE) flags += 'R';
    if (iflags & RTF_DYNAMIC) flags += 'D';
    if (iflags & RTF_MODIFIED) flags += 'M';
    const n = (x: string | undefined) => parseInt(x ?? '0', 10) || 0;
    const rej = (iflags & RTF_REJECT) !== 0;
    if (ext === 1) {
      out += rej
        ? sprintf('%-15s -               %-15s %-5s %-6d -  %7d -\n', net, maskS, flags, n(metric), n(use))
        : sprintf('%-15s %-15s %-15s %-5s %-6d %-2d %7d %s\n', net, gate, maskS, flags, n(metric), n(refcnt), n(use), iface);
    } else if (ext === 2) {
      out += rej
        ? sprintf('%-15s -               %-15s %-5s     - -          - -\n', net, maskS, flags)
        : sprintf('%-15s %-15s %-15s %-5s %5d %-5d %6d %s\n', net, gate, maskS, flags, n(mss), n(window), n(irtt), iface);
    } else {
      out += rej
        ? sprintf('%-15s -               %-15s %-5s %-6d -  %7d -        -     -      -\n', net, maskS, flags, n(metric), n(use))
        : sprintf('%-15s %-15s %-15s %-5s %-6d %-3d %6d %-6.6s   %-5d %-6d %d\n', net, gate, maskS, flags, n(metric), n(refcnt),
          n(use), iface, n(mss), n(window), n(irtt));
    }
  }
  p.stdout(out);
  return 0;
}

const RTF6_DEFAULT = 0x10000, RTF6_ALLONLINK = 0x20000, RTF6_ADDRCONF = 0x40000, RTF6_NONEXTHOP = 0x200000,
  RTF6_EXPIRES = 0x400000, RTF6_CACHE = 0x01000000, RTF6_FLOW = 0x02000000;

/** rprint_fib6(): /proc/net/ipv6_route. */
function rprintFib6(p: Process, numeric: number, cache: boolean): number {
  let text: string;
  try {
    text = readProcFile(p.kernel, p.netns, '/proc/net/ipv6_route');
  } catch {
    p.stderr('/proc/net/ipv6_route: No such file or directory\n');
    p.stdout('INET6 (IPv6) not configured in this system.\n');
    return 1;
  }
  let out = cache ? 'Kernel IPv6 routing cache\n' : 'Kernel IPv6 routing table\n';
  out += 'Destination                    Next Hop                   Flag Met Ref  Use If\n';
  const addr = (hex: string) => {
    const a = parseIPv6(hex.match(/.{4}/g)?.join(':') ?? '::') ?? new Uint8Array(16);
    return !numeric && a.every((b) => b === 0) ? '[::]' : formatIPv6(a);
  };
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const iflags = parseInt(f[8]!, 16) >>> 0;
    if (!!(iflags & RTF6_CACHE) !== cache) continue;
    let flags = '';
    if (iflags & RTF_UP) flags += 'U';
    if (iflags & RTF_REJECT) flags += '!';
    if (iflags & RTF_GATEWAY) flags += 'G';
    if (iflags & RTF_HOST) flags += 'H';
    if (iflags & RTF6_DEFAULT) flags += 'D';
    if (iflags & RTF6_ADDRCONF) flags += 'A';
    if (iflags & RTF6_CACHE) flags += 'C';
    if (iflags & RTF6_ALLONLINK) flags += 'a';
    if (iflags & RTF6_EXPIRES) flags += 'e';
    if (iflags & RTF_MODIFIED) flags += 'm';
    if (iflags & RTF6_NONEXTHOP) flags += 'n';
    if (iflags & RTF6_FLOW) flags += 'f';
    const i32 = (h: string) => parseInt(h, 16) | 0;
    out += sprintf('%-30s %-26s %-4s %-3d %-1d %6d %s\n', `${addr(f[0]!)}/${parseInt(f[1]!, 16)}`, addr(f[4]!), flags,
      i32(f[5]!), i32(f[6]!), i32(f[7]!), f[9]);
  }
  p.stdout(out);
  return 0;
}

/** INET_setroute(): route add|del [-net|-host] TARGET[/PREFIX] [netmask N] [gw G] [metric M]
 *  [mss M] [window W] [irtt I] [reject] [mod] [dyn] [reinstate] [[dev] IF] */
function inetSetroute(p: Process, action: 'add' | 'del', args: string[]): number {
  const usage = () => {
    p.stderr(INET_USAGE);
    return 3;
  };
  let xflag = 0;
  let i = 0;
  if (args[i] === '#net') { xflag = 1; i++; } else if (args[i] === '#host') { xflag = 2; i++; }
  if (args[i] === undefined) return usage();
  let target = args[i++]!;
  const rt: RtEntry = { dst: 0, genmask: undefined, gateway: undefined, flags: 0, metric: 0, dev: undefined, mss: 0, window: 0, irtt: 0 };
  let netmaskText = 'default';
  const slash = target.indexOf('/');
  if (slash >= 0) {
    const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(target.slice(slash + 1));
    if (!m) return usage();
    const prefix = strtoul(m[1]!);
    netmaskText = `/${prefix}`;
    rt.genmask = ~(0xffffffff >>> (prefix & 31)) >>> 0;
    target = target.slice(0, slash);
  }
  const r = inetResolve(target);
  if ('error' in r) {
    p.stderr(`${target}: ${r.error}\n`);
    return 6; // E_LOOKUP
  }
  rt.dst = r.addr;
  const isnet = xflag === 1 ? true : xflag === 2 ? false : r.net;
  rt.flags = RTF_UP | (isnet ? 0 : RTF_HOST);
  while (i < args.length) {
    const w = args[i]!;
    if (w === 'metric') {
      const v = args[++i];
      if (!v || !/^\d/.test(v)) return usage();
      rt.metric = parseInt(v, 10) + 1;
      i++;
    } else if (w === 'netmask') {
      const v = args[++i];
      if (!v || rt.genmask) return usage();
      netmaskText = v;
      const m = inetResolve(v);
      if ('error' in m) {
        p.stderr(`${v}: ${m.error}\n`);
        return 6;
      }
      rt.genmask = m.addr;
      i++;
    } else if (w === 'gw' || w === 'gateway') {
      const v = args[++i];
      if (!v || rt.flags & RTF_GATEWAY) return usage();
      const g = inetResolve(v);
      if ('error' in g) {
        p.stderr(`${v}: ${g.error}\n`);
        return 6;
      }
      if (g.net) {
        p.stderr(`route: ${v}: cannot use a NETWORK as gateway!\n`);
        return usage();
      }
      rt.gateway = g.addr;
      rt.flags |= RTF_GATEWAY;
      i++;
    } else if (w === 'mss' || w === 'mtu') {
      const v = args[++i];
      rt.flags |= RTF_MSS;
      if (!v) return usage();
      rt.mss = parseInt(v, 10) || 0;
      i++;
      if (rt.mss < 64 || rt.mss > 65536) {
        p.stderr('route: Invalid MSS/MTU.\n');
        return usage();
      }
    } else if (w === 'window') {
      const v = args[++i];
      if (!v) return usage();
      rt.flags |= RTF_WINDOW;
      rt.window = parseInt(v, 10) || 0;
      i++;
      if (rt.window < 128) {
        p.stderr('route: Invalid window.\n');
        return usage();
      }
    } else if (w === 'irtt') {
      const v = args[++i];
      if (!v) return usage();
      i++;
      rt.flags |= RTF_IRTT;
      rt.irtt = parseInt(v, 10) || 0;
    } else if (w === 'reject') {
      rt.flags |= RTF_REJECT;
      i++;
    } else if (w === 'mod') {
      rt.flags |= RTF_MODIFIED;
      i++;
    } else if (w === 'dyn') {
      rt.flags |= RTF_DYNAMIC;
      i++;
    } else if (w === 'reinstate') {
      rt.flags |= RTF_REINSTATE;
      i++;
    } else if (w === 'device' || w === 'dev') {
      const v = args[++i];
      if (rt.dev !== undefined || v === undefined) return usage();
      rt.dev = v;
      i++;
    } else if (rt.dev === undefined) {
      rt.dev = w;
      i++;
      if (i < args.length) return usage();
    } else {
      return usage();
    }
  }
  if (rt.flags & RTF_REJECT && rt.dev === undefined) rt.dev = 'lo';
  if (rt.genmask) {
    const mask = ~rt.genmask >>> 0;
    if (rt.flags & RTF_HOST && mask !== 0xffffffff) {
      p.stderr(`route: netmask ${mask.toString(16).padStart(8, '0')} doesn't make sense with host route\n`);
      return usage();
    }
    if ((mask & (mask + 1)) !== 0) {
      p.stderr(`route: bogus netmask ${netmaskText}\n`);
      return usage();
    }
    if ((rt.dst & mask) !== 0) {
      p.stderr("route: netmask doesn't match route address\n");
      return usage();
    }
  }
  if (action === 'add' && rt.flags & RTF_HOST) rt.genmask = 0xffffffff;
  try {
    ipRtIoctl(p.netns, action, rt);
  } catch (e) {
    if (!(e instanceof KernelError)) throw e;
    p.stderr(`${action === 'add' ? 'SIOCADDRT' : 'SIOCDELRT'}: ${strerror(e.errno)}\n`);
    return 7; // E_SOCK
  }
  return 0;
}

function strtoul(t: string): number {
  return t.startsWith('0x') || t.startsWith('0X') ? parseInt(t.slice(2), 16) : t.length > 1 && t[0] === '0' ? parseInt(t, 8) : parseInt(t, 10);
}

export async function route(p: Process): Promise<number> {
  let numeric = 0;
  let ext = 0;
  let help = 0;
  let cache = false;
  let af = '';
  // "-net" and "-host" are not options (route hides them from getopt).
  const args = p.argv.slice(1).map((a) => (a === '-net' || a === '-host' ? `#${a.slice(1)}` : a));
  const operands: string[] = [];
  const usage = (rc: number): number => {
    // print_aflist() writes to stderr: after the text when that is on stderr too, ahead of
    // it when the text goes to (buffered) stdout.
    if (rc) p.stderr(USAGE + AFLIST_ROUTE);
    else {
      p.stderr(AFLIST_ROUTE);
      p.stdout(USAGE);
    }
    return rc;
  };
  for (const [c, arg] of getoptLong('route', args, 'A:eCFhnN64Vv?', LONGOPTS, (t) => p.stderr(t), operands, p.env.POSIXLY_CORRECT !== undefined)) {
    if (c.startsWith('AF:')) {
      af = c.slice(3);
      continue;
    }
    switch (c) {
      case 'n': numeric |= 1; break;
      case 'N': numeric |= 2; break;
      case 'v': break;
      case 'e': ext++; break;
      case 'C': cache = true; break;
      case 'F': break;
      case 'A':
        if (!AFS.includes(arg!)) {
          p.stderr(`route: ${arg}: unknown address family\n`);
          return 1;
        }
        af = arg!;
        break;
      case '6': af = 'inet6'; break;
      case '4': af = 'inet'; break;
      case 'V':
        p.stdout(VERSION);
        return 0;
      default: // 'h', '?'
        help++;
    }
  }
  if (help) {
    if (!af) return usage(0);
    if (af === 'inet') {
      p.stdout(INET_USAGE);
      return 0;
    }
  }
  if (!af) af = 'inet';
  if (operands.length) {
    const verb = operands[0]!;
    if (!['add', 'del', 'delete', 'flush'].includes(verb)) return usage(3);
    if (af === 'inet6') {
      p.stderr('route: changing IPv6 routes is not supported here; use ip -6 route\n');
      return 1;
    }
    // INET_rinput()
    if (verb === 'flush') {
      p.stderr("Flushing `inet' routing table not supported\n" + INET_USAGE);
      return 3;
    }
    if (cache) {
      p.stderr("Modifying `inet' routing cache not supported\n" + INET_USAGE);
      return 3;
    }
    if (operands.length === 1) {
      p.stdout(INET_USAGE);
      return 0;
    }
    return inetSetroute(p, verb === 'add' ? 'add' : 'del', operands.slice(1));
  }
  if (af === 'inet6') return rprintFib6(p, numeric, cache);
  if (af !== 'inet') {
    p.stderr(`route: ${af} routing tables are not available here\n`);
    return 1;
  }
  if (cache) {
    p.stdout('Kernel IP routing cache\n');
    return 0;
  }
  return rprintFib(p, ext + 1, numeric);
}
