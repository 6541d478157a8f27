// ifconfig(8) from net-tools 2.10 (Debian 12): the interface list from /proc/net/dev and
// SIOCGIFCONF in natural order, the long and short (-s) formats, and the settings (up,
// down, addresses, netmask, broadcast, mtu, txqueuelen, flags, hw ether, name, add/del of
// alias addresses) through the interface ioctls, with net-tools' messages and statuses.
import type { Process } from '../process.js';
import { KernelError, strerror, ENODEV, EBUSY } from '../../kernel/errno.js';
import { readProcFile } from '../../kernel/procfs.js';
import {
  IFF_UP, IFF_BROADCAST, IFF_DEBUG, IFF_LOOPBACK, IFF_POINTOPOINT, IFF_NOTRAILERS, IFF_RUNNING, IFF_NOARP,
  IFF_PROMISC, IFF_ALLMULTI, IFF_SLAVE, IFF_MASTER, IFF_MULTICAST, IFF_DYNAMIC, ARPHRD_ETHER, ARPHRD_LOOPBACK,
} from '../../kernel/core/if.js';
import { rtnlSetlink } from '../../kernel/core/rtnetlink.js';
import { parseIPv6, formatIPv6 } from '../../wire/inet.js';
import { sprintf } from '../lib/printf.js';
import {
  devByIfrName, siocgifconf, siocgifflags, siocsifflags, siocgifaddr, siocsifaddr, inetResolve, ntoa,
  HWLIST_ALL, AFLIST_ALL, NET_TOOLS_VERSION, type IfaddrIoctl,
} from './common.js';

const USAGE = `Usage:
  ifconfig [-a] [-v] [-s] <interface> [[<AF>] <address>]
  [add <address>[/<prefixlen>]]
  [del <address>[/<prefixlen>]]
  [[-]broadcast [<address>]]  [[-]pointopoint [<address>]]
  [netmask <address>]  [dstaddr <address>]  [tunnel <address>]
  [outfill <NN>] [keepalive <NN>]
  [hw <HW> <address>]  [mtu <NN>]
  [[-]trailers]  [[-]arp]  [[-]allmulti]
  [multicast]  [[-]promisc]
  [mem_start <NN>]  [io_addr <NN>]  [irq <NN>]  [media <type>]
  [txqueuelen <NN>]
  [name <newname>]
  [[-]dynamic]
  [up|down] ...

  <HW>=Hardware Type.
  List of possible hardware types:
  <AF>=Address family. Default: inet
  List of possible address families:
`;

/** Fields of a /proc/net/dev line as get_dev_fields() reads them (format version 3). */
interface DevStats {
  rx_bytes: number; rx_packets: number; rx_errors: number; rx_dropped: number; rx_fifo_errors: number;
  rx_frame_errors: number; rx_compressed: number; rx_multicast: number; tx_bytes: number; tx_packets: number;
  tx_errors: number; tx_dropped: number; tx_fifo_errors: number; collisions: number; tx_carrier_errors: number;
  tx_compressed: number;
}
const STAT_FIELDS: (keyof DevStats)[] = ['rx_bytes', 'rx_packets', 'rx_errors', 'rx_dropped', 'rx_fifo_errors',
  'rx_frame_errors', 'rx_compressed', 'rx_multicast', 'tx_bytes', 'tx_packets', 'tx_errors', 'tx_dropped',
  'tx_fifo_errors', 'collisions', 'tx_carrier_errors', 'tx_compressed'];

interface Iface {
  name: string;
  stats?: DevStats;
  flags: number;
  hwaddr: Uint8Array;
  type: number;
  mtu: number;
  txqlen: number;
  addr?: number;
  dstaddr: number;
  broadaddr: number;
  netmask: number;
}

