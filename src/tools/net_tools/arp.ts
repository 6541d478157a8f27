// arp(8) from net-tools 2.10: the ARP cache from /proc/net/arp in the Linux (-e, the
// default) and BSD (-a) styles, filtered by host, device (-i) and hardware type (-H),
// with arp's usage texts and statuses; -s/-f set entries and -d deletes them through the
// SIOCSARP/SIOCDARP ioctls (arp_set(), arp_file(), arp_del()).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Process } from '../process.js';
import { readProcFile } from '../../kernel/procfs.js';
import { getoptLong, type LongOpt } from './getopt.js';
import { sprintf } from '../lib/printf.js';
import {
  inetResolve, inetRresolve, inetAton, ntoa, arpIoctl, siocgifhwaddr, HWLIST_ARP, NET_TOOLS_VERSION, NET_TOOLS_FEATURES_AF,
  ATF_COM, ATF_PERM, ATF_PUBL, ATF_USETRAILERS, ATF_NETMASK, ATF_DONTPUB, ATF_MAGIC, type ArpReq,
} from './common.js';
import { KernelError, strerror, ENOENT, ENXIO } from '../../kernel/errno.js';

const USAGE = `Usage:
  arp [-vn]  [<HW>] [-i <if>] [-a] [<hostname>]             <-Display ARP cache
  arp [-v]          [-i <if>] -d  <host> [pub]               <-Delete ARP entry
  arp [-vnD] [<HW>] [-i <if>] -f  [<filename>]            <-Add entry from file
  arp [-v]   [<HW>] [-i <if>] -s  <host> <hwaddr> [temp]            <-Add entry
  arp [-v]   [<HW>] [-i <if>] -Ds <host> <if> [netmask <nm>] pub          <-''-

        -a                       display (all) hosts in alternative (BSD) style
        -e                       display (all) hosts in default (Linux) style
        -s, --set                set a new ARP entry
        -d, --delete             delete a specified entry
        -v, --verbose            be verbose
        -n, --numeric            don't resolve names
        -i, --device             specify network interface (e.g. eth0)
        -D, --use-device         read <hwaddr> from given device
        -A, -p, --protocol       specify protocol family
        -f, --file               read new entries from file or from /etc/ethers

  <HW>=Use '-H <hw>' to specify hardware address type. Default: ether
  List of possible hardware types (which support ARP):
`;

const VERSION = `${NET_TOOLS_VERSION}
+I18N +SELINUX
${NET_TOOLS_FEATURES_AF}
HW: (ether) +ETHER +ARC +SLIP +PPP +TUNNEL -TR +AX25 +NETROM +X25 +FR +ROSE +ASH +SIT +FDDI +HIPPI +HDLC/LAPB +EUI64 
`;

/** get_hwtype() names and their ARPHRD numbers, for -H and the HWtype column. */
const HWTYPES: Record<string, number> = { ether: 1, loop: 772, ax25: 3, netrom: 0, rose: 270, arcnet: 7, dlci: 15,
  fddi: 774, hippi: 780, irda: 783, x25: 271, eui64: 27, ash: 781, unspec: -1 };
/** Hardware types with an ARP address length (arp -H accepts only these). */
const ARPABLE = ['ash', 'ether', 'ax25', 'netrom', 'rose', 'arcnet', 'dlci', 'fddi', 'hippi', 'irda', 'x25', 'eui64'];

const LONGOPTS: LongOpt[] = [
  { name: 'verbose', hasArg: 0, val: 'v' },
  { name: 'version', hasArg: 0, val: 'V' },
  { name: 'all', hasArg: 0, val: 'a' },
  { name: 'delete', hasArg: 0, val: 'd' },
  { name: 'file', hasArg: 0, val: 'f' },
  { name: 'numeric', hasArg: 0, val: 'n' },
  { name: 'set', hasArg: 0, val: 's' },
  { name: 'protocol', hasArg: 1, val: 'A' },
  { name: 'hw-type', hasArg: 1, val: 'H' },
  { name: 'device', hasArg: 1, val: 'i' },
  { name: 'help', hasArg: 0, val: 'h' },
  { name: 'use-device', hasArg: 0, val: 'D' },
  { name: 'symbolic', hasArg: 0, val: 'N' },
];

