// traceroute(8) 2.1.2 by Dmitry Butskoy (Debian's traceroute.db), IPv4: traceroute.c's
// option table and checks, do_it()'s loop — up to 16 probes out at once (-N), each probe
// printed in order as soon as it and those before it are answered or expired, a probe
// expiring after MAX seconds or HERE/NEAR times the round trip of an answered neighbour
// (-w) — check_expired()'s shuffling of a final answer into an expired slot, and
// print_probe()'s line format. The "default" UDP method is mod_udp.ts, -I mod_icmp.ts.
// Time is the world's clock: in virtual time a wait for answers moves it forward.
import type { Process, Tool } from '../process.js';
import type { Clock } from '../../kernel/clock.js';
import type { Socket } from '../../kernel/socket.js';
import type { RawSocket } from '../../kernel/ipv4/ping.js';
import { strerror } from '../../kernel/errno.js';
import { formatIPv4 } from '../../wire/inet.js';
import { getservbyname } from '../etc_services.js';
import { clifParse, strtod, strtol, strtoul, type ClifArgument, type ClifOption } from './clif.js';
import { helpText } from './help.js';
import { waitUntil } from '../lib/wait.js';
import { hostsEntries } from '../lib/hosts.js';
import { newProbe, TraceError, type Probe, type TrModule } from './probe.js';
import { UdpModule } from './mod_udp.js';
import { IcmpModule } from './mod_icmp.js';

const MAX_HOPS = 255, MAX_PROBES = 10, DEF_HOPS = 30, DEF_SIM_PROBES = 16, DEF_NUM_PROBES = 3;
const DEF_WAIT_SECS = 5.0, DEF_HERE_FACTOR = 3, DEF_NEAR_FACTOR = 10, DEF_WAIT_PREC = 0.001;
const DEF_DATA_LEN = 40, MAX_PACKET_LEN = 65000;
const TIME_BASE = 1_000_000;
const VERSION = 'Modern traceroute for Linux, version 2.1.2\nCopyright (c) 2016  Dmitry Butskoy,   License: GPL v2 or any later\n';

/** The modules this build knows (tr_get_module()); only two are emulated. */
const MODULES = ['default', 'icmp', 'udp', 'udplite', 'tcp', 'tcpconn', 'raw', 'dccp'];

/** ex_error(): message on stderr, exit 2. */
class ExError extends Error {}

interface Options {
  firstHop: number;
  maxHops: number;
  simProbes: number;
  probesPerHop: number;
  noresolve: boolean;
  portSeq: number;
  tos: number;
  waitSecs: number;
  hereFactor: number;
  nearFactor: number;
  sendSecs: number;
  packetLen: number;
  module: string;
  device: string | undefined;
  fwmark: number;
  srcPort: number;
  af: number;
  dst: number;
  dstName: string;
}

/** inet_aton()'s forms ("10.1", "0x0a.1"...) as getaddrinfo() takes them for AF_INET. */
function inetAton(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length > 4 || parts.some((x) => !/^(0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)$/.test(x))) return undefined;
  const v = parts.map((x) => /^0[xX]/.test(x) ? parseInt(x.slice(2) || '0', 16) : x.length > 1 && x[0] === '0' ? parseInt(x, 8) : Number(x));
  const lim = [0xffffffff, 0xffffff, 0xffff, 0xff];
  let out = 0;
  for (let i = 0; i < v.length - 1; i++) {
    if (v[i]! > 255) return undefined;
    out = out * 256 + v[i]!;
  }
  const last = v[v.length - 1]!;
  if (last > lim[v.length - 1]!) return undefined;
  return (out * 2 ** (8 * (5 - v.length)) + last) >>> 0;
}

export class Tracer {
  readonly probes: Probe[] = [];
  ops!: TrModule;
  readonly pid: number;
  private readonly clock: Clock;

  constructor(readonly p: Process, readonly o: Options) {
    this.clock = p.kernel.clock;
    this.pid = p.kernel.random.int(1000, 60000);
  }

  /** get_time(), in seconds: gettimeofday() is never 0, and 0 means "not sent" to do_it(),
   *  so the world's clock is counted from an arbitrary epoch. */
  now(): number {
    return TIME_BASE + this.clock.now() / 1000;
  }

