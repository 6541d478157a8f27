// IPv6 connection tracking and NAT on crafted packets through a router namespace: tuples and
// table keys of both families, the ICMPv6 tracker (queries, NDP untracked, errors RELATED in
// the direction nf_conntrack_inet_error() gives), TCP and UDP over IPv6, fragments without
// reassembly, and nf_nat_ipv6_manip_pkt()'s checksums (the ICMPv6 one covers the pseudo-header)
// for SNAT, DNAT with a port, MASQUERADE, NETMAP and ICMPv6 error translation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import type { Netns } from '../../src/kernel/net_namespace.js';
import { SkBuff } from '../../src/kernel/core/skbuff.js';
import { devAddPackAll, devRemovePackAll, devQueueXmit, type PacketTap } from '../../src/kernel/core/dev.js';
import { emitIpv6Header } from '../../src/wire/ipv6.js';
import { parseIPv6, formatIPv6 } from '../../src/wire/inet.js';
import { emitTcp, tcpChecksumOk } from '../../src/wire/tcp.js';
import { emitUdp, udpChecksumOk } from '../../src/wire/udp.js';
import { emitIcmpv6, icmpv6ChecksumOk, icmpv6Echo, icmpv6Error } from '../../src/wire/icmpv6.js';
import { nfCtList } from '../../src/kernel/netfilter/nf_conntrack_core.js';
import {
  tuple4, tuple6, tupleKey, invertTuple, IPS_SRC_NAT, IPS_DST_NAT, IPS_SEEN_REPLY, TCP_STATE_NAMES,
} from '../../src/kernel/netfilter/nf_conntrack.js';
import { nsOf, runPing } from '../datapath/helpers.js';

const A = parseIPv6('fd00:a::2')!, RA = parseIPv6('fd00:a::1')!;
const C = parseIPv6('2001:db8:c::2')!, RC = parseIPv6('2001:db8:c::1')!;
const MAC = {
  a: [2, 0, 0, 0, 0, 0x0a], ra: [2, 0, 0, 0, 1, 0x0a], rc: [2, 0, 0, 0, 1, 0x0c], c: [2, 0, 0, 0, 0, 0x0c],
};
const SYN = 0x02, ACK = 0x10;

interface World {
  k: Kernel;
  r: Netns;
  /** Sends an IPv6 packet from a (or c) to the router; returns the IPv6 packets the other
   *  end and the sender received meanwhile. */
  fromA(l3: Uint8Array): { atC: Uint8Array[]; atA: Uint8Array[] };
  fromC(l3: Uint8Array): { atA: Uint8Array[]; atC: Uint8Array[] };
  sh(cmd: string, netns?: string): Promise<string>;
}