/** nstrcmp(): names compared with their numeric suffixes (and alias numbers) as numbers. */
export function nstrcmp(ap: string, bp: string): number {
  const cutalias = (s: string): [string, string | undefined] => {
    let digit = false;
    for (let pos = s.length; pos > 0; pos--) {
      const c = s[pos - 1]!;
      if (c === ':' && digit) return [s.slice(0, pos - 1), s.slice(pos)];
      if (!/\d/.test(c)) break;
      digit = true;
    }
    return [s, undefined];
  };
  const rindexNondigit = (s: string) => {
    for (let pos = s.length; pos > 0; pos--) if (!/\d/.test(s[pos - 1]!)) return pos;
    return 0;
  };
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const [a, aalias] = cutalias(ap);
  const [b, balias] = cutalias(bp);
  const ai = rindexNondigit(a), bi = rindexNondigit(b);
  const res = cmp(a.slice(0, Math.min(ai, bi)), b.slice(0, Math.min(ai, bi)));
  if (res) return res;
  if (ai !== bi) return ai > bi ? 1 : -1;
  const av = parseInt(a.slice(ai), 10) || 0, bv = parseInt(b.slice(bi), 10) || 0;
  if (av !== bv) return av < bv ? -1 : 1;
  const r2 = cmp(a, b);
  if (r2) return r2;
  const aa = aalias !== undefined ? parseInt(aalias, 10) || 0 : -1;
  const ba = balias !== undefined ? parseInt(balias, 10) || 0 : -1;
  if (aa !== ba) return aa < ba ? -1 : 1;
  return aalias !== undefined && balias !== undefined ? cmp(aalias, balias) : 0;
}

/** get_name(): the interface name of a /proc/net/dev line and the rest of it. */
function getName(line: string): [string, string] {
  let p = 0;
  while (p < line.length && /\s/.test(line[p]!)) p++;
  let name = '';
  while (p < line.length && !/\s/.test(line[p]!) && name.length < 15) {
    if (line[p] === ':') {
      const dot = p;
      p++;
      while (p < line.length && /\d/.test(line[p]!)) p++;
      if (line[p] === ':') {
        p = dot;
        name += line[p++];
        while (p < line.length && /\d/.test(line[p]!) && name.length < 15) name += line[p++];
      } else {
        p = dot;
      }
      if (line[p] === ':') p++;
      break;
    }
    name += line[p++];
  }
  return [name, line.slice(p)];
}

class Ifconfig {
  list: string[] = [];
  stats = new Map<string, DevStats>();
  listAll = false;

  constructor(readonly p: Process) {}

  private cacheAdd(name: string): void {
    if (this.list.includes(name)) return;
    this.list.push(name);
    this.list.sort(nstrcmp);
  }

  /** if_readlist_proc(): up to and including `target` when one is given. */
  readlistProc(target?: string): void {
    let text: string;
    try {
      text = readProcFile(this.p.kernel, this.p.netns, '/proc/net/dev');
    } catch (e) {
      this.p.stderr(`Warning: cannot open /proc/net/dev (${strerror((e as KernelError).errno)}). Limited output.\n`);
      return;
    }
    const lines = text.split('\n').slice(2).filter((l) => l.length);
    for (const line of lines) {
      const [name, rest] = getName(line);
      this.cacheAdd(name);
      const nums = rest.trim().split(/\s+/).map(Number);
      const s = {} as DevStats;
      STAT_FIELDS.forEach((f, i) => { s[f] = nums[i] ?? 0; });
      this.stats.set(name, s);
      if (target && target === name) break;
    }
  }

  /** if_readlist(): /proc/net/dev plus every address label (SIOCGIFCONF). */
  readlist(): void {
    this.readlistProc();
    for (const c of siocgifconf(this.p.netns)) this.cacheAdd(c.name);
    this.listAll = true;
  }

