// tcpdump's print-tcp.c: TCP segments. Sequence numbers after a conversation's first
// segment with ACK set are printed relative to its initial ones (tcp_seq_hash), unless -S;
// with -v the checksum is verified; options are listed as tcp_option_values names them.
import { Buf, hex, inCksum, inCksumShouldbe, portString, type Ndo } from './netdissect.js';
import type { IpHdr } from './print-ip.js';
import { pseudoHeaderSum4, pseudoHeaderSum6 } from '../../wire/checksum.js';

const TH_FIN = 0x01, TH_SYN = 0x02, TH_RST = 0x04, TH_ACK = 0x10, TH_URG = 0x20;
const FLAG_CHARS: [number, string][] = [
  [0x01, 'F'], [0x02, 'S'], [0x04, 'R'], [0x08, 'P'], [0x10, '.'], [0x20, 'U'], [0x40, 'E'], [0x80, 'W'],
];
const OPTION_NAMES: Record<number, string> = {
  0: 'eol', 1: 'nop', 2: 'mss', 3: 'wscale', 4: 'sackOK', 5: 'sack', 6: 'echo', 7: 'echoreply', 8: 'TS',
  11: 'cc', 12: 'ccnew', 13: 'ccecho', 19: 'md5', 27: 'qs', 28: 'utoopt', 29: 'tcp-ao', 30: 'mptcp',
  34: 'tfo', 253: 'exp', 254: 'exp',
};

/** bittok2str_nosep(tcp_flag_values, "none", flags) */
function flagString(f: number): string {
  const s = FLAG_CHARS.filter(([b]) => f & b).map(([, c]) => c).join('');
  return s || 'none';
}

function cmpBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** The network-layer addresses of the segment (16 bytes for IPv6, 4 for IPv4). */
function addrs(ip: IpHdr): [Uint8Array, Uint8Array] {
  return ip.v === 6 ? [ip.h.bytes(8, 16), ip.h.bytes(24, 16)] : [ip.h.bytes(12, 4), ip.h.bytes(16, 4)];
}

/** tcp_print() */
export function tcpPrint(ndo: Ndo, p: Buf, length: number, ip: IpHdr, fragmented: boolean): void {
  ndo.protocol = 'tcp';
  const nhIsTcp = ip.v === 6 ? ip.h.u8(6) === 6 : ip.h.u8(9) === 6;
  if (!p.has(0, 4)) {
    ndo.out += `${ip.src} > ${ip.dst}: [|tcp]`;
    return;
  }
  const sport = p.u16(0), dport = p.u16(2);
  if (nhIsTcp) ndo.out += `${ip.src}.${portString(ndo, sport, 'tcp')} > ${ip.dst}.${portString(ndo, dport, 'tcp')}: `;
  else ndo.out += `${portString(ndo, sport, 'tcp')} > ${portString(ndo, dport, 'tcp')}: `;
  p.u32(16); // the fixed header
  const hlen = (p.u8(12) >> 4) * 4;
  if (hlen < 20) {
    ndo.out += ` tcp ${length - hlen} [bad hdr length ${hlen} - too short, < 20]`;
    return;
  }
  let seq = p.u32(4), ack = p.u32(8);
  const win = p.u16(14), urp = p.u16(18);
  if (ndo.qflag) {
    ndo.out += `tcp ${length - hlen}`;
    if (hlen > length) ndo.out += ` [bad hdr length ${hlen} - too long, > ${length}]`;
    return;
  }
  const flags = p.u8(13);
  ndo.out += `Flags [${flagString(flags)}]`;
  let thseq = 0, thack = 0, rev = false;
  if (!ndo.Sflag && flags & TH_ACK) {
    // one entry per conversation, keyed in a fixed order of the two ends
    const [src, dst] = addrs(ip);
    rev = sport > dport || (sport === dport && cmpBytes(src, dst) > 0);
    const key = rev ? `${[...dst]}|${[...src]}|${dport}|${sport}` : `${[...src]}|${[...dst]}|${sport}|${dport}`;
    let th = ndo.tcpSeq.get(key);
    if (!th || flags & TH_SYN) {
      th = rev ? { ack: seq, seq: (ack - 1) >>> 0 } : { seq, ack: (ack - 1) >>> 0 };
      ndo.tcpSeq.set(key, th);
    } else if (rev) {
      seq = (seq - th.ack) >>> 0;
      ack = (ack - th.seq) >>> 0;
    } else {
      seq = (seq - th.seq) >>> 0;
      ack = (ack - th.ack) >>> 0;
    }
    thseq = th.seq;
    thack = th.ack;
  }
  if (hlen > length) {
    ndo.out += ` [bad hdr length ${hlen} - too long, > ${length}]`;
    return;
  }
  if (ndo.vflag && !ndo.Kflag && !fragmented && p.has(0, length)) {
    const seg = p.bytes(0, length);
    const ph = ip.v === 4 ? pseudoHeaderSum4(ip.h.u32(12), ip.h.u32(16), 6, length)
      : pseudoHeaderSum6(ip.h.bytes(8, 16), ip.h.bytes(24, 16), 6, length);
    const sum = inCksum(seg, ph);
    const tcpSum = p.u16(16);
    ndo.out += `, cksum 0x${hex(tcpSum, 4)}`;
    ndo.out += sum !== 0 ? ` (incorrect -> 0x${hex(inCksumShouldbe(tcpSum, sum), 4)})` : ' (correct)';
  }
  const dlen = length - hlen;
  if (ndo.vflag > 1 || dlen > 0 || flags & (TH_SYN | TH_FIN | TH_RST)) {
    ndo.out += `, seq ${seq}`;
    if (dlen > 0) ndo.out += `:${(seq + dlen) >>> 0}`;
  }
  if (flags & TH_ACK) ndo.out += `, ack ${ack}`;
  ndo.out += `, win ${win}`;
  if (flags & TH_URG) ndo.out += `, urg ${urp}`;
  if (hlen > 20 && !optionsPrint(ndo, p.sub(20, hlen - 20), hlen - 20, rev, thseq, thack)) return;
  ndo.out += `, length ${dlen}`;
  if (dlen <= 0) return;
  const data = p.sub(hlen);
  if (flags & TH_RST && ndo.vflag) {
    rstDataPrint(ndo, data, dlen);
    return;
  }
  const port = (n: number) => sport === n || dport === n;
  if (port(80) || port(8080)) {
    ndo.out += ': ';
    txtprotoPrint(ndo, data, dlen, 'HTTP', HTTP_CMDS);
  }
}

