// ss(8) from iproute2 6.1 (misc/ss.c) for the TCP and UDP sockets of a namespace, read
// through the kernel's inet_diag dump (what sock_diag gives the real ss): the options that
// choose tables (-t -u -x -w -4 -6), states (-l -a, `state X`, `exclude X`) and details
// (-n -e -o -p -i -H), the filter expression, and the column layout of ss's buffered
// renderer (the Netid column only with more than one table, State only with more than
// one state). UDP is listed before TCP, as ss.c's main() calls udp_show() first.
import type { Process, Tool } from '../process.js';
import { tcpDiagDump, udpDiagDump, type InetDiagSock } from '../../kernel/ipv4/inet_diag.js';
import { localPortRange } from '../../kernel/ipv4/inet_hashtables.js';
import { formatIPv4 } from '../../wire/inet.js';
import { getservbyport } from '../etc_services.js';
import { Renderer, COL_NETID, COL_STATE, COL_RECVQ, COL_SENDQ, COL_ADDR, COL_PROC } from './render.js';
import { parseFilter, runFilter, FilterError, type SsFilter } from './filter.js';
import { USAGE } from './usage.js';

// enum { SS_UNKNOWN, SS_ESTABLISHED, ... SS_CLOSING, SS_MAX }: the kernel's TCP state numbers.
const SS_ESTABLISHED = 1, SS_SYN_SENT = 2, SS_SYN_RECV = 3, SS_TIME_WAIT = 6, SS_CLOSE = 7, SS_LISTEN = 10, SS_MAX = 12;
const SS_ALL = ((1 << SS_MAX) - 1) & ~1;
const SS_CONN = SS_ALL & ~((1 << SS_LISTEN) | (1 << SS_CLOSE) | (1 << SS_TIME_WAIT) | (1 << SS_SYN_RECV));

const SSTATE_NAME = ['UNKNOWN', 'ESTAB', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'UNCONN',
  'CLOSE-WAIT', 'LAST-ACK', 'LISTEN', 'CLOSING'];
const SSTATE_NAMEL = ['UNKNOWN', 'established', 'syn-sent', 'syn-recv', 'fin-wait-1', 'fin-wait-2', 'time-wait',
  'unconnected', 'close-wait', 'last-ack', 'listening', 'closing'];
const TMR_NAME = ['off', 'on', 'keepalive', 'timewait', 'persist', 'unknown'];

const TCP_DB = 1, UDP_DB = 2, RAW_DB = 4, UNIX_DB = 8, PACKET_DB = 16;

/** An early exit: text on stderr and the status. */
class SsExit extends Error {
  constructor(readonly text: string, readonly status: number, readonly toStdout = false) {
    super(text);
  }
}

/** scan_state() */
function scanState(s: string): number {
  const w = s.toLowerCase();
  if (w === 'close' || w === 'closed') return 1 << SS_CLOSE;
  if (w === 'syn-rcv') return 1 << SS_SYN_RECV;
  if (w === 'established') return 1 << SS_ESTABLISHED;
  if (w === 'all') return SS_ALL;
  if (w === 'connected') return SS_ALL & ~((1 << SS_CLOSE) | (1 << SS_LISTEN));
  if (w === 'synchronized') return SS_ALL & ~((1 << SS_CLOSE) | (1 << SS_LISTEN) | (1 << SS_SYN_SENT));
  if (w === 'bucket') return (1 << SS_SYN_RECV) | (1 << SS_TIME_WAIT);
  if (w === 'big') return SS_ALL & ~((1 << SS_SYN_RECV) | (1 << SS_TIME_WAIT));
  const i = SSTATE_NAMEL.indexOf(w);
  if (i > 0) return 1 << i;
  throw new SsExit(`ss: wrong state name: ${s}\n`, 255);
}

/** print_ms_timer() */
function msTimer(timeout: number): string {
  let secs = Math.floor(timeout / 1000);
  const minutes = Math.floor(secs / 60);
  secs %= 60;
  let msecs = timeout % 1000;
  let buf = '';
  if (minutes) {
    msecs = 0;
    buf = `${minutes}min`;
    if (minutes > 9) secs = 0;
  }
  if (secs) {
    if (secs > 9) msecs = 0;
    buf += `${secs}${msecs ? '.' : 'sec'}`;
  }
  if (msecs) buf += String(msecs).padStart(3, '0') + 'ms';
  return buf;
}

interface Opts {
  numeric: boolean;
  all: boolean;
  listening: boolean;
  options: boolean;
  details: boolean;
  processes: boolean;
  info: boolean;
  noHeader: boolean;
  family: number;
  dbs: number;
}

