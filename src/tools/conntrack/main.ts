// conntrack 1.4.7 (conntrack-tools): -L -G -D -F -C -S -E -I over the emulated namespace's
// connection table, in libnetfilter_conntrack's default and extended formats.
import type { Process, Tool } from '../process.js';
import type { Netns } from '../../kernel/net_namespace.js';
import '../../kernel/netfilter/index.js';
import {
  NfConn, IPS_SEEN_REPLY, IPS_ASSURED, IPS_CONFIRMED, IPS_SRC_NAT, IPS_DST_NAT, TCP_STATE_NAMES,
  type Tuple,
} from '../../kernel/netfilter/nf_conntrack.js';
import { ctNet, nfCtList, nfCtCount, nfCtDelete, nfConntrackFind, nfConntrackInsert, type CtEvent } from '../../kernel/netfilter/nf_conntrack_core.js';
import { sysctlInt } from '../../kernel/sysctl.js';
import { tcpNew } from '../../kernel/netfilter/nf_conntrack_proto_tcp.js';
import { ipv4, fmtAddr } from '../iptables/ext/parse.js';

const PROG = 'conntrack v1.4.7 (conntrack-tools)';
const TRY = "Try `conntrack -h' or 'conntrack --help' for more information.\n";
const PROTOS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, udplite: 136, sctp: 132, dccp: 33, gre: 47 };
const PROTO_NAMES: Record<number, string> = Object.fromEntries(Object.entries(PROTOS).map(([n, v]) => [v, n]));

class CtError extends Error {
  constructor(readonly text: string, readonly status: number, readonly hint = false) {
    super(text);
  }
}

/** The tuple fields as nfct_snprintf() prints them. */
function tupleStr(t: Tuple): string {
  let s = `src=${fmtAddr(t.src)} dst=${fmtAddr(t.dst)} `;
  if (t.proto === 6 || t.proto === 17 || t.proto === 136 || t.proto === 132 || t.proto === 33) {
    s += `sport=${t.sport} dport=${t.dport} `;
  } else if (t.proto === 1) s += `type=${t.dport >> 8} code=${t.dport & 0xff} id=${t.sport} `;
  return s;
}

/** One entry in the default (or, `extended`, /proc/net/nf_conntrack-like) format. */
export function ctLine(ns: Netns, ct: NfConn, extended: boolean, proc = false): string {
  const o = ct.tuple[0], r = ct.tuple[1];
  let s = extended ? 'ipv4     2 ' : '';
  s += `${(PROTO_NAMES[o.proto] ?? 'unknown').padEnd(8)} ${o.proto} `;
  s += `${Math.max(0, Math.floor((ct.timeout - ns.kernel.clock.now()) / 1000))} `;
  if (ct.tcp) s += `${TCP_STATE_NAMES[ct.tcp.state]} `;
  const acct = sysctlInt(ns, 'net.netfilter.nf_conntrack_acct') !== 0;
  s += tupleStr(o);
  if (acct) s += `packets=${ct.packets[0]} bytes=${ct.bytes[0]} `;
  if (!(ct.status & IPS_SEEN_REPLY)) s += '[UNREPLIED] ';
  s += tupleStr(r);
  if (acct) s += `packets=${ct.packets[1]} bytes=${ct.bytes[1]} `;
  if (ct.status & IPS_ASSURED) s += '[ASSURED] ';
  s += `mark=${ct.mark} `;
  if (proc) s += 'zone=0 ';
  return s + `use=${proc ? 2 : 1}`;
}

interface Filter {
  proto?: number;
  orig: Partial<Tuple>;
  repl: Partial<Tuple>;
  mark?: [number, number];
  status?: number;
  snat?: boolean;
  dnat?: boolean;
  timeout?: number;
  tcpState?: number;
  icmp: { type?: number; code?: number; id?: number };
}

function tupleMatch(t: Tuple, f: Partial<Tuple>): boolean {
  return (f.src === undefined || t.src === f.src) && (f.dst === undefined || t.dst === f.dst) &&
    (f.sport === undefined || t.sport === f.sport) && (f.dport === undefined || t.dport === f.dport);
}

function matches(ct: NfConn, f: Filter): boolean {
  if (f.proto !== undefined && ct.tuple[0].proto !== f.proto) return false;
  if (!tupleMatch(ct.tuple[0], f.orig) || !tupleMatch(ct.tuple[1], f.repl)) return false;
  if (f.mark && ((ct.mark & f.mark[1]) >>> 0) !== f.mark[0]) return false;
  if (f.status !== undefined && (ct.status & f.status) !== f.status) return false;
  if (f.snat && !(ct.status & IPS_SRC_NAT)) return false;
  if (f.dnat && !(ct.status & IPS_DST_NAT)) return false;
  return true;
}

