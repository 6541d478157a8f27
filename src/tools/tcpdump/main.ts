// tcpdump(8) 4.99.3 with libpcap 1.10.3, as Debian 12 ships it: live captures on a device of
// the process's namespace or on "any", savefiles (-r/-w, real files a user can open in
// Wireshark), the pcap-filter language, and the text of the printers. Interrupted (SIGINT,
// SIGTERM) or done with -c, a live capture reports its counts on stderr.
import { openSync, closeSync, writeSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Process, Tool } from '../process.js';
import { getoptLong, type LongOpt } from '../net_tools/getopt.js';
import { strerror, ENOENT, EACCES, EISDIR, ENOTDIR, EIO } from '../../kernel/errno.js';
import { readPcap, PcapWriter } from '../../wire/pcap.js';
import { compileFilter } from './libpcap/grammar.js';
import { CompilerState, runFilter, type Pred } from './libpcap/gencode.js';
import { FilterError } from './libpcap/errors.js';
import {
  LiveCapture, PcapError, DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_RAW, MAXIMUM_SNAPLEN,
  dltByName, dltDescription, dltName, dltToLinktype, deviceDlts, findalldevs, linktypeToDlt, lookupnet, pcapIfLine,
  type PcapPkt,
} from './libpcap/pcap.js';
import { Buf, Trunc, newNdo, type Ndo } from './netdissect.js';
import { tstampToRealtime } from '../../kernel/packet/af_packet.js';
import { asciiPrint, etherPrint, hexAsciiPrint, hexPrint } from './print-ether.js';
import { sll2Print, sllPrint } from './print-sll.js';
import { ipPrint } from './print-ip.js';
import { ip6Print } from './print-ip6.js';

const VERSION = 'tcpdump version 4.99.3\nlibpcap version 1.10.3 (with TPACKET_V3)\nOpenSSL 3.0.19 27 Jan 2026\n';
const USAGE = `Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]
`;

const SHORTOPTS = 'aAbB:c:C:dDeE:fF:G:hHi:I:j:JKlLm:M:nNOpqQ:r:s:StT:uUvV:w:W:xXy:Yz:Z:#';
const LONGOPTS: LongOpt[] = [
  { name: 'buffer-size', hasArg: 1, val: 'B' },
  { name: 'list-interfaces', hasArg: 0, val: 'D' },
  { name: 'help', hasArg: 0, val: 'h' },
  { name: 'interface', hasArg: 1, val: 'i' },
  { name: 'monitor-mode', hasArg: 0, val: 'I' },
  { name: 'time-stamp-type', hasArg: 1, val: 'j' },
  { name: 'list-time-stamp-types', hasArg: 0, val: 'J' },
  { name: 'micro', hasArg: 0, val: 'MICRO' },
  { name: 'nano', hasArg: 0, val: 'NANO' },
  { name: 'time-stamp-precision', hasArg: 1, val: 'PRECISION' },
  { name: 'dont-verify-checksums', hasArg: 0, val: 'K' },
  { name: 'list-data-link-types', hasArg: 0, val: 'L' },
  { name: 'no-optimize', hasArg: 0, val: 'O' },
  { name: 'no-promiscuous-mode', hasArg: 0, val: 'p' },
  { name: 'direction', hasArg: 1, val: 'Q' },
  { name: 'snapshot-length', hasArg: 1, val: 's' },
  { name: 'absolute-tcp-sequence-numbers', hasArg: 0, val: 'S' },
  { name: 'packet-buffered', hasArg: 0, val: 'U' },
  { name: 'linktype', hasArg: 1, val: 'y' },
  { name: 'immediate-mode', hasArg: 0, val: 'IMMEDIATE' },
  { name: 'debug-filter-parser', hasArg: 0, val: 'Y' },
  { name: 'relinquish-privileges', hasArg: 1, val: 'Z' },
  { name: 'count', hasArg: 0, val: 'COUNT' },
  { name: 'fp-type', hasArg: 0, val: 'FPTYPE' },
  { name: 'number', hasArg: 0, val: '#' },
  { name: 'print', hasArg: 0, val: 'PRINT' },
  { name: 'print-sampling', hasArg: 1, val: 'SAMPLING' },
  { name: 'version', hasArg: 0, val: 'VERSION' },
];