function hwName(type: number): string {
  for (const [n, t] of Object.entries(HWTYPES)) if (t === type) return n;
  return 'ether';
}

export async function arp(p: Process): Promise<number> {
  let what = 0;
  let optA = false, optE = false, optN = false, optV = false, optD = false;
  let hwSet: number | undefined;
  let device = '';
  const operands: string[] = [];
  const usage = (rc: number): number => {
    if (rc) p.stderr(USAGE + HWLIST_ARP);
    else {
      p.stderr(HWLIST_ARP);
      p.stdout(USAGE);
    }
    return rc;
  };
  for (const [c, arg] of getoptLong('arp', p.argv.slice(1), 'A:H:adfp:nsei:t:vh?DNV', LONGOPTS, (t) => p.stderr(t), operands, p.env.POSIXLY_CORRECT !== undefined)) {
    switch (c) {
      case 'a': what = 1; optA = true; break;
      case 'f': what = 2; break;
      case 'd': what = 3; break;
      case 's': what = 4; break;
      case 'e': optE = true; break;
      case 'n': optN = true; break;
      case 'D': optD = true; break;
      case 'N': p.stderr('arp: -N not yet supported.\n'); break;
      case 'v': optV = true; break;
      case 'A': case 'p':
        if (!['inet', 'inet6', 'unix', 'ax25', 'netrom', 'rose', 'ipx', 'ddp', 'ec', 'ash', 'x25'].includes(arg!)) {
          p.stderr(`arp: ${arg}: unknown address family.\n`);
          return 255;
        }
        if (arg !== 'inet') {
          p.stderr(`arp: ${arg}: kernel only supports 'inet'.\n`);
          return 255;
        }
        break;
      case 'H': case 't':
        if (!(arg! in HWTYPES)) {
          p.stderr(`arp: ${arg}: unknown hardware type.\n`);
          return 255;
        }
        if (!ARPABLE.includes(arg!)) {
          p.stderr(`arp: ${arg}: hardware type without ARP support.\n`);
          return 255;
        }
        hwSet = HWTYPES[arg!];
        break;
      case 'i': device = arg!.slice(0, 15); break; // char device[16]
      case 'V':
        p.stdout(VERSION);
        return 0;
      case 'h':
        return usage(0);
      default:
        return usage(3);
    }
  }
  const o: ShowOpts = { optA, optE, optN, optV, hwSet, device };
  if (what === 0) {
    o.optE = true;
    return show(p, operands[0], o) & 0xff;
  }
  if (what === 1) return show(p, operands[0], o) & 0xff;
  const m: ModifyOpts = { ...o, optD, usage: () => usage(3) };
  try {
    if (what === 2) return arpFile(p, operands[0] ?? '/etc/ethers', m) & 0xff;
    if (what === 3) return arpDel(p, operands, m) & 0xff;
    return arpSet(p, operands, m) & 0xff;
  } catch (e) {
    if (e instanceof UsageExit) return e.code;
    throw e;
  }
}

/** usage() called from arp_set()/arp_del(): it exits. */
class UsageExit {
  constructor(readonly code: number) {}
}

interface ModifyOpts extends ShowOpts {
  optD: boolean;
  usage: () => number;
}

function usageExit(o: ModifyOpts): never {
  throw new UsageExit(o.usage());
}

/** The hardware type arp(8) works with: -H's, else ether. */
function hwType(o: ModifyOpts): number {
  return o.hwSet ?? HWTYPES.ether!;
}

/** in_ether(): "xx:xx:..." into sa_data; one-digit octets, a missing last colon and trailing
 *  junk after six octets are all accepted. */