  /** Sleeps `ms` of world time (or until the signal). */
  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    await this.waitFor(ms, signal, () => false, () => {});
  }

  /** poll() on a raw socket: until ready() holds, `ms` passed, or the signal fired. */
  waitFor(ms: number, signal: AbortSignal, ready: () => boolean, setWaker: (fn: (() => void) | undefined) => void): Promise<void> {
    // Other programs' packets land (3 ms of real time) before the clock moves.
    return waitUntil(this.clock, this.clock.now() + ms, signal, { ready, setWaker, quietMs: 3 });
  }

  /** tune_socket() for a probe's UDP socket (bind_socket() included). */
  tuneSocket(s: Socket): void {
    if (this.o.fwmark) s.setsockopt('SO_MARK', this.o.fwmark);
    if (this.o.device !== undefined) {
      const e = s.setsockopt('SO_BINDTODEVICE', this.o.device);
      if (e) throw new TraceError('setsockopt SO_BINDTODEVICE', e);
    }
    const e = s.bind({ addr: 0, port: this.o.srcPort });
    if (e) throw new TraceError('bind', e);
    if (this.o.tos) s.setsockopt('IP_TOS', this.o.tos);
  }

  /** tune_socket() for the raw socket of -I. */
  tuneRaw(s: RawSocket): void {
    if (this.o.fwmark) s.mark = this.o.fwmark;
    if (this.o.device !== undefined) {
      const e = s.bindToDevice(this.o.device);
      if (e) throw new TraceError('setsockopt SO_BINDTODEVICE', e);
    }
    s.pmtudisc = 0;
    if (this.o.tos) s.tos = this.o.tos & 0xff;
  }

  probeBySeq(seq: number): Probe | undefined {
    if (seq <= 0) return undefined;
    return this.probes.find((pb) => pb.seq === seq);
  }

  /** parse_icmp_res(): the annotation of an ICMP error; any error but time exceeded is final. */
  parseIcmpRes(pb: Probe, type: number, code: number, info: number): void {
    let str: string | undefined;
    if (type === 11) {
      if (code === 0) return;
    } else if (type === 3) {
      switch (code) {
        case 0: case 6: case 8: case 11: str = '!N'; break;
        case 1: case 7: case 12: str = '!H'; break;
        case 9: case 10: case 13: str = '!X'; break;
        case 3: str = ''; break;
        case 2: str = '!P'; break;
        case 4: str = `!F-${info}`; break;
        case 5: str = '!S'; break;
        case 14: str = '!V'; break;
        case 15: str = '!C'; break;
        default: str = `!<${code}>`;
      }
    }
    if (str === undefined) str = `!<${type}-${code}>`;
    if (str) pb.errStr = str;
    pb.final = true;
  }

  /** get_timeout(): how long a probe is waited for, in seconds. */
  private getTimeout(idx: number): number {
    const { probes, o } = this;
    const pph = o.probesPerHop;
    if (o.hereFactor) {
      for (let i = idx - (idx % pph); i < idx - (idx % pph) + pph; i++) {
        const q = probes[i]!;
        const v = q.recvTime - q.sendTime;
        if (q.done && q.received && v > 0) return Math.min((v + DEF_WAIT_PREC) * o.hereFactor, o.waitSecs);
      }
    }
    if (o.nearFactor) {
      for (let i = idx + 1; i < probes.length && probes[i]!.sendTime; i++) {
        const q = probes[i]!;
        const v = q.recvTime - q.sendTime;
        if (q.done && q.received && v > 0) return Math.min((v + DEF_WAIT_PREC) * o.nearFactor, o.waitSecs);
      }
    }
    return o.waitSecs;
  }

  /** check_expired(): an expired probe takes the place of a later final answer that seems to
   *  belong to its hop (a destination that answered only the later of several probes). */
  private checkExpired(idx: number): void {
    const { probes, o } = this;
    const pph = o.probesPerHop;
    const pb = probes[idx]!;
    if (!pb.done) return;
    let pfp: Probe | undefined;
    for (let i = idx - (idx % pph); i < idx; i++) {
      const q = probes[i]!;
      if (!q.done || !q.final) return;
      pfp = q;
    }
    let fi = -1;
    for (let i = idx + 1; i < probes.length && probes[i]!.sendTime; i++) {
      const q = probes[i]!;
      if (q.done) {
        if (!q.final) return;
        fi = i;
        break;
      }
    }
    if (fi < 0) return;
    const fp = probes[fi]!;
    if (!fp.errStr) return;
    const replace = () => {
      probes[idx] = { ...fp };
      probes[fi] = { ...newProbe(), sendTime: 1 };
    };
    if (pfp || (idx % pph) + (fi - idx) < pph) return replace();
    for (let i = idx - 1; i >= 0; i--) if (probes[i]!.res !== undefined && probes[i]!.res === fp.res) return replace();
    if (fp.recvTtl) {
      const ttl2hops = (x: number) => (x <= 64 ? 65 : x <= 128 ? 129 : 256) - x;
      let backHops = ttl2hops(fp.recvTtl);
      for (let i = idx - 1; i >= 0; i--) {
        const q = probes[i]!;
        if (q.done && !q.final && q.recvTtl) {
          const hops = ttl2hops(q.recvTtl);
          if (hops < backHops) {
            backHops = backHops - hops + Math.floor(i / pph) + 1;
            break;
          }
        }
      }
      if (backHops <= Math.floor(idx / pph) + 1) return replace();
    }
  }

  /** print_addr() */
  private addrText(a: number): string {
    const s = formatIPv4(a);
    if (this.o.noresolve) return ` ${s}`;
    const name = hostsEntries(this.p.kernel).find((h) => h.addr === s)?.names[0];
    return ` ${name ?? s} (${s})`;
  }

  /** print_probe() */
  private printProbe(idx: number): void {
    const pph = this.o.probesPerHop;
    const pb = this.probes[idx]!;
    let np = idx % pph;
    let out = '';
    if (np === 0) out += `\n${String(Math.floor(idx / pph) + 1).padStart(2)} `;
    if (pb.res === undefined) {
      out += ' *';
    } else {
      let prn = np === 0;
      if (np) {
        let j = idx - 1;
        while (np && this.probes[j]!.res === undefined) {
          j--;
          np--;
        }
        if (!np || this.probes[j]!.res !== pb.res) prn = true;
      }
      if (prn) out += this.addrText(pb.res);
    }
    if (pb.received) out += `  ${((pb.recvTime - pb.sendTime) * 1000).toFixed(3)} ms`;
    if (pb.errStr) out += ` ${pb.errStr}`;
    this.p.stdout(out);
  }

  /** do_it() */
  async run(): Promise<void> {
    const { o, probes } = this;
    const pph = o.probesPerHop;
    let start = (o.firstHop - 1) * pph;
    let end = probes.length;
    let lastSend = 0;
    while (start < end) {
      let num = 0;
      let nextTime = 0;
      const now = this.now();
      for (let n = start; n < end; n++) {
        let pb = probes[n]!;
        if (n === start && !pb.done && pb.sendTime) {
          const expire = pb.sendTime + this.getTimeout(n);
          if (expire > now) nextTime = expire;
          else {
            this.ops.expireProbe(pb);
            this.checkExpired(n);
            pb = probes[n]!;
          }
        }
        if (pb.done) {
          if (n === start) {
            this.printProbe(n);
            start++;
          }
          if (pb.final) end = (Math.floor(n / pph) + 1) * pph;
          continue;
        }
        if (!pb.sendTime) {
          if (o.sendSecs && lastSend + o.sendSecs > now) {
            nextTime = lastSend + o.sendSecs;
            break;
          }
          await this.ops.sendProbe(pb, Math.floor(n / pph) + 1);
          if (!pb.sendTime) {
            if (nextTime) break;
            throw new TraceError('send probe', 105);
          }
          lastSend = pb.sendTime;
        }
        if (!nextTime) nextTime = pb.sendTime + this.getTimeout(n);
        if (++num >= o.simProbes) break;
      }
      if (nextTime) {
        const ms = Math.max(0, Math.ceil((nextTime - this.now()) * 1000 - 1e-6));
        await this.ops.poll(ms, this.p.signal);
        if (this.p.signal.aborted) return;
      }
    }
    this.p.stdout('\n');
  }
}

