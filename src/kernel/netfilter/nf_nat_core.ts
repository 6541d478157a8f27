// net/netfilter/nf_nat_core.c + nf_nat_proto.c: NAT bindings kept in the connection, for IPv4
// and IPv6 connections alike. The nat table of the connection's family is consulted once per
// connection and manip type (nf_nat_inet_fn()); the targets call nfNatSetupInfo(), which picks a
// unique tuple (get_unique_tuple()) and rewrites the reply tuple; nf_nat_packet() then rewrites
// every packet of the connection in both directions (nf_nat_ipv4_manip_pkt() /
// nf_nat_ipv6_manip_pkt()), and nf_nat_icmp_reply_translation() /
// nf_nat_icmpv6_reply_translation() the ICMP and ICMPv6 errors related to it. The hooks sit at
// the same priorities in both families (nf_nat_ipv4_ops / nf_nat_ipv6_ops).
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import type { NetDevice } from '../core/netdevice.js';
import {
  NF_ACCEPT, NF_DROP, NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING,
} from '../ipv4/ip_input.js';
import { registerNetdeviceNotifier } from '../core/notifier.js';
import {
  csumReplace2, csumReplace4, csumReplace16, internetChecksum, pseudoHeaderSum6, CSUM_MANGLED_0,
} from '../../wire/checksum.js';
import { ipv6SkipExthdr, type Ipv6ExthdrResult } from '../../wire/ipv6.js';
import { inetaddrDownListeners } from '../ipv4/devinet.js';
import { inet6addrDownListeners } from '../ipv6/addrconf.js';
import { ip6RouteMeHarder } from '../ipv6/netfilter.js';
import { tracing } from '../core/neighbour.js';
import { nfRegisterNetHook, NF_IP_PRI_NAT_DST, NF_IP_PRI_NAT_SRC, NFPROTO_IPV4, NFPROTO_IPV6 } from './core.js';
import { xtFindTable, iptDoTable, ipHdrOff, u16, u32 } from './x_tables.js';
import { ipRouteMeHarder } from './nf_reroute.js';
import {
  invertTuple, tupleEqual, addr6Equal, IP_CT_NEW, IP_CT_RELATED, IP_CT_RELATED_REPLY, IP_CT_DIR_REPLY,
  IPS_SRC_NAT, IPS_DST_NAT, IPS_SRC_NAT_DONE, IPS_DST_NAT_DONE, IPS_NAT_MASK, IPS_CONFIRMED, NF_NAT_MANIP_SRC,
  NF_NAT_MANIP_DST, CT_L3_IPV6, ctinfo2dir, type NfConn, type Tuple,
} from './nf_conntrack.js';
import { ctNet, nfConntrackTupleTaken, nfCtList, nfCtDelete } from './nf_conntrack_core.js';

const IPPROTO_ICMP = 1, IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_ICMPV6 = 58;

/** struct nf_nat_range2 flags */
export const NF_NAT_RANGE_MAP_IPS = 1, NF_NAT_RANGE_PROTO_SPECIFIED = 2, NF_NAT_RANGE_PROTO_RANDOM = 4,
  NF_NAT_RANGE_PERSISTENT = 8, NF_NAT_RANGE_PROTO_RANDOM_FULLY = 16, NF_NAT_RANGE_PROTO_OFFSET = 32,
  NF_NAT_RANGE_NETMAP = 64;
const NF_NAT_RANGE_PROTO_RANDOM_ALL = NF_NAT_RANGE_PROTO_RANDOM | NF_NAT_RANGE_PROTO_RANDOM_FULLY;

/** struct nf_nat_range2: addresses and ports (host order). IPv4 addresses in minIp/maxIp;
 *  an IPv6 range has its addresses in min6/max6 (16 bytes each) instead (undefined in an
 *  IPv4 range). Every range is built with all seven fields in this order (natRange()): the
 *  functions that read ranges then see one object shape. */
export interface NatRange {
  flags: number;
  minIp: number;
  maxIp: number;
  min6: Uint8Array | undefined;
  max6: Uint8Array | undefined;
  minProto: number;
  maxProto: number;
}

