// libpcap's grammar.y (1.10) as a recursive-descent parser, generating code as yacc's
// reductions would, in the same order. What it keeps of yacc:
//  - `and` and `or` have one precedence and group to the left ("a or b and c" is
//    "(a or b) and c"); `not` binds tighter;
//  - a bare address after and/or/not takes the qualifiers of the term before it
//    ("host a or b", "src port 80 or 81"): the grammar's $<blk>0, passed here as `q`;
//  - a parse error is "can't parse filter expression: syntax error"; a name with no
//    qualifiers to inherit is "syntax error in filter expression".
import { FilterError } from './errors.js';
import { scan, type Tok } from './scanner.js';
import {
  CompilerState, QERR, PROTO_UNDEF, and, or, not, symOf,
  type Arth, type Pred, type QAddr, type QDir, type QProto, type Qual,
} from './gencode.js';
import { atoin, etherAton, nameToAddrs, nameToEproto, nameToPort, nameToPortRange, nameToProto } from './nametoaddr.js';
import { parseIPv6 } from '../../../wire/inet.js';
import { satisfiable } from './optimize.js';

const IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_SCTP = 132;

/** Words that can qualify a protocol (pname). */
const PNAMES = new Set<string>([
  'link', 'ip', 'arp', 'rarp', 'sctp', 'tcp', 'udp', 'icmp', 'igmp', 'igrp', 'pim', 'vrrp', 'carp',
  'atalk', 'aarp', 'decnet', 'lat', 'sca', 'mopdl', 'moprc', 'ip6', 'icmp6', 'ah', 'esp', 'iso', 'esis',
  'isis', 'l1', 'l2', 'iih', 'lsp', 'snp', 'psnp', 'csnp', 'clnp', 'stp', 'ipx', 'netbeui', 'radio',
]);
const DQUALS = new Set(['src', 'dst', 'addr1', 'addr2', 'addr3', 'addr4', 'ra', 'ta']);
const AQUALS = new Set(['host', 'net', 'port', 'portrange']);
const RELOPS = new Set(['>', '>=', '=', '<=', '<', '!=']);
const ARITH_OPS = new Set(['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>']);
// binary operator precedence (%left lines of grammar.y, lowest first)
const PREC: Record<string, number> = { '|': 1, '^': 1, '&': 2, '<<': 3, '>>': 3, '+': 4, '-': 4, '*': 5, '/': 5, '%': 5 };

class SyntaxErr extends Error {}

interface Blk {
  b: Pred;
  q: Qual;
}

/** Compiles a filter expression for the link type of `cs`; undefined for an empty one
 *  (which accepts everything). Throws FilterError with libpcap's message. */
export function compileFilter(expr: string, cs: CompilerState): Pred | undefined {
  const toks = scan(expr);
  const ps = new Parser(toks, cs);
  try {
    return ps.prog();
  } catch (e) {
    if (e instanceof SyntaxErr) throw new FilterError("can't parse filter expression: syntax error");
    throw e;
  }
}

class Parser {
  private i = 0;

  constructor(private readonly toks: Tok[], private readonly cs: CompilerState) {}

  // --- tokens -------------------------------------------------------------------------

  private peek(k = 0): Tok {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }

  private next(): Tok {
    const t = this.peek();
    if (t.t === 'lexerr') throw new SyntaxErr();
    this.i++;
    return t;
  }

  private isKw(t: Tok, ...k: string[]): boolean {
    return t.t === 'kw' && k.includes(t.k);
  }

  private isOp(t: Tok, ...s: string[]): boolean {
    return t.t === 'op' && s.includes(t.s);
  }

  private expectOp(s: string): void {
    if (!this.isOp(this.peek(), s)) throw new SyntaxErr();
    this.i++;
  }

  private num(): number {
    const t = this.next();
    if (t.t !== 'num') throw new SyntaxErr();
    return t.v;
  }

  // --- prog, expr, term -----------------------------------------------------------------

  prog(): Pred | undefined {
    if (this.peek().t === 'eof') return undefined;
    const r = this.expr(QERR);
    if (this.peek().t !== 'eof') throw new SyntaxErr();
    // bpf_optimize(): a program that folds into "ret #0"
    if (!satisfiable(symOf(r.b))) throw new FilterError('expression rejects all packets');
    return r.b;
  }