/** The option table of traceroute.c (IPv4 and the options that only set values). */
function options(o: Options, prog: string, p: Process): ClifOption[] {
  const uint = (set: (v: number) => void) => (a: string | undefined) => {
    const v = strtoul(a ?? '');
    if (v === undefined) return false;
    set(v);
    return true;
  };
  const flag = (set: () => void) => () => {
    set();
    return true;
  };
  const setPort = (set: (v: number) => void) => (a: string | undefined) => {
    const v = strtoul(a ?? '');
    if (v !== undefined) {
      set(v);
      return true;
    }
    const s = getservbyname(a ?? '', 'udp') ?? getservbyname(a ?? '', 'tcp');
    if (s === undefined) return false;
    set(s);
    return true;
  };
  const module = (m: string) => flag(() => { o.module = m; });
  return [
    { short: '4', set: flag(() => { o.af = 2; }) },
    { short: '6', set: flag(() => { o.af = 10; }) },
    { short: 'd', long: 'debug', set: flag(() => {}) },
    { short: 'F', long: 'dont-fragment', abbrev: true, set: flag(() => {}) },
    { short: 'f', long: 'first', arg: 'first_ttl', set: uint((v) => { o.firstHop = v; }) },
    { short: 'g', long: 'gateway', arg: 'gate,...', set: () => false },
    { short: 'I', long: 'icmp', set: module('icmp') },
    { short: 'T', long: 'tcp', set: module('tcp') },
    { short: 'i', long: 'interface', arg: 'device', set: (a) => { o.device = a; return true; } },
    { short: 'm', long: 'max-hops', arg: 'max_ttl', set: uint((v) => { o.maxHops = v; }) },
    { short: 'N', long: 'sim-queries', arg: 'squeries', set: uint((v) => { o.simProbes = v; }) },
    { short: 'n', set: flag(() => { o.noresolve = true; }) },
    { short: 'p', long: 'port', arg: 'port', set: setPort((v) => { o.portSeq = v; }) },
    { short: 't', long: 'tos', arg: 'tos', set: uint((v) => { o.tos = v; }) },
    { short: 'l', long: 'flowlabel', arg: 'flow_label', set: uint(() => {}) },
    {
      short: 'w', long: 'wait', arg: 'MAX,HERE,NEAR', set: (a) => {
        // set_wait_specs(): a lone MAX turns the HERE and NEAR factors off.
        o.hereFactor = o.nearFactor = 0;
        const m = strtod(a ?? '');
        if (!m) return false;
        o.waitSecs = m.value;
        if (m.rest === '') return true;
        const h = strtod(m.rest.slice(1));
        if (!h) return false;
        o.hereFactor = h.value;
        if (h.rest === '') return true;
        const nf = strtod(h.rest.slice(1));
        if (!nf || nf.rest !== '') return false;
        o.nearFactor = nf.value;
        return true;
      },
    },
    { short: 'q', long: 'queries', arg: 'nqueries', set: uint((v) => { o.probesPerHop = v; }) },
    { short: 'r', set: flag(() => {}) },
    { short: 's', long: 'source', arg: 'src_addr', set: () => false },
    {
      short: 'z', long: 'sendwait', arg: 'sendwait', set: (a) => {
        const m = strtod(a ?? '');
        if (!m) return false;
        o.sendSecs = m.value;
        return true;
      },
    },
    { short: 'e', long: 'extensions', abbrev: true, set: flag(() => {}) },
    { short: 'A', long: 'as-path-lookups', set: flag(() => {}) },
    { short: 'M', long: 'module', arg: 'name', set: (a) => { o.module = a ?? ''; return true; } },
    { short: 'O', long: 'options', arg: 'OPTS,...', set: () => false },
    { long: 'sport', arg: 'num', set: setPort((v) => { o.srcPort = v; }) },
    { long: 'fwmark', arg: 'num', set: uint((v) => { o.fwmark = v; }) },
    { short: 'U', long: 'udp', set: module('udp') },
    { long: 'UL', oneDash: true, set: module('udplite') },
    { short: 'D', long: 'dccp', set: module('dccp') },
    { short: 'P', long: 'protocol', arg: 'prot', set: () => { o.module = 'raw'; return true; } },
    { long: 'mtu', set: flag(() => {}) },
    { long: 'back', set: flag(() => {}) },
    { short: 'V', long: 'version', exit: true, set: flag(() => p.stderr(VERSION)) },
    { long: 'help', exit: true, set: flag(() => p.stderr(helpText(prog))) },
  ];
}