/** a — r — c, r forwarding, every neighbour known (no NDP on the wire), `rules` run in r. */
async function world(...rules: string[]): Promise<World> {
  const k = new Kernel({ seed: 1 });
  const sh = async (cmd: string, netns?: string) => {
    const r = await k.exec(cmd, netns ? { netns } : {});
    assert.equal(r.status, 0, `${cmd}: ${r.stderr}`);
    return r.stdout;
  };
  for (const n of ['a', 'r', 'c']) await sh(`ip netns add ${n}`);
  await sh('ip link add eth0 netns a type veth peer name ra netns r');
  await sh('ip link add eth0 netns c type veth peer name rc netns r');
  const mac = (m: number[]) => m.map((x) => x.toString(16).padStart(2, '0')).join(':');
  await sh(`ip link set eth0 address ${mac(MAC.a)}`, 'a');
  await sh(`ip link set ra address ${mac(MAC.ra)}`, 'r');
  await sh(`ip link set rc address ${mac(MAC.rc)}`, 'r');
  await sh(`ip link set eth0 address ${mac(MAC.c)}`, 'c');
  await sh('ip addr add fd00:a::2/64 dev eth0 nodad', 'a');
  await sh('ip addr add fd00:a::1/64 dev ra nodad', 'r');
  await sh('ip addr add 2001:db8:c::1/64 dev rc nodad', 'r');
  await sh('ip addr add 2001:db8:c::2/64 dev eth0 nodad', 'c');
  for (const [d, n] of [['eth0', 'a'], ['ra', 'r'], ['rc', 'r'], ['eth0', 'c']]) await sh(`ip link set ${d} up`, n);
  await sh('ip -6 route add default via fd00:a::1', 'a');
  await sh('ip -6 route add default via 2001:db8:c::1', 'c');
  await sh(`ip -6 neigh replace fd00:a::1 lladdr ${mac(MAC.ra)} dev eth0`, 'a');
  await sh(`ip -6 neigh replace fd00:a::2 lladdr ${mac(MAC.a)} dev ra`, 'r');
  await sh(`ip -6 neigh replace 2001:db8:c::2 lladdr ${mac(MAC.c)} dev rc`, 'r');
  await sh(`ip -6 neigh replace 2001:db8:c::1 lladdr ${mac(MAC.rc)} dev eth0`, 'c');
  await sh('sysctl -qw net.ipv6.conf.all.forwarding=1', 'r');
  k.clock.advance(5000);
  for (const rule of rules) await sh(rule, 'r');
  const a = nsOf(k, 'a'), c = nsOf(k, 'c');
  const aDev = a.devByName('eth0')!, cDev = c.devByName('eth0')!;
  const tapOf = (ns: Netns, dev: typeof aDev, got: Uint8Array[]): PacketTap => ({
    netns: ns, dev,
    func(skb, _dev, outgoing) {
      const f = skb.buf.subarray(skb.macOffset >= 0 ? skb.macOffset : skb.off);
      if (!outgoing && f[12] === 0x86 && f[13] === 0xdd) got.push(f.slice(14));
    },
  });
  const send = (dev: typeof aDev, src: number[], dst: number[], l3: Uint8Array) => {
    const atA: Uint8Array[] = [], atC: Uint8Array[] = [];
    const taps = [tapOf(a, aDev, atA), tapOf(c, cDev, atC)];
    for (const t of taps) devAddPackAll(t);
    try {
      const frame = new Uint8Array(14 + l3.length);
      frame.set(dst, 0);
      frame.set(src, 6);
      frame[12] = 0x86;
      frame[13] = 0xdd;
      frame.set(l3, 14);
      const skb = new SkBuff(frame);
      skb.dev = dev;
      devQueueXmit(skb);
      k.clock.advance(10);
    } finally {
      for (const t of taps) devRemovePackAll(t);
    }
    return { atA, atC };
  };
  return {
    k, r: nsOf(k, 'r'), sh,
    fromA: (l3) => send(aDev, MAC.a, MAC.ra, l3),
    fromC: (l3) => send(cDev, MAC.c, MAC.rc, l3),
  };
}

/** An IPv6 packet of `payload` (next header `nh`), extension header bytes `ext` first. */
function ip6(src: Uint8Array, dst: Uint8Array, nh: number, payload: Uint8Array, ext: number[] = [], first = nh): Uint8Array {
  const out = new Uint8Array(40 + ext.length + payload.length);
  emitIpv6Header({ src, dst, nextHeader: ext.length ? first : nh, hopLimit: 64 }, ext.length + payload.length, out, 0);
  out.set(ext, 40);
  out.set(payload, 40 + ext.length);
  return out;
}

const tcpSeg = (src: Uint8Array, dst: Uint8Array, sport: number, dport: number, flags: number, seq: number, ack = 0) =>
  emitTcp({ srcPort: sport, dstPort: dport, seq, ackSeq: ack, flags, window: 64240 }, undefined, { src, dst });
const udpDgram = (src: Uint8Array, dst: Uint8Array, sport: number, dport: number) =>
  emitUdp({ srcPort: sport, dstPort: dport, payload: new Uint8Array([1, 2, 3, 4, 5]) }, undefined, { src, dst });
const echo = (src: Uint8Array, dst: Uint8Array, type: number, id: number) =>
  emitIcmpv6(icmpv6Echo(type, id, 1, new Uint8Array(8).fill(7)), undefined, { src, dst });

const addr = (p: Uint8Array, o: number) => formatIPv6(p.subarray(o, o + 16));
const u16 = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;

/** The packet counters of r's chain `chain` (table `t`), in order. */
async function counters(w: World, chain: string, t = 'filter'): Promise<number[]> {
  const out = await w.sh(`ip6tables -t ${t} -L ${chain} -v -x -n`, 'r');
  return out.split('\n').slice(2).filter((l) => l.trim()).map((l) => Number(l.trim().split(/\s+/)[0]));
}

