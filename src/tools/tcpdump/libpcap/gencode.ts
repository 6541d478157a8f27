// libpcap's gencode.c (1.10): what each primitive of a pcap-filter expression tests, as
// predicates over the captured bytes rather than BPF instructions. The checks keep the
// order libpcap's code gives them, and a load past the captured bytes rejects the whole
// packet, as a BPF program returning 0 does. Offsets depend on the link type and move
// past each `vlan` tag, as cstate->off_linktype/off_linkpl do.
import { FilterError } from './errors.js';
import { OPAQUE, atom, type Sym } from './optimize.js';

// struct qual's values (gencode.h)
export type QAddr = 'undef' | 'default' | 'host' | 'net' | 'port' | 'portrange' | 'gateway' | 'proto' | 'protochain';
export type QDir = 'undef' | 'default' | 'src' | 'dst' | 'or' | 'and' | 'addr1' | 'addr2' | 'addr3' | 'addr4' | 'ra' | 'ta';
export type QProto = 'undef' | 'default' | 'link' | 'ip' | 'arp' | 'rarp' | 'sctp' | 'tcp' | 'udp' | 'icmp' | 'igmp'
  | 'igrp' | 'pim' | 'vrrp' | 'carp' | 'ip6' | 'icmp6' | 'ah' | 'esp' | 'atalk' | 'aarp' | 'decnet' | 'lat'
  | 'sca' | 'moprc' | 'mopdl' | 'iso' | 'esis' | 'isis' | 'l1' | 'l2' | 'iih' | 'lsp' | 'snp' | 'csnp'
  | 'psnp' | 'clnp' | 'stp' | 'ipx' | 'netbeui' | 'radio';

export interface Qual {
  addr: QAddr;
  proto: QProto;
  dir: QDir;
}

export const QERR: Qual = { addr: 'undef', proto: 'undef', dir: 'undef' };

export const DLT_EN10MB = 1, DLT_RAW = 12, DLT_LINUX_SLL = 113, DLT_LINUX_SLL2 = 276;
// pcap files use LINKTYPE_RAW (101) for DLT_RAW
export const LINKTYPE_RAW = 101;

const ETHERTYPE_IP = 0x0800, ETHERTYPE_ARP = 0x0806, ETHERTYPE_REVARP = 0x8035, ETHERTYPE_IPV6 = 0x86dd;
const ETHERMTU = 1500;
const IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_SCTP = 132, IPPROTO_ICMP = 1, IPPROTO_IGMP = 2,
  IPPROTO_IGRP = 9, IPPROTO_PIM = 103, IPPROTO_VRRP = 112, IPPROTO_ICMPV6 = 58, IPPROTO_AH = 51,
  IPPROTO_ESP = 50, IPPROTO_FRAGMENT = 44;
/** Both tcp/udp/sctp (pcap_nametoport()'s PROTO_UNDEF). */
export const PROTO_UNDEF = -1;
const PACKET_OUTGOING = 4;

/** What the filter runs on: the captured bytes, the length on the wire, and for a live
 *  capture the packet's direction and interface (SKF_AD_PKTTYPE, SKF_AD_IFINDEX). */
export interface FilterPacket {
  data: Uint8Array;
  wirelen: number;
  pkttype?: number;
  ifindex?: number;
}

/** Thrown by a load past the captured bytes or a division by zero: the program returns 0. */
const REJECT = Symbol('reject');

/** A compiled test, with its symbolic form for the optimizer's check (optimize.ts). */
export type Pred = ((p: FilterPacket) => boolean) & { sym?: Sym };

/** Attaches a symbolic form to a test. */
function withSym(fn: (p: FilterPacket) => boolean, sym: Sym): Pred {
  const f = fn as Pred;
  f.sym = sym;
  return f;
}

export function symOf(p: Pred): Sym {
  return p.sym ?? OPAQUE;
}

/** struct arth: a value, and the protocol checks that must pass before it is computed. */
export interface Arth {
  guard: Pred | undefined;
  val: (p: FilterPacket) => number;
  /** Set for a constant (BPF_LD|BPF_IMM): what the zero-divisor and shift checks look at. */
  imm?: number;
  /** A value the optimizer knows: a constant (folded arithmetic too) ... */
  konst?: number;
  /** ... or a load at a fixed place, named as optimize.ts compares values. */
  key?: string;
}