  /** if_fetch(); throws the ioctl's KernelError. */
  fetch(name: string): Iface {
    const ns = this.p.netns;
    const flags = siocgifflags(ns, name);
    const dev = devByIfrName(ns, name);
    const ife: Iface = {
      name, stats: this.stats.get(name), flags, hwaddr: dev.addr, type: dev.type, mtu: dev.mtu,
      txqlen: dev.txQueueLen, dstaddr: 0, broadaddr: 0, netmask: 0,
    };
    try {
      ife.addr = siocgifaddr(ns, name, 'addr');
      ife.dstaddr = siocgifaddr(ns, name, 'dstaddr');
      ife.broadaddr = siocgifaddr(ns, name, 'broadaddr');
      ife.netmask = siocgifaddr(ns, name, 'netmask');
    } catch {
      ife.addr = undefined;
    }
    return ife;
  }

  /** do_if_fetch(): with net-tools' complaint. */
  doFetch(name: string): Iface | undefined {
    try {
      return this.fetch(name);
    } catch (e) {
      const errno = e instanceof KernelError ? e.errno : ENODEV;
      this.p.stderr(`${name}: error fetching interface information: ${errno === ENODEV ? 'Device not found' : strerror(errno)}\n`);
      return undefined;
    }
  }

  printShort(i: Iface): void {
    let s = sprintf('%-15.15s %5d ', i.name, i.mtu);
    if (i.stats) {
      s += sprintf('%8u %6u %6u %-6u ', i.stats.rx_packets, i.stats.rx_errors, i.stats.rx_dropped, i.stats.rx_fifo_errors);
      s += sprintf('%8u %6u %6u %6u ', i.stats.tx_packets, i.stats.tx_errors, i.stats.tx_dropped, i.stats.tx_fifo_errors);
    } else {
      s += sprintf('%-56s', '     - no statistics available -');
    }
    const f = i.flags;
    if (f === 0) s += '[NO FLAGS]';
    const letters: [number, string][] = [[IFF_ALLMULTI, 'A'], [IFF_BROADCAST, 'B'], [IFF_DEBUG, 'D'], [IFF_LOOPBACK, 'L'],
      [IFF_MULTICAST, 'M'], [IFF_DYNAMIC, 'd'], [IFF_PROMISC, 'P'], [IFF_NOTRAILERS, 'N'], [IFF_NOARP, 'O'],
      [IFF_POINTOPOINT, 'P'], [IFF_SLAVE, 's'], [IFF_MASTER, 'm'], [IFF_RUNNING, 'R'], [IFF_UP, 'U']];
    for (const [bit, c] of letters) if (f & bit) s += c;
    this.p.stdout(s + '\n');
  }

