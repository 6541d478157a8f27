// net/netfilter/nf_nat_core.c + nf_nat_proto.c: NAT bindings kept in the connection. The nat
// table is consulted once per connection and manip type (nf_nat_inet_fn()); the targets call
// nfNatSetupInfo(), which picks a unique tuple (get_unique_tuple()) and rewrites the reply
// tuple; nf_nat_packet() then rewrites every packet of the connection in both directions, and
// nf_nat_icmp_reply_translation() the ICMP errors related to it.
import type { Netns } from '../net_namespace.js';
import type { SkBuff } from '../core/skbuff.js';
import type { NetDevice } from '../core/netdevice.js';
import {
  NF_ACCEPT, NF_DROP, NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING,
} from '../ipv4/ip_input.js';
import { registerNetdeviceNotifier } from '../core/notifier.js';
import { csumReplace2, csumReplace4, internetChecksum } from '../../wire/checksum.js';
import { inetaddrDownListeners } from '../ipv4/devinet.js';
import { tracing } from '../core/neighbour.js';
import { nfRegisterNetHook, NF_IP_PRI_NAT_DST, NF_IP_PRI_NAT_SRC } from './core.js';
import { xtFindTable, iptDoTable, ipHdrOff, u16, u32 } from './x_tables.js';
import { ipRouteMeHarder } from './nf_reroute.js';
import {
  invertTuple, IP_CT_NEW, IP_CT_RELATED, IP_CT_RELATED_REPLY, IP_CT_DIR_REPLY, IPS_SRC_NAT, IPS_DST_NAT,
  IPS_SRC_NAT_DONE, IPS_DST_NAT_DONE, IPS_NAT_MASK, IPS_CONFIRMED, NF_NAT_MANIP_SRC, NF_NAT_MANIP_DST,
  ctinfo2dir, type NfConn, type Tuple,
} from './nf_conntrack.js';
import { ctNet, nfConntrackTupleTaken, nfCtList, nfCtDelete } from './nf_conntrack_core.js';

const IPPROTO_ICMP = 1, IPPROTO_TCP = 6, IPPROTO_UDP = 17;

/** struct nf_nat_range2 flags */
export const NF_NAT_RANGE_MAP_IPS = 1, NF_NAT_RANGE_PROTO_SPECIFIED = 2, NF_NAT_RANGE_PROTO_RANDOM = 4,
  NF_NAT_RANGE_PERSISTENT = 8, NF_NAT_RANGE_PROTO_RANDOM_FULLY = 16, NF_NAT_RANGE_PROTO_OFFSET = 32,
  NF_NAT_RANGE_NETMAP = 64;
const NF_NAT_RANGE_PROTO_RANDOM_ALL = NF_NAT_RANGE_PROTO_RANDOM | NF_NAT_RANGE_PROTO_RANDOM_FULLY;

/** struct nf_nat_range2: addresses and ports (host order). */
export interface NatRange {
  flags: number;
  minIp: number;
  maxIp: number;
  minProto: number;
  maxProto: number;
}

/** HOOK2MANIP() */
export const hook2manip = (hook: number): number =>
  hook === NF_INET_POST_ROUTING || hook === NF_INET_LOCAL_IN ? NF_NAT_MANIP_SRC : NF_NAT_MANIP_DST;

const doneBit = (m: number) => (m === NF_NAT_MANIP_SRC ? IPS_SRC_NAT_DONE : IPS_DST_NAT_DONE);

/** nf_nat_initialized() */
export function nfNatInitialized(ct: NfConn, manip: number): boolean {
  return (ct.status & doneBit(manip)) !== 0;
}

function inRange(t: Tuple, manip: number, r: NatRange): boolean {
  const a = manip === NF_NAT_MANIP_SRC ? t.src : t.dst;
  if (r.flags & NF_NAT_RANGE_MAP_IPS && (a < r.minIp || a > r.maxIp)) return false;
  if (!(r.flags & NF_NAT_RANGE_PROTO_SPECIFIED)) return true;
  const p = protoKey(t, manip);
  return p >= r.minProto && p <= r.maxProto;
}

/** The per-protocol part a manip changes: the port, or the ICMP echo id. */
function protoKey(t: Tuple, manip: number): number {
  if (t.proto === IPPROTO_ICMP) return t.sport;
  return manip === NF_NAT_MANIP_SRC ? t.sport : t.dport;
}