function ld(p: FilterPacket, k: number, size: number): number {
  const d = p.data;
  if (k < 0 || k + size > d.length) throw REJECT;
  if (size === 1) return d[k]!;
  if (size === 2) return (d[k]! << 8) | d[k + 1]!;
  return ((d[k]! << 24) | (d[k + 1]! << 16) | (d[k + 2]! << 8) | d[k + 3]!) >>> 0;
}

export function and(a: Pred, b: Pred): Pred {
  return withSym((p) => a(p) && b(p), { k: 'and', a: symOf(a), b: symOf(b) });
}
export function or(a: Pred, b: Pred): Pred {
  return withSym((p) => a(p) || b(p), { k: 'or', a: symOf(a), b: symOf(b) });
}
export function not(a: Pred): Pred {
  return withSym((p) => !a(p), { k: 'not', a: symOf(a) });
}

/** Runs a compiled filter: false when it rejects, including by an out-of-range load. */
export function runFilter(pred: Pred, p: FilterPacket): boolean {
  try {
    return pred(p);
  } catch (e) {
    if (e === REJECT) return false;
    throw e;
  }
}

/** pcap_datalink_val_to_description() */
export function dltDescription(dlt: number): string {
  switch (dlt) {
    case DLT_EN10MB: return 'Ethernet';
    case DLT_LINUX_SLL: return 'Linux cooked v1';
    case DLT_LINUX_SLL2: return 'Linux cooked v2';
    case DLT_RAW: case LINKTYPE_RAW: return 'Raw IP';
    default: return `DLT ${dlt}`;
  }
}

/** compiler_state_t: the link type and the offsets the code generators use. */
export class CompilerState {
  /** Offset of the ethertype (or SLL protocol) field; -1 when the link has none. */
  offLinktype: number;
  /** Offset of the network-layer header (off_linkpl + off_nl). */
  offLinkpl: number;
  readonly offLinkhdr = 0;
  vlanStackDepth = 0;

  constructor(readonly linktype: number, readonly netmask: number, readonly live: boolean) {
    switch (linktype) {
      case DLT_EN10MB: this.offLinktype = 12; this.offLinkpl = 14; break;
      case DLT_LINUX_SLL: this.offLinktype = 14; this.offLinkpl = 16; break;
      case DLT_LINUX_SLL2: this.offLinktype = 0; this.offLinkpl = 20; break;
      case DLT_RAW: case LINKTYPE_RAW: this.offLinktype = -1; this.offLinkpl = 0; break;
      default: throw new FilterError(`unknown data link type ${linktype}`);
    }
  }

  // --- loads and comparisons (gen_cmp(), gen_mcmp(), gen_bcmp()) -----------------------

  /** gen_cmp(OR_LINKPL, off, size, v) */
  cmpNl(off: number, size: number, v: number, mask = 0xffffffff): Pred {
    const k = this.offLinkpl + off;
    const sym = atom(`${size}@${k}&${mask >>> 0}`, (v & mask) >>> 0);
    if (mask === 0xffffffff) return withSym((p) => ld(p, k, size) === v, sym);
    return withSym((p) => ((ld(p, k, size) & mask) >>> 0) === ((v & mask) >>> 0), sym);
  }

  /** gen_cmp(OR_LINKHDR, off, size, v) */
  cmpLink(off: number, size: number, v: number): Pred {
    const k = this.offLinkhdr + off;
    return withSym((p) => ld(p, k, size) === v, atom(`${size}@${k}&${0xffffffff}`, v));
  }

  /** gen_cmp(OR_TRAN_IPV4, off, BPF_H, v) */
  private cmpTran4(off: number, test: (v: number) => boolean, sym: (key: string) => Sym): Pred {
    const base = this.offLinkpl;
    return withSym((p) => test(ld(p, base + (ld(p, base, 1) & 0xf) * 4 + off, 2)), sym(`x${base}:2@${off}`));
  }

  /** gen_cmp(OR_TRAN_IPV6, off, BPF_H, v) */
  private cmpTran6(off: number, test: (v: number) => boolean, sym: (key: string) => Sym): Pred {
    const k = this.offLinkpl + 40 + off;
    return withSym((p) => test(ld(p, k, 2)), sym(`2@${k}&${0xffffffff}`));
  }

  // --- link types ---------------------------------------------------------------------

