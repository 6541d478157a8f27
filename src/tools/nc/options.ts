// The command line of netcat-openbsd 1.219 (Debian 12): main()'s getopt() loop with its
// strtonum() range checks and messages, the TOS keywords of process_tos_opt(), and the
// "cruft" that works out the destination and port(s) from the operands. usage() and
// help() write to stderr.
import { getopt } from './getopt.js';

export const AF_UNSPEC = 0, AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;

/** Debian's getopt string: no TLS, with -b, -C (CRLF), -q and -Z (DCCP). */
const OPTSTRING = '46bCDdFhI:i:klM:m:NnO:P:p:q:rSs:T:tUuV:vW:w:X:x:Zz';

export const USAGE = `usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]
\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]
\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]
\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]
\t  [destination] [port]
`;

export const HELP = `OpenBSD netcat (Debian patchlevel 1.219-1)
${USAGE}\tCommand Summary:
\t\t-4\t\tUse IPv4
\t\t-6\t\tUse IPv6
\t\t-b\t\tAllow broadcast
\t\t-C\t\tSend CRLF as line-ending
\t\t-D\t\tEnable the debug socket option
\t\t-d\t\tDetach from stdin
\t\t-F\t\tPass socket fd
\t\t-h\t\tThis help text
\t\t-I length\tTCP receive buffer length
\t\t-i interval\tDelay interval for lines sent, ports scanned
\t\t-k\t\tKeep inbound sockets open for multiple connects
\t\t-l\t\tListen mode, for inbound connects
\t\t-M ttl\t\tOutgoing TTL / Hop Limit
\t\t-m minttl\tMinimum incoming TTL / Hop Limit
\t\t-N\t\tShutdown the network socket after EOF on stdin
\t\t-n\t\tSuppress name/port resolutions
\t\t-O length\tTCP send buffer length
\t\t-P proxyuser\tUsername for proxy authentication
\t\t-p port\t\tSpecify local port for remote connects
\t\t-q secs\t\tquit after EOF on stdin and delay of secs
\t\t-r\t\tRandomize remote ports
\t\t-S\t\tEnable the TCP MD5 signature option
\t\t-s sourceaddr\tLocal source address
\t\t-T keyword\tTOS value
\t\t-t\t\tAnswer TELNET negotiation
\t\t-U\t\tUse UNIX domain socket
\t\t-u\t\tUDP mode
\t\t-V rtable\tSpecify alternate routing table
\t\t-v\t\tVerbose
\t\t-W recvlimit\tTerminate after receiving a number of packets
\t\t-w timeout\tTimeout for connects and final net reads
\t\t-X proto\tProxy protocol: "4", "5" (SOCKS) or "connect"
\t\t-x addr[:port]\tSpecify proxy address and port
\t\t-Z\t\tDCCP mode
\t\t-z\t\tZero-I/O mode [used for scanning]
\tPort numbers can be individual or ranges: lo-hi [inclusive]
`;

export interface NcOptions {
  family: number;
  bflag: boolean;
  Cflag: boolean;
  Dflag: boolean;
  dflag: boolean;
  Fflag: boolean;
  /** -I: SO_RCVBUF */
  Iflag: number;
  /** -i: seconds between lines sent */
  iflag: number;
  kflag: boolean;
  lflag: boolean;
  /** -M: IP_TTL, -1 unset */
  ttl: number;
  /** -m: IP_MINTTL, -1 unset */
  minttl: number;
  Nflag: boolean;
  nflag: boolean;
  /** -O: SO_SNDBUF */
  Oflag: number;
  Pflag: string | undefined;
  pflag: string | undefined;
  /** -q: seconds to linger after EOF on stdin; -1 never quits on it */
  qflag: number;
  rflag: boolean;
  sflag: string | undefined;
  /** -T: IP_TOS, -1 unset */
  Tflag: number;
  tflag: boolean;
  uflag: boolean;
  vflag: boolean;
  /** -W: datagrams/reads before quitting, 0 unlimited */
  recvlimit: number;
  /** -w in ms, -1 none */
  timeout: number;
  /** -X: 5, 4 or -1 (HTTP CONNECT) */
  socksv: number;
  xflag: boolean;
  proxy: string | undefined;
  dccpflag: boolean;
  zflag: boolean;
}

/** The parsed command line, or the end main() came to while reading it. */
export type ParseResult =
  | { kind: 'run'; o: NcOptions; host: string | undefined; ports: string[] | undefined }
  | { kind: 'exit'; status: number; stderr: string };

