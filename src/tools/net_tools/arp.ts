// arp(8) from net-tools 2.10: the ARP cache from /proc/net/arp in the Linux (-e, the
// default) and BSD (-a) styles, filtered by host, device (-i) and hardware type (-H),
// with arp's usage texts and statuses. Changing entries (-s, -d, -f) is left to `ip neigh`.
import type { Process } from '../process.js';
import { readProcFile } from '../../kernel/procfs.js';
import { getoptLong, type LongOpt } from './getopt.js';
import { sprintf } from '../lib/printf.js';
import { inetResolve, inetRresolve, inetAton, ntoa, HWLIST_ARP, NET_TOOLS_VERSION, NET_TOOLS_FEATURES_AF } from './common.js';

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

const ATF_COM = 0x02, ATF_PERM = 0x04, ATF_PUBL = 0x08, ATF_USETRAILERS = 0x10, ATF_NETMASK = 0x20, ATF_DONTPUB = 0x40,
  ATF_MAGIC = 0x80;

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
  let optA = false, optE = false, optN = false, optV = false;
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
      case 'D': break;
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
      case 'i': device = arg!.slice(0, 99); break;
      case 'V':
        p.stdout(VERSION);
        return 0;
      case 'h':
        return usage(0);
      default:
        return usage(3);
    }
  }
  if (what === 0) {
    optE = true;
    return show(p, operands[0], { optA, optE, optN, optV, hwSet, device }) & 0xff;
  }
  if (what === 1) return show(p, operands[0], { optA, optE, optN, optV, hwSet, device }) & 0xff;
  p.stderr('arp: changing the ARP cache is not supported here; use ip neigh\n');
  return 1;
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