  /** gen_linktype(): the frame carries this ethertype. */
  linktypeIs(proto: number): Pred {
    if (this.offLinktype < 0) {
      // DLT_RAW: the IP version decides
      const base = this.offLinkpl;
      const key = `1@${base}&${0xf0}`;
      if (proto === ETHERTYPE_IP) return withSym((p) => (ld(p, base, 1) & 0xf0) === 0x40, atom(key, 0x40));
      if (proto === ETHERTYPE_IPV6) return withSym((p) => (ld(p, base, 1) & 0xf0) === 0x60, atom(key, 0x60));
      return withSym(() => false, { k: 'const', v: false });
    }
    const k = this.offLinktype;
    if (proto <= ETHERMTU) {
      // an 802.2 LLC SAP: length field and DSAP
      const dsap = k + 2;
      return (p) => ld(p, k, 2) <= ETHERMTU && ld(p, dsap, 1) === proto;
    }
    return withSym((p) => ld(p, k, 2) === proto, atom(`2@${k}&${0xffffffff}`, proto));
  }

  /** gen_ipfrag(): not a fragment other than the first. */
  ipFrag(): Pred {
    const k = this.offLinkpl + 6;
    return withSym((p) => (ld(p, k, 2) & 0x1fff) === 0, atom(`2@${k}&${0x1fff}`, 0));
  }

  // --- protocols ----------------------------------------------------------------------

  /** gen_proto(): `PROTO proto V`, `ether proto V`, and the abbreviations built on it. */
  proto(v: number, proto: QProto, dir: QDir): Pred {
    if (dir !== 'default') throw new FilterError("direction applied to 'proto'");
    switch (proto) {
      case 'default':
        return or(this.proto(v, 'ip', dir), this.proto(v, 'ip6', dir));
      case 'link':
        return this.linktypeIs(v);
      case 'ip':
        return and(this.linktypeIs(ETHERTYPE_IP), this.cmpNl(9, 1, v));
      case 'ip6': {
        // also behind a fragment header
        const nh = this.cmpNl(6, 1, v);
        const viaFrag = and(this.cmpNl(6, 1, IPPROTO_FRAGMENT), this.cmpNl(40, 1, v));
        return and(this.linktypeIs(ETHERTYPE_IPV6), or(viaFrag, nh));
      }
      case 'arp': throw new FilterError('arp does not encapsulate another protocol');
      case 'rarp': throw new FilterError('rarp does not encapsulate another protocol');
      default: throw new FilterError(`'${proto} proto' is bogus`);
    }
  }

  /** gen_protochain(): the header chain of IPv4 (through AH) or IPv6 (through its
   *  extension headers) reaches protocol v. */
  protochain(v: number, proto: QProto): Pred {
    if (proto === 'default') return or(this.protochain(v, 'ip'), this.protochain(v, 'ip6'));
    const base = this.offLinkpl;
    if (proto === 'ip') {
      return and(this.linktypeIs(ETHERTYPE_IP), (p) => {
        let nh = ld(p, base + 9, 1);
        let off = base + (ld(p, base, 1) & 0xf) * 4;
        for (let i = 0; i < 16 && nh === IPPROTO_AH && nh !== v; i++) {
          const next = ld(p, off, 1);
          off += (ld(p, off + 1, 1) + 2) * 4;
          nh = next;
        }
        return nh === v;
      });
    }
    if (proto === 'ip6') {
      return and(this.linktypeIs(ETHERTYPE_IPV6), (p) => {
        let nh = ld(p, base + 6, 1);
        let off = base + 40;
        for (let i = 0; i < 16 && nh !== v; i++) {
          if (nh === 0 || nh === 43 || nh === 60) {
            const next = ld(p, off, 1);
            off += (ld(p, off + 1, 1) + 1) * 8;
            nh = next;
          } else if (nh === IPPROTO_FRAGMENT) {
            nh = ld(p, off, 1);
            off += 8;
          } else if (nh === IPPROTO_AH) {
            const next = ld(p, off, 1);
            off += (ld(p, off + 1, 1) + 2) * 4;
            nh = next;
          } else break;
        }
        return nh === v;
      });
    }
    throw new FilterError('bad protocol applied for \'protochain\'');
  }