  /** expr: term | expr and term | expr and id | expr or term | expr or id */
  private expr(q0: Qual): Blk {
    let r = this.term(q0);
    for (;;) {
      const t = this.peek();
      if (!this.isKw(t, 'and', 'or')) return r;
      this.next();
      const rhs = this.startsId(this.i) ? this.id(r.q) : this.term(r.q);
      r = { b: t.t === 'kw' && t.k === 'and' ? and(r.b, rhs.b) : or(r.b, rhs.b), q: rhs.q };
    }
  }

  /** term: rterm | not term */
  private term(q0: Qual): Blk {
    if (this.isKw(this.peek(), '!')) {
      this.next();
      const r = this.term(q0);
      return { b: not(r.b), q: r.q };
    }
    return this.rterm(q0);
  }

  /** Whether the tokens at `at` make an `id` (an address inheriting qualifiers) rather than a
   *  `term`, as yacc's lookahead decides it. */
  private startsId(at: number): boolean {
    const t = this.toks[at]!;
    switch (t.t) {
      case 'id': case 'hid': case 'hid6': case 'eid': case 'aid': return true;
      case 'num': return !this.arithFollows(at + 1);
      case 'kw': return t.k === '!' && this.startsId(at + 1);
      case 'op':
        if (t.s === '(') {
          // a parenthesized number: an id unless arithmetic follows the group
          const end = this.pnumEnd(at);
          if (end !== undefined) return !this.arithFollows(end);
          return this.startsId(at + 1);
        }
        return false;
      default: return false;
    }
  }

  /** The index after a pnum ("N" or "( pnum )") starting at `at`, if there is one. */
  private pnumEnd(at: number): number | undefined {
    const t = this.toks[at]!;
    if (t.t === 'num') return at + 1;
    if (t.t === 'op' && t.s === '(') {
      const e = this.pnumEnd(at + 1);
      if (e !== undefined && this.isOp(this.toks[e]!, ')')) return e + 1;
    }
    return undefined;
  }

  private arithFollows(at: number): boolean {
    const t = this.toks[at]!;
    return t.t === 'op' && (ARITH_OPS.has(t.s) || RELOPS.has(t.s));
  }

  /** The index just after the parenthesized group opening at `at`. */
  private groupEnd(at: number): number | undefined {
    let depth = 0;
    for (let k = at; k < this.toks.length; k++) {
      const t = this.toks[k]!;
      if (t.t === 'eof' || t.t === 'lexerr') return undefined;
      if (this.isOp(t, '(')) depth++;
      else if (this.isOp(t, ')') && --depth === 0) return k + 1;
    }
    return undefined;
  }

  /** rterm: head id | paren expr ')' | pname | arth relop arth | other */
  private rterm(q0: Qual): Blk {
    const t = this.peek();
    if (this.isOp(t, '(')) {
      const end = this.groupEnd(this.i);
      if (end !== undefined && this.arithFollows(end)) return this.relation();
      this.next();
      const r = this.expr(q0);
      this.expectOp(')');
      return { b: r.b, q: q0 };
    }
    if (t.t === 'num' || this.isOp(t, '-') || this.isKw(t, 'len')) return this.relation();
    if (t.t === 'kw' && PNAMES.has(t.k)) {
      const n = this.peek(1);
      if (this.isOp(n, '[')) return this.relation();
      if (this.isKw(n, 'broadcast', 'multicast', 'type', 'subtype', 'dir')) return this.other();
      if (n.t === 'kw' && (DQUALS.has(n.k) || AQUALS.has(n.k) || ['proto', 'protochain', 'gateway'].includes(n.k))) {
        return this.headId();
      }
      this.next();
      return { b: this.cs.protoAbbrev(t.k as QProto), q: QERR };
    }
    if (t.t === 'kw' && (DQUALS.has(t.k) || AQUALS.has(t.k) || ['proto', 'protochain', 'gateway'].includes(t.k))) {
      return this.headId();
    }
    return this.other();
  }

  // --- head id --------------------------------------------------------------------------