function setProtoKey(t: Tuple, manip: number, v: number): void {
  if (t.proto === IPPROTO_ICMP || manip === NF_NAT_MANIP_SRC) t.sport = v;
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

/** find_best_ips_proto(): the address within the range. */
function findBestIps(t: Tuple, r: NatRange, manip: number): void {
  if (!(r.flags & NF_NAT_RANGE_MAP_IPS)) return;
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
  if (t.proto === IPPROTO_ICMP) {
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

const sameTuple = (a: Tuple, b: Tuple) =>
  a.src === b.src && a.dst === b.dst && a.proto === b.proto && a.sport === b.sport && a.dport === b.dport;

/** nf_nat_setup_info(): binds `ct` for `manip` to a tuple within `r`. */
export function nfNatSetupInfo(ns: Netns, ct: NfConn, r: NatRange, manip: number): number {
  if (nfNatInitialized(ct, manip)) return NF_ACCEPT;
  // What the original direction looks like after the manips done so far.
  const cur = invertTuple(ct.tuple[IP_CT_DIR_REPLY])!;
  const next = getUniqueTuple(ns, cur, r, ct, manip);
  if (!sameTuple(next, cur)) {
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
  return nfNatSetupInfo(ns, ct, { flags: NF_NAT_RANGE_MAP_IPS, minIp: ip, maxIp: ip, minProto: 0, maxProto: 0 }, manip);
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

/** nf_nat_packet(): rewrites the packet if the connection has a `manip` binding for its
 *  direction. */
function natPacket(ns: Netns, ct: NfConn, ctinfo: number, hook: number, skb: SkBuff): void {
  const manip = hook2manip(hook);
  const dir = ctinfo2dir(ctinfo);
  let bit = manip === NF_NAT_MANIP_SRC ? IPS_SRC_NAT : IPS_DST_NAT;
  if (dir === IP_CT_DIR_REPLY) bit ^= IPS_NAT_MASK;
  if (!(ct.status & bit)) return;
  const target = invertTuple(ct.tuple[dir === 0 ? 1 : 0])!;
  manipPkt(skb.buf, ipHdrOff(skb, hook), target, manip);
  const tr = tracing(ns);
  if (tr) tr({ fn: 'nf_nat_manip_pkt', ns, skb, manip: manip === NF_NAT_MANIP_SRC ? 'SRC' : 'DST' });
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

// ---------------------------------------------------------------------------------------
// The hooks

/** nf_nat_inet_fn() with the nat table (iptable_nat_do_chain()). */
function natFn(ns: Netns, hook: number, skb: SkBuff, indev: NetDevice | undefined, outdev: NetDevice | undefined): number {
  const ct = skb.nfct as NfConn | undefined;
  if (!ct) return NF_ACCEPT;
  const ctinfo = skb.ctinfo;
  const manip = hook2manip(hook);
  if (ctinfo === IP_CT_RELATED || ctinfo === IP_CT_RELATED_REPLY) {
    const b = skb.buf, nh = ipHdrOff(skb, hook);
    if (b[nh + 9] === IPPROTO_ICMP) {
      return icmpReplyTranslation(ct, ctinfo, hook, skb) ? NF_ACCEPT : NF_DROP;
    }
  }
  if (ctinfo === IP_CT_NEW && !(ct.status & IPS_CONFIRMED) && !nfNatInitialized(ct, manip)) {
    const t = xtFindTable(ns, 'nat', false);
    if (t) {
      const v = iptDoTable(ns, t, hook, skb, indev, outdev);
      if (v !== NF_ACCEPT) return v;
    }
    if (!nfNatInitialized(ct, manip)) allocNullBinding(ns, ct, hook);
  }
  natPacket(ns, ct, ctinfo, hook, skb);
  return NF_ACCEPT;
}

for (const hook of [NF_INET_PRE_ROUTING, NF_INET_LOCAL_OUT]) {
  nfRegisterNetHook(hook, NF_IP_PRI_NAT_DST, (ns, h, skb, indev, outdev) => {
    if (!xtFindTable(ns, 'nat', false) || !ctNet(ns).users) return NF_ACCEPT;
    if (h !== NF_INET_LOCAL_OUT) return natFn(ns, h, skb, indev, outdev);
    // nf_nat_ipv4_local_fn(): a locally generated packet whose destination changed is routed
    // again.
    const b = skb.buf, o = skb.off;
    const daddr = u32(b, o + 16);
    const v = natFn(ns, h, skb, indev, outdev);
    if (v === NF_ACCEPT && u32(skb.buf, skb.off + 16) !== daddr && !ipRouteMeHarder(ns, skb)) return NF_DROP;
    return v;
  });
}
for (const hook of [NF_INET_POST_ROUTING, NF_INET_LOCAL_IN]) {
  nfRegisterNetHook(hook, NF_IP_PRI_NAT_SRC, (ns, h, skb, indev, outdev) =>
    (xtFindTable(ns, 'nat', false) && ctNet(ns).users ? natFn(ns, h, skb, indev, outdev) : NF_ACCEPT));
}

// The nat table itself does not make its namespace track connections (with iptables-nft a
// nat table of counting rules is never walked): its NAT targets do (xt_conntrack.ts' CT_USERS).

// nf_nat_masquerade: connections masqueraded out of a device go when it goes down, or when
// the address they were given leaves it.
registerNetdeviceNotifier((ev, dev) => {
  if (ev !== 'DOWN') return;
  for (const ct of nfCtList(dev.netns)) if (ct.masqIfindex === dev.ifindex) nfCtDelete(dev.netns, ct);
});
inetaddrDownListeners.push((dev, addr) => {
  for (const ct of nfCtList(dev.netns)) {
    if (ct.masqIfindex === dev.ifindex && ct.tuple[IP_CT_DIR_REPLY].dst === addr) nfCtDelete(dev.netns, ct);
  }
});