  /** gen_proto_abbrev_internal(): a protocol word on its own. */
  protoAbbrev(proto: QProto): Pred {
    switch (proto) {
      case 'sctp': return this.proto(IPPROTO_SCTP, 'default', 'default');
      case 'tcp': return this.proto(IPPROTO_TCP, 'default', 'default');
      case 'udp': return this.proto(IPPROTO_UDP, 'default', 'default');
      case 'icmp': return this.proto(IPPROTO_ICMP, 'ip', 'default');
      case 'igmp': return this.proto(IPPROTO_IGMP, 'ip', 'default');
      case 'igrp': return this.proto(IPPROTO_IGRP, 'ip', 'default');
      case 'pim': return this.proto(IPPROTO_PIM, 'default', 'default');
      case 'vrrp': case 'carp': return this.proto(IPPROTO_VRRP, 'ip', 'default');
      case 'ip': return this.linktypeIs(ETHERTYPE_IP);
      case 'arp': return this.linktypeIs(ETHERTYPE_ARP);
      case 'rarp': return this.linktypeIs(ETHERTYPE_REVARP);
      case 'ip6': return this.linktypeIs(ETHERTYPE_IPV6);
      case 'icmp6': return this.proto(IPPROTO_ICMPV6, 'ip6', 'default');
      case 'ah': return this.proto(IPPROTO_AH, 'default', 'default');
      case 'esp': return this.proto(IPPROTO_ESP, 'default', 'default');
      case 'atalk': return this.linktypeIs(0x809b);
      case 'aarp': return this.linktypeIs(0x80f3);
      case 'decnet': return this.linktypeIs(0x6003);
      case 'lat': return this.linktypeIs(0x6004);
      case 'sca': return this.linktypeIs(0x6007);
      case 'moprc': return this.linktypeIs(0x6002);
      case 'mopdl': return this.linktypeIs(0x6001);
      case 'stp': return this.linktypeIs(0x42);
      case 'ipx': return this.linktypeIs(0xe0);
      case 'netbeui': return this.linktypeIs(0xf0);
      case 'iso': return this.linktypeIs(0xfe);
      case 'link': throw new FilterError('link layer applied in wrong context');
      case 'radio': throw new FilterError("'radio' supported only on 802.11 with radio headers");
      default: throw new FilterError(`'${proto}' not supported on this link type`);
    }
  }

  // --- hosts and nets -----------------------------------------------------------------

  private static dirError(dir: QDir, what: string): never {
    const n = dir === 'ra' || dir === 'ta' ? dir : dir.replace('addr', '');
    if (dir === 'ra') throw new FilterError(`'ra' is not a valid qualifier for ${what}`);
    if (dir === 'ta') throw new FilterError(`'ta' is not a valid qualifier for ${what}`);
    throw new FilterError(`'addr${n}' and 'address${n}' are not valid qualifiers for ${what}`);
  }

  /** gen_hostop(): an IPv4 address (under a mask) in the header of ethertype `ll`. */
  private hostop(addr: number, mask: number, dir: QDir, ll: number, srcOff: number, dstOff: number): Pred {
    switch (dir) {
      case 'src': break;
      case 'dst': break;
      case 'and': return and(this.hostop(addr, mask, 'src', ll, srcOff, dstOff), this.hostop(addr, mask, 'dst', ll, srcOff, dstOff));
      case 'default': case 'or': return or(this.hostop(addr, mask, 'src', ll, srcOff, dstOff), this.hostop(addr, mask, 'dst', ll, srcOff, dstOff));
      default: CompilerState.dirError(dir, 'addresses');
    }
    const cmp = this.cmpNl(dir === 'src' ? srcOff : dstOff, 4, addr >>> 0, mask >>> 0);
    return and(this.linktypeIs(ll), cmp);
  }

  /** gen_host(): `[PROTO] [DIR] host|net ADDR[/MASK]` for IPv4. */
  host(addr: number, mask: number, proto: QProto, dir: QDir, type: QAddr): Pred {
    const typestr = type === 'net' ? 'net' : 'host';
    switch (proto) {
      case 'default': {
        const b0 = this.host(addr, mask, 'ip', dir, type);
        const b1 = this.host(addr, mask, 'arp', dir, type);
        const b2 = this.host(addr, mask, 'rarp', dir, type);
        return or(or(b0, b1), b2);
      }
      case 'link': throw new FilterError(`link-layer modifier applied to ${typestr}`);
      case 'ip': return this.hostop(addr, mask, dir, ETHERTYPE_IP, 12, 16);
      case 'arp': return this.hostop(addr, mask, dir, ETHERTYPE_ARP, 14, 24);
      case 'rarp': return this.hostop(addr, mask, dir, ETHERTYPE_REVARP, 14, 24);
      case 'ip6': throw new FilterError(`'ip6' modifier applied to ip ${typestr}`);
      default: throw new FilterError(`'${proto}' modifier applied to ${typestr}`);
    }
  }