  /** head: pqual dqual aqual | pqual dqual | pqual aqual | pqual PROTO | pqual PROTOCHAIN |
   *  pqual ndaqual; then the id it qualifies. */
  private headId(): Blk {
    let proto: QProto = 'default';
    let dir: QDir = 'default';
    let addr: QAddr = 'default';
    const t = this.peek();
    if (t.t === 'kw' && PNAMES.has(t.k)) {
      proto = t.k as QProto;
      this.next();
    }
    const d = this.peek();
    if (d.t === 'kw' && DQUALS.has(d.k)) {
      this.next();
      dir = d.k as QDir;
      const c = this.peek(), o = this.peek(1);
      if ((d.k === 'src' || d.k === 'dst') && this.isKw(c, 'or', 'and') && this.isKw(o, d.k === 'src' ? 'dst' : 'src')) {
        this.next();
        this.next();
        dir = c.t === 'kw' && c.k === 'or' ? 'or' : 'and';
      }
      const a = this.peek();
      if (a.t === 'kw' && AQUALS.has(a.k)) {
        this.next();
        addr = a.k as QAddr;
      }
    } else if (d.t === 'kw' && AQUALS.has(d.k)) {
      this.next();
      addr = d.k as QAddr;
    } else if (this.isKw(d, 'proto', 'protochain', 'gateway')) {
      this.next();
      addr = (d as { k: string }).k as QAddr;
    } else {
      throw new SyntaxErr();
    }
    return this.id({ addr, proto, dir });
  }

  /** id: nid | pnum | paren pid ')'; nid: ID | HID '/' NUM | HID NETMASK HID | HID |
   *  HID6 '/' NUM | HID6 | EID | AID | not id */
  private id(q: Qual): Blk {
    const t = this.peek();
    if (this.isKw(t, '!')) {
      this.next();
      const r = this.id(q);
      return { b: not(r.b), q: r.q };
    }
    if (this.isOp(t, '(')) {
      const end = this.pnumEnd(this.i);
      if (end !== undefined) return { b: this.ncode(undefined, this.pnum(), q), q };
      this.next();
      const r = this.pid(q);
      this.expectOp(')');
      return r;
    }
    if (t.t === 'num') return { b: this.ncode(undefined, this.pnum(), q), q };
    return this.nid(q);
  }

  /** pid: nid | qid and id | qid or id; qid: pnum | pid */
  private pid(q: Qual): Blk {
    let r: Blk;
    const t = this.peek();
    if (t.t === 'num' || (this.isOp(t, '(') && this.pnumEnd(this.i) !== undefined)) {
      r = { b: this.ncode(undefined, this.pnum(), q), q };
      if (!this.isKw(this.peek(), 'and', 'or')) throw new SyntaxErr();
    } else if (this.isOp(t, '(')) {
      this.next();
      r = this.pid(q);
      this.expectOp(')');
    } else {
      r = this.nid(q);
    }
    for (;;) {
      const c = this.peek();
      if (!this.isKw(c, 'and', 'or')) return r;
      this.next();
      const rhs = this.id(r.q);
      r = { b: c.t === 'kw' && c.k === 'and' ? and(r.b, rhs.b) : or(r.b, rhs.b), q: rhs.q };
    }
  }

  private nid(q: Qual): Blk {
    const t = this.next();
    switch (t.t) {
      case 'id': return { b: this.scode(t.s, q), q };
      case 'hid': {
        if (this.isOp(this.peek(), '/')) {
          this.next();
          const len = this.num();
          this.checkMaskQual(q, 'IP address and prefix length');
          return { b: this.mcode(t.s, undefined, len, q), q };
        }
        if (this.isKw(this.peek(), 'mask')) {
          this.next();
          const m = this.next();
          if (m.t !== 'hid') throw new SyntaxErr();
          this.checkMaskQual(q, 'IP address and netmask');
          return { b: this.mcode(t.s, m.s, 0, q), q };
        }
        this.checkMaskQual(q, 'IP address');
        return { b: this.ncode(t.s, 0, q), q };
      }
      case 'hid6': {
        let len = 128;
        if (this.isOp(this.peek(), '/')) {
          this.next();
          len = this.num();
          this.checkMaskQual(q, 'IP address and prefix length');
        } else {
          if (q.addr === 'proto') throw new FilterError("'proto' modifier applied to 'ip6addr/prefixlen");
          this.checkMaskQual(q, 'IP address');
        }
        return { b: this.mcode6(t.s, len, q), q };
      }
      case 'eid': return { b: this.ecode(t.s, q), q };
      case 'aid': throw new FilterError('aid supported only on ARCnet');
      default: throw new SyntaxErr();
    }
  }