class Exit extends Error {
  constructor(readonly status: number) {
    super('exit');
  }
}

interface Opts {
  device: string | undefined;
  count: number;
  snaplen: number;
  readFile: string | undefined;
  writeFile: string | undefined;
  filterFile: string | undefined;
  tflag: number;
  numbered: boolean;
  countOnly: boolean;
  print: boolean;
  list: 'D' | 'L' | undefined;
  dlt: number | undefined;
  direction: string;
  promisc: boolean;
  foreign: boolean;
}

/** strtol(s, &end, 0) accepting only a whole number. */
function strtol0(s: string): number | undefined {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const t = m[2]!;
  const v = /^0[xX]/.test(t) ? parseInt(t.slice(2), 16) : t.length > 1 && t[0] === '0' ? parseInt(t, 8) : Number(t);
  return m[1] === '-' ? -v : v;
}

/** atoi(): leading blanks, a sign, digits; anything after them is ignored. */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  return m ? Math.max(-2147483648, Math.min(2147483647, Number(m[1]))) : 0;
}

function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const n = code === 'ENOENT' ? ENOENT : code === 'EACCES' ? EACCES : code === 'EISDIR' ? EISDIR : code === 'ENOTDIR' ? ENOTDIR : EIO;
  return strerror(n);
}

/** ts_print() */
class TsPrinter {
  private first: number | undefined;
  private prev: number | undefined;
  constructor(readonly tflag: number) {}

  /** `t` in microseconds since the epoch. */
  format(t: number): string {
    const sec = Math.floor(t / 1e6), usec = t - sec * 1e6;
    const frac = String(usec).padStart(6, '0');
    const two = (n: number) => String(n).padStart(2, '0');
    switch (this.tflag) {
      case 1: return '';
      case 2: return `${sec}.${frac} `;
      case 3: case 5: {
        const ref = this.tflag === 3 ? (this.prev ?? t) : (this.first ??= t);
        this.prev = t;
        let d = t - ref;
        const neg = d < 0;
        if (neg) d = -d;
        const ds = Math.floor(d / 1e6), du = d - ds * 1e6;
        return `${neg ? '-' : ' '}${two(Math.floor(ds / 3600))}:${two(Math.floor(ds / 60) % 60)}:${two(ds % 60)}.${String(du).padStart(6, '0')} `;
      }
      case 4: {
        const dt = new Date(sec * 1000);
        return `${dt.getFullYear()}-${two(dt.getMonth() + 1)}-${two(dt.getDate())} ${two(dt.getHours())}:${two(dt.getMinutes())}:${two(dt.getSeconds())}.${frac} `;
      }
      default: {
        const dt = new Date(sec * 1000);
        return `${two(dt.getHours())}:${two(dt.getMinutes())}:${two(dt.getSeconds())}.${frac} `;
      }
    }
  }
}

/** pretty_print_packet(): one packet's line(s). */
export function printPacket(ndo: Ndo, dlt: number, data: Uint8Array, wirelen: number): string {
  ndo.out = '';
  ndo.protocol = '';
  const p = new Buf(data);
  let hdrlen = 0;
  try {
    switch (dlt) {
      case DLT_EN10MB: hdrlen = etherPrint(ndo, p, wirelen); break;
      case DLT_LINUX_SLL2: hdrlen = sll2Print(ndo, p, wirelen); break;
      case DLT_LINUX_SLL: hdrlen = sllPrint(ndo, p, wirelen); break;
      case DLT_RAW: {
        const v = data.length ? data[0]! >> 4 : 0;
        if (v === 6) ip6Print(ndo, p, wirelen);
        else ipPrint(ndo, p, wirelen);
        break;
      }
      default: ndo.out += `unknown data link type ${dlt}`;
    }
  } catch (e) {
    if (!(e instanceof Trunc)) throw e;
    ndo.out += ` [|${ndo.protocol}]`;
  }
  let s = ndo.out;
  if (ndo.xflag || ndo.Xflag) {
    const all = ndo.xflag > 1 || ndo.Xflag > 1;
    const body = all ? data : data.subarray(Math.min(hdrlen, data.length));
    s += ndo.Xflag ? hexAsciiPrint('\n\t', body, 0) : hexPrint('\n\t', body, 0);
  } else if (ndo.Aflag) {
    s += asciiPrint(data.subarray(Math.min(hdrlen, data.length)));
  }
  return `${s}\n`;
}