const LONG: Record<string, string> = {
  numeric: 'n', resolve: 'r', all: 'a', listening: 'l', options: 'o', extended: 'e', memory: 'm', processes: 'p',
  info: 'i', ipv4: '4', ipv6: '6', tcp: 't', udp: 'u', raw: 'w', unix: 'x', dccp: 'd', sctp: 'S', mptcp: 'M',
  packet: '0', 'no-header': 'H', oneline: 'O', help: 'h', version: 'V', summary: 's', threads: 'T', events: 'E',
  kill: 'K', bpf: 'b', context: 'Z', contexts: 'z',
};
const WITH_ARG = new Set(['f', 'A', 'D', 'F', 'N']);

/** getopt_long() over ss's option string. */
function parseOptions(argv: string[]): { o: Opts; rest: string[] } {
  const o: Opts = {
    numeric: false, all: false, listening: false, options: false, details: false, processes: false, info: false,
    noHeader: false, family: 0, dbs: 0,
  };
  const usageErr = (msg: string) => new SsExit(`ss: ${msg}\n${USAGE}`, 255);
  const apply = (c: string, arg: string | undefined) => {
    switch (c) {
      case 'n': o.numeric = true; break;
      case 'r': o.numeric = false; break;
      case 'a': o.all = true; break;
      case 'l': o.listening = true; break;
      case 'o': o.options = true; break;
      case 'e': o.options = true; o.details = true; break;
      case 'p': o.processes = true; break;
      case 'i': o.info = true; break;
      case 'm': case 'T': case 'O': case 'b': case 'E': case 'Z': case 'z': case 's': case 'K': break;
      case 'H': o.noHeader = true; break;
      case '4': o.family = 4; break;
      case '6': o.family = 6; break;
      case 't': o.dbs |= TCP_DB; break;
      case 'u': o.dbs |= UDP_DB; break;
      case 'w': o.dbs |= RAW_DB; break;
      case 'x': o.dbs |= UNIX_DB; break;
      case '0': o.dbs |= PACKET_DB; break;
      case 'd': case 'S': case 'M': o.dbs |= 64; break;
      case 'f': {
        const f = arg ?? '';
        if (f === 'inet') o.family = 4;
        else if (f === 'inet6') o.family = 6;
        else if (f === 'unix') o.dbs |= UNIX_DB;
        else if (f === 'link') o.dbs |= PACKET_DB;
        else if (f !== 'netlink' && f !== 'vsock' && f !== 'tipc' && f !== 'xdp') throw new SsExit(`ss: "${f}" is invalid family\n${USAGE}`, 255);
        break;
      }
      case 'A': case 'D': case 'F': case 'N': break;
      case 'h': throw new SsExit(USAGE, 0, true);
      case 'V': throw new SsExit('ss utility, iproute2-6.1.0\n', 0, true);
    }
  };
  const rest: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, val] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const hits = Object.keys(LONG).filter((k) => k.startsWith(name));
      const exact = hits.includes(name) ? name : hits.length === 1 ? hits[0] : undefined;
      if (!exact) throw usageErr(hits.length > 1 ? `option '${a}' is ambiguous` : `unrecognized option '${a}'`);
      if (val !== undefined) throw usageErr(`option '--${exact}' doesn't allow an argument`);
      apply(LONG[exact]!, undefined);
      continue;
    }
    if (a[0] !== '-' || a === '-') {
      rest.push(a);
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      if (!'dhaletuwxnro460spTbEf:mMiA:D:F:vVzZN:KHSO'.replace(/:/g, '').includes(c)) {
        throw usageErr(`invalid option -- '${c}'`);
      }
      if (WITH_ARG.has(c)) {
        let v = a.slice(k + 1);
        if (!v) {
          if (i + 1 >= argv.length) throw usageErr(`option requires an argument -- '${c}'`);
          v = argv[++i]!;
        }
        apply(c, v);
        break;
      }
      apply(c, undefined);
    }
  }
  return { o, rest };
}

/** resolve_service() */
function service(p: Process, port: number, proto: string, numeric: boolean): string {
  if (port === 0) return '*';
  if (numeric) return String(port);
  const [lo, hi] = localPortRange(p.netns);
  if (port < lo || port > hi) {
    const n = getservbyport(port, proto);
    if (n) return n;
  }
  return String(port);
}