  /** The grammar's checks that an address is not qualified as a port or protocol. */
  private checkMaskQual(q: Qual, what: string): void {
    if (q.addr === 'port' || q.addr === 'portrange' || q.addr === 'proto' || q.addr === 'protochain') {
      throw new FilterError(`'${q.addr}' modifier applied to ${what}`);
    }
  }

  /** pnum: NUM | paren pnum ')' */
  private pnum(): number {
    if (this.isOp(this.peek(), '(')) {
      this.next();
      const v = this.pnum();
      this.expectOp(')');
      return v;
    }
    return this.num();
  }

  // --- code for ids (gen_scode(), gen_ncode(), gen_mcode(), gen_mcode6(), gen_ecode()) ---

  /** gen_ncode(): a number or a dotted IPv4 address (possibly short: a network). */
  private ncode(s: string | undefined, v: number, q: Qual): Pred {
    let vlen = 32;
    if (s !== undefined) {
      const r = atoin(s);
      if (r.len < 0) throw new FilterError(`invalid IPv4 address '${s}'`);
      v = r.addr;
      vlen = r.len;
    }
    const proto = q.proto, dir = q.dir;
    switch (q.addr) {
      case 'default': case 'host': case 'net': {
        if (proto === 'link') throw new FilterError('illegal link layer address');
        let mask = 0xffffffff;
        if (s === undefined && q.addr === 'net') {
          // promote a short net number: "net 10" is 10.0.0.0/8
          while (v && (v & 0xff000000) === 0) {
            v = (v << 8) >>> 0;
            mask = (mask << 8) >>> 0;
          }
        } else {
          v = vlen === 0 ? 0 : (v << (32 - vlen)) >>> 0;
          mask = vlen === 0 ? 0 : (mask << (32 - vlen)) >>> 0;
        }
        return this.cs.host(v, mask, proto, dir, q.addr);
      }
      case 'port': {
        const p = this.portProto(proto, 'port');
        if (v > 65535) throw new FilterError(`illegal port number ${v} > 65535`);
        return this.cs.port(v, p, dir);
      }
      case 'portrange': {
        const p = this.portProto(proto, 'portrange');
        if (v > 65535) throw new FilterError(`illegal port number ${v} > 65535`);
        return this.cs.portrange(v, v, p, dir);
      }
      case 'gateway': throw new FilterError("'gateway' requires a name");
      case 'proto': return this.cs.proto(v, proto, dir);
      case 'protochain': return this.cs.protochain(v, proto);
      default: throw new FilterError('syntax error in filter expression');
    }
  }

  private portProto(proto: QProto, what: string): number {
    switch (proto) {
      case 'udp': return IPPROTO_UDP;
      case 'tcp': return IPPROTO_TCP;
      case 'sctp': return IPPROTO_SCTP;
      case 'default': return PROTO_UNDEF;
      default: throw new FilterError(`illegal qualifier of '${what}'`);
    }
  }

