// ping(8) from iputils 20221126 (Debian 12): option parsing, the IPv4 set-up of ping4_run()
// (probe connect for the source address, SO_BINDTODEVICE, bind, ICMP_FILTER, IP_RECVERR,
// IP_TTL), and ping_common.c's main loop, statistics and output, over a raw ICMP socket of
// the emulated kernel. Time is the world's clock: in virtual time the waits between probes
// and the -W/-w deadlines advance it at once; in wall time ping really waits, and stops
// with its statistics when the process is signalled (Ctrl-C).
//
// The loop is family-neutral (PingTransport): IPv4 runs over a raw ICMP socket
// (kernel/ipv4/ping.ts), IPv6 over the ICMPv6 socket of kernel/ipv6/ping.ts.
import type { Process, Tool } from './process.js';
import { waitUntil } from './lib/wait.js';
import { hostsEntries } from './lib/hosts.js';
import type { Netns } from '../kernel/net_namespace.js';
import { strerror, ENODEV, EACCES } from '../kernel/errno.js';
import { rawSocket, udpConnectProbe, inetIfaddrs, SO_EE_ORIGIN_LOCAL, SO_EE_ORIGIN_ICMP, type RawSocket } from '../kernel/ipv4/ping.js';
import { formatIPv4, formatIPv6, parseIPv6 } from '../wire/inet.js';
import { ping6Open, type Ping6Socket, type Ping6Message } from '../kernel/ipv6/ping.js';
import { inet6Addrs } from '../kernel/ipv6/addrconf.js';

const USAGE = `
Usage
  ping [options] <destination>

Options:
  <destination>      dns name or ip address
  -a                 use audible ping
  -A                 use adaptive ping
  -B                 sticky source address
  -c <count>         stop after <count> replies
  -C                 call connect() syscall on socket creation
  -D                 print timestamps
  -d                 use SO_DEBUG socket option
  -e <identifier>    define identifier for ping session, default is random for
                     SOCK_RAW and kernel defined for SOCK_DGRAM
                     Imply using SOCK_RAW (for IPv4 only for identifier 0)
  -f                 flood ping
  -h                 print help and exit
  -I <interface>     either interface name or address
  -i <interval>      seconds between sending each packet
  -L                 suppress loopback of multicast packets
  -l <preload>       send <preload> number of packages while waiting replies
  -m <mark>          tag the packets going out
  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>
  -n                 no dns name resolution
  -O                 report outstanding replies
  -p <pattern>       contents of padding byte
  -q                 quiet output
  -Q <tclass>        use quality of service <tclass> bits
  -s <size>          use <size> as number of data bytes to be sent
  -S <size>          use <size> as SO_SNDBUF socket option value
  -t <ttl>           define time to live
  -U                 print user-to-user latency
  -v                 verbose output
  -V                 print version and exit
  -w <deadline>      reply wait <deadline> in seconds
  -W <timeout>       time to wait for response

IPv4 options:
  -4                 use IPv4
  -b                 allow pinging broadcast
  -R                 record route
  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>

IPv6 options:
  -6                 use IPv6
  -F <flowlabel>     define flow label, default is random
  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument

For more details see ping(8).
`;

const VERSION = 'ping from iputils 20221126\nlibcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n';

const AF_UNSPEC = 0, AF_INET = 2, AF_INET6 = 10;
const MAXWAIT = 10;
const MININTERVAL = 10;
const MAX_DUP_CHK = 0x10000;
const LONG_MAX = 9223372036854775807n;
const INT_MAX = 2147483647;

/** An early exit: text for stderr and the status. */
class PingExit extends Error {
  constructor(readonly text: string, readonly status: number) {
    super(text);
  }
}

/** program_invocation_short_name, as error(3) prints it. */
let prog = 'ping';

function die(status: number, msg: string): never {
  throw new PingExit(`${prog}: ${msg}\n`, status);
}

/** Everything the command line says. */
export interface PingOptions {
  family: number;
  count: number;
  interval: number;
  intervalGiven: boolean;
  /** -W in ms */
  lingertime: number;
  /** -w in s */
  deadline: number;
  ttl: number | undefined;
  datalen: number;
  quiet: boolean;
  numeric: boolean;
  verbose: boolean;
  broadcast: boolean;
  ptimeofday: boolean;
  outstanding: boolean;
  audible: boolean;
  adaptive: boolean;
  flood: boolean;
  latency: boolean;
  preload: number;
  mark: number | undefined;
  pmtudisc: number | undefined;
  tos: number;
  pattern: Uint8Array | undefined;
  /** -I as an interface name */
  device: string | undefined;
  /** -I as an IPv4 address */
  source: number;
  /** -I as an IPv6 address (for the IPv6 transport) */
  source6: string | undefined;
  strictSource: boolean;
  ident: number | undefined;
  targets: string[];
  warnings: string[];
}

// ---------------------------------------------------------------------------------------
// Option parsing

/** strtol_or_err() */
function strtolOrErr(s: string, min: bigint, max: bigint): number {
  if (!/^\s*[+-]?\d+$/.test(s)) die(1, `invalid argument: '${s}'`);
  const v = BigInt(s.trim());
  if (v > LONG_MAX || v < -LONG_MAX - 1n) die(1, `invalid argument: '${s}': Numerical result out of range`);
  if (v < min || v > max) {
    const u = (x: bigint) => (x < 0n ? x + (1n << 64n) : x).toString();
    die(1, `invalid argument: '${s}': out of range: ${u(min)} <= value <= ${u(max)}`);
  }
  return Number(v);
}

/** ping_strtod() of 20221126: trailing garbage is only warned about. */
function pingStrtod(s: string, what: string, warnings: string[]): number {
  if (s === '') die(2, `${what}: `);
  const m = /^\s*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)/i.exec(s);
  const num = m ? Number(m[0].trim().replace(/^([+-]?)inf(inity)?$/i, '$1Infinity')) : 0;
  const rest = m ? s.slice(m[0].length) : s;
  if (rest !== '') {
    warnings.push(`${prog}: option argument contains garbage: ${rest}\n`);
    warnings.push(`${prog}: this will become fatal error in the future\n`);
  }
  if (!Number.isFinite(num) || Number.isNaN(num)) die(2, `${what}: ${s}: Numerical result out of range`);
  return num;
}