/** A range: IPv4 addresses, or IPv6 ones in min6/max6. */
export function natRange(flags: number, minIp: number, maxIp: number, min6: Uint8Array | undefined,
  max6: Uint8Array | undefined, minProto: number, maxProto: number): NatRange {
  return { flags, minIp, maxIp, min6, max6, minProto, maxProto };
}

/** ipv6_addr_cmp(): memcmp order of two IPv6 addresses. */
export function addr6Cmp(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** HOOK2MANIP() */
export const hook2manip = (hook: number): number =>
  hook === NF_INET_POST_ROUTING || hook === NF_INET_LOCAL_IN ? NF_NAT_MANIP_SRC : NF_NAT_MANIP_DST;

const doneBit = (m: number) => (m === NF_NAT_MANIP_SRC ? IPS_SRC_NAT_DONE : IPS_DST_NAT_DONE);

/** nf_nat_initialized() */
export function nfNatInitialized(ct: NfConn, manip: number): boolean {
  return (ct.status & doneBit(manip)) !== 0;
}

/** nf_nat_in_range() */
function inRange(t: Tuple, manip: number, r: NatRange): boolean {
  if (r.flags & NF_NAT_RANGE_MAP_IPS) {
    if (t.src6) {
      // nf_nat_inet_in_range() for IPv6
      const a = manip === NF_NAT_MANIP_SRC ? t.src6 : t.dst6!;
      if (addr6Cmp(a, r.min6!) < 0 || addr6Cmp(a, r.max6!) > 0) return false;
    } else {
      const a = manip === NF_NAT_MANIP_SRC ? t.src : t.dst;
      if (a < r.minIp || a > r.maxIp) return false;
    }
  }
  if (!(r.flags & NF_NAT_RANGE_PROTO_SPECIFIED)) return true;
  const p = protoKey(t, manip);
  return p >= r.minProto && p <= r.maxProto;
}

const isIcmp = (proto: number) => proto === IPPROTO_ICMP || proto === IPPROTO_ICMPV6;

/** The per-protocol part a manip changes: the port, or the ICMP / ICMPv6 echo id. */
function protoKey(t: Tuple, manip: number): number {
  if (isIcmp(t.proto)) return t.sport;
  return manip === NF_NAT_MANIP_SRC ? t.sport : t.dport;
}

function setProtoKey(t: Tuple, manip: number, v: number): void {
  if (isIcmp(t.proto) || manip === NF_NAT_MANIP_SRC) t.sport = v;
  else t.dport = v;
}

/** nf_nat_used_tuple(): would `t` (as the original direction) clash with a connection? */
function usedTuple(ns: Netns, t: Tuple, ct: NfConn): boolean {
  const reply = invertTuple(t);
  return !!reply && nfConntrackTupleTaken(ns, reply, ct);
}

/** A stable hash of the tuple's addresses (find_best_ips_proto()'s jhash, not the same
 *  numbers: only "same flow → same address" matters). */
function ipHash(t: Tuple, persistent: boolean): number {
  let h = 0x811c9dc5;
  for (const v of persistent ? [t.src] : [t.src, t.dst]) {
    for (let i = 0; i < 4; i++) h = Math.imul(h ^ ((v >>> (i * 8)) & 0xff), 0x01000193) >>> 0;
  }
  return h;
}

/** find_best_ips_proto() for IPv6: word by word, each word picked within the range's words
 *  by a hash of the addresses (the source only when persistent); once a word is below the
 *  range's maximum the rest may take any value. */
function findBestIps6(t: Tuple, r: NatRange, manip: number): void {
  const min = r.min6!, max = r.max6!;
  if (addr6Cmp(min, max) === 0) {
    if (manip === NF_NAT_MANIP_SRC) t.src6 = min;
    else t.dst6 = min;
    return;
  }
  const persistent = (r.flags & NF_NAT_RANGE_PERSISTENT) !== 0;
  let j = 0x811c9dc5;
  for (let i = 0; i < 16; i++) j = Math.imul(j ^ t.src6![i]!, 0x01000193) >>> 0;
  if (!persistent) j = (j ^ u32(t.dst6!, 12)) >>> 0;
  const out = new Uint8Array(16);
  let full = false;
  for (let i = 0; i < 16; i += 4) {
    const lo = full ? 0 : u32(min, i);
    const dist = full ? 0xffffffff : (u32(max, i) - lo + 1) >>> 0;
    // reciprocal_scale(j, dist)
    const v = (lo + Math.floor((j * dist) / 2 ** 32)) >>> 0;
    out[i] = v >>> 24;
    out[i + 1] = (v >>> 16) & 0xff;
    out[i + 2] = (v >>> 8) & 0xff;
    out[i + 3] = v & 0xff;
    if (v !== u32(max, i)) full = true;
    if (!persistent) j = (j ^ u32(t.dst6!, i)) >>> 0;
  }
  if (manip === NF_NAT_MANIP_SRC) t.src6 = out;
  else t.dst6 = out;
}

/** find_best_ips_proto(): the address within the range. */
function findBestIps(t: Tuple, r: NatRange, manip: number): void {
  if (!(r.flags & NF_NAT_RANGE_MAP_IPS)) return;
  if (t.src6) {
    findBestIps6(t, r, manip);
    return;
  }
  const cur = manip === NF_NAT_MANIP_SRC ? t.src : t.dst;
  if (cur >= r.minIp && cur <= r.maxIp && r.minIp === r.maxIp) return;
  const n = r.maxIp - r.minIp + 1;
  const a = (r.minIp + (n === 1 ? 0 : ipHash(t, (r.flags & NF_NAT_RANGE_PERSISTENT) !== 0) % n)) >>> 0;
  if (manip === NF_NAT_MANIP_SRC) t.src = a;
  else t.dst = a;
}

/** nf_nat_l4proto_unique_tuple(): a free port (or ICMP id) in the range, from a random offset
 *  with a bounded number of tries. */
function l4UniqueTuple(ns: Netns, t: Tuple, r: NatRange, manip: number, ct: NfConn): void {
  let min: number, size: number;
  if (isIcmp(t.proto)) {
    if (r.flags & NF_NAT_RANGE_PROTO_SPECIFIED) {
      min = r.minProto;
      size = r.maxProto - r.minProto + 1;
    } else {
      min = 0;
      size = 65536;
    }
  } else if (t.proto === IPPROTO_TCP || t.proto === IPPROTO_UDP) {
    if (!(r.flags & NF_NAT_RANGE_PROTO_SPECIFIED)) {
      // A destination port is never changed unasked.
      if (manip === NF_NAT_MANIP_DST) return;
      const port = protoKey(t, manip);
      if (port < 1024) {
        // Loose convention: privileged source ports stay privileged.
        if (port < 512) {
          min = 1;
          size = 511;
        } else {
          min = 600;
          size = 1023 - 600 + 1;
        }
      } else {
        min = 1024;
        size = 65535 - 1024 + 1;
      }
    } else {
      min = r.minProto;
      size = r.maxProto - r.minProto + 1;
    }
  } else return;
  const rnd = ns.kernel.random;
  let off = (r.flags & NF_NAT_RANGE_PROTO_RANDOM_ALL) || manip !== NF_NAT_MANIP_DST ? rnd.u32() & 0xffff : 0;
  let attempts = Math.min(size, 128);
  for (;;) {
    for (let i = 0; i < attempts; i++, off++) {
      setProtoKey(t, manip, min + (off % size));
      if (!usedTuple(ns, t, ct)) return;
    }
    if (attempts >= size || attempts < 16) return;
    attempts = attempts >> 1;
    off = rnd.u32() & 0xffff;
  }
}

/** get_unique_tuple() */
function getUniqueTuple(ns: Netns, orig: Tuple, r: NatRange, ct: NfConn, manip: number): Tuple {
  // 1) Source NAT keeps the original tuple when it is in range and free.
  if (manip === NF_NAT_MANIP_SRC && !(r.flags & NF_NAT_RANGE_PROTO_RANDOM_ALL)) {
    if (inRange(orig, manip, r) && !usedTuple(ns, orig, ct)) return { ...orig };
  }
  // 2) The address.
  const t = { ...orig };
  findBestIps(t, r, manip);
  // 3) The port, when not already in range and unique.
  if (!(r.flags & NF_NAT_RANGE_PROTO_RANDOM_ALL)) {
    if (r.flags & NF_NAT_RANGE_PROTO_SPECIFIED) {
      const p = protoKey(t, manip);
      if (p >= r.minProto && p <= r.maxProto && (r.minProto === r.maxProto || !usedTuple(ns, t, ct))) return t;
    } else if (!usedTuple(ns, t, ct)) return t;
  }
  l4UniqueTuple(ns, t, r, manip, ct);
  return t;
}

/** nf_nat_setup_info(): binds `ct` for `manip` to a tuple within `r`. */
export function nfNatSetupInfo(ns: Netns, ct: NfConn, r: NatRange, manip: number): number {
  if (nfNatInitialized(ct, manip)) return NF_ACCEPT;
  // What the original direction looks like after the manips done so far.
  const cur = invertTuple(ct.tuple[IP_CT_DIR_REPLY])!;
  const next = getUniqueTuple(ns, cur, r, ct, manip);
  if (!tupleEqual(next, cur)) {
    ct.tuple[IP_CT_DIR_REPLY] = invertTuple(next)!;
    ct.status |= manip === NF_NAT_MANIP_SRC ? IPS_SRC_NAT : IPS_DST_NAT;
  }
  ct.status |= doneBit(manip);
  const tr = tracing(ns);
  if (tr) tr({ fn: 'nf_nat_setup_info', ns, ct, manip: manip === NF_NAT_MANIP_SRC ? 'SRC' : 'DST' });
  return NF_ACCEPT;
}

/** nf_nat_alloc_null_binding(): no rule asked for NAT; the connection is bound to itself
 *  (which still moves a source port that clashes). */
function allocNullBinding(ns: Netns, ct: NfConn, hook: number): number {
  const manip = hook2manip(hook);
  const reply = ct.tuple[IP_CT_DIR_REPLY];
  const ip = manip === NF_NAT_MANIP_SRC ? reply.dst : reply.src;
  const ip6 = manip === NF_NAT_MANIP_SRC ? reply.dst6 : reply.src6;
  return nfNatSetupInfo(ns, ct, natRange(NF_NAT_RANGE_MAP_IPS, ip, ip, ip6, ip6, 0, 0), manip);
}

// ---------------------------------------------------------------------------------------
// Rewriting packets

/** csum_replace2()/csum_replace4() on the checksum field at `at` of `b`. */
function csumReplace2At(b: Uint8Array, at: number, from: number, to: number): void {
  put16(b, at, csumReplace2(u16(b, at), from, to));
}

function csumReplace4At(b: Uint8Array, at: number, from: number, to: number): void {
  put16(b, at, csumReplace4(u16(b, at), from, to));
}

function put16(b: Uint8Array, o: number, v: number): void {
  b[o] = v >> 8;
  b[o + 1] = v & 0xff;
}

function put32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

/** nf_nat_ipv4_manip_pkt(): writes the `manip` half of `target` into the IP header at `nh`
 *  and its transport header, keeping the checksums right. The transport header may be cut
 *  short (the copy inside an ICMP error): then only what is there is rewritten. */
function manipPkt(b: Uint8Array, nh: number, target: Tuple, manip: number): void {
  const th = nh + (b[nh]! & 0x0f) * 4;
  const proto = b[nh + 9]!;
  const addrOff = manip === NF_NAT_MANIP_SRC ? nh + 12 : nh + 16;
  const oldAddr = u32(b, addrOff);
  const newAddr = manip === NF_NAT_MANIP_SRC ? target.src : target.dst;
  const fragoff = u16(b, nh + 6) & 0x1fff;
  if (fragoff === 0 && (proto === IPPROTO_TCP || proto === IPPROTO_UDP)) {
    const portOff = manip === NF_NAT_MANIP_SRC ? th : th + 2;
    const csOff = proto === IPPROTO_TCP ? th + 16 : th + 6;
    const hasCsum = csOff + 2 <= b.length && !(proto === IPPROTO_UDP && u16(b, csOff) === 0);
    if (portOff + 2 <= b.length) {
      const oldPort = u16(b, portOff);
      const newPort = manip === NF_NAT_MANIP_SRC ? target.sport : target.dport;
      if (hasCsum) {
        csumReplace4At(b, csOff, oldAddr, newAddr);
        csumReplace2At(b, csOff, oldPort, newPort);
      }
      put16(b, portOff, newPort);
    }
  } else if (fragoff === 0 && proto === IPPROTO_ICMP && target.proto === IPPROTO_ICMP && th + 8 <= b.length) {
    // Echo and the other queries: the id follows the manip (nf_nat_icmp_manip_pkt()).
    const type = b[th]!;
    if (type === 0 || type === 8 || (type >= 13 && type <= 18)) {
      const oldId = u16(b, th + 4);
      csumReplace2At(b, th + 2, oldId, target.sport);
      put16(b, th + 4, target.sport);
    }
  }
  csumReplace4At(b, nh + 10, oldAddr, newAddr);
  put32(b, addrOff, newAddr);
}

const exthdr: Ipv6ExthdrResult = { nexthdr: 0, fragOff: 0 };

/** nf_nat_ipv6_csum_update(): the checksum at `at` after the manip's address of the IPv6 header
 *  at `nh` becomes the target's (the pseudo-header covers it). */
function csumUpdate6(b: Uint8Array, nh: number, at: number, target: Tuple, manip: number): void {
  const addrOff = manip === NF_NAT_MANIP_SRC ? nh + 8 : nh + 24;
  const to = manip === NF_NAT_MANIP_SRC ? target.src6! : target.dst6!;
  put16(b, at, csumReplace16(u16(b, at), b, to, addrOff, 0));
}

/** nf_nat_ipv6_manip_pkt(): writes the `manip` half of `target` into the IPv6 header at `nh`
 *  and, unless the packet is a later fragment, the transport header after its extension
 *  headers (nf_nat_l4proto_manip_pkt(), chosen by the target's protocol), keeping their
 *  checksums right. Inside an ICMPv6 error the transport header may be cut short: a TCP
 *  header of 8 bytes gets its ports without its checksum; what is shorter is left alone.
 *  False when the header that must change is not there (the packet is then dropped). */
function manipPkt6(b: Uint8Array, nh: number, target: Tuple, manip: number): boolean {
  const hdroff = ipv6SkipExthdr(b, nh + 40, b[nh + 6]!, exthdr);
  if (hdroff >= 0 && (exthdr.fragOff & ~0x7) === 0) {
    const proto = target.proto;
    if (proto === IPPROTO_TCP || proto === IPPROTO_UDP) {
      const portOff = manip === NF_NAT_MANIP_SRC ? hdroff : hdroff + 2;
      const newPort = manip === NF_NAT_MANIP_SRC ? target.sport : target.dport;
      if (proto === IPPROTO_TCP) {
        // tcp_manip_pkt(): conntrack guarantees 8 bytes; the checksum only when all 20 are there.
        if (hdroff + 8 > b.length) return false;
        const oldPort = u16(b, portOff);
        put16(b, portOff, newPort);
        if (hdroff + 20 <= b.length) {
          csumUpdate6(b, nh, hdroff + 16, target, manip);
          csumReplace2At(b, hdroff + 16, oldPort, newPort);
        }
      } else {
        // udp_manip_pkt(): a zero checksum (none) stays zero unless IPv6 forbids it; the
        // stack never sends one, so it is always updated here.
        if (hdroff + 8 > b.length) return false;
        const oldPort = u16(b, portOff);
        if (u16(b, hdroff + 6) !== 0) {
          csumUpdate6(b, nh, hdroff + 6, target, manip);
          csumReplace2At(b, hdroff + 6, oldPort, newPort);
          if (u16(b, hdroff + 6) === 0) put16(b, hdroff + 6, CSUM_MANGLED_0);
        }
        put16(b, portOff, newPort);
      }
    } else if (proto === IPPROTO_ICMPV6) {
      // icmpv6_manip_pkt(): the checksum covers the pseudo-header; echo ids follow the manip.
      if (hdroff + 8 > b.length) return false;
      csumUpdate6(b, nh, hdroff + 2, target, manip);
      const type = b[hdroff]!;
      if (type === 128 || type === 129) {
        csumReplace2At(b, hdroff + 2, u16(b, hdroff + 4), target.sport);
        put16(b, hdroff + 4, target.sport);
      }
    }
  }
  b.set(manip === NF_NAT_MANIP_SRC ? target.src6! : target.dst6!, manip === NF_NAT_MANIP_SRC ? nh + 8 : nh + 24);
  return true;
}

/** nf_nat_packet(): rewrites the packet if the connection has a `manip` binding for its
 *  direction. */
function natPacket(ns: Netns, ct: NfConn, ctinfo: number, hook: number, skb: SkBuff): boolean {
  const manip = hook2manip(hook);
  const dir = ctinfo2dir(ctinfo);
  let bit = manip === NF_NAT_MANIP_SRC ? IPS_SRC_NAT : IPS_DST_NAT;
  if (dir === IP_CT_DIR_REPLY) bit ^= IPS_NAT_MASK;
  if (!(ct.status & bit)) return true;
  const target = invertTuple(ct.tuple[dir === 0 ? 1 : 0])!;
  if (target.src6) {
    if (!manipPkt6(skb.buf, ipHdrOff(skb, hook), target, manip)) return false;
  } else manipPkt(skb.buf, ipHdrOff(skb, hook), target, manip);
  const tr = tracing(ns);
  if (tr) tr({ fn: 'nf_nat_manip_pkt', ns, skb, manip: manip === NF_NAT_MANIP_SRC ? 'SRC' : 'DST' });
  return true;
}

/** nf_nat_icmp_reply_translation(): the quoted packet is made to look as it did before NAT
 *  (the opposite manip), the error itself as the reply to it. */
function icmpReplyTranslation(ct: NfConn, ctinfo: number, hook: number, skb: SkBuff): boolean {
  const manip = hook2manip(hook);
  const dir = ctinfo2dir(ctinfo);
  let bit = manip === NF_NAT_MANIP_SRC ? IPS_SRC_NAT : IPS_DST_NAT;
  if (dir === IP_CT_DIR_REPLY) bit ^= IPS_NAT_MASK;
  if (!(ct.status & bit)) return true;
  const b = skb.buf;
  const nh = ipHdrOff(skb, hook);
  const th = nh + (b[nh]! & 0x0f) * 4;
  if (th + 8 + 20 > b.length) return false;
  const other = ct.tuple[dir === 0 ? 1 : 0];
  manipPkt(b, th + 8, other, manip === NF_NAT_MANIP_SRC ? NF_NAT_MANIP_DST : NF_NAT_MANIP_SRC);
  put16(b, th + 2, 0);
  put16(b, th + 2, internetChecksum(b, th));
  const outer = invertTuple({ ...other, proto: 0 })!;
  manipPkt(b, nh, { ...outer, proto: IPPROTO_ICMP }, manip);
  return true;
}

/** nf_nat_icmpv6_reply_translation(): as for ICMP; the ICMPv6 checksum is computed again over
 *  the changed quote and the pseudo-header of the changed addresses. `hdrlen`: the offset of
 *  the ICMPv6 header. */
function icmpv6ReplyTranslation(ct: NfConn, ctinfo: number, hook: number, skb: SkBuff, hdrlen: number): boolean {
  const manip = hook2manip(hook);
  const dir = ctinfo2dir(ctinfo);
  let bit = manip === NF_NAT_MANIP_SRC ? IPS_SRC_NAT : IPS_DST_NAT;
  if (dir === IP_CT_DIR_REPLY) bit ^= IPS_NAT_MASK;
  const b = skb.buf;
  if (hdrlen + 8 + 40 > b.length) return false;
  if (!(ct.status & bit)) return true;
  const nh = ipHdrOff(skb, hook);
  const other = ct.tuple[dir === 0 ? 1 : 0];
  if (!manipPkt6(b, hdrlen + 8, other, manip === NF_NAT_MANIP_SRC ? NF_NAT_MANIP_DST : NF_NAT_MANIP_SRC)) return false;
  const target = invertTuple({ ...other, proto: 0 })!;
  target.proto = IPPROTO_ICMPV6;
  manipPkt6(b, nh, target, manip);
  const len = b.length - hdrlen;
  put16(b, hdrlen + 2, 0);
  put16(b, hdrlen + 2, internetChecksum(b, hdrlen, len, pseudoHeaderSum6(b, b, IPPROTO_ICMPV6, len, nh + 8, nh + 24)));
  return true;
}

// ---------------------------------------------------------------------------------------
// The hooks

/** nf_nat_inet_fn() with the nat table of the connection's family (iptable_nat_do_chain(),
 *  ip6table_nat_do_chain()); nf_nat_ipv4_fn() / nf_nat_ipv6_fn() before it send RELATED
 *  ICMP / ICMPv6 errors to their translation. */
function natFn(ns: Netns, hook: number, skb: SkBuff, indev: NetDevice | undefined, outdev: NetDevice | undefined,
  af: number): number {
  const ct = skb.nfct as NfConn | undefined;
  if (!ct) return NF_ACCEPT;
  const ctinfo = skb.ctinfo;
  const manip = hook2manip(hook);
  if (ctinfo === IP_CT_RELATED || ctinfo === IP_CT_RELATED_REPLY) {
    const b = skb.buf, nh = ipHdrOff(skb, hook);
    if (af === NFPROTO_IPV4) {
      if (b[nh + 9] === IPPROTO_ICMP) return icmpReplyTranslation(ct, ctinfo, hook, skb) ? NF_ACCEPT : NF_DROP;
    } else {
      const hdrlen = ipv6SkipExthdr(b, nh + 40, b[nh + 6]!, exthdr);
      if (hdrlen >= 0 && exthdr.nexthdr === IPPROTO_ICMPV6) {
        return icmpv6ReplyTranslation(ct, ctinfo, hook, skb, hdrlen) ? NF_ACCEPT : NF_DROP;
      }
    }
  }
  if (ctinfo === IP_CT_NEW && !(ct.status & IPS_CONFIRMED) && !nfNatInitialized(ct, manip)) {
    const t = xtFindTable(ns, 'nat', false, af);
    if (t) {
      const v = iptDoTable(ns, t, hook, skb, indev, outdev);
      if (v !== NF_ACCEPT) return v;
    }
    if (!nfNatInitialized(ct, manip)) allocNullBinding(ns, ct, hook);
  }
  return natPacket(ns, ct, ctinfo, hook, skb) ? NF_ACCEPT : NF_DROP;
}

// nf_nat_ipv4_ops
for (const hook of [NF_INET_PRE_ROUTING, NF_INET_LOCAL_OUT]) {
  nfRegisterNetHook(hook, NF_IP_PRI_NAT_DST, (ns, h, skb, indev, outdev) => {
    if (!xtFindTable(ns, 'nat', false) || !ctNet(ns).users) return NF_ACCEPT;
    if (h !== NF_INET_LOCAL_OUT) return natFn(ns, h, skb, indev, outdev, NFPROTO_IPV4);
    // nf_nat_ipv4_local_fn(): a locally generated packet whose destination changed is routed
    // again.
    const b = skb.buf, o = skb.off;
    const daddr = u32(b, o + 16);
    const v = natFn(ns, h, skb, indev, outdev, NFPROTO_IPV4);
    if (v === NF_ACCEPT && u32(skb.buf, skb.off + 16) !== daddr && !ipRouteMeHarder(ns, skb)) return NF_DROP;
    return v;
  });
}
for (const hook of [NF_INET_POST_ROUTING, NF_INET_LOCAL_IN]) {
  nfRegisterNetHook(hook, NF_IP_PRI_NAT_SRC, (ns, h, skb, indev, outdev) =>
    (xtFindTable(ns, 'nat', false) && ctNet(ns).users ? natFn(ns, h, skb, indev, outdev, NFPROTO_IPV4) : NF_ACCEPT));
}

// nf_nat_ipv6_ops: the same hooks and priorities for the ip6 nat table.
const nat6 = (ns: Netns) => !!xtFindTable(ns, 'nat', false, NFPROTO_IPV6) && ctNet(ns).users6 !== 0;
/** nf_nat_ipv6_in(): a packet whose destination changed loses the route it came with (one
 *  looped back to a local address carries it), to be routed again. */
nfRegisterNetHook(NF_INET_PRE_ROUTING, NF_IP_PRI_NAT_DST, (ns, h, skb, indev, outdev) => {
  if (!nat6(ns)) return NF_ACCEPT;
  const nh = ipHdrOff(skb, h);
  const daddr = skb.buf.slice(nh + 24, nh + 40);
  const v = natFn(ns, h, skb, indev, outdev, NFPROTO_IPV6);
  if (v === NF_ACCEPT && !addr6Equal(daddr, skb.buf.subarray(nh + 24, nh + 40))) skb.dst = undefined;
  return v;
}, NFPROTO_IPV6);
/** nf_nat_ipv6_local_fn(): a connection whose reply does not come from where the packet goes
 *  (DNAT'ed) is routed again from the packet's header, every packet of it. */
nfRegisterNetHook(NF_INET_LOCAL_OUT, NF_IP_PRI_NAT_DST, (ns, h, skb, indev, outdev) => {
  if (!nat6(ns)) return NF_ACCEPT;
  const v = natFn(ns, h, skb, indev, outdev, NFPROTO_IPV6);
  const ct = skb.nfct as NfConn | undefined;
  if (v !== NF_ACCEPT || !ct) return v;
  const dir = ctinfo2dir(skb.ctinfo);
  if (!addr6Equal(ct.tuple[dir].dst6!, ct.tuple[1 - dir]!.src6!) && ip6RouteMeHarder(ns, skb, outdev) !== 0) return NF_DROP;
  return v;
}, NFPROTO_IPV6);
for (const hook of [NF_INET_POST_ROUTING, NF_INET_LOCAL_IN]) {
  nfRegisterNetHook(hook, NF_IP_PRI_NAT_SRC, (ns, h, skb, indev, outdev) =>
    (nat6(ns) ? natFn(ns, h, skb, indev, outdev, NFPROTO_IPV6) : NF_ACCEPT), NFPROTO_IPV6);
}

// The nat table itself does not make its namespace track connections (with iptables-nft a
// nat table of counting rules is never walked): its NAT targets do (xt_conntrack.ts' CT_USERS).

// nf_nat_masquerade: connections masqueraded out of a device go when it goes down, or when
// the address they were given leaves it (masq_inet_event(), masq_inet6_event()).
registerNetdeviceNotifier((ev, dev) => {
  if (ev !== 'DOWN') return;
  for (const ct of nfCtList(dev.netns)) if (ct.masqIfindex === dev.ifindex) nfCtDelete(dev.netns, ct);
});
inetaddrDownListeners.push((dev, addr) => {
  for (const ct of nfCtList(dev.netns)) {
    const r = ct.tuple[IP_CT_DIR_REPLY];
    if (ct.masqIfindex === dev.ifindex && !r.dst6 && r.dst === addr) nfCtDelete(dev.netns, ct);
  }
});
inet6addrDownListeners.push((dev, addr) => {
  for (const ct of nfCtList(dev.netns)) {
    const r = ct.tuple[IP_CT_DIR_REPLY];
    if (ct.masqIfindex === dev.ifindex && r.l3num === CT_L3_IPV6 && addr6Equal(r.dst6!, addr)) nfCtDelete(dev.netns, ct);
  }
});