  /** gen_scode(): a name. */
  private scode(name: string, q: Qual): Pred {
    const proto = q.proto, dir = q.dir;
    switch (q.addr) {
      case 'net':
        throw new FilterError(`unknown network '${name}'`);
      case 'default': case 'host': {
        if (proto === 'link') {
          if (this.cs.linktype !== 1) {
            throw new FilterError('only ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel supports link-level host name');
          }
          throw new FilterError(`unknown ether host '${name}'`);
        }
        let b: Pred | undefined;
        for (const a of nameToAddrs(name)) {
          let tmp: Pred;
          if (typeof a === 'number') {
            if (proto === 'ip6') continue;
            tmp = this.cs.host(a, 0xffffffff, proto, dir, q.addr);
          } else {
            if (proto === 'ip' || proto === 'arp' || proto === 'rarp') continue;
            tmp = this.cs.host6(a, new Uint8Array(16).fill(255), proto, dir, q.addr);
          }
          b = b ? or(b, tmp) : tmp;
        }
        if (!b) throw new FilterError(`unknown host '${name}'${proto === 'default' ? '' : ' for specified address family'}`);
        return b;
      }
      case 'port': {
        if (proto !== 'default' && proto !== 'udp' && proto !== 'tcp' && proto !== 'sctp') {
          throw new FilterError("illegal qualifier of 'port'");
        }
        const r = nameToPort(name);
        if (!r) throw new FilterError(`unknown port '${name}'`);
        const real = this.narrowPortProto(proto, r.proto, `port '${name}'`);
        return this.cs.port(r.port, real, dir);
      }
      case 'portrange': {
        if (proto !== 'default' && proto !== 'udp' && proto !== 'tcp' && proto !== 'sctp') {
          throw new FilterError("illegal qualifier of 'portrange'");
        }
        const r = nameToPortRange(name);
        if (!r) throw new FilterError(`unknown port in range '${name}'`);
        const real = this.narrowPortProto(proto, r.proto, `port in range '${name}'`);
        if (r.p1 > 65535) throw new FilterError(`illegal port number ${r.p1} > 65535`);
        if (r.p2 > 65535) throw new FilterError(`illegal port number ${r.p2} > 65535`);
        return this.cs.portrange(r.p1, r.p2, real, dir);
      }
      case 'gateway':
        throw new FilterError(`unknown ether host '${name}'`);
      case 'proto': case 'protochain': {
        let v: number | undefined;
        if (proto === 'default' || proto === 'ip' || proto === 'ip6') {
          v = nameToProto(name);
          if (v === undefined) throw new FilterError(`unknown ip proto '${name}'`);
        } else if (proto === 'link') {
          v = nameToEproto(name);
          if (v === undefined) throw new FilterError(`unknown ether proto '${name}'`);
        } else {
          throw new FilterError('syntax error in filter expression');
        }
        return q.addr === 'proto' ? this.cs.proto(v, proto, dir) : this.cs.protochain(v, proto);
      }
      default:
        throw new FilterError('syntax error in filter expression');
    }
  }

  /** gen_scode()'s checks that a named port belongs to the protocol asked for. */
  private narrowPortProto(proto: QProto, real: number, what: string): number {
    const name = (p: number) => (p === IPPROTO_TCP ? 'tcp' : p === IPPROTO_UDP ? 'udp' : 'sctp');
    const want = proto === 'udp' ? IPPROTO_UDP : proto === 'tcp' ? IPPROTO_TCP : proto === 'sctp' ? IPPROTO_SCTP : undefined;
    if (want === undefined) return real;
    if (real !== PROTO_UNDEF && real !== want) throw new FilterError(`${what} is ${name(real)}`);
    return want;
  }

  /** gen_mcode(): ADDR/LEN and ADDR mask MASK. */
  private mcode(s1: string, s2: string | undefined, masklen: number, q: Qual): Pred {
    const a = atoin(s1);
    if (a.len < 0) throw new FilterError(`invalid IPv4 address '${s1}'`);
    const n = (a.addr << (32 - a.len)) >>> 0;
    let m: number;
    if (s2 !== undefined) {
      const b = atoin(s2);
      if (b.len < 0) throw new FilterError(`invalid IPv4 address '${s2}'`);
      m = (b.addr << (32 - b.len)) >>> 0;
      if ((n & ~m) >>> 0 !== 0) throw new FilterError(`non-network bits set in "${s1} mask ${s2}"`);
    } else {
      if (masklen > 32) throw new FilterError('mask length must be <= 32');
      m = masklen === 0 ? 0 : (0xffffffff << (32 - masklen)) >>> 0;
      if ((n & ~m) >>> 0 !== 0) throw new FilterError(`non-network bits set in "${s1}/${masklen}"`);
    }
    if (q.addr !== 'net') throw new FilterError('Mask syntax for networks only');
    return this.cs.host(n, m, q.proto, q.dir, q.addr);
  }

  /** gen_mcode6() */
  private mcode6(s: string, masklen: number, q: Qual): Pred {
    const addr = parseIPv6(s);
    if (!addr) throw new FilterError(`invalid ip6 address ${s}`);
    if (masklen > 128) throw new FilterError('mask length must be <= 128');
    const mask = new Uint8Array(16);
    for (let i = 0; i < 16; i++) {
      const bits = Math.max(0, Math.min(8, masklen - i * 8));
      mask[i] = (0xff << (8 - bits)) & 0xff;
    }
    for (let i = 0; i < 16; i++) {
      if (addr[i]! & ~mask[i]!) throw new FilterError(`non-network bits set in "${s}/${masklen}"`);
    }
    switch (q.addr) {
      case 'default': case 'host': case 'net':
        if (q.addr !== 'net' && masklen !== 128) throw new FilterError('Mask syntax for networks only');
        return this.cs.host6(addr, mask, q.proto, q.dir, q.addr);
      default:
        throw new FilterError('invalid qualifier against IPv6 address');
    }
  }

