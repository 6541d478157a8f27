// conntrack 1.4.7 (conntrack-tools): -L -G -D -F -C -S -E -I -U over the emulated namespace's
// connection table, in libnetfilter_conntrack's default, extended and XML formats.
import type { Process, Tool } from '../process.js';
import type { Netns } from '../../kernel/net_namespace.js';
import '../../kernel/netfilter/index.js';
import {
  NfConn, IPS_SEEN_REPLY, IPS_ASSURED, IPS_CONFIRMED, IPS_SRC_NAT, IPS_DST_NAT, IPS_SRC_NAT_DONE, IPS_DST_NAT_DONE,
  TCP_STATE_NAMES, ICMPV6_INVERSE,
  CT_L3_IPV4, CT_L3_IPV6, tuple4, tuple6, type Tuple,
} from '../../kernel/netfilter/nf_conntrack.js';
import {
  ctNet, nfCtList, nfCtCount, nfCtDelete, nfConntrackFind, nfConntrackInsert, nfCtAcctExtAdd, type CtEvent,
} from '../../kernel/netfilter/nf_conntrack_core.js';
import { tcpNew } from '../../kernel/netfilter/nf_conntrack_proto_tcp.js';
import { ipv4 } from '../iptables/ext/parse.js';
import { parseIPv6 } from '../../wire/inet.js';
import { ctLine, ctXml, ctSecondsLeft, PROTOS, XML_HEADER, XML_FOOTER, type LineOpts } from './snprintf.js';

const PROG = 'conntrack v1.4.7 (conntrack-tools)';
const TRY = "Try `conntrack -h' or 'conntrack --help' for more information.\n";

class CtError extends Error {
  constructor(readonly text: string, readonly status: number, readonly hint = false) {
    super(text);
  }
}

/** An address given to -s/-d/-r/-q (parse_addr()): IPv4 or IPv6, with the prefix length of
 *  -s/-d's CIDR notation (a network to match). */
interface Addr {
  af: number;
  v4: number;
  v6: Uint8Array | undefined;
  plen?: number;
}

interface TupleFilter {
  src?: Addr;
  dst?: Addr;
  sport?: number;
  dport?: number;
}

interface Filter {
  proto?: number;
  /** The address family: -f, or the one the addresses are of (0: any). */
  family: number;
  orig: TupleFilter;
  repl: TupleFilter;
  mark?: [number, number];
  status?: number;
  snat?: boolean;
  dnat?: boolean;
  timeout?: number;
  tcpState?: number;
  icmp: { type?: number; code?: number; id?: number };
}

/** nfct_cmp() on one address, or nfct_ip_net_cmp() for a network (-s/-d with /len). */
function addrMatch(a: Addr | undefined, v4: number, v6: Uint8Array | undefined): boolean {
  if (!a) return true;
  if (a.af === CT_L3_IPV4) {
    if (v6) return false;
    const mask = a.plen === undefined || a.plen === 32 ? 0xffffffff : a.plen === 0 ? 0 : (0xffffffff << (32 - a.plen)) >>> 0;
    return ((v4 ^ a.v4) & mask) >>> 0 === 0;
  }
  if (!v6) return false;
  const plen = a.plen ?? 128;
  for (let i = 0; i < 16; i++) {
    const m = plen >= (i + 1) * 8 ? 0xff : plen > i * 8 ? (0xff << (8 - (plen - i * 8))) & 0xff : 0;
    if ((v6[i]! ^ a.v6![i]!) & m) return false;
  }
  return true;
}

function tupleMatch(t: Tuple, f: TupleFilter): boolean {
  return addrMatch(f.src, t.src, t.src6) && addrMatch(f.dst, t.dst, t.dst6) &&
    (f.sport === undefined || t.sport === f.sport) && (f.dport === undefined || t.dport === f.dport);
}

/** A tuple of the family of `f` from its addresses (conntrack -I / -G). */
function tupleOf(af: number, src: Addr | undefined, dst: Addr | undefined, proto: number, sport: number, dport: number): Tuple {
  if (af === CT_L3_IPV6) {
    const zero = new Uint8Array(16);
    return tuple6(src?.v6 ?? zero, dst?.v6 ?? zero, proto, sport, dport);
  }
  return tuple4(src?.v4 ?? 0, dst?.v4 ?? 0, proto, sport, dport);
}

/** The first 32 bits of a tuple address: libnetfilter_conntrack 1.0.9 compares
 *  `union __nfct_address`'s v4 member, which is all of an IPv4 address and the first word of
 *  an IPv6 one. */
const word0 = (v4: number, v6: Uint8Array | undefined) =>
  (v6 ? ((v6[0]! << 24) | (v6[1]! << 16) | (v6[2]! << 8) | v6[3]!) >>> 0 : v4);

/** NFCT_GOPT_IS_SNAT || NFCT_GOPT_IS_SPAT (getobjopt_is_snat(), getobjopt_is_spat()): source
 *  NAT done and the reply's destination address or "port" differs from the original source's.
 *  The port is the l4 union's first 16 bits in both tuples: for ICMP and ICMPv6 the echo id
 *  against the reply's type and code, which always differ, so every ICMP connection that
 *  went through a nat table counts as source NATed. */
function isSnat(ct: NfConn): boolean {
  if (!(ct.status & IPS_SRC_NAT_DONE)) return false;
  const o = ct.tuple[0], r = ct.tuple[1];
  return word0(r.dst, r.dst6) !== word0(o.src, o.src6) || r.dport !== o.sport;
}

/** NFCT_GOPT_IS_DNAT || NFCT_GOPT_IS_DPAT, the same for the destination. */
function isDnat(ct: NfConn): boolean {
  if (!(ct.status & IPS_DST_NAT_DONE)) return false;
  const o = ct.tuple[0], r = ct.tuple[1];
  return word0(r.src, r.src6) !== word0(o.dst, o.dst6) || r.sport !== o.dport;
}