/** libbsd strtonum(): the value, or its error string ("invalid", "too small", "too large"). */
export function strtonum(s: string, min: number, max: number): { value: number; errstr?: string } {
  if (min > max) return { value: 0, errstr: 'invalid' };
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/.exec(s);
  if (!m) return { value: 0, errstr: 'invalid' };
  const v = BigInt(m[1] === '-' ? `-${m[2]}` : m[2]!);
  if (v < BigInt(min)) return { value: 0, errstr: 'too small' };
  if (v > BigInt(max)) return { value: 0, errstr: 'too large' };
  return { value: Number(v) };
}

/** process_tos_opt(): DiffServ code points and the old TOS names. */
const TOS_KEYWORDS: Record<string, number> = {
  af11: 0x28, af12: 0x30, af13: 0x38, af21: 0x48, af22: 0x50, af23: 0x58, af31: 0x68, af32: 0x70,
  af33: 0x78, af41: 0x88, af42: 0x90, af43: 0x98, critical: 0xa0, cs0: 0x00, cs1: 0x20, cs2: 0x40,
  cs3: 0x60, cs4: 0x80, cs5: 0xa0, cs6: 0xc0, cs7: 0xe0, ef: 0xb8, inetcontrol: 0xc0, lowcost: 0x02,
  lowdelay: 0x10, netcontrol: 0xe0, reliability: 0x04, throughput: 0x08,
};

/** -T: a keyword, 0xNN (strtol base 16) or a decimal 0..255. */
function parseTos(arg: string): number | undefined {
  const k = TOS_KEYWORDS[arg];
  if (k !== undefined) return k;
  if (arg.length > 1 && arg[0] === '0' && arg[1] === 'x') {
    const m = /^0x([0-9a-fA-F]*)/.exec(arg)!;
    const v = m[1] ? parseInt(m[1], 16) : 0;
    return v >= 0 && v <= 255 ? v : undefined;
  }
  const r = strtonum(arg, 0, 255);
  return r.errstr ? undefined : r.value;
}

const INT_MAX = 2147483647, INT_MIN = -2147483648;

export function defaultOptions(): NcOptions {
  return {
    family: AF_UNSPEC, bflag: false, Cflag: false, Dflag: false, dflag: false, Fflag: false, Iflag: 0,
    iflag: 0, kflag: false, lflag: false, ttl: -1, minttl: -1, Nflag: false, nflag: false, Oflag: 0,
    Pflag: undefined, pflag: undefined, qflag: -1, rflag: false, sflag: undefined, Tflag: -1, tflag: false,
    uflag: false, vflag: false, recvlimit: 0, timeout: -1, socksv: 5, xflag: false, proxy: undefined,
    dccpflag: false, zflag: false,
  };
}