  /** gen_ecode(): an ethernet address. */
  private ecode(s: string, q: Qual): Pred {
    if ((q.addr === 'host' || q.addr === 'default') && q.proto === 'link') {
      return this.cs.ehost(etherAton(s), q.dir);
    }
    throw new FilterError('ethernet address used in non-ether expression');
  }

  // --- other --------------------------------------------------------------------------------

  /** other: pqual broadcast | pqual multicast | less NUM | greater NUM | byte NUM byteop NUM |
   *  inbound | outbound | ifindex NUM | vlan [pnum] | ... */
  private other(): Blk {
    const t = this.next();
    if (t.t !== 'kw') throw new SyntaxErr();
    let proto: QProto = 'default';
    let k = t.k;
    if (PNAMES.has(k)) {
      proto = k as QProto;
      const n = this.next();
      if (n.t !== 'kw') throw new SyntaxErr();
      k = n.k;
    }
    const blk = (b: Pred): Blk => ({ b, q: QERR });
    switch (k) {
      case 'broadcast': return blk(this.cs.broadcast(proto));
      case 'multicast': return blk(this.cs.multicast(proto));
      case 'type': case 'subtype': case 'dir':
        throw new FilterError('802.11 link-layer types supported only on 802.11');
    }
    if (proto !== 'default') throw new SyntaxErr();
    switch (k) {
      case 'less': return blk(this.cs.lenCmp(this.num(), false));
      case 'greater': return blk(this.cs.lenCmp(this.num(), true));
      case 'byte': {
        const idx = this.num();
        const op = this.next();
        if (op.t !== 'op' || !['&', '|', '<', '>', '='].includes(op.s)) throw new SyntaxErr();
        return blk(this.cs.byteop(op.s, idx, this.num()));
      }
      case 'inbound': return blk(this.cs.inbound(false));
      case 'outbound': return blk(this.cs.inbound(true));
      case 'ifindex': return blk(this.cs.ifindex(this.num()));
      case 'vlan': {
        const has = this.pnumEnd(this.i) !== undefined;
        return blk(this.cs.vlan(has ? this.pnum() : undefined));
      }
      case 'mpls': case 'pppoed': case 'pppoes': case 'geneve':
        throw new FilterError(`'${k}' is not supported here`);
      case 'llc':
        throw new FilterError(`'llc' supported only on Ethernet`);
      default:
        throw new SyntaxErr();
    }
  }

  // --- arithmetic -------------------------------------------------------------------------

  /** arth relop arth | arth irelop arth */
  private relation(): Blk {
    const a0 = this.arth(0);
    const op = this.next();
    if (op.t !== 'op' || !RELOPS.has(op.s)) throw new SyntaxErr();
    const a1 = this.arth(0);
    return { b: this.cs.relation(op.s, a0, a1), q: QERR };
  }

  /** arth with operator precedence climbing (left associative). */
  private arth(minPrec: number): Arth {
    let a = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op' || PREC[t.s] === undefined || PREC[t.s]! < minPrec) return a;
      this.next();
      const rhs = this.arth(PREC[t.s]! + 1);
      a = this.cs.arth(t.s, a, rhs);
    }
  }

  private unary(): Arth {
    const t = this.peek();
    if (this.isOp(t, '-')) {
      this.next();
      return this.cs.neg(this.unary());
    }
    if (this.isOp(t, '(')) {
      this.next();
      const a = this.arth(0);
      this.expectOp(')');
      return a;
    }
    if (t.t === 'num') {
      this.next();
      return this.cs.loadi(t.v);
    }
    if (this.isKw(t, 'len')) {
      this.next();
      return this.cs.loadlen();
    }
    if (t.t === 'kw' && PNAMES.has(t.k)) {
      this.next();
      this.expectOp('[');
      const inst = this.arth(0);
      let size = 1;
      if (this.isOp(this.peek(), ':')) {
        this.next();
        size = this.num();
      }
      this.expectOp(']');
      return this.cs.load(t.k as QProto, inst, size);
    }
    throw new SyntaxErr();
  }
}