  printLong(i: Iface): void {
    const f = i.flags;
    const names: [number, string][] = [[IFF_UP, 'UP'], [IFF_BROADCAST, 'BROADCAST'], [IFF_DEBUG, 'DEBUG'],
      [IFF_LOOPBACK, 'LOOPBACK'], [IFF_POINTOPOINT, 'POINTOPOINT'], [IFF_NOTRAILERS, 'NOTRAILERS'],
      [IFF_RUNNING, 'RUNNING'], [IFF_NOARP, 'NOARP'], [IFF_PROMISC, 'PROMISC'], [IFF_ALLMULTI, 'ALLMULTI'],
      [IFF_SLAVE, 'SLAVE'], [IFF_MASTER, 'MASTER'], [IFF_MULTICAST, 'MULTICAST'], [IFF_DYNAMIC, 'DYNAMIC']];
    let flags = `flags=${f}<`;
    if (f === 0) flags += '>';
    for (const [bit, n] of names) if (f & bit) flags += n + ',';
    flags = flags.endsWith(',') ? flags.slice(0, -1) + '>' : flags.slice(0, -1);
    let out = `${i.name}: ${flags}  mtu ${i.mtu}\n`;
    if (i.addr !== undefined) {
      out += `        inet ${ntoa(i.addr)}  netmask ${ntoa(i.netmask)}`;
      if (f & IFF_BROADCAST) out += `  broadcast ${ntoa(i.broadaddr)}`;
      if (f & IFF_POINTOPOINT) out += `  destination ${ntoa(i.dstaddr)}`;
      out += '\n';
    }
    out += this.inet6Lines(i.name);
    // The hardware line.
    if (i.type === ARPHRD_ETHER) {
      out += `        ether ${[...i.hwaddr.slice(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;
    } else if (i.type === ARPHRD_LOOPBACK) {
      out += '        loop';
    } else {
      const h = new Uint8Array(16);
      h.set(i.hwaddr.slice(0, 8));
      out += `        unspec ${[...h].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('-')}`;
    }
    out += `  txqueuelen ${i.txqlen}`;
    out += `  (${i.type === ARPHRD_ETHER ? 'Ethernet' : i.type === ARPHRD_LOOPBACK ? 'Local Loopback' : 'UNSPEC'})\n`;
    const s = i.stats;
    if (s) {
      out += `        RX packets ${s.rx_packets}  bytes ${s.rx_bytes} (${human(s.rx_bytes)})\n`;
      out += `        RX errors ${s.rx_errors}  dropped ${s.rx_dropped}  overruns ${s.rx_fifo_errors}  frame ${s.rx_frame_errors}\n`;
      out += `        TX packets ${s.tx_packets}  bytes ${s.tx_bytes} (${human(s.tx_bytes)})\n`;
      out += `        TX errors ${s.tx_errors}  dropped ${s.tx_dropped} overruns ${s.tx_fifo_errors}  carrier ${s.tx_carrier_errors}  collisions ${s.collisions}\n`;
    }
    this.p.stdout(out + '\n');
  }

  /** The inet6 lines, from /proc/net/if_inet6. */
  inet6Lines(name: string): string {
    let text = '';
    try {
      text = readProcFile(this.p.kernel, this.p.netns, '/proc/net/if_inet6');
    } catch {
      return '';
    }
    let out = '';
    for (const line of text.split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f.length < 6 || f[5] !== name) continue;
      const hex = f[0]!;
      const a = parseIPv6(hex.match(/.{4}/g)!.join(':'));
      if (!a) continue;
      const plen = parseInt(f[2]!, 16);
      let scope = parseInt(f[3]!, 16);
      let tags = '<';
      if (scope & 0x0080) {
        tags += 'compat,';
        scope -= 0x0080;
      }
      if (scope === 0) tags += 'global,';
      if (scope & 0x0020) tags += 'link,';
      if (scope & 0x0040) tags += 'site,';
      if (scope & 0x0010) tags += 'host,';
      tags = tags.endsWith(',') ? tags.slice(0, -1) + '>' : tags.slice(0, -1);
      out += `        inet6 ${formatIPv6(a)}  prefixlen ${plen}  scopeid 0x${parseInt(f[3]!, 16).toString(16)}${tags}\n`;
    }
    return out;
  }

  print(i: Iface, short: boolean): void {
    if (short) this.printShort(i);
    else this.printLong(i);
  }

  /** set_flag() / clr_flag(): read the flags, change them, write them back. */
  changeFlag(name: string, set: number, clear: number, verb = 'getting'): number {
    let flags: number;
    try {
      flags = siocgifflags(this.p.netns, name);
    } catch (e) {
      this.p.stderr(`${name}: ERROR while ${verb} interface flags: ${strerror((e as KernelError).errno)}\n`);
      return -1;
    }
    try {
      siocsifflags(this.p.netns, name, (flags | set) & ~clear);
    } catch (e) {
      this.p.stderr(`SIOCSIFFLAGS: ${strerror((e as KernelError).errno)}\n`);
      return -1;
    }
    return 0;
  }

  /** test_flag() */
  testFlag(name: string, bit: number): number {
    try {
      return siocgifflags(this.p.netns, name) & bit;
    } catch (e) {
      this.p.stderr(`${name}: ERROR while testing interface flags: ${strerror((e as KernelError).errno)}\n`);
      return -1;
    }
  }
}

/** The "(1.2 KiB)" form of a byte count. */
function human(x: number): string {
  let s = x * 10;
  let ext = 'B';
  if (x > 1152921504606846976) { s = Math.floor(x / 115292150460684697); ext = 'EiB'; }
  else if (x > 1125899906842624) { s = Math.floor(s / 1125899906842624); ext = 'PiB'; }
  else if (x > 1099511627776) { s = Math.floor(s / 1099511627776); ext = 'TiB'; }
  else if (x > 1073741824) { s = Math.floor(s / 1073741824); ext = 'GiB'; }
  else if (x > 1048576) { s = Math.floor(s / 1048576); ext = 'MiB'; }
  else if (x > 1024) { s = Math.floor(s / 1024); ext = 'KiB'; }
  return `${Math.floor(s / 10)}.${s % 10} ${ext}`;
}

class Exit {
  constructor(readonly code: number) {}
}

export async function ifconfig(p: Process): Promise<number> {
  try {
    return main(p) & 0xff;
  } catch (e) {
    if (e instanceof Exit) return e.code;
    throw e;
  }
}

function usage(p: Process, rc: number): never {
  // print_hwlist()/print_aflist() always write to stderr: in order with the text when that
  // goes to stderr too, ahead of it when it goes to (buffered) stdout.
  const cut = USAGE.indexOf('  <AF>=');
  if (rc) {
    p.stderr(USAGE.slice(0, cut) + HWLIST_ALL + USAGE.slice(cut) + AFLIST_ALL);
  } else {
    p.stderr(HWLIST_ALL + AFLIST_ALL);
    p.stdout(USAGE);
  }
  throw new Exit(rc);
}

function main(p: Process): number {
  const ic = new Ifconfig(p);
  let args = p.argv.slice(1);
  let optA = false;
  let short = false;
  while (args.length && args[0]!.startsWith('-')) {
    const a = args[0]!;
    if (a === '-a') optA = true;
    else if (a === '-s') short = true;
    else if (a === '-v') { /* verbose */ }
    else if (a === '-V' || a === '-version' || a === '--version') {
      p.stdout(`${NET_TOOLS_VERSION}\n`);
      return 0;
    } else if (a === '-?' || a === '-h' || a === '-help' || a === '--help') {
      usage(p, 0);
    } else {
      p.stderr(`ifconfig: option \`${a}' not recognised.\nifconfig: \`--help' gives usage information.\n`);
      return 1;
    }
    args = args.slice(1);
  }
  const header = () => {
    if (short) p.stdout('Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n');
  };

  if (args.length === 0) {
    header();
    ic.readlist();
    let err = 0;
    for (const name of ic.list) {
      const i = ic.doFetch(name);
      if (!i) {
        err = -1;
        break;
      }
      if (i.flags & IFF_UP || optA) ic.print(i, short);
    }
    return err < 0 ? 1 : 0;
  }

  const name = args[0]!.slice(0, 15);
  const spp = args.slice(1);
  if (spp.length === 0) {
    header();
    ic.readlistProc(name);
    const i = ic.doFetch(name);
    if (!i) return 1;
    ic.print(i, short);
    return 0;
  }

  // An address family name may come first; only inet has addresses here.
  let k = 0;
  if (spp[0] === 'inet') k++;
  let goterr = 0;
  let didnetmask = false;
  let neednetmask: number | undefined;
  const ns = p.netns;
  const resolveOr = (host: string, what: string): number | undefined => {
    const r = inetResolve(host);
    if ('error' in r) {
      p.stderr(`${host}: ${r.error}\n`);
      return undefined;
    }
    void what;
    return r.addr;
  };
  const ioctlErr = (call: string, e: unknown) => {
    p.stderr(`${call}: ${strerror((e as KernelError).errno)}\n`);
    goterr = 1;
  };

  while (k < spp.length) {
    const w = spp[k]!;
    const next = () => {
      if (k + 1 >= spp.length) usage(p, 3);
      return spp[++k]!;
    };
    switch (w) {
      case 'arp': goterr |= ic.changeFlag(name, 0, IFF_NOARP); k++; continue;
      case '-arp': goterr |= ic.changeFlag(name, IFF_NOARP, 0); k++; continue;
      case 'trailers': goterr |= ic.changeFlag(name, 0, IFF_NOTRAILERS); k++; continue;
      case '-trailers': goterr |= ic.changeFlag(name, IFF_NOTRAILERS, 0); k++; continue;
      case 'promisc': goterr |= ic.changeFlag(name, IFF_PROMISC, 0); k++; continue;
      case '-promisc':
        goterr |= ic.changeFlag(name, 0, IFF_PROMISC);
        if (ic.testFlag(name, IFF_PROMISC) > 0) p.stderr(`Warning: Interface ${name} still in promisc mode... maybe other application is running?\n`);
        k++;
        continue;
      case 'multicast': goterr |= ic.changeFlag(name, IFF_MULTICAST, 0); k++; continue;
      case '-multicast':
        goterr |= ic.changeFlag(name, 0, IFF_MULTICAST);
        if (ic.testFlag(name, IFF_MULTICAST) > 0) p.stderr(`Warning: Interface ${name} still in MULTICAST mode.\n`);
        k++;
        continue;
      case 'allmulti': goterr |= ic.changeFlag(name, IFF_ALLMULTI, 0); k++; continue;
      case '-allmulti':
        goterr |= ic.changeFlag(name, 0, IFF_ALLMULTI);
        if (ic.testFlag(name, IFF_ALLMULTI) > 0) p.stderr(`Warning: Interface ${name} still in ALLMULTI mode.\n`);
        k++;
        continue;
      case 'up': goterr |= ic.changeFlag(name, IFF_UP | IFF_RUNNING, 0); k++; continue;
      case 'down': goterr |= ic.changeFlag(name, 0, IFF_UP); k++; continue;
      case 'dynamic': goterr |= ic.changeFlag(name, IFF_DYNAMIC, 0); k++; continue;
      case '-dynamic':
        goterr |= ic.changeFlag(name, 0, IFF_DYNAMIC);
        k++;
        if (ic.testFlag(name, IFF_DYNAMIC) > 0) p.stderr(`Warning: Interface ${name} still in DYNAMIC mode.\n`);
        continue;
      case 'mtu': {
        const v = atoi(next());
        try {
          rtnlSetlink(devByIfrName(ns, name), { mtu: v });
        } catch (e) {
          ioctlErr('SIOCSIFMTU', e);
        }
        k++;
        continue;
      }
      case 'txqueuelen': {
        const v = strtoul(next());
        try {
          rtnlSetlink(devByIfrName(ns, name), { txqlen: v });
        } catch (e) {
          ioctlErr('SIOCSIFTXQLEN', e);
        }
        k++;
        continue;
      }
      case '-broadcast':
        goterr |= ic.changeFlag(name, 0, IFF_BROADCAST);
        if (ic.testFlag(name, IFF_BROADCAST) > 0) p.stderr(`Warning: Interface ${name} still in BROADCAST mode.\n`);
        k++;
        continue;
      case 'broadcast': {
        if (k + 1 < spp.length) {
          const host = spp[++k]!;
          const a = resolveOr(host, 'broadcast');
          if (a === undefined) {
            goterr = 1;
            k++;
            continue;
          }
          try {
            siocsifaddr(ns, name, 'broadaddr', a);
          } catch (e) {
            ioctlErr('SIOCSIFBRDADDR', e);
          }
          k++;
        }
        goterr |= ic.changeFlag(name, IFF_BROADCAST, 0);
        continue;
      }
      case 'dstaddr': case 'pointopoint': case 'pointtopoint': {
        const host = next();
        const a = resolveOr(host, w);
        if (a === undefined) {
          goterr = 1;
          k++;
          continue;
        }
        try {
          siocsifaddr(ns, name, 'dstaddr', a);
        } catch (e) {
          ioctlErr('SIOCSIFDSTADDR', e);
        }
        if (w !== 'dstaddr') goterr |= ic.changeFlag(name, IFF_POINTOPOINT, 0);
        k++;
        continue;
      }
      case '-pointopoint': case '-pointtopoint':
        goterr |= ic.changeFlag(name, 0, IFF_POINTOPOINT);
        k++;
        if (ic.testFlag(name, IFF_POINTOPOINT) > 0) p.stderr(`Warning: Interface ${name} still in POINTOPOINT mode.\n`);
        continue;
      case 'netmask': {
        if (k + 1 >= spp.length || didnetmask) usage(p, 3);
        const host = spp[++k]!;
        const a = resolveOr(host, 'netmask');
        if (a === undefined) {
          goterr = 1;
          k++;
          continue;
        }
        didnetmask = true;
        try {
          siocsifaddr(ns, name, 'netmask', a);
        } catch (e) {
          p.stderr(`SIOCSIFNETMASK: ${strerror((e as KernelError).errno)}\n`);
          goterr |= 1;
        }
        k++;
        continue;
      }
      case 'name': {
        const nn = next().slice(0, 15);
        try {
          rtnlSetlink(devByIfrName(ns, name), { name: nn });
        } catch (e) {
          ioctlErr('SIOCSIFNAME', e);
        }
        k++;
        continue;
      }
      case 'hw': {
        const hw = next();
        if (hw !== 'ether') {
          if (hw === 'loop' || hw === 'unspec') {
            p.stderr(`hw address type \`${hw}' has no handler to set address. failed.\n`);
            k += 2;
            goterr = 1;
            continue;
          }
          usage(p, 3);
        }
        const text = next();
        const mac = parseMac(text);
        if (!mac) {
          p.stderr(`${text}: invalid ether address.\n`);
          goterr = 1;
          k++;
          continue;
        }
        try {
          rtnlSetlink(devByIfrName(ns, name), { address: mac });
        } catch (e) {
          const errno = (e as KernelError).errno;
          p.stderr(errno === EBUSY ? `SIOCSIFHWADDR: ${strerror(errno)} - you may need to down the interface\n` : `SIOCSIFHWADDR: ${strerror(errno)}\n`);
          goterr = 1;
        }
        k++;
        continue;
      }
      case 'add': case 'del': {
        const text = next();
        if (text.includes(':')) {
          p.stderr('SIOCSIFADDR: Operation not supported\n');
          goterr = 1;
          k++;
          continue;
        }
        const a = resolveOr(text, w);
        if (a === undefined) {
          goterr = 1;
          k++;
          continue;
        }
        goterr |= addDel(ic, name, a, w === 'add');
        k++;
        continue;
      }
      default:
        break;
    }
    if (['mem_start', 'io_addr', 'irq'].includes(w)) {
      next();
      p.stderr(`${w}: SIOCSIFMAP: Operation not supported\n`);
      goterr = 1;
      k++;
      continue;
    }
    if (w === 'media' || w === 'port' || w === 'keepalive' || w === 'outfill' || w === 'tunnel') {
      next();
      p.stderr(w === 'media' || w === 'port' ? 'port: SIOCSIFMAP: Operation not supported\n' : `SIOCS${w.toUpperCase()}: Operation not supported\n`);
      goterr = 1;
      k++;
      continue;
    }
    // Anything else is the address to set; "ADDR/PREFIX" also sets the netmask
    // (INET_getnetmask()), once the other arguments are done.
    let hostArg = w;
    const slash = w.indexOf('/');
    if (slash >= 0) {
      const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(w.slice(slash + 1));
      if (!m) usage(p, 3);
      if (didnetmask) usage(p, 3);
      const prefix = strtoul(m[1]!);
      neednetmask = (~(0xffffffff >>> (prefix & 31)) >>> 0);
      hostArg = w.slice(0, slash);
    }
    const r = inetResolve(hostArg);
    if ('error' in r) {
      p.stderr(`${hostArg}: ${r.error}\nifconfig: \`--help' gives usage information.\n`);
      return 1;
    }
    try {
      siocsifaddr(ns, name, 'addr', r.addr);
    } catch (e) {
      p.stderr(`SIOCSIFADDR: ${strerror((e as KernelError).errno)}\n`);
      goterr = 1;
    }
    const colon = name.includes(':');
    const bringUp = !(colon && (name.endsWith('-') || r.addr === 0));
    if (bringUp) goterr |= ic.changeFlag(name, IFF_UP | IFF_RUNNING, 0);
    k++;
  }
  if (neednetmask !== undefined) {
    try {
      siocsifaddr(ns, name, 'netmask', neednetmask);
    } catch (e) {
      p.stderr(`SIOCSIFNETMASK: ${strerror((e as KernelError).errno)}\n`);
      goterr |= 1;
    }
  }
  return goterr;
}