  /** gen_hostop6() */
  private hostop6(addr: Uint8Array, mask: Uint8Array, dir: QDir, srcOff: number, dstOff: number): Pred {
    switch (dir) {
      case 'src': case 'dst': break;
      case 'and': return and(this.hostop6(addr, mask, 'src', srcOff, dstOff), this.hostop6(addr, mask, 'dst', srcOff, dstOff));
      case 'default': case 'or': return or(this.hostop6(addr, mask, 'src', srcOff, dstOff), this.hostop6(addr, mask, 'dst', srcOff, dstOff));
      default: CompilerState.dirError(dir, 'addresses');
    }
    const off = dir === 'src' ? srcOff : dstOff;
    const word = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
    // libpcap compares the last word first
    const cmp = (i: number) => this.cmpNl(off + i, 4, (word(addr, i) & word(mask, i)) >>> 0, word(mask, i));
    let b = cmp(12);
    for (const i of [8, 4, 0]) b = and(cmp(i), b);
    return and(this.linktypeIs(ETHERTYPE_IPV6), b);
  }

  /** gen_host6() */
  host6(addr: Uint8Array, mask: Uint8Array, proto: QProto, dir: QDir, type: QAddr): Pred {
    const typestr = type === 'net' ? 'net' : 'host';
    switch (proto) {
      case 'default': case 'ip6': return this.hostop6(addr, mask, dir, 8, 24);
      case 'link': throw new FilterError(`link-layer modifier applied to ip6 ${typestr}`);
      default: throw new FilterError(`'${proto}' modifier applied to ip6 ${typestr}`);
    }
  }