const STATUS: Record<string, number> = { ASSURED: IPS_ASSURED, SEEN_REPLY: IPS_SEEN_REPLY, CONFIRMED: IPS_CONFIRMED, SRC_NAT: IPS_SRC_NAT, DST_NAT: IPS_DST_NAT };

export const conntrack: Tool = async (p: Process) => {
  try {
    return await run(p);
  } catch (e) {
    if (e instanceof CtError) {
      p.stderr(`${PROG}: ${e.text}\n${e.hint ? TRY : ''}`);
      return e.status;
    }
    throw e;
  }
};

async function run(p: Process): Promise<number> {
  const argv = p.argv.slice(1);
  let cmd = '';
  let extended = false;
  const f: Filter = { orig: {}, repl: {}, icmp: {} };
  const bad = (m: string) => new CtError(m, 2, true);
  let i = 0;
  const need = (o: string) => {
    const v = argv[i++];
    if (v === undefined) throw bad(`option \`${o}' requires an argument`);
    return v;
  };
  const addr = (o: string) => {
    const v = need(o);
    const a = ipv4(v);
    if (a === undefined) throw bad(`Bad parameter \`${v}'`);
    return a;
  };
  const port = (o: string) => {
    const v = need(o);
    if (!/^\d+$/.test(v) || Number(v) > 65535) throw bad(`Bad parameter \`${v}'`);
    return Number(v);
  };
  const CMDS: Record<string, string> = {
    '-L': 'L', '--dump': 'L', '-G': 'G', '--get': 'G', '-D': 'D', '--delete': 'D', '-F': 'F', '--flush': 'F',
    '-C': 'C', '--count': 'C', '-S': 'S', '--stats': 'S', '-E': 'E', '--event': 'E', '-I': 'I', '--create': 'I',
    '-U': 'U', '--update': 'U',
  };
  while (i < argv.length) {
    const a = argv[i++]!;
    if (CMDS[a]) {
      if (cmd) throw bad('Invalid parameters');
      cmd = CMDS[a]!;
      // -L/-D/-F/-E may name a table (conntrack, expect, dying, unconfirmed).
      if (argv[i] !== undefined && /^(conntrack|expect|dying|unconfirmed)$/.test(argv[i]!)) i++;
      continue;
    }
    switch (a) {
      case '-V': case '--version':
        p.stdout(`${PROG}\n`);
        return 0;
      case '-p': case '--proto': {
        const v = need(a);
        const n = PROTOS[v.toLowerCase()] ?? (/^\d+$/.test(v) ? Number(v) : undefined);
        if (n === undefined) throw bad(`\`${v}' unsupported protocol`);
        f.proto = n;
        break;
      }
      case '-s': case '--src': case '--orig-src': f.orig.src = addr(a); break;
      case '-d': case '--dst': case '--orig-dst': f.orig.dst = addr(a); break;
      case '-r': case '--reply-src': f.repl.src = addr(a); break;
      case '-q': case '--reply-dst': f.repl.dst = addr(a); break;
      // The protocol's own options exist only once -p has named it.
      case '--sport': case '--orig-port-src': case '--dport': case '--orig-port-dst':
      case '--reply-port-src': case '--reply-port-dst': case '--state': {
        if (f.proto !== 6 && f.proto !== 17 && f.proto !== 132 && f.proto !== 33 && f.proto !== 136) throw bad(`unknown option \`${a}'`);
        if (a === '--state') {
          const v = need(a);
          const st = TCP_STATE_NAMES.indexOf(v);
          if (f.proto !== 6 || st < 1) throw bad(`Bad parameter \`${v}'`);
          f.tcpState = st;
          break;
        }
        const v = port(a);
        if (a === '--sport' || a === '--orig-port-src') f.orig.sport = v;
        else if (a === '--dport' || a === '--orig-port-dst') f.orig.dport = v;
        else if (a === '--reply-port-src') f.repl.sport = v;
        else f.repl.dport = v;
        break;
      }
      case '--icmp-type': case '--icmp-code': case '--icmp-id': {
        if (f.proto !== 1) throw bad(`unknown option \`${a}'`);
        const v = port(a);
        if (a === '--icmp-type') f.icmp.type = v;
        else if (a === '--icmp-code') f.icmp.code = v;
        else f.icmp.id = v;
        break;
      }
      case '-m': case '--mark': {
        const v = need(a);
        const [m, k] = v.split('/');
        f.mark = [Number(m) >>> 0, k === undefined ? 0xffffffff : Number(k) >>> 0];
        break;
      }
      case '-u': case '--status': {
        let s = 0;
        for (const w of need(a).split(',')) {
          if (STATUS[w] === undefined) throw bad(`Bad parameter \`${w}'`);
          s |= STATUS[w]!;
        }
        f.status = s;
        break;
      }
      case '-t': case '--timeout': f.timeout = port(a); break;
      case '-n': case '--src-nat': f.snat = true; break;
      case '-g': case '--dst-nat': f.dnat = true; break;
      case '-f': case '--family': need(a); break;
      case '-o': case '--output': {
        const v = need(a);
        for (const w of v.split(',')) {
          if (w === 'extended') extended = true;
          else if (!['xml', 'timestamp', 'id', 'ktimestamp', 'labels', 'userspace', 'save'].includes(w)) throw bad(`Bad parameter \`${w}'`);
        }
        break;
      }
      case '-e': case '--event-mask': need(a); break;
      default:
        throw bad(`unknown option \`${a}'`);
    }
  }
  if (f.proto === 1) {
    if (f.icmp.id !== undefined) f.orig.sport = f.icmp.id;
    if (f.icmp.type !== undefined) f.orig.dport = (f.icmp.type << 8) | (f.icmp.code ?? 0);
  }
  const ns = p.netns;
  switch (cmd) {
    case 'L': case 'D': {
      const hits = nfCtList(ns).filter((ct) => matches(ct, f));
      let out = '';
      for (const ct of hits) {
        out += ctLine(ns, ct, extended) + '\n';
        if (cmd === 'D') nfCtDelete(ns, ct);
      }
      p.stderr(`${PROG}: ${hits.length} flow entries have been ${cmd === 'L' ? 'shown' : 'deleted'}.\n`);
      if (out) p.stdout(out);
      return cmd === 'D' && hits.length === 0 ? 1 : 0;
    }
    case 'G': {
      const t = { src: f.orig.src ?? 0, dst: f.orig.dst ?? 0, proto: f.proto ?? 0, sport: f.orig.sport ?? 0, dport: f.orig.dport ?? 0 };
      const h = nfConntrackFind(ns, t);
      if (!h || h.dir !== 0) throw new CtError("Operation failed: such conntrack doesn't exist", 1);
      p.stderr(`${PROG}: 1 flow entries have been shown.\n`);
      // The reply holds a reference to the entry while it is printed.
      p.stdout(ctLine(ns, h.ct, extended).replace(/use=1$/, 'use=2') + '\n');
      return 0;
    }
    case 'F':
      for (const ct of nfCtList(ns)) nfCtDelete(ns, ct);
      p.stderr(`${PROG}: connection tracking table has been emptied.\n`);
      return 0;
    case 'C':
      p.stdout(`${nfCtCount(ns)}\n`);
      return 0;
    case 'S': {
      let out = '';
      ctNet(ns).stat.forEach((s, cpu) => {
        out += `cpu=${String(cpu).padEnd(4)}\tfound=${s.found} invalid=${s.invalid} insert=${s.insert} ` +
          `insert_failed=${s.insert_failed} drop=${s.drop} early_drop=${s.early_drop} error=${s.error} ` +
          `search_restart=${s.search_restart} clash_resolve=${s.clash_resolve} chaintoolong=${s.chaintoolong} \n`;
      });
      p.stdout(out);
      return 0;
    }
    case 'E': {
      const net = ctNet(ns);
      const l = (ev: CtEvent, ct: NfConn) => {
        p.stdout(`${`[${ev}]`.padStart(9)} ${ctLine(ns, ct, extended)}\n`);
      };
      net.listeners.add(l);
      await new Promise<void>((resolve) => {
        if (p.signal.aborted) resolve();
        p.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      net.listeners.delete(l);
      return 0;
    }
    case 'I': {
      if (f.proto === undefined || f.orig.src === undefined || f.orig.dst === undefined || f.timeout === undefined) {
        throw bad('missing required parameters');
      }
      const o: Tuple = { src: f.orig.src, dst: f.orig.dst, proto: f.proto, sport: f.orig.sport ?? 0, dport: f.orig.dport ?? 0 };
      const r: Tuple = {
        src: f.repl.src ?? o.dst, dst: f.repl.dst ?? o.src, proto: f.proto,
        sport: f.repl.sport ?? o.dport, dport: f.repl.dport ?? o.sport,
      };
      if (nfConntrackFind(ns, o) || nfConntrackFind(ns, r)) throw new CtError('Operation failed: Such conntrack exists, try -U to update', 1);
      const ct = new NfConn(o, r);
      ct.status = f.status ?? 0;
      ct.mark = f.mark?.[0] ?? 0;
      ct.start = ns.kernel.clock.now();
      ct.timeout = ct.start + f.timeout * 1000;
      if (f.tcpState !== undefined && tcpNew(ct, 0x10, true)) ct.tcp!.state = f.tcpState;
      nfConntrackInsert(ns, ct);
      ctNet(ns).stat[0]!.insert++;
      p.stderr(`${PROG}: 1 flow entries have been created.\n`);
      return 0;
    }
    case 'U':
      throw new CtError('Operation failed: Operation not supported', 1);
    default:
      throw bad('no command specified');
  }
}