/** main() up to the point where sockets are made: options, then the operands' meaning. */
export function parseCommandLine(argv: string[], progname: string, posixlyCorrect: boolean): ParseResult {
  const o = defaultOptions();
  let stderr = '';
  const errx = (msg: string): ParseResult => ({ kind: 'exit', status: 1, stderr: `${stderr}${progname}: ${msg}\n` });
  const usage = (): ParseResult => ({ kind: 'exit', status: 1, stderr: stderr + USAGE });
  const operands: string[] = [];
  for (const [ch, arg] of getopt(argv[0] ?? 'nc', argv.slice(1), OPTSTRING, (t) => { stderr += t; }, operands, posixlyCorrect)) {
    const a = arg ?? '';
    switch (ch) {
      case '4': o.family = AF_INET; break;
      case '6': o.family = AF_INET6; break;
      case 'b': o.bflag = true; break;
      case 'U': o.family = AF_UNIX; break;
      case 'X':
        if (a.toLowerCase() === 'connect') o.socksv = -1;
        else if (a === '4') o.socksv = 4;
        else if (a === '5') o.socksv = 5;
        else return errx('unsupported proxy protocol');
        break;
      case 'C': o.Cflag = true; break;
      case 'd': o.dflag = true; break;
      case 'F': o.Fflag = true; break;
      case 'h': return { kind: 'exit', status: 0, stderr: stderr + HELP };
      case 'i': {
        const r = strtonum(a, 0, 4294967295);
        if (r.errstr) return errx(`interval ${r.errstr}: ${a}`);
        o.iflag = r.value;
        break;
      }
      case 'k': o.kflag = true; break;
      case 'l': o.lflag = true; break;
      case 'M': {
        const r = strtonum(a, 0, 255);
        if (r.errstr) return errx(`ttl is ${r.errstr}`);
        o.ttl = r.value;
        break;
      }
      case 'm': {
        const r = strtonum(a, 0, 255);
        if (r.errstr) return errx(`minttl is ${r.errstr}`);
        o.minttl = r.value;
        break;
      }
      case 'N': o.Nflag = true; break;
      case 'n': o.nflag = true; break;
      case 'P': o.Pflag = a; break;
      case 'p': o.pflag = a; break;
      case 'q': {
        const r = strtonum(a, INT_MIN, INT_MAX);
        if (r.errstr) return errx(`quit timer ${r.errstr}: ${a}`);
        o.qflag = r.value;
        if (o.qflag >= 0) o.Nflag = true;
        break;
      }
      case 'r': o.rflag = true; break;
      case 's': o.sflag = a; break;
      case 't': o.tflag = true; break;
      case 'u': o.uflag = true; break;
      case 'Z': o.dccpflag = true; break;
      case 'V': return errx('no alternate routing table support available');
      case 'v': o.vflag = true; break;
      case 'W': {
        const r = strtonum(a, 1, INT_MAX);
        if (r.errstr) return errx(`receive limit ${r.errstr}: ${a}`);
        o.recvlimit = r.value;
        break;
      }
      case 'w': {
        const r = strtonum(a, 0, Math.trunc(INT_MAX / 1000));
        if (r.errstr) return errx(`timeout ${r.errstr}: ${a}`);
        o.timeout = r.value * 1000;
        break;
      }
      case 'x': o.xflag = true; o.proxy = a; break;
      case 'z': o.zflag = true; break;
      case 'D': o.Dflag = true; break;
      case 'I': {
        const r = strtonum(a, 1, 65536 << 14);
        if (r.errstr) return errx(`TCP receive window ${r.errstr}: ${a}`);
        o.Iflag = r.value;
        break;
      }
      case 'O': {
        const r = strtonum(a, 1, 65536 << 14);
        if (r.errstr) return errx(`TCP send window ${r.errstr}: ${a}`);
        o.Oflag = r.value;
        break;
      }
      // readpassphrase(RPP_REQUIRE_TTY): a program run from a script has no terminal to ask on.
      case 'S': return errx('Unable to read TCP MD5SIG password');
      case 'T': {
        const v = parseTos(a);
        if (v === undefined) return errx(`illegal tos value ${a}`);
        o.Tflag = v;
        break;
      }
      default: return usage();
    }
  }

  // Cruft to make sure options are clean, and used properly.
  let host: string | undefined;
  let ports: string[] | undefined;
  const argc = operands.length;
  if (argc === 0 && o.lflag) {
    ports = o.pflag !== undefined ? [o.pflag] : undefined;
    host = o.sflag;
  } else if (argc === 1 && o.pflag === undefined && (o.sflag === undefined || (o.family === AF_UNIX && o.uflag && !o.lflag))) {
    if (o.family === AF_UNIX) host = operands[0];
    else if (o.lflag) ports = operands;
  } else if (argc >= 2) {
    if (o.lflag && (o.pflag !== undefined || o.sflag !== undefined || argc > 2)) return usage();
    host = operands[0];
    ports = operands.slice(1);
  } else {
    return usage();
  }

  if (o.family === AF_UNIX) {
    if (o.dccpflag) return errx('cannot use -Z and -U');
    if (ports && ports.length) return errx('cannot use port with -U');
    if (host === undefined) return errx('missing socket pathname');
  } else if (!ports || ports.length === 0) {
    return errx('missing port number');
  }
  if (o.lflag && o.zflag) return errx('cannot use -z and -l');
  if (!o.lflag && o.kflag) return errx('must use -l with -k');
  if (o.family === AF_UNIX && o.Fflag) return errx('cannot use -F and -U');
  if (o.xflag) {
    if (o.uflag) return errx('no proxy support for UDP mode');
    if (o.dccpflag) return errx('no proxy support for DCCP mode');
    if (o.lflag) return errx('no proxy support for listen');
    if (o.family === AF_UNIX) return errx('no proxy support for unix sockets');
    if (o.sflag !== undefined) return errx('no proxy support for local source address');
    const px = o.proxy ?? '';
    if (px.startsWith('[')) {
      const close = px.indexOf(']');
      if (close < 0) return errx('missing closing bracket in proxy');
      const after = px.slice(close + 1);
      if (after !== '' && after[0] !== ':') return errx('garbage proxy port delimiter');
    }
  }
  return { kind: 'run', o, host, ports };
}

/** The proxy's host and port: "[host]:port", "[host]", "host:port" (the last colon) or "host". */
export function splitProxy(proxy: string): { host: string; port: string | undefined } {
  if (proxy.startsWith('[')) {
    const close = proxy.indexOf(']');
    const after = proxy.slice(close + 1);
    return { host: proxy.slice(1, close), port: after === '' ? undefined : after.slice(1) };
  }
  const c = proxy.lastIndexOf(':');
  return c < 0 ? { host: proxy, port: undefined } : { host: proxy.slice(0, c), port: proxy.slice(c + 1) };
}