export const ss: Tool = (p: Process): number => {
  let o: Opts, rest: string[];
  try {
    ({ o, rest } = parseOptions(p.argv));
    let states = o.all ? SS_ALL : o.listening ? (1 << SS_LISTEN) | (1 << SS_CLOSE) : SS_CONN;
    let sawStates = false;
    while (rest.length) {
      const w = rest[0]!;
      if (w === 'state' || w === 'exclude' || w === 'excl') {
        if (rest.length < 2) throw new SsExit('Command line is not complete. Try option "help"\n', 255);
        const v = scanState(rest[1]!);
        if (w === 'state') {
          if (!sawStates) states = 0;
          states |= v;
        } else {
          if (!sawStates) states = SS_ALL;
          states &= ~v;
        }
        sawStates = true;
        rest = rest.slice(2);
        continue;
      }
      break;
    }
    let dbs = o.dbs || (TCP_DB | UDP_DB | RAW_DB | UNIX_DB | PACKET_DB);
    if (o.family === 4 || o.family === 6) dbs &= TCP_DB | UDP_DB | RAW_DB | 64;
    const protoName = dbs === UDP_DB ? 'udp' : 'tcp';
    let filter: SsFilter | undefined;
    try {
      filter = parseFilter(rest, protoName);
    } catch (e) {
      if (e instanceof FilterError) throw new SsExit(e.lines.join('\n') + '\n', 1);
      throw e;
    }
    return show(p, o, dbs, states, filter);
  } catch (e) {
    if (e instanceof SsExit) {
      if (e.toStdout) p.stdout(e.text);
      else p.stderr(e.text);
      return e.status;
    }
    throw e;
  }
};

function show(p: Process, o: Opts, dbs: number, states: number, filter: SsFilter | undefined): number {
  const r = new Renderer(undefined);
  // The unix, UDP/TCP split of the Netid column counts the unix types as three tables.
  const tables = [TCP_DB, UDP_DB, RAW_DB, PACKET_DB, 64].filter((d) => dbs & d).length + (dbs & UNIX_DB ? 3 : 0);
  if (tables <= 1) r.columns[COL_NETID]!.disabled = true;
  if (!(states & (states - 1))) r.columns[COL_STATE]!.disabled = true;
  if (!o.noHeader) r.header();
  const v4 = o.family !== 6;
  if (v4 && dbs & UDP_DB) {
    for (const s of udpDiagDump(p.netns)) printSock(p, r, o, s, 'udp', states, filter);
  }
  if (v4 && dbs & TCP_DB) {
    for (const s of tcpDiagDump(p.netns)) printSock(p, r, o, s, 'tcp', states, filter);
  }
  p.stdout(r.render());
  return 0;
}

/** inet_show_sock(): one line (and -i's second line). */
function printSock(p: Process, r: Renderer, o: Opts, s: InetDiagSock, proto: string, states: number, filter: SsFilter | undefined): void {
  if (!(states & (1 << s.state))) return;
  if (!runFilter(filter, s)) return;
  // sock_state_print()
  r.set(COL_NETID);
  r.out(proto);
  r.set(COL_STATE);
  r.out(SSTATE_NAME[s.state] ?? 'UNKNOWN');
  r.set(COL_RECVQ);
  r.out(String(s.rqueue).padEnd(6));
  r.set(COL_SENDQ);
  r.out(String(s.wqueue).padEnd(6));
  r.set(COL_ADDR);
  // inet_addr_print() for both ends: "ADDR[%IFNAME]:" then the service.
  const ifname = s.boundIf ? p.netns.devByIndex(s.boundIf)?.name : undefined;
  r.out(`${formatIPv4(s.saddr)}${ifname ? '%' + ifname : ''}:`);
  r.next();
  r.out(service(p, s.sport, proto, o.numeric));
  r.next();
  r.out(`${formatIPv4(s.daddr)}:`);
  r.next();
  r.out(service(p, s.dport, proto, o.numeric));
  r.next();
  r.set(COL_PROC);
  if (o.processes && s.owner) r.out(` users:(("${s.owner.comm}",pid=${s.owner.pid},fd=3))`);
  if (o.options && s.timer) r.out(` timer:(${TMR_NAME[s.timer] ?? 'unknown'},${msTimer(s.expires)},${s.retrans})`);
  if (o.details) {
    if (s.uid) r.out(` uid:${s.uid}`);
    r.out(` ino:${s.inode} sk:${s.cookie.toString(16)}`);
  }
  if (o.info && proto === 'tcp' && s.tcp) {
    const t = s.tcp;
    r.out(`\n\t cubic rto:${t.rto} mss:${t.mss} rcvmss:${t.rcvMss} advmss:${t.advmss} cwnd:${t.cwnd}` +
      (t.ssthresh < 0x7fffffff ? ` ssthresh:${t.ssthresh}` : ''));
  }
}
