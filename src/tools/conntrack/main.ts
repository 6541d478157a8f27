// conntrack 1.4.7 (conntrack-tools): -L -G -D -F -C -S -E -I -U over the emulated namespace's
// connection table, in libnetfilter_conntrack's default, extended and XML formats.
import type { Process, Tool } from '../process.js';
import type { Netns } from '../../kernel/net_namespace.js';
import '../../kernel/netfilter/index.js';
import {
  NfConn, IPS_SEEN_REPLY, IPS_ASSURED, IPS_CONFIRMED, IPS_SRC_NAT, IPS_DST_NAT, TCP_STATE_NAMES,
  type Tuple,
} from '../../kernel/netfilter/nf_conntrack.js';
import {
  ctNet, nfCtList, nfCtCount, nfCtDelete, nfConntrackFind, nfConntrackInsert, nfCtAcctExtAdd, type CtEvent,
} from '../../kernel/netfilter/nf_conntrack_core.js';
import { tcpNew } from '../../kernel/netfilter/nf_conntrack_proto_tcp.js';
import { ipv4 } from '../iptables/ext/parse.js';
import { ctLine, ctXml, ctSecondsLeft, PROTOS, XML_HEADER, XML_FOOTER, type LineOpts } from './snprintf.js';

const PROG = 'conntrack v1.4.7 (conntrack-tools)';
const TRY = "Try `conntrack -h' or 'conntrack --help' for more information.\n";

class CtError extends Error {
  constructor(readonly text: string, readonly status: number, readonly hint = false) {
    super(text);
  }
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
  let xml = false;
  // Whether the request names its address family (-f, or an address that implies it):
  // conntrack 1.4.7 sends updates as AF_UNSPEC otherwise.
  let family = false;
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
      case '-s': case '--src': case '--orig-src': f.orig.src = addr(a); family = true; break;
      case '-d': case '--dst': case '--orig-dst': f.orig.dst = addr(a); family = true; break;
      case '-r': case '--reply-src': f.repl.src = addr(a); family = true; break;
      case '-q': case '--reply-dst': f.repl.dst = addr(a); family = true; break;
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
      case '-f': case '--family': need(a); family = true; break;
      case '-o': case '--output': {
        const v = need(a);
        for (const w of v.split(',')) {
          if (w === 'extended') extended = true;
          else if (w === 'xml') xml = true;
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
  const show = (ct: NfConn, o: LineOpts) => (xml ? ctXml(ns, ct, o) : ctLine(ns, ct, { ...o, extended }));
  switch (cmd) {
    case 'L': case 'D': {
      const hits = nfCtList(ns).filter((ct) => matches(ct, f));
      let out = '';
      for (const ct of hits) {
        out += show(ct, { use: 1 }) + '\n';
        if (cmd === 'D') nfCtDelete(ns, ct);
      }
      const msg = `${PROG}: ${hits.length} flow entries have been ${cmd === 'L' ? 'shown' : 'deleted'}.\n`;
      if (xml && cmd === 'L') {
        // A dump in XML is framed (from its first entry on) and flushed before the count.
        if (out) p.stdout(XML_HEADER + out + XML_FOOTER);
        p.stderr(msg);
        return 0;
      }
      // stdout is flushed at exit, after the count on stderr.
      p.stderr(msg);
      if (out) p.stdout(out);
      return cmd === 'D' && hits.length === 0 ? 1 : 0;
    }
    case 'G': {
      const t = { src: f.orig.src ?? 0, dst: f.orig.dst ?? 0, proto: f.proto ?? 0, sport: f.orig.sport ?? 0, dport: f.orig.dport ?? 0 };
      const h = nfConntrackFind(ns, t);
      if (!h || h.dir !== 0) throw new CtError("Operation failed: such conntrack doesn't exist", 1);
      p.stderr(`${PROG}: 1 flow entries have been shown.\n`);
      // The reply holds a reference to the entry while it is printed; the XML of a get is
      // opened but never closed.
      p.stdout((xml ? XML_HEADER : '') + show(h.ct, { use: 2 }) + '\n');
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
      let events = 0;
      if (xml) p.stdout(XML_HEADER);
      const l = (ev: CtEvent, ct: NfConn) => {
        events++;
        p.stdout(xml ? `${ctXml(ns, ct, { event: ev })}\n` : `${`[${ev}]`.padStart(9)} ${ctLine(ns, ct, { extended, event: ev })}\n`);
      };
      net.listeners.add(l);
      await new Promise<void>((resolve) => {
        if (p.signal.aborted) resolve();
        p.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      net.listeners.delete(l);
      // event_sighandler()
      if (xml) p.stdout(XML_FOOTER);
      p.stderr(`${PROG}: ${events} flow events have been shown.\n`);
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
      nfCtAcctExtAdd(ns, ct);
      if (f.tcpState !== undefined && tcpNew(ct, 0x10, true)) ct.tcp!.state = f.tcpState;
      nfConntrackInsert(ns, ct);
      ctNet(ns).stat[0]!.insert++;
      p.stderr(`${PROG}: 1 flow entries have been created.\n`);
      return 0;
    }
    case 'U':
      return update(p, ns, f, family, show);
    default:
      throw bad('no command specified');
  }
}

/** -U (update_cb()): for each entry of the dump that the tuple options select, the new mark
 *  ((mark & ~mask) ^ value), status bits (only ever set) and timeout; entries left unchanged
 *  are skipped. Each change is sent as IPCTNL_MSG_CT_NEW and read back with a get. */
function update(p: Process, ns: Netns, f: Filter, family: boolean, show: (ct: NfConn, o: LineOpts) => string): number {
  const sel: Filter = { ...f, mark: undefined, status: undefined };
  let counter = 0;
  let out = '';
  for (const ct of nfCtList(ns)) {
    if (!matches(ct, sel)) continue;
    const mark = f.mark ? (((ct.mark & ~f.mark[1]) ^ f.mark[0]) >>> 0) : ct.mark;
    const status = f.status !== undefined ? (ct.status | f.status) : ct.status;
    const timeout = f.timeout !== undefined && f.timeout !== ctSecondsLeft(ns, ct);
    if (mark === ct.mark && status === ct.status && !timeout) continue;
    if (!family) {
      // The request goes out as AF_UNSPEC, which ctnetlink_parse_tuple() refuses; the
      // update's error is printed and the get that follows ends the command.
      p.stderr('Operation failed: Operation not supported\n');
      throw new CtError('Operation failed: Operation not supported', 1);
    }
    ct.mark = mark;
    ct.status = status;
    if (f.timeout !== undefined) ct.timeout = ns.kernel.clock.now() + f.timeout * 1000;
    for (const l of ctNet(ns).listeners) l('UPDATE', ct);
    // A timeout of 0 lets the entry expire at once: the get finds nothing (ENOENT) and the
    // entry is not counted.
    if (!nfConntrackFind(ns, ct.tuple[0])) continue;
    // conntrack 1.4.7 reads back the answers of every other get only.
    if (counter % 2 === 0) out += show(ct, { use: 2 }) + '\n';
    counter++;
  }
  p.stderr(`${PROG}: ${counter} flow entries have been updated.\n`);
  if (out) p.stdout(out);
  return counter ? 0 : 1;
}