/** add/del: find (or make) the alias NAME:N that carries the address (set_ifstate()). */
function addDel(ic: Ifconfig, parent: string, ip: number, up: boolean): number {
  const ns = ic.p.netns;
  let nm = 0, bc = 0;
  try {
    nm = siocgifaddr(ns, parent, 'netmask');
    bc = siocgifaddr(ns, parent, 'broadaddr');
  } catch (e) {
    if ((e as KernelError).errno === ENODEV) {
      ic.p.stderr(`${parent}: error fetching interface information: Device not found\n`);
      ic.p.stderr(`Interface ${parent} not initialized\n`);
      return 1;
    }
  }
  ic.readlist();
  const used = new Set<number>();
  for (const n of ic.list) {
    if (!n.startsWith(parent)) continue;
    const z = n.indexOf(':');
    if (z < 0 || n.slice(z + 1).includes('-')) continue;
    used.add(parseInt(n.slice(z + 1), 10) || 0);
    let dst: number;
    try {
      dst = siocgifaddr(ns, n, 'dstaddr');
    } catch {
      continue;
    }
    if (dst !== ip) continue;
    return ic.changeFlag(n, up ? IFF_UP | IFF_RUNNING : 0, up ? 0 : IFF_UP) < 0 ? 1 : 0;
  }
  if (!up) return 0;
  let i = 0;
  while (used.has(i)) i++;
  const alias = `${parent}:${i}`;
  const setters: [IfaddrIoctl, number][] = [['addr', ip], ['netmask', nm], ['broadaddr', bc]];
  for (const [which, v] of setters) {
    try {
      siocsifaddr(ns, alias, which, v);
    } catch {
      return 0;
    }
  }
  ic.changeFlag(alias, IFF_BROADCAST, 0);
  return 0;
}

function atoi(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? parseInt(m[1]!, 10) | 0 : 0;
}

function strtoul(s: string): number {
  const m = /^\s*(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(s);
  if (!m) return 0;
  const t = m[1]!;
  return t.startsWith('0x') || t.startsWith('0X') ? parseInt(t.slice(2), 16) : t.length > 1 && t[0] === '0' ? parseInt(t, 8) : parseInt(t, 10);
}

function parseMac(s: string): Uint8Array | undefined {
  const parts = s.split(':');
  if (parts.length !== 6 || parts.some((x) => !/^[0-9a-fA-F]{1,2}$/.test(x))) return undefined;
  return Uint8Array.from(parts.map((x) => parseInt(x, 16)));
}