export const traceroute: Tool = async (p: Process): Promise<number> => {
  const prog = p.argv[0] ?? 'traceroute';
  const base = prog.slice(prog.lastIndexOf('/') + 1);
  const o: Options = {
    firstHop: 1, maxHops: DEF_HOPS, simProbes: DEF_SIM_PROBES, probesPerHop: DEF_NUM_PROBES, noresolve: false,
    portSeq: 0, tos: 0, waitSecs: DEF_WAIT_SECS, hereFactor: DEF_HERE_FACTOR, nearFactor: DEF_NEAR_FACTOR,
    sendSecs: 0, packetLen: -1, module: 'default', device: undefined, fwmark: 0, srcPort: 0, af: 0, dst: 0, dstName: '',
  };
  // check_progname()
  if (base.endsWith('6')) o.af = 10;
  else if (base.endsWith('4')) o.af = 2;
  if (base.startsWith('tcp')) o.module = 'tcp';
  if (base.startsWith('tracert')) o.module = 'icmp';

  const args: ClifArgument[] = [
    {
      name: 'host', strict: true, set: (a) => {
        // getaddr(): numeric IPv4, or a name from /etc/hosts.
        if (a.includes(':') || o.af === 10) {
          p.stderr(`${a}: Address family for hostname not supported\n`);
          return false;
        }
        let v = inetAton(a);
        if (v === undefined) {
          const hit = hostsEntries(p.kernel).find((h) => h.names.includes(a) && !h.addr.includes(':'));
          if (hit) v = inetAton(hit.addr);
        }
        if (v === undefined) {
          p.stderr(`${a}: Temporary failure in name resolution\n`);
          return false;
        }
        o.dst = v;
        o.dstName = a;
        if (!o.af) o.af = 2;
        return true;
      },
    },
    {
      name: 'packetlen', strict: false, set: (a) => {
        const v = strtol(a);
        if (v === undefined) return false;
        o.packetLen = v;
        return true;
      },
    },
  ];
  const r = clifParse(p.argv, options(o, prog, p), args, (line) => p.stderr(line + '\n'), () => p.stderr(helpText(prog)));
  if (r === 'exit') return 0;
  if (r === 'error') return 2;

  try {
    if (!MODULES.includes(o.module)) throw new ExError(`Unknown traceroute module ${o.module}`);
    if (!o.firstHop || o.firstHop > o.maxHops) throw new ExError('first hop out of range');
    if (o.maxHops > MAX_HOPS) throw new ExError(`max hops cannot be more than ${MAX_HOPS}`);
    if (!o.probesPerHop || o.probesPerHop > MAX_PROBES) throw new ExError(`no more than ${MAX_PROBES} probes per hop`);
    if (o.waitSecs < 0 || o.hereFactor < 0 || o.nearFactor < 0) {
      throw new ExError(`bad wait specifications \`${fmtG(o.waitSecs)},${fmtG(o.hereFactor)},${fmtG(o.nearFactor)}' used`);
    }
    if (o.packetLen > MAX_PACKET_LEN) throw new ExError(`too big packetlen ${o.packetLen} specified`);
    if (o.sendSecs < 0) throw new ExError(`bad sendtime \`${fmtG(o.sendSecs)}' specified`);
    if (o.sendSecs >= 10) o.sendSecs /= 1000;
    if (o.module !== 'default' && o.module !== 'icmp' && o.module !== 'udp') throw new ExError(`Unknown traceroute module ${o.module}`);
  } catch (e) {
    if (e instanceof ExError) {
      p.stderr(e.message + '\n');
      return 2;
    }
    throw e;
  }
  if (o.srcPort) {
    o.simProbes = 1;
    o.hereFactor = o.nearFactor = 0;
  }

  const t = new Tracer(p, o);
  const ops: TrModule = o.module === 'icmp' ? new IcmpModule(p.netns, t) : new UdpModule(p.netns, t, o.module === 'udp');
  t.ops = ops;
  const headerLen = 20 + ops.headerLen;
  let dataLen = 0;
  if (o.packetLen < 0) dataLen = DEF_DATA_LEN - ops.headerLen;
  else if (o.packetLen >= headerLen) dataLen = o.packetLen - headerLen;
  for (let i = 0; i < o.maxHops * o.probesPerHop; i++) t.probes.push(newProbe());
  try {
    ops.init(o.dst, o.portSeq, dataLen);
    // print_header(): no newline; each hop line starts with one.
    p.stdout(`traceroute to ${o.dstName} (${formatIPv4(o.dst)}), ${o.maxHops} hops max, ${headerLen + dataLen} byte packets`);
    await t.run();
  } catch (e) {
    if (e instanceof TraceError) {
      p.stderr(`\n${e.what}: ${strerror(e.errno)}\n`);
      return 1;
    }
    throw e;
  } finally {
    ops.close();
  }
  if (p.signal.aborted) return 128 + (p.signal.reason === 'SIGINT' ? 2 : p.signal.reason === 'SIGHUP' ? 1 : 15);
  return 0;
};

/** printf's %g for the values these messages show. */
function fmtG(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v < 0 ? '-inf' : 'inf';
  const s = Number(v.toPrecision(6)).toString();
  return s.includes('e') ? v.toExponential(5).replace(/\.?0+e/, 'e').replace(/e([+-])(\d)$/, 'e$10$2') : s;
}