/** inet_aton(): "10", "10.1", "10.1.2", "0x0a.1", octal ... */
export function inetAton(s: string): number | undefined {
  if (s === '' || /\s/.test(s[0]!)) return undefined;
  const parts = s.split('.');
  if (parts.length > 4) return undefined;
  const vals: number[] = [];
  for (const p of parts) {
    let v: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(p)) v = p.length > 2 ? parseInt(p.slice(2), 16) : 0;
    else if (/^0[0-7]*$/.test(p)) v = parseInt(p, 8);
    else if (/^[1-9][0-9]*$/.test(p)) v = parseInt(p, 10);
    else return undefined;
    vals.push(v);
  }
  const last = vals[vals.length - 1]!;
  const lead = vals.slice(0, -1);
  if (lead.some((v) => v > 255)) return undefined;
  if (last >= 2 ** (8 * (4 - lead.length))) return undefined;
  let a = 0;
  lead.forEach((v, i) => { a += v * 2 ** (8 * (3 - i)); });
  return (a + last) >>> 0;
}

function parseArgs(argv: string[]): PingOptions {
  const o: PingOptions = {
    family: AF_UNSPEC, count: 0, interval: 1000, intervalGiven: false, lingertime: MAXWAIT * 1000, deadline: 0,
    ttl: undefined, datalen: 56, quiet: false, numeric: false, verbose: false, broadcast: false, ptimeofday: false,
    outstanding: false, audible: false, adaptive: false, flood: false, latency: false, preload: 1, mark: undefined,
    pmtudisc: undefined, tos: 0, pattern: undefined, device: undefined, source: 0, source6: undefined,
    strictSource: false, ident: undefined, targets: [], warnings: [],
  };
  if (prog.endsWith('4')) o.family = AF_INET;
  else if (prog.endsWith('6')) o.family = AF_INET6;
  const withArg = 'TFNcei:I:lmMpQsStwW'.replace(/[^A-Za-z]/g, '');
  const needs = new Set(['T', 'F', 'N', 'c', 'e', 'i', 'I', 'l', 'm', 'M', 'p', 'Q', 's', 'S', 't', 'w', 'W']);
  void withArg;
  const known = new Set('h?4bR6aABCdDfLnOqrUvV'.split('').concat([...needs]));
  const operands: string[] = [];
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a.length < 2 || a[0] !== '-') {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (!known.has(c)) {
        throw new PingExit(`${prog}: invalid option -- '${c}'\n${USAGE}`, 2);
      }
      let arg = '';
      if (needs.has(c)) {
        if (j + 1 < a.length) arg = a.slice(j + 1);
        else if (i + 1 < argv.length) arg = argv[++i]!;
        else throw new PingExit(`${prog}: option requires an argument -- '${c}'\n${USAGE}`, 2);
        j = a.length;
      }
      option(o, c, arg);
    }
  }
  operands.push(...argv.slice(i));
  o.targets = operands;
  return o;
}

function option(o: PingOptions, c: string, arg: string): void {
  switch (c) {
    case '4':
      if (o.family === AF_INET6) die(2, 'only one -4 or -6 option may be specified');
      o.family = AF_INET;
      break;
    case '6':
      if (o.family === AF_INET) die(2, 'only one -4 or -6 option may be specified');
      o.family = AF_INET6;
      break;
    case 'b': o.broadcast = true; break;
    case 'R': case 'T': case 'F': case 'N': case 'B': case 'C': case 'd': case 'L': case 'r': case 'S':
      break;
    case 'a': o.audible = true; break;
    case 'A': o.adaptive = true; break;
    case 'c': o.count = strtolOrErr(arg, 1n, LONG_MAX); break;
    case 'D': o.ptimeofday = true; break;
    case 'e': o.ident = strtolOrErr(arg, 0n, 65535n); break;
    case 'i': {
      const v = pingStrtod(arg, 'bad timing interval', o.warnings);
      if (v > Math.floor(INT_MAX / 1000)) die(2, `bad timing interval: ${arg}`);
      o.interval = Math.trunc(v * 1000);
      o.intervalGiven = true;
      break;
    }
    case 'I':
      if (arg.includes(':')) {
        o.source6 = arg;
        o.strictSource = true;
      } else {
        const v = inetPton4(arg);
        if (v !== undefined) {
          o.source = v;
          o.strictSource = true;
        } else o.device = arg;
      }
      break;
    case 'l': o.preload = strtolOrErr(arg, 1n, BigInt(MAX_DUP_CHK)); break;
    case 'm': o.mark = strtolOrErr(arg, 0n, BigInt(INT_MAX)); break;
    case 'M':
      if (arg === 'do') o.pmtudisc = 2;
      else if (arg === 'dont') o.pmtudisc = 0;
      else if (arg === 'want') o.pmtudisc = 1;
      else if (arg === 'probe') o.pmtudisc = 3;
      else die(2, `invalid -M argument: ${arg}`);
      break;
    case 'n': o.numeric = true; break;
    case 'O': o.outstanding = true; break;
    case 'f': o.flood = true; o.numeric = true; break;
    case 'p': o.pattern = parsePattern(arg); break;
    case 'q': o.quiet = true; break;
    case 'Q': {
      const hex = /^0[xX]/.test(arg);
      const body = hex ? arg.slice(2) : arg;
      if (!(hex ? /^[0-9a-fA-F]*$/ : /^[+-]?\d*$/).test(body)) die(2, `bad TOS value: ${arg}`);
      const v = body === '' || body === '+' || body === '-' ? 0 : parseInt(body, hex ? 16 : 10);
      if (v > 255) die(2, `the decimal value of TOS bits must be in range 0-255: ${v}`);
      o.tos = v;
      break;
    }
    case 's': o.datalen = strtolOrErr(arg, 0n, BigInt(INT_MAX)); break;
    case 't': o.ttl = strtolOrErr(arg, 0n, 255n); break;
    case 'U': o.latency = true; break;
    case 'v': o.verbose = true; break;
    case 'V': throw new PingExit('', -1);
    case 'w': o.deadline = strtolOrErr(arg, 0n, BigInt(INT_MAX)); break;
    case 'W': {
      const v = pingStrtod(arg, 'bad linger time', o.warnings);
      if (v < 0 || v > Math.floor(INT_MAX / 1000)) die(2, `bad linger time: ${arg}`);
      o.lingertime = Math.trunc(v * 1000);
      break;
    }
    case 'h': case '?':
      throw new PingExit(USAGE, 2);
  }
}