/** The options of the header (tcp_print()'s option loop); false after a malformed one, which
 *  ends the line ("[bad opt]"). */
function optionsPrint(ndo: Ndo, p: Buf, hlen: number, rev: boolean, thseq: number, thack: number): boolean {
  ndo.out += ', options [';
  let o = 0;
  let sep = '';
  while (hlen > 0) {
    ndo.out += sep;
    const opt = p.u8(o++);
    const zerolen = opt === 0 || opt === 1;
    let len = 1;
    if (!zerolen) {
      len = p.u8(o++);
      if (len < 2 || len > hlen) return badOpt(ndo);
      hlen--;
    }
    hlen--;
    ndo.out += OPTION_NAMES[opt] ?? `unknown-${opt}`;
    let datalen = 0;
    const check = (l: number) => {
      if (l > hlen) throw BAD;
      p.bytes(o, l);
    };
    try {
      switch (opt) {
        case 2: datalen = 2; check(2); ndo.out += ` ${p.u16(o)}`; break;
        case 3: datalen = 1; check(1); ndo.out += ` ${p.u8(o)}`; break;
        case 5: {
          datalen = len - 2;
          if (datalen % 8 !== 0) ndo.out += ' invalid sack';
          else {
            ndo.out += ` ${datalen / 8} `;
            for (let i = 0; i < datalen; i += 8) {
              check(i + 8);
              let s = p.u32(o + i), e = p.u32(o + i + 4);
              if (rev) {
                s = (s - thseq) >>> 0;
                e = (e - thseq) >>> 0;
              } else {
                s = (s - thack) >>> 0;
                e = (e - thack) >>> 0;
              }
              ndo.out += `{${s}:${e}}`;
            }
          }
          break;
        }
        case 8: datalen = 8; check(8); ndo.out += ` val ${p.u32(o)} ecr ${p.u32(o + 4)}`; break;
        case 0: case 1: case 4: break;
        default:
          datalen = len - 2;
          if (datalen) ndo.out += ' 0x';
          for (let i = 0; i < datalen; i++) {
            check(i + 1);
            ndo.out += hex(p.u8(o + i), 2);
          }
      }
    } catch (e) {
      if (e === BAD) return badOpt(ndo);
      throw e;
    }
    o += datalen;
    hlen -= datalen;
    const seen = datalen + 1 + (zerolen ? 0 : 1);
    if (seen !== len) ndo.out += `[len ${len}]`;
    sep = ',';
    if (opt === 0) break;
  }
  ndo.out += ']';
  return true;
}

const BAD = Symbol('bad opt');

function badOpt(ndo: Ndo): false {
  ndo.out += '[bad opt]]';
  return false;
}

/** print_tcp_rst_data() */
function rstDataPrint(ndo: Ndo, p: Buf, length: number): void {
  ndo.out += ' [RST';
  if (length > p.length) ndo.out += '+';
  ndo.out += ' ';
  let n = Math.min(length, p.length, 50);
  for (let i = 0; i < n; i++) {
    const c = p.u8(i);
    ndo.out += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
  }
  ndo.out += ']';
  n = 0;
}

const HTTP_CMDS = ['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT', 'PATCH',
  'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'ORDERPATCH', 'ACL'];

/** txtproto_print(): the protocol's name, and for a request or response its first line (all
 *  of its lines with -v). */
function txtprotoPrint(ndo: Ndo, p: Buf, len: number, name: string, cmds: string[]): void {
  const avail = Math.min(len, p.length);
  const text = Buffer.from(p.bytes(0, avail)).toString('latin1');
  const tokens = text.split(/[ \r\n]/);
  const first = tokens[0] ?? '';
  let printThis = cmds.some((c) => c.toLowerCase() === first.toLowerCase());
  if (!printThis && /^\d{3}$/.test(tokens[1] ?? '')) printThis = true;
  ndo.out += name;
  if (!printThis) return;
  const lines = text.split('\n');
  const show = (l: string) => l.replace(/\r$/, '').replace(/[^\x20-\x7e]/g, '.');
  if (ndo.vflag) {
    ndo.out += `, length: ${len}`;
    for (const l of lines.slice(0, text.endsWith('\n') ? -1 : undefined)) ndo.out += `\n\t${show(l)}`;
  } else if (lines.length > 1) {
    ndo.out += `: ${show(lines[0]!)}`;
  }
}