function inEther(text: string, data: Uint8Array): boolean {
  const hex = (c: string | undefined) => (c !== undefined && /^[0-9a-fA-F]$/.test(c) ? parseInt(c, 16) : -1);
  let i = 0, k = 0;
  while (k < text.length && i < 6) {
    let val = hex(text[k++]);
    if (val < 0) return false;
    val <<= 4;
    const c = text[k];
    const lo = hex(c);
    if (lo >= 0) val |= lo;
    else if (c === ':' || c === undefined) val >>= 4;
    else return false;
    if (c !== undefined) k++;
    data[i++] = val & 0xff;
    if (text[k] === ':') k++;
  }
  return true;
}

/** ap->input() then ap->herror() on failure. */
function inputHost(p: Process, host: string): number | undefined {
  const r = inetResolve(host);
  if ('error' in r) {
    p.stderr(`${host}: ${r.error}\n`);
    return undefined;
  }
  return r.addr;
}

function newReq(): ArpReq {
  return { pa: 0, haFamily: 0, ha: new Uint8Array(14), flags: 0, netmask: 0, dev: '' };
}

/** arp_del() */
function arpDel(p: Process, args: string[], o: ModifyOpts): number {
  const req = newReq();
  if (args[0] === undefined) {
    p.stderr('arp: need host name\n');
    return -1;
  }
  let host = args[0].slice(0, 127);
  const pa = inputHost(p, host);
  if (pa === undefined) return -1;
  req.pa = pa;
  if (o.hwSet !== undefined) req.haFamily = o.hwSet;
  req.flags = ATF_PERM;
  let flags = 0;
  let device = o.device;
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (o.optV) p.stderr(`args=${a}\n`);
    if (a === 'pub') flags |= 1;
    else if (a === 'priv') flags |= 2;
    else if (a === 'temp') req.flags &= ~ATF_PERM;
    else if (a === 'trail') req.flags |= ATF_USETRAILERS;
    else if (a === 'dontpub') req.flags |= ATF_DONTPUB;
    else if (a === 'auto') req.flags |= ATF_MAGIC;
    else if (a === 'dev') {
      if (args[++i] === undefined) usageExit(o);
      device = args[i]!.slice(0, 15);
    } else if (a === 'netmask') {
      if (args[++i] === undefined) usageExit(o);
      if (args[i] !== '255.255.255.255') {
        host = args[i]!;
        const m = inputHost(p, host);
        if (m === undefined) return -1;
        req.netmask = m;
        req.flags |= ATF_NETMASK;
      }
    } else usageExit(o);
  }
  // Neither priv nor pub: try both.
  if (flags === 0) flags = 3;
  req.dev = device;
  let deleted = false;
  if (flags & 2) {
    if (o.optV) p.stderr('arp: SIOCDARP(dontpub)\n');
    const err = ioctl(p, 'SIOCDARP', req);
    if (err) {
      if (!((err === ENXIO || err === ENOENT) && flags & 1)) {
        if (err === ENXIO || err === ENOENT) p.stdout(`No ARP entry for ${host}\n`);
        else p.stderr(`SIOCDARP(dontpub): ${strerror(err)}\n`);
        return -1;
      }
    } else deleted = true;
  }
  if (!deleted && flags & 1) {
    req.flags |= ATF_PUBL;
    if (o.optV) p.stderr('arp: SIOCDARP(pub)\n');
    const err = ioctl(p, 'SIOCDARP', req);
    if (err) {
      if (err === ENXIO || err === ENOENT) p.stdout(`No ARP entry for ${host}\n`);
      else p.stderr(`SIOCDARP(pub): ${strerror(err)}\n`);
      return -1;
    }
  }
  return 0;
}

/** The ioctl, 0 or its errno. */
function ioctl(p: Process, cmd: 'SIOCSARP' | 'SIOCDARP', req: ArpReq): number {
  try {
    arpIoctl(p.netns, cmd, req);
    return 0;
  } catch (e) {
    if (e instanceof KernelError) return e.errno;
    throw e;
  }
}