test('one table for both families: keys apart by family, ICMPv6 queries invert, other types do not', () => {
  const v4 = tuple4(0x20010db8, 1, 17, 10, 20);
  const v6 = tuple6(parseIPv6('2001:db8::')!, parseIPv6('::1')!, 17, 10, 20);
  assert.notEqual(tupleKey(v4), tupleKey(v6));
  assert.equal(tupleKey(tuple6(A, C, 6, 1, 2)), tupleKey(tuple6(A.slice(), C.slice(), 6, 1, 2)));
  const req = tuple6(A, C, 58, 77, 128 << 8);
  const rep = invertTuple(req)!;
  assert.deepEqual([formatIPv6(rep.src6!), formatIPv6(rep.dst6!), rep.sport, rep.dport >> 8], ['2001:db8:c::2', 'fd00:a::2', 77, 129]);
  assert.equal(invertTuple(tuple6(A, C, 58, 0, 139 << 8))!.dport >> 8, 140);
  // Neighbour solicitations, errors and unknown informational types have no answer tuple.
  for (const type of [1, 3, 135, 136, 200]) assert.equal(invertTuple(tuple6(A, C, 58, 0, type << 8)), undefined);
});

test('TCP over IPv6 through MASQUERADE: the handshake tracked, the source rewritten with valid checksums both ways', async () => {
  const w = await world('ip6tables -t nat -A POSTROUTING -o rc -j MASQUERADE');
  let got = w.fromA(ip6(A, C, 6, tcpSeg(A, C, 40000, 80, SYN, 1000)));
  assert.equal(got.atC.length, 1);
  let p = got.atC[0]!;
  assert.equal(addr(p, 8), '2001:db8:c::1');
  assert.ok(tcpChecksumOk(p.subarray(40), { src: p.subarray(8, 24), dst: p.subarray(24, 40) }));
  const sport = u16(p, 40);
  const [ct] = nfCtList(w.r);
  assert.ok(ct && ct.status & IPS_SRC_NAT);
  assert.equal(TCP_STATE_NAMES[ct.tcp!.state], 'SYN_SENT');
  assert.equal(formatIPv6(ct.tuple[1].dst6!), '2001:db8:c::1');
  // The SYN/ACK to the router's address goes back to a, to the port a used.
  got = w.fromC(ip6(C, RC, 6, tcpSeg(C, RC, 80, sport, SYN | ACK, 5000, 1001)));
  assert.equal(got.atA.length, 1);
  p = got.atA[0]!;
  assert.deepEqual([addr(p, 8), addr(p, 24), u16(p, 42)], ['2001:db8:c::2', 'fd00:a::2', 40000]);
  assert.ok(tcpChecksumOk(p.subarray(40), { src: p.subarray(8, 24), dst: p.subarray(24, 40) }));
  assert.equal(TCP_STATE_NAMES[ct.tcp!.state], 'SYN_RECV');
  w.fromA(ip6(A, C, 6, tcpSeg(A, C, 40000, 80, ACK, 1001, 5001)));
  assert.equal(TCP_STATE_NAMES[ct.tcp!.state], 'ESTABLISHED');
  assert.ok(ct.status & IPS_SEEN_REPLY);
  const list = await w.sh('conntrack -L -p tcp', 'r');
  assert.match(list, /^tcp {6}6 \d+ ESTABLISHED src=fd00:a::2 dst=2001:db8:c::2 sport=40000 dport=80 src=2001:db8:c::2 dst=2001:db8:c::1 sport=80 dport=\d+ \[ASSURED\] mark=0 use=1\n$/);
});

test('UDP DNAT to [ADDR]:PORT: destination address and port rewritten, the checksum over the new pseudo-header', async () => {
  const w = await world('ip6tables -t nat -A PREROUTING -i ra -p udp --dport 53 -j DNAT --to-destination [2001:db8:c::2]:5353');
  const got = w.fromA(ip6(A, RA, 17, udpDgram(A, RA, 33000, 53)));
  assert.equal(got.atC.length, 1);
  const p = got.atC[0]!;
  assert.deepEqual([addr(p, 8), addr(p, 24), u16(p, 40), u16(p, 42)], ['fd00:a::2', '2001:db8:c::2', 33000, 5353]);
  assert.ok(udpChecksumOk(p.subarray(40), { src: p.subarray(8, 24), dst: p.subarray(24, 40) }));
  const [ct] = nfCtList(w.r);
  assert.ok(ct && ct.status & IPS_DST_NAT);
  assert.deepEqual([formatIPv6(ct.tuple[1].src6!), ct.tuple[1].sport], ['2001:db8:c::2', 5353]);
});