  /** gen_ehostop(): an ethernet address in the link-layer header. */
  ehost(mac: Uint8Array, dir: QDir): Pred {
    if (this.linktype !== DLT_EN10MB) {
      throw new FilterError('ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel');
    }
    const hexMac = [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
    const at = (off: number): Pred => withSym((p) => {
      const d = p.data;
      if (off + 6 > d.length) throw REJECT;
      for (let i = 0; i < 6; i++) if (d[off + i] !== mac[i]) return false;
      return true;
    }, atom(`mac@${off}`, hexMac));
    switch (dir) {
      case 'src': return at(this.offLinkhdr + 6);
      case 'dst': return at(this.offLinkhdr);
      case 'and': return and(at(this.offLinkhdr + 6), at(this.offLinkhdr));
      case 'default': case 'or': return or(at(this.offLinkhdr + 6), at(this.offLinkhdr));
      default: CompilerState.dirError(dir, 'ethernet addresses');
    }
  }

  // --- ports ----------------------------------------------------------------------------

  /** gen_portop() / gen_portrangeop(): TCP/UDP/SCTP over IPv4, first fragments only. */
  private portop4(test: (off: number) => Pred, proto: number, dir: QDir): Pred {
    const p0 = and(this.cmpNl(9, 1, proto), this.ipFrag());
    return and(p0, this.dirPorts(test, dir));
  }

  private dirPorts(test: (off: number) => Pred, dir: QDir): Pred {
    switch (dir) {
      case 'src': return test(0);
      case 'dst': return test(2);
      case 'and': return and(test(0), test(2));
      case 'default': case 'or': return or(test(0), test(2));
      default: return CompilerState.dirError(dir, 'ports');
    }
  }

  private portGen(test4: (off: number) => Pred, test6: (off: number) => Pred, ipProto: number, dir: QDir): Pred {
    const protos = ipProto === PROTO_UNDEF ? [IPPROTO_TCP, IPPROTO_UDP, IPPROTO_SCTP] : [ipProto];
    // gen_port(): ip and (tcp or udp or sctp) with the port test
    let b4: Pred | undefined;
    for (const pr of protos) {
      const t = this.portop4(test4, pr, dir);
      b4 = b4 ? or(b4, t) : t;
    }
    const v4 = and(this.linktypeIs(ETHERTYPE_IP), b4!);
    // gen_port6(): ip6 and next header (no fragment check)
    let b6: Pred | undefined;
    for (const pr of protos) {
      const t = and(this.cmpNl(6, 1, pr), this.dirPorts(test6, dir));
      b6 = b6 ? or(b6, t) : t;
    }
    const v6 = and(this.linktypeIs(ETHERTYPE_IPV6), b6!);
    return or(v4, v6);
  }

  /** gen_port() | gen_port6() */
  port(port: number, ipProto: number, dir: QDir): Pred {
    const sym = (key: string) => atom(key, port);
    return this.portGen((off) => this.cmpTran4(off, (v) => v === port, sym), (off) => this.cmpTran6(off, (v) => v === port, sym), ipProto, dir);
  }

  /** gen_portrange() | gen_portrange6() */
  portrange(p1: number, p2: number, ipProto: number, dir: QDir): Pred {
    const lo = Math.min(p1, p2), hi = Math.max(p1, p2);
    const test = (v: number) => v >= lo && v <= hi;
    const sym = (key: string): Sym => ({ k: 'and', a: atom(key, lo, '>='), b: { k: 'not', a: atom(key, hi, '>') } });
    return this.portGen((off) => this.cmpTran4(off, test, sym), (off) => this.cmpTran6(off, test, sym), ipProto, dir);
  }

  // --- other primitives -------------------------------------------------------------------

  /** gen_broadcast() */
  broadcast(proto: QProto): Pred {
    switch (proto) {
      case 'default': case 'link':
        if (this.linktype !== DLT_EN10MB) throw new FilterError('not a broadcast link');
        return this.ehost(new Uint8Array([255, 255, 255, 255, 255, 255]), 'dst');
      case 'ip': {
        // tcpdump passes the capture device's netmask (0 when it has none, or for a file)
        const hostmask = ~this.netmask >>> 0;
        const b1 = this.cmpNl(16, 4, 0, hostmask);
        const b2 = this.cmpNl(16, 4, hostmask, hostmask);
        return and(this.linktypeIs(ETHERTYPE_IP), or(b1, b2));
      }
      default: throw new FilterError('only link-layer/IP broadcast filters supported');
    }
  }

  /** gen_multicast() */
  multicast(proto: QProto): Pred {
    switch (proto) {
      case 'default': case 'link': {
        if (this.linktype !== DLT_EN10MB) {
          throw new FilterError('link-layer multicast filters supported only on ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel');
        }
        const k = this.offLinkhdr;
        return withSym((p) => (ld(p, k, 1) & 1) !== 0, { k: 'not', a: atom(`1@${k}&1`, 0) });
      }
      case 'ip': {
        const k = this.offLinkpl + 16;
        return and(this.linktypeIs(ETHERTYPE_IP), withSym((p) => ld(p, k, 1) >= 224, atom(`1@${k}&${0xffffffff}`, 224, '>=')));
      }
      case 'ip6': return and(this.linktypeIs(ETHERTYPE_IPV6), this.cmpNl(24, 1, 255));
      default: throw new FilterError('only link-layer/IP/IPv6 multicast filters supported');
    }
  }

  /** gen_less() / gen_greater(): the length on the wire. */
  lenCmp(n: number, greater: boolean): Pred {
    return greater ? (p) => p.wirelen >= n : (p) => !(p.wirelen > n);
  }

  /** gen_byteop(): `byte IDX OP VAL` on the link-layer header. */
  byteop(op: string, idx: number, val: number): Pred {
    const k = this.offLinkhdr + idx;
    switch (op) {
      case '=': return (p) => ld(p, k, 1) === val;
      case '<': return (p) => ld(p, k, 1) < val;
      case '>': return (p) => ld(p, k, 1) > val;
      case '|': return (p) => ((ld(p, k, 1) | val) >>> 0) !== 0;
      default: return (p) => (ld(p, k, 1) & val) !== 0;
    }
  }

  /** gen_inbound(): the direction, from the cooked header or (live) the socket. */
  inbound(outbound: boolean): Pred {
    if (this.linktype === DLT_LINUX_SLL2 || this.linktype === DLT_LINUX_SLL) {
      const k = this.linktype === DLT_LINUX_SLL2 ? 10 : 0;
      const size = this.linktype === DLT_LINUX_SLL2 ? 1 : 2;
      return outbound ? (p) => ld(p, k, size) === PACKET_OUTGOING : (p) => ld(p, k, size) !== PACKET_OUTGOING;
    }
    if (!this.live) {
      throw new FilterError(`inbound/outbound not supported on ${dltDescription(this.linktype)} when reading savefiles`);
    }
    return outbound ? (p) => p.pkttype === PACKET_OUTGOING : (p) => p.pkttype !== PACKET_OUTGOING;
  }

  /** gen_ifindex() */
  ifindex(idx: number): Pred {
    if (this.linktype === DLT_LINUX_SLL2) {
      return (p) => ld(p, 4, 4) === idx >>> 0;
    }
    if (!this.live) throw new FilterError(`ifindex not supported on ${dltDescription(this.linktype)} when reading savefiles`);
    return (p) => p.ifindex === idx;
  }

  /** gen_vlan(): an 802.1Q/802.1ad tag (with that VLAN id), and everything after it looked
   *  at 4 bytes further on. */
  vlan(vid: number | undefined): Pred {
    if (this.linktype !== DLT_EN10MB) throw new FilterError(`no VLAN support for ${dltDescription(this.linktype)}`);
    if (vid !== undefined && vid > 0x0fff) throw new FilterError(`VLAN tag ${vid} greater than maximum 4095`);
    const k = this.offLinktype;
    let b: Pred = (p) => {
      const t = ld(p, k, 2);
      return t === 0x8100 || t === 0x88a8 || t === 0x9100;
    };
    if (vid !== undefined) b = and(b, this.cmpNl(0, 2, vid, 0x0fff));
    this.offLinktype += 4;
    this.offLinkpl += 4;
    this.vlanStackDepth++;
    return b;
  }

  // --- arithmetic (gen_loadi(), gen_load(), gen_arth(), gen_relation()) ------------------

  loadi(v: number): Arth {
    return { guard: undefined, val: () => v, imm: v, konst: v };
  }

  loadlen(): Arth {
    return { guard: undefined, val: (p) => p.wirelen >>> 0 };
  }

  /** gen_load(): PROTO[EXPR : SIZE] */
  load(proto: QProto, inst: Arth, size: number): Arth {
    if (size !== 1 && size !== 2 && size !== 4) throw new FilterError('data size must be 1, 2, or 4');
    const idx = inst.val;
    const seq = (a: Pred | undefined, b: Pred): Pred => (a ? and(a, b) : b);
    // a load at a constant index is a value the optimizer can name
    const at = (base: number) => (inst.konst !== undefined ? `${size}@${base + inst.konst}&${0xffffffff}` : undefined);
    switch (proto) {
      case 'link': {
        const base = this.offLinkhdr;
        return { guard: inst.guard, val: (p) => ld(p, (base + idx(p)) >>> 0, size), key: at(base) };
      }
      case 'ip': case 'arp': case 'rarp': case 'atalk': case 'decnet': case 'sca': case 'lat':
      case 'moprc': case 'mopdl': case 'ip6': {
        const base = this.offLinkpl;
        return { guard: seq(inst.guard, this.protoAbbrev(proto)), val: (p) => ld(p, (base + idx(p)) >>> 0, size), key: at(base) };
      }
      case 'sctp': case 'tcp': case 'udp': case 'icmp': case 'igmp': case 'igrp': case 'pim':
      case 'vrrp': case 'carp': {
        const base = this.offLinkpl;
        const inner = and(this.protoAbbrev(proto), this.ipFrag());
        const guard = and(this.protoAbbrev('ip'), seq(inst.guard, inner));
        const key = inst.konst !== undefined ? `x${base}:${size}@${inst.konst}` : undefined;
        return { guard, val: (p) => ld(p, (base + (ld(p, base, 1) & 0xf) * 4 + idx(p)) >>> 0, size), key };
      }
      case 'icmp6': {
        const base = this.offLinkpl + 40;
        const guard = and(seq(inst.guard, this.protoAbbrev('ip6')), this.cmpNl(6, 1, IPPROTO_ICMPV6));
        return { guard, val: (p) => ld(p, (base + idx(p)) >>> 0, size), key: at(base) };
      }
      default:
        throw new FilterError('unsupported index operation');
    }
  }

  arth(op: string, a0: Arth, a1: Arth): Arth {
    if (op === '/' && a1.imm === 0) throw new FilterError('division by zero');
    if (op === '%' && a1.imm === 0) throw new FilterError('modulus by zero');
    if ((op === '<<' || op === '>>') && a1.imm !== undefined && a1.imm > 31) throw new FilterError('shift by more than 31 bits');
    // the optimizer's check, on divisors it finds constant
    if (op === '/' && a1.konst === 0) throw new FilterError('division by zero');
    if (op === '%' && a1.konst === 0) throw new FilterError('modulus by zero');
    const x = a0.val, y = a1.val;
    let val: (p: FilterPacket) => number;
    switch (op) {
      case '+': val = (p) => (x(p) + y(p)) >>> 0; break;
      case '-': val = (p) => (x(p) - y(p)) >>> 0; break;
      case '*': val = (p) => Math.imul(x(p), y(p)) >>> 0; break;
      case '/': val = (p) => {
        const a = x(p), b = y(p);
        if (b === 0) throw REJECT;
        return Math.floor(a / b) >>> 0;
      }; break;
      case '%': val = (p) => {
        const a = x(p), b = y(p);
        if (b === 0) throw REJECT;
        return (a % b) >>> 0;
      }; break;
      case '&': val = (p) => (x(p) & y(p)) >>> 0; break;
      case '|': val = (p) => (x(p) | y(p)) >>> 0; break;
      case '^': val = (p) => (x(p) ^ y(p)) >>> 0; break;
      case '<<': val = (p) => {
        const a = x(p), b = y(p);
        return b > 31 ? 0 : (a << b) >>> 0;
      }; break;
      case '>>': val = (p) => {
        const a = x(p), b = y(p);
        return b > 31 ? 0 : a >>> b;
      }; break;
      default: throw new FilterError('syntax error in filter expression');
    }
    // gen_arth() keeps the protocol checks of its left operand only; the optimizer folds
    // arithmetic on constants
    let konst: number | undefined;
    if (a0.konst !== undefined && a1.konst !== undefined) {
      const c = { p: undefined } as unknown as FilterPacket;
      try {
        konst = val(c);
      } catch {
        throw new FilterError(op === '%' ? 'modulus by zero' : 'division by zero');
      }
    }
    return { guard: a0.guard, val, konst };
  }

  neg(a: Arth): Arth {
    const x = a.val;
    return { guard: a.guard, val: (p) => (-x(p)) >>> 0, konst: a.konst === undefined ? undefined : (-a.konst) >>> 0 };
  }

  /** gen_relation(): the checks of both operands, then the comparison (negated for the
   *  <=, < and != forms, the checks staying as they are). */
  relation(op: string, a0: Arth, a1: Arth): Pred {
    const x = a0.val, y = a1.val;
    let cmp: Pred;
    switch (op) {
      case '>': cmp = (p) => x(p) > y(p); break;
      case '>=': cmp = (p) => x(p) >= y(p); break;
      case '=': cmp = (p) => x(p) === y(p); break;
      case '<=': cmp = (p) => !(x(p) > y(p)); break;
      case '<': cmp = (p) => !(x(p) >= y(p)); break;
      case '!=': cmp = (p) => x(p) !== y(p); break;
      default: throw new FilterError('syntax error in filter expression');
    }
    cmp = withSym(cmp, this.relSym(op, a0, a1));
    let g: Pred | undefined = a0.guard;
    if (a1.guard) g = g ? and(g, a1.guard) : a1.guard;
    return g ? and(g, cmp) : cmp;
  }

  /** What the optimizer knows of a comparison: its value when both sides are constants, a
   *  test of a named value against a constant, or nothing. */
  private relSym(op: string, a0: Arth, a1: Arth): Sym {
    const flip: Record<string, [string, boolean]> = { '>': ['>', false], '>=': ['>=', false], '=': ['=', false], '<=': ['>', true], '<': ['>=', true], '!=': ['=', true] };
    const [o, neg] = flip[op]!;
    let s: Sym = OPAQUE;
    if (a0.konst !== undefined && a1.konst !== undefined) {
      const x = a0.konst, y = a1.konst;
      s = { k: 'const', v: o === '>' ? x > y : o === '>=' ? x >= y : x === y };
    } else if (a0.key !== undefined && a1.konst !== undefined) {
      s = atom(a0.key, a1.konst, o as '=' | '>' | '>=');
    } else if (a1.key !== undefined && a0.konst !== undefined && o === '=') {
      s = atom(a1.key, a0.konst);
    }
    return neg ? { k: 'not', a: s } : s;
  }
}