function inetPton4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const p = m.slice(1).map(Number);
  if (p.some((x) => x > 255)) return undefined;
  return ((p[0]! << 24) | (p[1]! << 16) | (p[2]! << 8) | p[3]!) >>> 0;
}

/** fill(): up to 16 hex bytes of pattern. */
function parsePattern(s: string): Uint8Array {
  for (let i = 0; i < s.length; i++) {
    if (!/[0-9a-fA-F]/.test(s[i]!)) die(2, `patterns must be specified as hex digits: ${s.slice(i)}`);
  }
  const out: number[] = [];
  for (let i = 0; i < s.length && out.length < 16; i += 2) out.push(parseInt(s.slice(i, i + 2), 16));
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------
// Name resolution (getaddrinfo / getnameinfo over the emulated /etc/hosts)

function reverseName(p: Process, addr: number): string | undefined {
  const a = formatIPv4(addr);
  for (const e of hostsEntries(p.kernel)) if (e.addr === a) return e.names[0];
  return undefined;
}

// ---------------------------------------------------------------------------------------
// The family-neutral part (ping_common.c)

/** What a transport reports from its socket. */
export type PingEvent =
  | { kind: 'reply'; seq: number; ident: number; from: string; ttl: number; icmpLen: number; payload: Uint8Array; tstamp: number; csumFailed: boolean }
  /** From the error queue: "From X icmp_seq=N <text>" */
  | { kind: 'error'; seq: number; ident: number; from: string; text: string; target: string }
  | { kind: 'local-error'; text: string }
  /** An ICMP error packet on the socket itself: only acknowledges the probe. */
  | { kind: 'ack'; seq: number; ident: number }
  /** Redirect / source quench: printed as "From X: icmp_seq=N <text>" */
  | { kind: 'notice'; seq: number; ident: number; from: string; text: string };

export interface PingTransport {
  /** Sends echo request `seq` with this payload (timestamp + pattern). 0, or a positive
   *  errno for a local failure; `localError` when it was reported through the error queue. */
  send(seq: number, ident: number, payload: Uint8Array): number;
  /** Takes the next queued event. */
  next(): PingEvent | undefined;
  /** Set by the loop: called when something is queued. */
  wake: (() => void) | undefined;
  close(): void;
}

/** The text of pr_icmph() for an ICMP (v4) type/code. */
export function prIcmph(type: number, code: number, info: number): string {
  switch (type) {
    case 0: return 'Echo Reply';
    case 3:
      switch (code) {
        case 0: return 'Destination Net Unreachable';
        case 1: return 'Destination Host Unreachable';
        case 2: return 'Destination Protocol Unreachable';
        case 3: return 'Destination Port Unreachable';
        case 4: return `Frag needed and DF set (mtu = ${info})`;
        case 5: return 'Source Route Failed';
        case 6: return 'Destination Net Unknown';
        case 7: return 'Destination Host Unknown';
        case 8: return 'Source Host Isolated';
        case 9: return 'Destination Net Prohibited';
        case 10: return 'Destination Host Prohibited';
        case 11: return 'Destination Net Unreachable for Type of Service';
        case 12: return 'Destination Host Unreachable for Type of Service';
        case 13: return 'Packet filtered';
        case 14: return 'Precedence Violation';
        case 15: return 'Precedence Cutoff';
        default: return `Dest Unreachable, Bad Code: ${code}`;
      }
    case 4: return 'Source Quench';
    case 5: {
      const what = ['Redirect Network', 'Redirect Host', 'Redirect Type of Service and Network', 'Redirect Type of Service and Host'][code] ?? `Redirect, Bad Code: ${code}`;
      return `${what}(New nexthop: ${formatIPv4(info >>> 0)})`;
    }
    case 8: return 'Echo Request';
    case 11:
      if (code === 0) return 'Time to live exceeded';
      if (code === 1) return 'Frag reassembly time exceeded';
      return `Time exceeded, Bad Code: ${code}`;
    case 12: return `Parameter problem: pointer = ${info}`;
    case 13: return 'Timestamp';
    case 14: return 'Timestamp Reply';
    case 15: return 'Information Request';
    case 16: return 'Information Reply';
    case 17: return 'Address Mask Request';
    case 18: return 'Address Mask Reply';
    default: return `Bad ICMP type: ${type}`;
  }
}

/** The running state (struct ping_rts). */
class Rts {
  ntransmitted = 0;
  nreceived = 0;
  nrepeats = 0;
  nchecksum = 0;
  nerrors = 0;
  tmin = Number.MAX_SAFE_INTEGER;
  tmax = 0;
  tsum = 0;
  tsum2 = 0;
  rtt = 0;
  pipesize = -1;
  acked = 0;
  exiting = false;
  startTime = 0;
  curTime = -1;
  tokens = 0;
  waittime = 0;
  rcvd = new Uint8Array(MAX_DUP_CHK / 8);
  timing = false;
  interval: number;
  constructor(readonly o: PingOptions) {
    this.interval = o.interval;
  }
  inFlight(): number {
    const diff = (this.ntransmitted - this.acked) & 0xffff;
    return diff <= 0x7fff ? diff : this.ntransmitted - this.nreceived - this.nerrors;
  }
  acknowledge(seq: number): void {
    const diff = (this.ntransmitted - seq) & 0xffff;
    if (diff <= 0x7fff) {
      if (diff + 1 > this.pipesize) this.pipesize = diff + 1;
      if (((seq - this.acked) << 16 >> 16) > 0 || ((this.ntransmitted - this.acked) & 0xffff) > 0x7fff) this.acked = seq;
    }
  }
  advanceNtransmitted(): void {
    this.ntransmitted++;
    if (((this.ntransmitted & 0xffff) - this.acked) > 0x7fff) this.acked = (this.ntransmitted & 0xffff) + 1;
  }
  rcvdBit(seq: number): boolean {
    const b = seq % MAX_DUP_CHK;
    return (this.rcvd[b >> 3]! & (1 << (b & 7))) !== 0;
  }
  rcvdSet(seq: number, v: boolean): void {
    const b = seq % MAX_DUP_CHK;
    if (v) this.rcvd[b >> 3]! |= 1 << (b & 7);
    else this.rcvd[b >> 3]! &= ~(1 << (b & 7));
  }
}

/** What the loop prints in the PING line and statistics. */
export interface PingRunInfo {
  /** The name in "--- NAME ping statistics ---" */
  hostname: string;
  ident: number;
}

/** main_loop() + finish(): returns the exit status. */
export async function runPingLoop(p: Process, o: PingOptions, tr: PingTransport, info: PingRunInfo,
  fmtFrom: (addr: string) => string): Promise<number> {
  const clock = p.kernel.clock;
  const rts = new Rts(o);
  let out = '';
  const flush = () => {
    if (out) p.stdout(out);
    out = '';
  };
  const print = (s: string) => {
    out += s;
  };
  const warn = (s: string) => {
    flush();
    p.stderr(s);
  };
  const ts = () => {
    if (!o.ptimeofday) return '';
    const now = clock.now();
    const sec = Math.floor(now / 1000);
    const usec = Math.floor((now - sec * 1000) * 1000);
    return `[${sec}.${String(usec).padStart(6, '0')}] `;
  };

  // setup()
  if (o.flood && !o.intervalGiven) rts.interval = 0;
  rts.timing = o.datalen >= 16;
  const outpack = new Uint8Array(o.datalen);
  if (o.pattern) {
    const pat = o.pattern;
    if (pat.length) for (let k = 0; k < o.datalen; k++) outpack[k] = pat[k % pat.length]!;
    if (!o.quiet) print(`PATTERN: 0x${[...pat].map((x) => x.toString(16).padStart(2, '0')).join('')}\n`);
  } else {
    for (let k = 0; k < o.datalen; k++) outpack[k] = k & 0xff;
  }
  let woke = false;
  tr.wake = () => {
    woke = true;
    waker?.();
  };
  let waker: (() => void) | undefined;
  rts.startTime = clock.now();
  const deadlineAt = o.deadline ? rts.startTime + o.deadline * 1000 : Infinity;
  let exitAt = Infinity;
  let scheduled = false;
  const now = () => clock.now();

  /** pinger(): returns ms until the next probe is due. */
  const pinger = (): number => {
    if (rts.exiting || (o.count && rts.ntransmitted >= o.count && !o.deadline)) return 1000;
    const t = now();
    if (rts.curTime < 0) {
      rts.curTime = t;
      rts.tokens = rts.interval * (o.preload - 1);
    } else {
      let ntokens = Math.floor(t - rts.curTime);
      if (!rts.interval) {
        if (ntokens < MININTERVAL && rts.inFlight() >= o.preload) return MININTERVAL - ntokens;
      }
      ntokens += rts.tokens;
      const cap = rts.interval * o.preload;
      if (cap < ntokens) ntokens = cap;
      if (ntokens < rts.interval) return rts.interval - ntokens;
      rts.curTime = t;
      rts.tokens = ntokens - rts.interval;
    }
    if (o.outstanding && rts.ntransmitted > 0 && !rts.rcvdBit(rts.ntransmitted)) {
      print(`${ts()}no answer yet for icmp_seq=${rts.ntransmitted % MAX_DUP_CHK}\n`);
    }
    const seq = (rts.ntransmitted + 1) & 0xffff;
    rts.rcvdSet(rts.ntransmitted + 1, false);
    const payload = outpack.slice();
    if (rts.timing) {
      const tv = o.latency ? 0 : clock.now();
      writeTimeval(payload, tv);
    }
    const err = tr.send(seq, info.ident, payload);
    rts.advanceNtransmitted();
    if (err === 0) {
      if (!o.quiet && o.flood) print('.');
      return rts.interval - rts.tokens;
    }
    // A hard local error: pretend we sent it (the error queue, when used, says why). When an
    // ICMP error did arrive (a REJECT in OUTPUT answered from this host), iputils reports the
    // send's errno too ("ping: sendmsg: Operation not permitted"); without one it is silent.
    const before = netErrors;
    drain();
    if (netErrors > before && !o.quiet && !o.flood) warn(`${prog}: sendmsg: ${strerror(err)}\n`);
    rts.tokens = 0;
    return Math.max(rts.interval, 10);
  };

  /** schedule_exit() */
  const scheduleExit = (next: number): number => {
    if (!(o.count && rts.ntransmitted >= o.count && !o.deadline)) return next;
    if (scheduled) return next;
    scheduled = true;
    let wait: number;
    if (rts.nreceived) {
      wait = 2 * rts.tmax;
      if (wait < 1000 * rts.interval) wait = 1000 * rts.interval;
    } else wait = o.lingertime * 1000;
    if (next < 0 || next < wait / 1000) next = Math.floor(wait / 1000);
    if (wait > 0) exitAt = now() + wait / 1000;
    return next;
  };

  /** gather_statistics() for an echo reply. */
  const gather = (ev: Extract<PingEvent, { kind: 'reply' }>): void => {
    let dupflag = false;
    let triptime = 0;
    rts.nreceived++;
    if (!ev.csumFailed) rts.acknowledge(ev.seq);
    if (rts.timing && ev.icmpLen >= 8 + 16) {
      const sent = readTimeval(ev.payload);
      triptime = Math.round((ev.tstamp - sent) * 1000);
      if (triptime < 0) {
        warn(`${prog}: Warning: time of day goes back (${triptime}us), taking countermeasures\n`);
        triptime = 0;
      }
      if (!ev.csumFailed) {
        rts.tsum += triptime;
        rts.tsum2 += triptime * triptime;
        if (triptime < rts.tmin) rts.tmin = triptime;
        if (triptime > rts.tmax) rts.tmax = triptime;
        if (!rts.rtt) rts.rtt = triptime * 8;
        else rts.rtt += triptime - Math.trunc(rts.rtt / 8);
      }
    }
    if (ev.csumFailed) {
      rts.nchecksum++;
      rts.nreceived--;
    } else if (rts.rcvdBit(ev.seq)) {
      rts.nrepeats++;
      rts.nreceived--;
      dupflag = true;
    } else {
      rts.rcvdSet(ev.seq, true);
    }
    if (o.quiet) return;
    if (o.flood) {
      print(ev.csumFailed ? '\bC' : '\b \b');
      return;
    }
    let s = `${ts()}${ev.icmpLen} bytes from ${fmtFrom(ev.from)}: icmp_seq=${ev.seq}`;
    if (ev.ttl >= 0) s += ` ttl=${ev.ttl}`;
    if (ev.icmpLen < o.datalen + 8) {
      print(s + ' (truncated)\n');
      return;
    }
    if (rts.timing) {
      if (triptime >= 100000 - 50) s += ` time=${Math.trunc((triptime + 500) / 1000)} ms`;
      else if (triptime >= 10000 - 5) s += ` time=${Math.trunc((triptime + 50) / 1000)}.${Math.trunc(((triptime + 50) % 1000) / 100)} ms`;
      else if (triptime >= 1000) s += ` time=${Math.trunc((triptime + 5) / 1000)}.${String(Math.trunc(((triptime + 5) % 1000) / 10)).padStart(2, '0')} ms`;
      else s += ` time=${Math.trunc(triptime / 1000)}.${String(triptime % 1000).padStart(3, '0')} ms`;
    }
    if (dupflag) s += ' (DUP!)';
    if (ev.csumFailed) s += ' (BAD CHECKSUM!)';
    if (o.audible) s = '\x07' + s;
    // check the data
    for (let k = 16; k < o.datalen && rts.timing; k++) {
      if (ev.payload[k] !== outpack[k]) {
        s += `\nwrong data byte #${k} should be 0x${outpack[k]!.toString(16)} but was 0x${(ev.payload[k] ?? 0).toString(16)}`;
        for (let m = 16; m < o.datalen; m++) {
          if (m % 32 === 16) s += `\n#${m}\t`;
          s += `${(ev.payload[m] ?? 0).toString(16)} `;
        }
        break;
      }
    }
    print(s + '\n');
  };

  /** The receive loop of main_loop(): reads until nothing is queued, or until nothing is
   *  in flight any more (then ping goes back to its pinger; later datagrams, such as a
   *  second answer to a multicast ping, wait for the next round or are never read). */
  /** ICMP errors read from the error queue (receive_error_msg()'s net_errors), not local ones. */
  let netErrors = 0;
  const drain = (): number => {
    let n = 0;
    for (;;) {
      if (n && rts.inFlight() === 0) break;
      const ev = tr.next();
      if (!ev) break;
      n++;
      switch (ev.kind) {
        case 'reply':
          if (o.ident === undefined && ev.ident !== info.ident) break;
          if (o.ident !== undefined && ev.ident !== info.ident) break;
          gather(ev);
          break;
        case 'ack':
          if (ev.ident === info.ident) rts.acknowledge(ev.seq);
          break;
        case 'error':
          if (ev.ident !== info.ident) break;
          rts.acknowledge(ev.seq);
          rts.nerrors++;
          netErrors++;
          if (o.quiet) break;
          if (o.flood) print('\bE');
          else print(`${ts()}From ${fmtFrom(ev.from)} icmp_seq=${ev.seq} ${ev.text}\n`);
          break;
        case 'local-error':
          rts.nerrors++;
          if (o.quiet) break;
          if (o.flood) print('E');
          else warn(`${prog}: ${ev.text}\n`);
          break;
        case 'notice':
          if (ev.ident !== info.ident) break;
          if (o.quiet || o.flood) break;
          print(`${ts()}From ${fmtFrom(ev.from)}: icmp_seq=${ev.seq} ${ev.text}\n`);
          break;
      }
    }
    return n;
  };

  let spins = 0;
  try {
    for (;;) {
      if (p.signal.aborted) rts.exiting = true;
      if (rts.exiting) break;
      if (o.count && rts.nreceived + rts.nerrors >= o.count) break;
      if (o.deadline && rts.nerrors) break;
      let next: number;
      do {
        next = pinger();
        next = scheduleExit(next);
      } while (next <= 0);
      const got = drain();
      flush();
      if (o.count && rts.nreceived + rts.nerrors >= o.count) break;
      if (o.deadline && rts.nerrors) break;
      // Nothing in flight any more: back to pinger(), which may send at once (-i 0, -f).
      // Yield now and then so that a signal can stop an endless flood.
      if (got && rts.inFlight() === 0 && rts.interval < MININTERVAL) {
        if ((++spins & 255) === 0) await new Promise<void>((r) => setImmediate(r));
        continue;
      }
      const until = Math.min(now() + next, exitAt, deadlineAt);
      woke = false;
      await waitUntil(clock, until, p.signal, { ready: () => woke, setWaker: (fn) => { waker = fn; } });
      drain();
      flush();
      const t = now();
      if (t >= exitAt || t >= deadlineAt || p.signal.aborted) rts.exiting = true;
    }
  } finally {
    tr.wake = undefined;
    tr.close();
  }
  // finish()
  const elapsed = rts.curTime < 0 ? 0 : rts.curTime - rts.startTime;
  let s = '\n';
  s += `--- ${info.hostname} ping statistics ---\n`;
  s += `${rts.ntransmitted} packets transmitted, ${rts.nreceived} received`;
  if (rts.nrepeats) s += `, +${rts.nrepeats} duplicates`;
  if (rts.nchecksum) s += `, +${rts.nchecksum} corrupted`;
  if (rts.nerrors) s += `, +${rts.nerrors} errors`;
  if (rts.ntransmitted) {
    const loss = Math.fround(((rts.ntransmitted - rts.nreceived) * 100) / rts.ntransmitted);
    s += `, ${fmtG(loss)}% packet loss`;
    s += `, time ${Math.round(elapsed)}ms`;
  }
  s += '\n';
  let comma = '';
  if (rts.nreceived && rts.timing) {
    const total = rts.nreceived + rts.nrepeats;
    const tmavg = Math.trunc(rts.tsum / total);
    const tmvar = rts.tsum < INT_MAX
      ? Math.trunc((rts.tsum2 - Math.trunc((rts.tsum * rts.tsum) / total)) / total)
      : Math.trunc(rts.tsum2 / total) - tmavg * tmavg;
    const tmdev = llsqrt(tmvar);
    const f = (v: number) => `${Math.trunc(v / 1000)}.${String(Math.trunc(v) % 1000).padStart(3, '0')}`;
    s += `rtt min/avg/max/mdev = ${f(rts.tmin)}/${f(tmavg)}/${f(rts.tmax)}/${f(tmdev)} ms`;
    comma = ', ';
  }
  if (rts.pipesize > 1) {
    s += `${comma}pipe ${rts.pipesize}`;
    comma = ', ';
  }
  if (rts.nreceived && (!rts.interval || o.flood || o.adaptive) && rts.ntransmitted > 1) {
    const ipg = Math.trunc((elapsed * 1000) / (rts.ntransmitted - 1));
    const ewma = Math.trunc(rts.rtt / 8);
    s += `${comma}ipg/ewma ${Math.trunc(ipg / 1000)}.${String(ipg % 1000).padStart(3, '0')}/${Math.trunc(ewma / 1000)}.${String(ewma % 1000).padStart(3, '0')} ms`;
  }
  s += '\n';
  print(s);
  flush();
  return !rts.nreceived || (o.deadline && rts.nreceived < o.count) ? 1 : 0;
}

/** printf("%g") for the loss percentage. */
function fmtG(v: number): string {
  if (v === 0) return '0';
  const s = v.toPrecision(6);
  if (s.includes('e')) return s;
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

function llsqrt(a: number): number {
  let prev = Number.MAX_SAFE_INTEGER;
  let x = a;
  if (x > 0) {
    while (x < prev) {
      prev = x;
      x = Math.trunc((x + Math.trunc(a / x)) / 2);
    }
  }
  return x;
}

/** The send time in the first 16 bytes of the payload, as a struct timeval. */
function writeTimeval(b: Uint8Array, ms: number): void {
  const sec = Math.floor(ms / 1000);
  const usec = Math.floor((ms - sec * 1000) * 1000);
  const v = new DataView(b.buffer, b.byteOffset, 16);
  v.setUint32(0, sec >>> 0, true);
  v.setUint32(4, Math.floor(sec / 2 ** 32), true);
  v.setUint32(8, usec, true);
  v.setUint32(12, 0, true);
}

function readTimeval(b: Uint8Array): number {
  if (b.length < 16) return 0;
  const v = new DataView(b.buffer, b.byteOffset, 16);
  const sec = v.getUint32(0, true) + v.getUint32(4, true) * 2 ** 32;
  const usec = v.getUint32(8, true);
  return sec * 1000 + usec / 1000;
}

// ---------------------------------------------------------------------------------------
// IPv4 (ping.c)

class Icmp4Transport implements PingTransport {
  wake: (() => void) | undefined;
  constructor(readonly sock: RawSocket, readonly dst: number) {
    sock.onWake = () => this.wake?.();
  }

  send(seq: number, ident: number, payload: Uint8Array): number {
    const pkt = new Uint8Array(8 + payload.length);
    pkt[0] = 8;
    pkt[4] = ident >> 8;
    pkt[5] = ident & 0xff;
    pkt[6] = seq >> 8;
    pkt[7] = seq & 0xff;
    pkt.set(payload, 8);
    const ck = csum(pkt);
    pkt[2] = ck >> 8;
    pkt[3] = ck & 0xff;
    return this.sock.sendto(this.dst, pkt);
  }

  next(): PingEvent | undefined {
    // The error queue is looked at when recvmsg() fails (POLLERR); errors queue up beside
    // the ICMP packet that carried them, which only acknowledges.
    const e = this.sock.recvErr();
    if (e) {
      if (e.origin === SO_EE_ORIGIN_LOCAL) {
        return {
          kind: 'local-error',
          text: e.errno === 90 ? `local error: message too long, mtu=${e.info}` : `local error: ${strerror(e.errno)}`,
        };
      }
      if (e.origin === SO_EE_ORIGIN_ICMP) {
        const pl = e.payload;
        if (pl.length < 8 || e.target !== this.dst || pl[0] !== 8) return this.next();
        if (this.sock.icmpFilter !== FILTER_AFTER_ERROR) this.sock.icmpFilter = FILTER_AFTER_ERROR;
        return {
          kind: 'error', seq: (pl[6]! << 8) | pl[7]!, ident: (pl[4]! << 8) | pl[5]!, from: formatIPv4(e.offender),
          text: prIcmph(e.type, e.code, e.info), target: formatIPv4(e.target),
        };
      }
    }
    const d = this.sock.recv();
    if (!d) return undefined;
    const b = d.data;
    const hl = (b[0]! & 0x0f) * 4;
    if (b.length < hl + 8) return this.next();
    const o = hl;
    const type = b[o]!;
    const icmpLen = b.length - hl;
    if (type === 0) {
      return {
        kind: 'reply', seq: (b[o + 6]! << 8) | b[o + 7]!, ident: (b[o + 4]! << 8) | b[o + 5]!, from: formatIPv4(d.from),
        ttl: b[8]!, icmpLen, payload: b.subarray(o + 8), tstamp: d.tstamp, csumFailed: csum(b.subarray(o)) !== 0,
      };
    }
    if (type === 3 || type === 4 || type === 5 || type === 11 || type === 12) {
      if (icmpLen < 8 + 20 + 8) return this.next();
      const q = o + 8;
      const qhl = (b[q]! & 0x0f) * 4;
      if (icmpLen < 8 + qhl + 8) return this.next();
      const inner = q + qhl;
      const qdst = ((b[q + 16]! << 24) | (b[q + 17]! << 16) | (b[q + 18]! << 8) | b[q + 19]!) >>> 0;
      if (b[inner] !== 8 || qdst !== this.dst) return this.next();
      const seq = (b[inner + 6]! << 8) | b[inner + 7]!;
      const ident = (b[inner + 4]! << 8) | b[inner + 5]!;
      if (type !== 5 && type !== 4) return { kind: 'ack', seq, ident };
      const info = ((b[o + 4]! << 24) | (b[o + 5]! << 16) | (b[o + 6]! << 8) | b[o + 7]!) >>> 0;
      return { kind: 'notice', seq, ident, from: formatIPv4(d.from), text: prIcmph(type, b[o + 1]!, info) };
    }
    return this.next();
  }

  close(): void {
    this.sock.close();
  }
}

const FILTER_INITIAL = ~((1 << 4) | (1 << 3) | (1 << 11) | (1 << 12) | (1 << 5) | (1 << 0)) >>> 0;
const FILTER_AFTER_ERROR = ~((1 << 4) | (1 << 5) | (1 << 0)) >>> 0;

function csum(b: Uint8Array): number {
  let s = 0;
  let i = 0;
  for (; i + 1 < b.length; i += 2) s += (b[i]! << 8) | b[i + 1]!;
  if (i < b.length) s += b[i]! << 8;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** ping4_run() */
async function ping4Run(p: Process, o: PingOptions, target: string, addr: number, hostname: string): Promise<number> {
  const ns: Netns = p.netns;
  const sock = rawSocket(ns, 1);
  let ok = false;
  try {
    let source = o.source;
    let whereto = addr;
    const devIf = (): number => {
      const d = ns.devByName(o.device!);
      return d ? d.ifindex : 0;
    };
    if (source === 0) {
      let oif = 0;
      if (o.device !== undefined) {
        // SO_BINDTODEVICE on the probe and on the raw socket.
        const e = sock.bindToDevice(o.device);
        if (e) die(2, `SO_BINDTODEVICE ${o.device}: ${strerror(e === ENODEV ? ENODEV : e)}`);
        oif = devIf();
      }
      let r = udpConnectProbe(ns, whereto, { oif, tos: o.tos });
      if (r === EACCES) {
        if (!o.broadcast) die(2, 'Do you want to ping broadcast? Then -b. If not, check your local firewall rules');
        p.stderr('WARNING: pinging broadcast address\n');
        r = udpConnectProbe(ns, whereto, { oif, tos: o.tos, broadcast: true });
      }
      if (typeof r === 'number') die(2, `connect: ${strerror(r)}`);
      source = r.src;
      if (o.device !== undefined) {
        const ifa = inetIfaddrs(ns).find((x) => x.dev.name === o.device && x.addr === source);
        if (ifa && ifa.addr === whereto) sock.bindToDevice('');
        if (!ifa) p.stderr(`${prog}: Warning: source address might be selected on device other than: ${o.device}\n`);
      }
    } else if (o.device !== undefined) {
      const e = sock.bindToDevice(o.device);
      if (e) die(2, `SO_BINDTODEVICE ${o.device}: ${strerror(e)}`);
    }
    if (whereto === 0) whereto = source;
    const multicast = o.broadcast || (whereto >>> 28) === 0xe;
    if (multicast && o.pmtudisc === undefined) o.pmtudisc = 2;
    if (o.pmtudisc !== undefined) sock.pmtudisc = o.pmtudisc;
    if (o.strictSource) {
      const e = sock.bind(source);
      if (e) die(2, `bind: ${strerror(e)}`);
    }
    sock.icmpFilter = FILTER_INITIAL;
    sock.recverr = true;
    if (o.broadcast) sock.broadcast = true;
    if (o.ttl !== undefined) {
      if (sock.setTtl(o.ttl)) die(2, `cannot set unicast time-to-live: ${strerror(22)}`);
    }
    if (o.mark !== undefined) sock.mark = o.mark;
    sock.tos = o.tos;

    let head = `PING ${hostname} (${formatIPv4(whereto)}) `;
    if (o.device !== undefined || o.strictSource) head += `from ${formatIPv4(source)} ${o.device ?? ''}: `;
    head += `${o.datalen}(${o.datalen + 8 + 20}) bytes of data.\n`;
    p.stdout(head);

    const ident = o.ident ?? (p.kernel.random.u32() & 0xffff);
    const tr = new Icmp4Transport(sock, whereto);
    ok = true;
    const numeric = o.numeric;
    const cache = new Map<string, string>();
    const fmtFrom = (a: string): string => {
      if (numeric) return a;
      let s = cache.get(a);
      if (s === undefined) {
        const name = reverseName(p, inetPton4(a) ?? 0);
        s = name ? `${name} (${a})` : a;
        cache.set(a, s);
      }
      return s;
    };
    return await runPingLoop(p, o, tr, { hostname, ident }, fmtFrom);
  } finally {
    if (!ok) sock.close();
  }
  void target;
}

// ---------------------------------------------------------------------------------------
// IPv6 (ping6_common.c) over the ICMPv6 sockets of kernel/ipv6/ping.ts

const isLinkLocal6 = (a: Uint8Array) => a[0] === 0xfe && (a[1]! & 0xc0) === 0x80;
const isMcLinkLocal6 = (a: Uint8Array) => a[0] === 0xff && (a[1]! & 0x0f) === 2;
const isMulticast6 = (a: Uint8Array) => a[0] === 0xff;
const isUnspec6 = (a: Uint8Array) => a.every((x) => x === 0);

/** print_icmp() of ping6_common.c */
export function prIcmph6(type: number, code: number, info: number): string {
  switch (type) {
    case 1: {
      // iputils 20221126 names codes 0-4 only (5 and 6 are "Unknown code").
      const t = ['No route', 'Administratively prohibited', 'Beyond scope of source address', 'Address unreachable',
        'Port unreachable'][code];
      return `Destination unreachable: ${t ?? `Unknown code ${code}`}`;
    }
    case 2: return `Packet too big: mtu=${info}${code ? `, code=${code}` : ''}`;
    case 3: return `Time exceeded: ${code === 0 ? 'Hop limit' : code === 1 ? 'Defragmentation failure' : `code ${code}`}`;
    case 4: {
      const t = code === 0 ? 'Wrong header field ' : code === 1 ? 'Unknown header ' : code === 2 ? 'Unknown option ' : `code ${code} `;
      return `Parameter problem: ${t}at ${info}`;
    }
    case 128: return 'Echo request';
    case 129: return 'Echo reply';
    case 130: return 'MLD Query';
    case 131: return 'MLD Report';
    case 132: return 'MLD Reduction';
    default: return `unknown icmp type: ${type}`;
  }
}

class Icmp6Transport implements PingTransport {
  wake: (() => void) | undefined;
  private queue: PingEvent[] = [];
  constructor(readonly sock: Ping6Socket, readonly ns: Netns, readonly dst: Uint8Array, readonly scopeId: number,
    readonly o: PingOptions) {
    sock.onMessage = (m: Ping6Message) => {
      const ev = this.convert(m);
      if (ev) {
        this.queue.push(ev);
        this.wake?.();
      }
    };
  }

  fmt(a: Uint8Array, scopeId: number): string {
    let s = formatIPv6(a);
    if (scopeId && (isLinkLocal6(a) || isMcLinkLocal6(a))) s += `%${this.ns.devByIndex(scopeId)?.name ?? scopeId}`;
    return s;
  }

  private convert(m: Ping6Message): PingEvent | undefined {
    if (m.kind === 'reply') {
      return {
        kind: 'reply', seq: m.seq, ident: m.id, from: this.fmt(m.src, m.scopeId), ttl: m.hoplimit, icmpLen: m.icmpLen,
        payload: m.data, tstamp: this.ns.kernel.clock.now(), csumFailed: false,
      };
    }
    if (!m.origDst.every((x, i) => x === this.dst[i])) return undefined;
    return {
      kind: 'error', seq: m.seq, ident: m.id, from: this.fmt(m.offender, m.scopeId),
      text: prIcmph6(m.type, m.code, m.info), target: formatIPv6(m.origDst),
    };
  }

  send(seq: number, ident: number, payload: Uint8Array): number {
    return this.sock.send({
      dst: this.dst, scopeId: this.scopeId || undefined, id: ident, seq, payload,
      hoplimit: this.o.ttl, tclass: this.o.tos || undefined, mark: this.o.mark,
    });
  }

  next(): PingEvent | undefined {
    return this.queue.shift();
  }

  close(): void {
    this.sock.onMessage = undefined;
    this.sock.close();
  }
}

/** "addr%ifname" -> address and interface index (getaddrinfo() with a scope). */
function parse6(p: Process, s: string): { addr: Uint8Array; scopeId: number } | undefined {
  const pct = s.indexOf('%');
  const addr = parseIPv6(pct >= 0 ? s.slice(0, pct) : s);
  if (!addr) return undefined;
  let scopeId = 0;
  if (pct >= 0) {
    const name = s.slice(pct + 1);
    const dev = p.netns.devByName(name);
    if (dev) scopeId = dev.ifindex;
    else if (/^\d+$/.test(name)) scopeId = Number(name);
    else return undefined;
  }
  return { addr, scopeId };
}

/** ping6_run() */
async function ping6Run(p: Process, o: PingOptions, target: string, addr: Uint8Array, scopeId: number, hostname: string): Promise<number> {
  const ns = p.netns;
  let dev = undefined as ReturnType<Netns['devByName']>;
  if (o.device !== undefined) {
    dev = ns.devByName(o.device);
    if (!dev) die(2, `unknown iface: ${o.device}`);
  }
  let source: Uint8Array = new Uint8Array(16);
  let srcScope = 0;
  if (o.source6 !== undefined) {
    const s6 = parse6(p, o.source6);
    if (!s6) die(2, `invalid source address: ${o.source6}`);
    source = s6.addr;
    srcScope = s6.scopeId;
  }
  let firstScope = scopeId;
  const sock0 = ping6Open(ns, { bindDev: dev });
  if (typeof sock0 === 'number') die(2, `socket: ${strerror(sock0)}`);
  let sock: Ping6Socket = sock0;
  let ok = false;
  try {
    if (isUnspec6(source)) {
      if (dev && (isLinkLocal6(addr) || isMcLinkLocal6(addr))) firstScope = dev.ifindex;
      // A link-local first hop is "connected" with sin6_family left AF_UNSPEC, which only
      // disconnects: the source stays :: (and ping says so).
      if (!isLinkLocal6(addr) && !isMcLinkLocal6(addr)) {
        const r = sock.connect(addr, firstScope || undefined, { datagram: true });
        if (typeof r === 'number') die(2, `connect: ${strerror(r)}`);
        source = r.src;
      }
      if (dev) {
        const have = inet6Addrs(dev).some((a) => a.address.every((x, i) => x === source[i]));
        if (!have) p.stderr(`${prog}: Warning: source address might be selected on device other than: ${o.device}\n`);
      }
    } else if (dev && (isLinkLocal6(source) || isMcLinkLocal6(source))) {
      srcScope = dev.ifindex;
    }
    if (o.strictSource) {
      sock.close();
      const s2 = ping6Open(ns, { bindDev: dev, src: source, srcScopeId: srcScope || undefined });
      if (typeof s2 === 'number') die(2, `bind icmp socket: ${strerror(s2)}`);
      sock = s2;
    }
    const tr = new Icmp6Transport(sock, ns, addr, scopeId || (firstScope !== scopeId ? firstScope : 0), o);
    let head = `PING ${hostname}(${tr.fmt(addr, scopeId)}) `;
    if (o.device !== undefined || o.strictSource) head += `from ${tr.fmt(source, srcScope)} ${o.device ?? ''}: `;
    head += `${o.datalen} data bytes\n`;
    p.stdout(head);
    const ident = o.ident ?? (p.kernel.random.u32() & 0xffff);
    ok = true;
    return await runPingLoop(p, o, tr, { hostname, ident }, (a) => a);
  } finally {
    if (!ok) sock.close();
  }
  void target;
}

// ---------------------------------------------------------------------------------------

export const ping: Tool = async (p: Process) => {
  prog = (p.argv[0] ?? 'ping').split('/').pop() || 'ping';
  try {
    let o: PingOptions;
    try {
      o = parseArgs(p.argv);
    } catch (e) {
      if (e instanceof PingExit && e.status === -1) {
        p.stdout(VERSION);
        return 0;
      }
      throw e;
    }
    for (const w of o.warnings) p.stderr(w);
    if (o.targets.length === 0) die(1, 'usage error: Destination address required');
    const target = o.targets[o.targets.length - 1]!;
    if (o.targets.length > 1) {
      // Source routing through gateways (-R/-T/LSRR) is not emulated.
      die(2, `${o.targets[0]}: Name or service not known`);
    }
    // getaddrinfo()
    const isV6Literal = target.includes(':');
    let v4 = isV6Literal ? undefined : inetAton(target);
    let hostname = target;
    if (v4 === undefined && !isV6Literal) {
      const hosts = hostsEntries(p.kernel);
      const want6 = o.family === AF_INET6;
      const hit = hosts.find((h) => h.names.includes(target) && (want6 ? h.addr.includes(':') : !h.addr.includes(':')));
      if (hit && !want6) {
        v4 = inetAton(hit.addr);
        hostname = hit.names[0]!;
      } else if (hit && want6) {
        const a6 = parseIPv6(hit.addr)!;
        return await ping6Run(p, o, target, a6, 0, target);
      } else {
        die(2, `${target}: Temporary failure in name resolution`);
      }
    } else if (v4 !== undefined) {
      if (o.family === AF_INET6) die(2, `${target}: Address family for hostname not supported`);
      o.numeric = true;
    } else {
      if (o.family === AF_INET) die(2, `${target}: Address family for hostname not supported`);
      const t6 = parse6(p, target);
      if (!t6) die(2, `${target}: Name or service not known`);
      o.numeric = true;
      return await ping6Run(p, o, target, t6.addr, t6.scopeId, target);
    }
    if (o.source6 !== undefined) die(2, `invalid source address: ${o.source6}`);
    return await ping4Run(p, o, target, v4!, hostname);
  } catch (e) {
    if (e instanceof PingExit) {
      p.stderr(e.text);
      return e.status;
    }
    throw e;
  }
};