function matches(ct: NfConn, f: Filter): boolean {
  // NFCT_FILTER_DUMP_L3NUM: the kernel dumps only the family asked for.
  if (f.family && ct.tuple[0].l3num !== f.family) return false;
  if (f.proto !== undefined && ct.tuple[0].proto !== f.proto) return false;
  if (!tupleMatch(ct.tuple[0], f.orig) || !tupleMatch(ct.tuple[1], f.repl)) return false;
  if (f.mark && ((ct.mark & f.mark[1]) >>> 0) !== f.mark[0]) return false;
  if (f.status !== undefined && (ct.status & f.status) !== f.status) return false;
  // filter_nat(): both when both are asked for.
  if (f.snat && !isSnat(ct)) return false;
  if (f.dnat && !isDnat(ct)) return false;
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
  const f: Filter = { family: 0, orig: {}, repl: {}, icmp: {} };
  let familyOpt = false;
  /** set_family() */
  const setFamily = (af: number) => {
    if (!f.family) f.family = af;
    else if (f.family !== af) throw bad('mismatched address family');
  };
  const bad = (m: string) => new CtError(m, 2, true);
  let i = 0;
  const need = (o: string) => {
    const v = argv[i++];
    if (v === undefined) throw bad(`option \`${o}' requires an argument`);
    return v;
  };
  /** nfct_parse_addr_from_opt(): an IPv4 or IPv6 address; -s and -d may name a network. */
  const addr = (o: string, cidr: boolean, long: string) => {
    const v = need(o);
    const slash = v.indexOf('/');
    const host = slash < 0 ? v : v.slice(0, slash);
    let plen: number | undefined;
    let badMask = false;
    if (slash >= 0) {
      const m = /^-?\d+/.exec(v.slice(slash + 1));
      plen = m ? Number(m[0]) : 0;
      if (plen < 0 || !m || m[0].length !== v.length - slash - 1) badMask = true;
    }
    const a4 = ipv4(host);
    const a6 = a4 === undefined ? parseIPv6(host) : undefined;
    if (a4 === undefined && !a6) throw bad(`Invalid IP address \`${v}'`);
    const a: Addr = { af: a6 ? CT_L3_IPV6 : CT_L3_IPV4, v4: a4 ?? 0, v6: a6 };
    if (plen !== undefined && plen > (a6 ? 128 : 32)) badMask = true;
    setFamily(a.af);
    if (slash >= 0 && !cidr) throw bad(`CIDR notation unavailable for \`--${long}'`);
    if (badMask) throw bad('Invalid netmask');
    a.plen = plen;
    family = true;
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
      case '-s': case '--src': case '--orig-src': f.orig.src = addr(a, true, 'src'); break;
      case '-d': case '--dst': case '--orig-dst': f.orig.dst = addr(a, true, 'dst'); break;
      case '-r': case '--reply-src': f.repl.src = addr(a, false, 'reply-src'); break;
      case '-q': case '--reply-dst': f.repl.dst = addr(a, false, 'reply-dst'); break;
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
      case '--icmp-type': case '--icmp-code': case '--icmp-id':
      case '--icmpv6-type': case '--icmpv6-code': case '--icmpv6-id': {
        // The ICMP options come with -p icmp, the ICMPv6 ones with -p icmpv6.
        if (f.proto !== (a.startsWith('--icmpv6') ? 58 : 1)) throw bad(`unknown option \`${a}'`);
        const v = port(a);
        if (a.endsWith('-type')) f.icmp.type = v;
        else if (a.endsWith('-code')) f.icmp.code = v;
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
      case '-f': case '--family': {
        // strncmp() on the name's length: "ipv6foo" is ipv6.
        const v = need(a);
        if (v.startsWith('ipv4')) setFamily(CT_L3_IPV4);
        else if (v.startsWith('ipv6')) setFamily(CT_L3_IPV6);
        else throw bad(`\`${v}' unsupported protocol`);
        familyOpt = true;
        family = true;
        break;
      }
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
  // commands_v_options[]: -I and -G take no --family.
  if (familyOpt && (cmd === 'I' || cmd === 'G')) throw bad("Illegal option `--family' with this command");
  if (f.proto === 1 || f.proto === 58) {
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
      const t = tupleOf(f.family || CT_L3_IPV4, f.orig.src, f.orig.dst, f.proto ?? 0, f.orig.sport ?? 0, f.orig.dport ?? 0);
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
      // The family defaults to IPv4 for -I (do_parse()).
      const af = f.family || CT_L3_IPV4;
      const o = tupleOf(af, f.orig.src, f.orig.dst, f.proto, f.orig.sport ?? 0, f.orig.dport ?? 0);
      const r = tupleOf(af, f.repl.src ?? f.orig.dst, f.repl.dst ?? f.orig.src, f.proto,
        f.repl.sport ?? o.dport, f.repl.dport ?? o.sport);
      // ctnetlink_parse_tuple(): ICMP over IPv6 and ICMPv6 over IPv4 are refused, and so are
      // ICMPv6 types without an answer (icmpv6_nlattr_to_tuple()).
      if ((f.proto === 1 && af === CT_L3_IPV6) || (f.proto === 58 && (af === CT_L3_IPV4 ||
        ICMPV6_INVERSE[o.dport >> 8] === undefined))) {
        throw new CtError('Operation failed: invalid parameters', 1);
      }
      if (f.proto === 58) {
        r.dport = (ICMPV6_INVERSE[o.dport >> 8]! << 8) | (o.dport & 0xff);
        r.sport = o.sport;
      }
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