test('ICMPv6 echo through SNAT to a range: the address picked within it, id kept, checksum valid', async () => {
  const w = await world('ip6tables -t nat -A POSTROUTING -o rc -p icmpv6 -j SNAT --to-source 2001:db8:c::100-2001:db8:c::1ff');
  const got = w.fromA(ip6(A, C, 58, echo(A, C, 128, 0x1234)));
  const p = got.atC[0]!;
  const src = p.subarray(8, 24);
  assert.deepEqual([...src.subarray(0, 14)], [...RC.subarray(0, 14)]);
  const low = u16(src, 14);
  assert.ok(low >= 0x100 && low <= 0x1ff, `source ${formatIPv6(src)} in the range`);
  assert.equal(u16(p, 44), 0x1234);
  assert.ok(icmpv6ChecksumOk(p.subarray(40), p.subarray(8, 24), p.subarray(24, 40)));
});

test('ICMPv6 errors about a masqueraded ping are RELATED (reply direction) and translated back with a valid checksum', async () => {
  const w = await world(
    'ip6tables -t nat -A POSTROUTING -o rc -j MASQUERADE',
    'ip6tables -A FORWARD -m conntrack --ctstate RELATED',
    'ip6tables -A FORWARD -m conntrack --ctstate NEW',
  );
  const out = w.fromA(ip6(A, C, 58, echo(A, C, 128, 0x4242))).atC[0]!;
  // c answers with a destination unreachable quoting the packet it got.
  const err = emitIcmpv6(icmpv6Error(1, 4, out), undefined, { src: C, dst: RC });
  const got = w.fromC(ip6(C, RC, 58, err));
  assert.equal(got.atA.length, 1);
  const p = got.atA[0]!;
  assert.deepEqual([addr(p, 8), addr(p, 24)], ['2001:db8:c::2', 'fd00:a::2']);
  // The quoted packet looks as a sent it.
  assert.deepEqual([addr(p, 48 + 8), addr(p, 48 + 24), u16(p, 48 + 40 + 4)], ['fd00:a::2', '2001:db8:c::2', 0x4242]);
  assert.ok(icmpv6ChecksumOk(p.subarray(40), p.subarray(8, 24), p.subarray(24, 40)));
  assert.deepEqual(await counters(w, 'FORWARD'), [1, 1]);
  // An error claiming to be about that connection but sent elsewhere is not RELATED
  // (nf_conntrack_inet_error(): outer daddr != inner).
  const bogus = emitIcmpv6(icmpv6Error(1, 4, out), undefined, { src: C, dst: A });
  w.fromC(ip6(C, A, 58, bogus));
  assert.deepEqual(await counters(w, 'FORWARD'), [1, 1]);
});

test('NDP and MLD are UNTRACKED, a lone echo reply INVALID, a later fragment INVALID, a first fragment tracked', async () => {
  const w = await world(
    'ip6tables -A INPUT -m conntrack --ctstate UNTRACKED',
    'ip6tables -A INPUT -m conntrack --ctstate INVALID',
    'ip6tables -A INPUT -m conntrack --ctstate NEW',
  );
  const ns = emitIcmpv6({ type: 135, code: 0, rest: 0, data: new Uint8Array([...RA]) }, undefined, { src: A, dst: RA });
  w.fromA(ip6(A, RA, 58, ns));
  const mld = emitIcmpv6({ type: 143, code: 0, rest: 0, data: new Uint8Array(0) }, undefined, { src: A, dst: RA });
  w.fromA(ip6(A, RA, 58, mld));
  assert.deepEqual(await counters(w, 'INPUT'), [2, 0, 0]);
  w.fromA(ip6(A, RA, 58, echo(A, RA, 129, 9)));
  assert.deepEqual(await counters(w, 'INPUT'), [2, 1, 0]);
  // Fragment header: next header UDP, offset 0 with M set (first), then offset 8 (later).
  const first = [17, 0, 0x00, 0x01, 0, 0, 0, 0x33];
  const later = [17, 0, 0x00, 0x08, 0, 0, 0, 0x33];
  const u = udpDgram(A, RA, 33000, 7);
  w.fromA(ip6(A, RA, 17, u, first, 44));
  assert.deepEqual(await counters(w, 'INPUT'), [2, 1, 1]);
  assert.deepEqual(nfCtList(w.r).map((ct) => [ct.tuple[0].proto, ct.tuple[0].sport, ct.tuple[0].dport]), [[17, 33000, 7]]);
  w.fromA(ip6(A, RA, 17, new Uint8Array(16), later, 44));
  assert.deepEqual(await counters(w, 'INPUT'), [2, 2, 1]);
});