function parse(p: Process, ndo: Ndo): { o: Opts; expr: string[] } {
  const o: Opts = {
    device: undefined, count: 0, snaplen: 0, readFile: undefined, writeFile: undefined, filterFile: undefined,
    tflag: 0, numbered: false, countOnly: false, print: false, list: undefined, dlt: undefined, direction: 'inout',
    promisc: true, foreign: false,
  };
  const usage = () => {
    p.stderr(VERSION + USAGE);
    throw new Exit(1);
  };
  const error = (msg: string): never => {
    p.stderr(`tcpdump: ${msg}\n`);
    throw new Exit(1);
  };
  const operands: string[] = [];
  for (const [c, arg] of getoptLong('tcpdump', p.argv.slice(1), SHORTOPTS, LONGOPTS, (t) => p.stderr(t), operands, p.env.POSIXLY_CORRECT !== undefined)) {
    const a = arg ?? '';
    switch (c) {
      case 'A': ndo.Aflag = true; break;
      case 'c': {
        const n = atoi(a);
        if (n <= 0) error(`invalid packet count ${a}`);
        o.count = n;
        break;
      }
      case 'B': {
        if (atoi(a) * 1024 <= 0) error(`invalid packet buffer size ${a}`);
        break;
      }
      case 'D': o.list = 'D'; break;
      case 'L': o.list = 'L'; break;
      case 'e': ndo.eflag = true; break;
      case 'F': o.filterFile = a; break;
      case 'h': p.stdout(VERSION + USAGE); throw new Exit(0);
      case 'VERSION': p.stdout(VERSION); throw new Exit(0);
      case 'i': o.device = a; break;
      case 'K': ndo.Kflag = true; break;
      case 'n': ndo.nflag++; break;
      case 'q': ndo.qflag = true; break;
      case 'Q': {
        if (a !== 'in' && a !== 'out' && a !== 'inout') error(`unknown capture direction \`${a}'`);
        o.direction = a;
        break;
      }
      case 'r': o.readFile = a; break;
      case 's': {
        const n = strtol0(a);
        if (n === undefined || n < 0 || n > MAXIMUM_SNAPLEN) error(`invalid snaplen ${a} (must be >= 0 and <= ${MAXIMUM_SNAPLEN})`);
        o.snaplen = n!;
        break;
      }
      case 'S': ndo.Sflag = true; break;
      case 't': o.tflag++; break;
      case 'v': ndo.vflag++; break;
      case 'w': o.writeFile = a; break;
      case 'x': ndo.xflag++; break;
      case 'X': ndo.Xflag++; break;
      case 'y': {
        const d = dltByName(a);
        if (d === undefined) error(`invalid data link type ${a}`);
        o.dlt = d;
        break;
      }
      case '#': o.numbered = true; break;
      case 'COUNT': o.countOnly = true; break;
      case 'PRINT': o.print = true; break;
      // accepted, with no effect here
      case 'p': o.promisc = false; break;
      case 'f': o.foreign = true; break;
      case 'a': case 'b': case 'H': case 'I': case 'J': case 'l': case 'N': case 'O':
      case 'u': case 'U': case 'Y': case 'Z': case 'E': case 'M': case 'm': case 'j': case 'T': case 'z':
      case 'MICRO': case 'NANO': case 'PRECISION': case 'IMMEDIATE': case 'FPTYPE': case 'SAMPLING':
        break;
      case 'd':
        error('dumping the compiled filter (-d) is not supported');
        break;
      case 'C': case 'G': case 'W': case 'V':
        error(`-${c} is not supported`);
        break;
      default:
        usage();
    }
  }
  // -t counts: none once, unix twice, delta 3x, date 4x, delta-from-first 5x (tflag 1..5)
  o.tflag = [0, 1, 2, 3, 4, 5][Math.min(o.tflag, 5)]!;
  return { o, expr: operands };
}