/** arp_set() */
function arpSet(p: Process, args: string[], o: ModifyOpts): number {
  const req = newReq();
  if (args[0] === undefined) {
    p.stderr('arp: need host name\n');
    return -1;
  }
  const pa = inputHost(p, args[0].slice(0, 127));
  if (pa === undefined) return -1;
  req.pa = pa;
  if (args[1] === undefined) {
    p.stderr('arp: need hardware address\n');
    return -1;
  }
  if (o.optD) {
    // arp_getdevhw(): SIOCGIFHWADDR
    let hw: { family: number; data: Uint8Array };
    try {
      hw = siocgifhwaddr(p.netns, args[1].slice(0, 15));
    } catch (e) {
      if (!(e instanceof KernelError)) throw e;
      p.stderr(`arp: cant get HW-Address for \`${args[1]}': ${strerror(e.errno)}.\n`);
      return -1;
    }
    if (o.hwSet !== undefined && hw.family !== o.hwSet) {
      p.stderr('arp: protocol type mismatch.\n');
      return -1;
    }
    req.haFamily = hw.family;
    req.ha = hw.data;
  } else {
    req.haFamily = hwType(o);
    if (!inEther(args[1], req.ha)) {
      p.stderr('arp: invalid hardware address\n');
      return -1;
    }
  }
  let flags = ATF_PERM | ATF_COM;
  let device = o.device;
  for (let i = 2; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'temp') flags &= ~ATF_PERM;
    else if (a === 'pub') flags |= ATF_PUBL;
    else if (a === 'priv') flags &= ~ATF_PUBL;
    else if (a === 'trail') flags |= ATF_USETRAILERS;
    else if (a === 'dontpub') flags |= ATF_DONTPUB;
    else if (a === 'auto') flags |= ATF_MAGIC;
    else if (a === 'dev') {
      if (args[++i] === undefined) usageExit(o);
      device = args[i]!.slice(0, 15);
    } else if (a === 'netmask') {
      if (args[++i] === undefined) usageExit(o);
      if (args[i] !== '255.255.255.255') {
        const m = inputHost(p, args[i]!);
        if (m === undefined) return -1;
        req.netmask = m;
        flags |= ATF_NETMASK;
      }
    } else usageExit(o);
  }
  req.flags = flags;
  req.dev = device;
  if (o.optV) p.stderr('arp: SIOCSARP()\n');
  const err = ioctl(p, 'SIOCSARP', req);
  if (err) {
    p.stderr(`SIOCSARP: ${strerror(err)}\n`);
    return -1;
  }
  return 0;
}

/** getargs(): the words of a line, "..." and '...' quoting. */
function getargs(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= line.length) break;
    const q = line[i];
    if (q === '"' || q === "'") {
      const end = line.indexOf(q, i + 1);
      out.push(line.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? line.length : end + 1;
    } else {
      let j = i;
      while (j < line.length && line[j] !== ' ' && line[j] !== '\t') j++;
      out.push(line.slice(i, j));
      i = j;
    }
  }
  return out;
}