test('NETMAP maps the prefix and keeps the host part, both ways', async () => {
  const w = await world(
    'ip6tables -t nat -A POSTROUTING -o rc -s fd00:a::/64 -j NETMAP --to 2001:db8:a::/64',
  );
  const got = w.fromA(ip6(A, C, 58, echo(A, C, 128, 5)));
  const p = got.atC[0]!;
  assert.equal(addr(p, 8), '2001:db8:a::2');
  assert.ok(icmpv6ChecksumOk(p.subarray(40), p.subarray(8, 24), p.subarray(24, 40)));
  const back = w.fromC(ip6(C, parseIPv6('2001:db8:a::2')!, 58, echo(C, parseIPv6('2001:db8:a::2')!, 129, 5)));
  assert.equal(back.atA.length, 1);
  assert.equal(addr(back.atA[0]!, 24), 'fd00:a::2');
});

test('tracking is per family: an ip6tables rule tracks IPv6 only, an iptables rule IPv4 only', async () => {
  const w = await world('ip6tables -A FORWARD -m conntrack --ctstate NEW');
  w.fromA(ip6(A, C, 58, echo(A, C, 128, 1)));
  assert.equal(nfCtList(w.r).length, 1);
  await w.sh('ip6tables -F', 'r');
  w.fromA(ip6(A, C, 58, echo(A, C, 128, 2)));
  assert.equal(nfCtList(w.r).length, 1);
  await w.sh('iptables -A FORWARD -m conntrack --ctstate NEW', 'r');
  w.fromA(ip6(A, C, 58, echo(A, C, 128, 3)));
  assert.equal(nfCtList(w.r).length, 1);
});

test('IPv4 too: an ICMP error about a masqueraded ping is RELATED in the reply direction and translated back', async () => {
  // Recorded on Linux 6.18: "From 192.168.0.2 icmp_seq=1 Destination Port Unreachable", and
  // the router's FORWARD rule for RELATED ICMP counts the error once.
  const k = new Kernel({ seed: 1 });
  for (const cmd of [
    'ip netns add a', 'ip netns add r', 'ip netns add b',
    'ip link add eth0 netns a type veth peer name ra netns r', 'ip link add eth0 netns b type veth peer name rb netns r',
    'ip -n a addr add 10.1.0.2/24 dev eth0', 'ip -n r addr add 10.1.0.1/24 dev ra',
    'ip -n r addr add 192.168.0.1/24 dev rb', 'ip -n b addr add 192.168.0.2/24 dev eth0',
    'ip -n a link set eth0 up', 'ip -n b link set eth0 up', 'ip -n r link set ra up', 'ip -n r link set rb up',
    'ip -n a route add default via 10.1.0.1',
  ]) assert.equal((await k.exec(cmd)).status, 0, cmd);
  for (const [ns, cmd] of [
    ['r', 'sysctl -qw net.ipv4.ip_forward=1'],
    ['r', 'iptables -t nat -A POSTROUTING -o rb -j MASQUERADE'],
    ['r', 'iptables -A FORWARD -m conntrack --ctstate RELATED -p icmp'],
    ['b', 'iptables -A INPUT -p icmp --icmp-type echo-request -j REJECT'],
  ] as const) assert.equal((await k.exec(cmd, { netns: ns })).status, 0, cmd);
  const out = await runPing(k, '-c 1 -W 1 192.168.0.2', 'a');
  assert.match(out.stdout, /^From 192\.168\.0\.2 icmp_seq=1 Destination Port Unreachable$/m);
  const fwd = await k.exec('iptables -L FORWARD -v -x -n', { netns: 'r' });
  assert.match(fwd.stdout, /^\s+1\s+112\s+1\s+--/m);
});