export const tcpdump: Tool = async (p) => {
  const ndo = newNdo();
  let o: Opts;
  let expr: string[];
  try {
    ({ o, expr } = parse(p, ndo));
  } catch (e) {
    if (e instanceof Exit) return e.status;
    throw e;
  }
  const error = (msg: string): number => {
    p.stderr(`tcpdump: ${msg}\n`);
    return 1;
  };
  const ns = p.netns;
  ndo.ifname = (i) => ns.devByIndex(i)?.name;
  const snaplen = o.snaplen === 0 ? MAXIMUM_SNAPLEN : o.snaplen;

  if (o.list === 'D') {
    findalldevs(ns).forEach((d, i) => p.stdout(`${i + 1}.${pcapIfLine(d)}\n`));
    return 0;
  }

  // --- the source: a savefile or a live capture ------------------------------------------
  let dlt: number;
  let live: LiveCapture | undefined;
  let records: PcapPkt[] = [];
  let fileSnaplen = snaplen;
  // The session relays text, not bytes: a savefile on a pipe cannot be carried.
  if (o.readFile === '-' || o.writeFile === '-') {
    return error(`${o.readFile === '-' ? 'reading a savefile from standard input' : 'writing a savefile to standard output'} is not supported in netsim; use a file`);
  }
  if (o.readFile !== undefined) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(resolve(p.cwd, o.readFile));
    } catch (e) {
      return error(`${o.readFile}: ${errnoText(e)}`);
    }
    // pcap_fopen_offline(): the magic number, then the rest of the file header
    if (bytes.length < 4) return error(`truncated dump file; tried to read 4 file header bytes, only got ${bytes.length}`);
    const f = readPcap(bytes);
    if (!f) {
      const m = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
      const known = [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1].includes(m);
      return error(known ? `truncated dump file; tried to read 20 file header bytes, only got ${bytes.length - 4}` : 'unknown file format');
    }
    dlt = linktypeToDlt(f.linktype);
    fileSnaplen = f.snaplen;
    const name = dltName(dlt);
    p.stderr(`reading from file ${o.readFile}, link-type ${name ? `${name} (${dltDescription(dlt)})` : dlt}, snapshot length ${f.snaplen}\n`);
    if (dlt === DLT_LINUX_SLL2) p.stderr('Warning: interface names might be incorrect\n');
    records = f.packets.map((r) => ({
      data: r.data, wirelen: r.origLen, tstamp: 0, pkttype: 0, ifindex: 0,
      us: r.tsSec * 1e6 + (f.nanosecond ? Math.floor(r.tsUsec / 1000) : r.tsUsec),
    } as PcapPkt & { us: number }));
  } else {
    let device = o.device;
    if (device === undefined) device = findalldevs(ns)[0]!.name;
    else if (/^\d+$/.test(device) && Number(device) !== 0) {
      // -i N: the Nth entry of -D's list
      const d = findalldevs(ns)[Number(device) - 1];
      if (!d) return error('Invalid adapter index');
      device = d.name;
    }
    // tcpdump asks for LINUX_SLL2 when told to capture on "any"
    let yDlt = o.dlt;
    if (o.device !== undefined && o.device.startsWith('any') && yDlt === undefined) yDlt = DLT_LINUX_SLL2;
    if (o.list === 'L') {
      const dev = device === 'any' ? undefined : ns.devByName(device);
      if (device !== 'any' && !dev) return error(`${device}: No such device exists\n(No such device exists)`);
      p.stdout(`Data link types for ${device} (use option -y to set):\n`);
      for (const d of deviceDlts(dev)) {
        p.stdout(`  ${dltName(d)} (${dltDescription(d)})${d === 143 ? ' (printing not supported)' : ''}\n`);
      }
      return 0;
    }
    try {
      live = new LiveCapture(ns, device, snaplen, yDlt, o.promisc);
    } catch (e) {
      if (e instanceof PcapError) return error(e.message);
      throw e;
    }
    live.direction = o.direction;
    dlt = live.dlt;
    if (yDlt !== undefined) p.stderr(`tcpdump: data link type ${dltName(dlt)}\n`);
  }

  // --- the filter ------------------------------------------------------------------------------
  // read_infile(): -F, once the capture is open
  let filterText = expr.join(' ');
  if (o.filterFile !== undefined) {
    try {
      filterText = readFileSync(resolve(p.cwd, o.filterFile), 'utf8').replace(/#.*$/gm, ' ');
    } catch (e) {
      live?.close();
      return error(`can't open ${o.filterFile}: ${errnoText(e)}`);
    }
  }
  let filter: Pred | undefined;
  try {
    // The netmask "ip broadcast" uses is only looked up with -f, and reaches pcap_compile() in
    // network byte order read as a host (little-endian) number: 255.255.255.0 is 0x00ffffff.
    let mask = 0;
    if (live && o.foreign) {
      const m = lookupnet(live.device === 'any' ? undefined : ns.devByName(live.device)).mask;
      mask = (((m & 0xff) << 24) | ((m >>> 8 & 0xff) << 16) | ((m >>> 16 & 0xff) << 8) | (m >>> 24)) >>> 0;
    }
    filter = compileFilter(filterText, new CompilerState(dlt, mask, live !== undefined));
  } catch (e) {
    live?.close();
    if (e instanceof FilterError) return error(e.message);
    throw e;
  }
  live?.setFilter(filter);

  // --- the output file -------------------------------------------------------------------------
  let fd: number | undefined;
  let writer: PcapWriter | undefined;
  if (o.writeFile !== undefined) {
    try {
      fd = openSync(resolve(p.cwd, o.writeFile), 'w');
    } catch (e) {
      live?.close();
      return error(`${o.writeFile}: ${errnoText(e)}`);
    }
    const out = fd;
    writer = new PcapWriter((c) => writeSync(out, c), { linktype: dltToLinktype(dlt), snaplen: o.readFile !== undefined ? fileSnaplen : snaplen });
  }
  const printing = writer === undefined || o.print;

  if (live) {
    const d = dltName(dlt)!;
    if (!ndo.vflag && !writer) p.stderr('tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on ');
    else p.stderr('tcpdump: listening on ');
    p.stderr(`${live.device}, link-type ${d} (${dltDescription(dlt)}), snapshot length ${snaplen} bytes\n`);
  }

  // --- the loop ----------------------------------------------------------------------------------
  const ts = new TsPrinter(o.tflag);
  const clock = p.kernel.clock;
  let captured = 0;
  let out = '';
  const flush = () => {
    if (out) p.stdout(out);
    out = '';
  };
  const handle = (pk: PcapPkt, us: number) => {
    captured++;
    if (writer) writer.write(pk.data, Math.floor(us / 1e6), us % 1e6, pk.wirelen);
    if (!printing || o.countOnly) return;
    let line = o.numbered ? `${String(captured).padStart(5)}  ` : '';
    line += ts.format(us);
    line += printPacket(ndo, dlt, pk.data, pk.wirelen);
    out += line;
  };

  let interrupted = false;
  let failed = false;
  try {
    if (!live) {
      for (const r of records as (PcapPkt & { us: number })[]) {
        if (filter && !runFilter(filter, { data: r.data, wirelen: r.wirelen })) continue;
        handle(r, r.us);
        if (o.count && captured >= o.count) break;
      }
    } else {
      const cap = live;
      let wake: (() => void) | undefined;
      cap.sock.onReadable = () => wake?.();
      for (;;) {
        if (p.signal.aborted) {
          interrupted = true;
          break;
        }
        if (cap.sock.error) {
          // pcap_loop() fails: ENETDOWN after packet_notifier() unbound the socket
          flush();
          p.stderr(`tcpdump: pcap_loop: The interface disappeared\n`);
          failed = true;
          break;
        }
        const pk = cap.next();
        if (!pk) {
          flush();
          await new Promise<void>((res) => {
            const done = () => {
              wake = undefined;
              p.signal.removeEventListener('abort', done);
              res();
            };
            wake = done;
            p.signal.addEventListener('abort', done, { once: true });
          });
          continue;
        }
        const ms = tstampToRealtime(clock, pk.tstamp);
        handle(pk, Math.round(ms * 1000));
        if (o.count && captured >= o.count) break;
      }
    }
  } catch (e) {
    live?.close();
    throw e;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (printing && interrupted) out += '\n';
  flush();
  if (o.countOnly && !live) p.stdout(`${captured} packet${captured === 1 ? '' : 's'}\n`);
  if (live) {
    const st = live.stats();
    live.close();
    const pl = (n: number) => (n === 1 ? '' : 's');
    p.stderr(`${captured} packet${pl(captured)} captured\n${st.recv} packet${pl(st.recv)} received by filter\n` +
      `${st.drop} packet${pl(st.drop)} dropped by kernel\n`);
  }
  return failed ? 1 : 0;
};

tcpdump.catches = ['SIGINT', 'SIGTERM'];