/** arp_file(): entries from an ethers file ("host hwaddr [flags]" or "hwaddr host"). */
function arpFile(p: Process, name: string, o: ModifyOpts): number {
  let text: string;
  try {
    text = readFileSync(resolve(p.cwd, name), 'latin1');
  } catch {
    p.stderr(`arp: cannot open etherfile ${name} !\n`);
    return -1;
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let linenr = 0;
  for (const line of lines) {
    linenr++;
    if (o.optV) p.stderr(`>> ${line}\n`);
    if (line === '' || line[0] === '#') continue;
    const args = getargs(line);
    if (args.length < 2) {
      p.stderr(`arp: format error on line ${linenr} of etherfile ${name} !\n`);
      continue;
    }
    if (args[0]!.includes(':')) [args[0], args[1]] = [args[1]!, args[0]!];
    if (arpSet(p, args, o) !== 0) p.stderr(`arp: cannot set entry on line ${linenr} of etherfile ${name} !\n`);
  }
  return 0;
}

interface ShowOpts {
  optA: boolean;
  optE: boolean;
  optN: boolean;
  optV: boolean;
  hwSet: number | undefined;
  device: string;
}

/** arp_show() */
function show(p: Process, name: string | undefined, o: ShowOpts): number {
  let host = '';
  if (name !== undefined) {
    const r = inetResolve(name);
    if ('error' in r) {
      p.stderr(`${name}: ${r.error}\n`);
      return 255;
    }
    host = ntoa(r.addr);
  }
  let text: string;
  try {
    text = readProcFile(p.kernel, p.netns, '/proc/net/arp');
  } catch {
    p.stderr('/proc/net/arp: No such file or directory\n');
    return 255;
  }
  const lines = text.split('\n');
  let entries = 0, showed = 0, title = 0;
  let out = '';
  for (const line of lines.slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || !f[0]) break;
    let [ip, type, flagsS, hwa, mask, dev] = f as [string, string, string, string, string | undefined, string | undefined];
    if (f.length === 5) {
      // An incomplete entry has no hardware address in the line.
      [ip, type, flagsS, mask, dev] = f as [string, string, string, string, string];
      hwa = '';
    }
    const htype = parseInt(type, 16);
    const flags = parseInt(flagsS, 16);
    entries++;
    if (o.hwSet !== undefined && htype !== o.hwSet) continue;
    if (host && ip !== host) continue;
    if (o.device && dev !== o.device) continue;
    showed++;
    let hostname: string;
    if (o.optN) hostname = '?';
    else {
      const a = inetAton(ip);
      hostname = (a !== undefined && inetRresolve(a, true)) || ip;
      if (hostname === ip) hostname = '?';
    }
    const hw = hwName(htype);
    if (o.optE) {
      if (title++ === 0) out += 'Address                  HWtype  HWaddress           Flags Mask            Iface\n';
      let fl = '';
      if (flags & ATF_COM) fl += 'C';
      if (flags & ATF_PERM) fl += 'M';
      if (flags & ATF_PUBL) fl += 'P';
      if (flags & ATF_MAGIC) fl += 'A';
      if (flags & ATF_DONTPUB) fl += '!';
      if (flags & ATF_USETRAILERS) fl += 'T';
      const m = flags & ATF_NETMASK ? mask ?? '' : '';
      out += sprintf('%-23.23s  ', hostname[0] === '?' ? ip : hostname);
      if (!(flags & ATF_COM)) {
        out += flags & ATF_PUBL ? sprintf('%-8.8s%-20.20s', '*', '<from_interface>') : sprintf('%-8.8s%-20.20s', '', '(incomplete)');
      } else {
        out += sprintf('%-8.8s%-20.20s', hw, hwa);
      }
      out += sprintf('%-6.6s%-15.15s %s\n', fl, m, dev ?? '');
    } else {
      out += `${hostname} (${ip}) at `;
      if (!(flags & ATF_COM)) out += flags & ATF_PUBL ? '<from_interface> ' : '<incomplete> ';
      else out += `${hwa} [${hw}] `;
      if (flags & ATF_NETMASK) out += `netmask ${mask} `;
      if (flags & ATF_PERM) out += 'PERM ';
      if (flags & ATF_PUBL) out += 'PUB ';
      if (flags & ATF_MAGIC) out += 'AUTO ';
      if (flags & ATF_DONTPUB) out += 'DONTPUB ';
      if (flags & ATF_USETRAILERS) out += 'TRAIL ';
      out += `on ${dev}\n`;
    }
  }
  if (o.optV) out += `Entries: ${entries}\tSkipped: ${entries - showed}\tFound: ${showed}\n`;
  if (!showed) {
    if (host && !o.optA) out += `${name} (${host}) -- no entry\n`;
    else if (o.hwSet !== undefined || host || o.device) out += `arp: in ${entries} entries no match found.\n`;
  }
  p.stdout(out);
  return 0;
}
