// Neighbour discovery, MLD and ICMPv6 on the wire, with the frames a real 6.18 kernel sent
// (tcpdump -xx on the peer) as fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vethPair, addrLines, ip6, tap, hex } from './helpers.js';
import { devOpen } from '../../src/kernel/core/dev.js';
import { neighDump, nudName } from '../../src/kernel/core/neighbour.js';
import { inet6AddrAdd, IFA_F_NODAD } from '../../src/kernel/ipv6/addrconf.js';
import { ping6Open, type Ping6Message, type Ping6Socket } from '../../src/kernel/ipv6/ping.js';
import { Icmpv6Packet } from '../../src/wire/icmpv6.js';
import { formatIPv6 } from '../../src/wire/inet.js';
import type { Netns } from '../../src/kernel/net_namespace.js';

function neigh(ns: Netns): string[] {
  return neighDump(ns, 10).filter((n) => n.state !== 0x40).map((n) =>
    `${formatIPv6(n.dst)} dev ${ns.devByIndex(n.ifindex)!.name}${n.lladdr ? ' lladdr ' + [...n.lladdr].map((x) => x.toString(16).padStart(2, '0')).join(':') : ''} ${nudName(n.state)}`);
}

function open(ns: Netns, opts = {}): { s: Ping6Socket; got: Ping6Message[] } {
  const s = ping6Open(ns, opts);
  assert.ok(typeof s !== 'number');
  const got: Ping6Message[] = [];
  s.onMessage = (m) => got.push(m);
  return { s, got };
}

/** ICMPv6 checksum of an Ethernet frame carrying IPv6 + ICMPv6 (no extension header). */
function icmpOk(frame: Uint8Array): boolean {
  const len = (frame[18]! << 8) | frame[19]!;
  return new Icmpv6Packet(frame, 54, len).verifyChecksum(frame, frame, 22, 38);
}

test('link up on the wire: MLD from ::, DAD probe with nonce, then MLD and RS from the link-local', () => {
  const { k, va, vb } = vethPair();
  devOpen(vb);
  const frames = tap(va);
  devOpen(va);
  k.clock.advance(3100);
  const kinds = frames.map((f) => (f[20] === 0 ? `mld ${formatIPv6(f.subarray(22, 38))}` : `icmp6 ${f[54]}`));
  // The second report and the probe both wait a random part of a second.
  assert.deepEqual(kinds.slice(0, 3).sort(), ['icmp6 135', 'mld ::', 'mld ::']);
  assert.deepEqual(kinds.slice(3), ['mld fe80::ff:fe00:1', 'icmp6 133', 'mld fe80::ff:fe00:1']);
  const first3 = frames.splice(0, 3);
  frames.unshift(...first3.filter((f) => f[20] === 0), ...first3.filter((f) => f[20] !== 0));
  // MLDv2 report, from :: while the address is tentative (tcpdump -xx of Linux 6.18).
  assert.equal(hex(frames[0]!),
    '33330000001602000000000186dd6000000000240001' + '00000000000000000000000000000000' +
    'ff020000000000000000000000000016' + '3a000502000001008f006f8900000001' + '04000000ff0200000000000000000001ff000001');
  // The DAD probe: from ::, to the solicited-node group, target, nonce option (random).
  const ns = frames[2]!;
  assert.equal(hex(ns.subarray(0, 58)),
    '3333ff00000102000000000186dd6000000000203aff' + '00000000000000000000000000000000' +
    'ff0200000000000000000001ff000001' + '8700' + hex(ns.subarray(56, 58)));
  assert.equal(hex(ns.subarray(58, 76)), '00000000fe80000000000000000000fffe000001'.slice(0, 36));
  assert.equal(hex(ns.subarray(78, 80)), '0e01');
  assert.equal(ns.length, 86);
  assert.ok(icmpOk(ns));
  // After DAD: the report again from the link-local address, and a router solicitation.
  assert.equal(hex(frames[3]!),
    '33330000001602000000000186dd6000000000240001' + 'fe80000000000000000000fffe000001' +
    'ff020000000000000000000000000016' + '3a000502000001008f007207' + '00000001' + '04000000ff0200000000000000000001ff000001');
  assert.equal(hex(frames[4]!),
    '33330000000202000000000186dd6000000000103aff' + 'fe80000000000000000000fffe000001' +
    'ff020000000000000000000000000002' + '85007b2c00000000' + '01010200' + '00000001');
  // What `ip -s link` showed on the real kernel 3 s after link up: 6 packets, 516 bytes.
  assert.equal(va.stats.tx_packets, 6);
  assert.equal(va.stats.tx_bytes, 516);
  assert.equal(vb.stats.tx_packets, 6);
  assert.equal(vb.stats.tx_bytes, 516);
  // Router solicitations go on, backing off from 4 s (3.6 .. 4.4) towards an hour.
  k.clock.advance(5000);
  assert.equal(va.stats.tx_packets, 7);
  k.clock.advance(10000);
  assert.equal(va.stats.tx_packets, 8);
});

test('NS/NA exchange and an echo across the veth pair', () => {
  const { k, a, b, va } = vethPair({ up: true });
  k.clock.advance(3100);
  const fa = tap(va);
  const fb = tap(b.devByName('veth1')!);
  const { s, got } = open(a);
  assert.equal(s.send({ dst: ip6('fe80::ff:fe00:2'), scopeId: va.ifindex, id: 0x70d7, seq: 1, payload: new Uint8Array(8).fill(0x41, 0, 1) }), 0);
  // Address resolution, as the real kernel put it on the wire.
  assert.equal(hex(fa[0]!),
    '3333ff00000202000000000186dd6000000000203aff' + 'fe80000000000000000000fffe000001' +
    'ff0200000000000000000001ff000002' + '87007c9700000000' + 'fe80000000000000000000fffe000002' + '010102000000' + '0001');
  assert.equal(hex(fb[0]!),
    '02000000000102000000000286dd6000000000203aff' + 'fe80000000000000000000fffe000002' +
    'fe80000000000000000000fffe000001' + '88001b1a60000000' + 'fe80000000000000000000fffe000002' + '020102000000' + '0002');
  // Then the echo request and its reply (flow labels are hashes, as on Linux).
  assert.equal(fa[1]![54], 128);
  assert.equal(fb[1]![54], 129);
  assert.equal(hex(fb[1]!.subarray(54)).slice(0, 4) + hex(fb[1]!.subarray(58)), '8100' + '70d700014100000000000000');
  assert.equal(got.length, 1);
  const r = got[0]!;
  assert.equal(r.kind, 'reply');
  if (r.kind === 'reply') {
    assert.equal(formatIPv6(r.src), 'fe80::ff:fe00:2');
    assert.equal(r.scopeId, va.ifindex);
    assert.equal(r.hoplimit, 64);
    assert.equal(r.seq, 1);
    assert.equal(r.icmpLen, 16);
  }
  assert.deepEqual(neigh(a), ['fe80::ff:fe00:2 dev veth0 lladdr 02:00:00:00:00:02 REACHABLE']);
  assert.deepEqual(neigh(b), ['fe80::ff:fe00:1 dev veth1 lladdr 02:00:00:00:00:01 DELAY']);
  // The peer confirms us with a unicast probe after delay_first_probe_time.
  k.clock.advance(6000);
  assert.deepEqual(neigh(b), ['fe80::ff:fe00:1 dev veth1 lladdr 02:00:00:00:00:01 REACHABLE']);
});

test('duplicate addresses: of two nodes probing at once, the later prober fails; same MAC', () => {
  const { k, va, vb } = vethPair({ up: true });
  k.clock.advance(3000);
  inet6AddrAdd(va, { addr: ip6('2001:db8::7'), prefixlen: 64 });
  inet6AddrAdd(vb, { addr: ip6('2001:db8::7'), prefixlen: 64 });
  k.clock.advance(3000);
  // The first probe makes the other side fail, which then never probes (as on Linux).
  const both = [addrLines(va)[0], addrLines(vb)[0]].sort();
  assert.deepEqual(both, ['2001:db8::7/64', '2001:db8::7/64 dadfailed tentative']);

  const p = vethPair({ seed: 3 });
  // Same MAC at both ends: each link-local collides with the other's probe.
  p.vb.addr = p.va.addr.slice();
  devOpen(p.va);
  devOpen(p.vb);
  p.k.clock.advance(3000);
  assert.deepEqual([addrLines(p.va)[0], addrLines(p.vb)[0]].sort(), ['fe80::ff:fe00:1/64', 'fe80::ff:fe00:1/64 dadfailed tentative']);
});

test('no DAD with nodad or accept_dad 0; a looped-back probe (our nonce) is ignored', () => {
  const { k, a, va } = vethPair({ up: true });
  k.clock.advance(3000);
  inet6AddrAdd(va, { addr: ip6('2001:db8::1'), prefixlen: 64, flags: IFA_F_NODAD });
  assert.deepEqual(addrLines(va)[0], '2001:db8::1/64');
  const idev = va.ip6 as { cnf: Record<string, number> };
  idev.cnf.accept_dad = 0;
  inet6AddrAdd(va, { addr: ip6('2001:db8::2'), prefixlen: 64 });
  assert.deepEqual(addrLines(va)[0], '2001:db8::2/64');
  void a;
});

test('ping ff02::1%veth0: our own answer first (multicast loop), then the peer', () => {
  const { k, a, va } = vethPair({ up: true });
  devOpen(a.devByName('lo')!);
  k.clock.advance(3000);
  const { s, got } = open(a);
  assert.equal(s.send({ dst: ip6('ff02::1'), scopeId: va.ifindex, id: 9, seq: 1, payload: new Uint8Array(56) }), 0);
  assert.deepEqual(got.map((m) => m.kind === 'reply' ? `${formatIPv6(m.src)}%${m.scopeId} ttl=${m.hoplimit}` : m.kind),
    ['fe80::ff:fe00:1%2 ttl=64', 'fe80::ff:fe00:2%2 ttl=64']);
});

test('with lo down (a fresh namespace) our own answers are lost: dropped on lo', () => {
  const { k, a, va } = vethPair({ up: true });
  const lo = a.devByName('lo')!;
  k.clock.advance(3000);
  inet6AddrAdd(va, { addr: ip6('2001:db8::6'), prefixlen: 64, flags: IFA_F_NODAD });
  const { s, got } = open(a);
  s.send({ dst: ip6('2001:db8::6'), id: 1, seq: 1, payload: new Uint8Array(56) });
  s.send({ dst: ip6('fe80::ff:fe00:1'), scopeId: va.ifindex, id: 1, seq: 2, payload: new Uint8Array(56) });
  s.send({ dst: ip6('ff02::1'), scopeId: va.ifindex, id: 1, seq: 3, payload: new Uint8Array(56) });
  assert.deepEqual(got.map((m) => m.kind === 'reply' ? `${formatIPv6(m.src)} seq=${m.seq}` : m.kind), ['fe80::ff:fe00:2 seq=3']);
  assert.equal(lo.stats.tx_dropped, 3);
  assert.equal(s.connect(ip6('::1')), 101); // ping: connect: Network is unreachable
});

test('::1 and our own addresses answer through lo', () => {
  const { k, a, va } = vethPair({ up: true });
  const lo = a.devByName('lo')!;
  devOpen(lo);
  k.clock.advance(3000);
  inet6AddrAdd(va, { addr: ip6('2001:db8::6'), prefixlen: 64, flags: IFA_F_NODAD });
  const { s, got } = open(a);
  const c = s.connect(ip6('::1'));
  assert.ok(typeof c !== 'number' && formatIPv6(c.src) === '::1' && c.dev === lo);
  s.send({ dst: ip6('::1'), id: 1, seq: 1, payload: new Uint8Array(56) });
  s.send({ dst: ip6('2001:db8::6'), id: 1, seq: 2, payload: new Uint8Array(56) });
  s.send({ dst: ip6('fe80::ff:fe00:1'), scopeId: va.ifindex, id: 1, seq: 3, payload: new Uint8Array(56) });
  assert.deepEqual(got.map((m) => m.kind === 'reply' ? `${formatIPv6(m.src)} if${m.ifindex} seq=${m.seq}` : m.kind),
    ['::1 if1 seq=1', '2001:db8::6 if2 seq=2', 'fe80::ff:fe00:1 if2 seq=3']);
  assert.equal(lo.stats.tx_packets, 6);
  assert.equal(va.stats.tx_packets, 6); // only the link-up chatter went out of veth0
  assert.deepEqual(neighDump(a, 10).filter((n) => n.ifindex === 1).map((n) => `${formatIPv6(n.dst)} ${nudName(n.state)}`),
    ['::1 NOARP', '2001:db8::6 NOARP', 'fe80::ff:fe00:1 NOARP']);
  // lo down: ::1 has no route any more ("connect: Network is unreachable").
  const { devClose } = await_import;
  devClose(lo);
  assert.equal(s.connect(ip6('::1')), 101);
});

import { devClose } from '../../src/kernel/core/dev.js';

test('no usable source address anywhere: connect says EADDRNOTAVAIL before the route error', () => {
  // recorded: a fresh namespace (lo down, nothing else): ping -6 ::1 and ping -6 2001:db8::1
  // -> "ping: connect: Cannot assign requested address"; with lo up, or an address on
  // another device, the missing route answers ("Network is unreachable").
  const { a: ns } = vethPair({ sameNs: true });
  const { s } = open(ns);
  assert.equal(s.connect(ip6('::1'), undefined, { datagram: true }), 99);
  assert.equal(s.connect(ip6('2001:db8::1'), undefined, { datagram: true }), 99);
  assert.equal(s.send({ dst: ip6('2001:db8::1'), id: 1, seq: 1, payload: new Uint8Array(8) }), 99);
  devOpen(ns.devByName('lo')!);
  assert.equal(s.connect(ip6('2001:db8::1'), undefined, { datagram: true }), 101);
});
const await_import = { devClose };

test('an unanswered neighbour: three probes a second apart, then "Address unreachable"', () => {
  const { k, a, va } = vethPair({ up: true });
  devOpen(a.devByName('lo')!); // the error comes to us through lo
  k.clock.advance(3000);
  inet6AddrAdd(va, { addr: ip6('2001:db8::1'), prefixlen: 64, flags: IFA_F_NODAD });
  const frames = tap(va);
  const { s, got } = open(a);
  s.send({ dst: ip6('fe80::99'), scopeId: va.ifindex, id: 5, seq: 1, payload: new Uint8Array(56) });
  assert.deepEqual(neigh(a), ['fe80::99 dev veth0 INCOMPLETE']);
  k.clock.advance(2900);
  assert.equal(got.length, 0);
  assert.deepEqual(frames.filter((f) => f[54] !== 133).map((f) => `${f[54]} ${formatIPv6(f.subarray(22, 38))} -> ${formatIPv6(f.subarray(38, 54))}`), [
    '135 fe80::ff:fe00:1 -> ff02::1:ff00:99',
    '135 fe80::ff:fe00:1 -> ff02::1:ff00:99',
    '135 fe80::ff:fe00:1 -> ff02::1:ff00:99',
  ]);
  // The neighbour timers run on the timer wheel: each second is a little late.
  k.clock.advance(200);
  assert.deepEqual(neigh(a), ['fe80::99 dev veth0 FAILED']);
  assert.equal(got.length, 1);
  const e = got[0]!;
  assert.equal(e.kind, 'error');
  if (e.kind === 'error') {
    assert.equal(formatIPv6(e.offender), 'fe80::ff:fe00:1');
    assert.equal(e.scopeId, va.ifindex);
    assert.deepEqual([e.type, e.code, e.seq, e.id], [1, 3, 1, 5]);
  }
  // A global destination: the probes and the error come from the packet's source.
  got.length = 0;
  frames.length = 0;
  s.send({ dst: ip6('2001:db8::2'), id: 5, seq: 2, payload: new Uint8Array(56) });
  k.clock.advance(3200);
  assert.equal(formatIPv6(frames.find((f) => f[54] === 135)!.subarray(22, 38)), '2001:db8::1');
  assert.equal(got.length, 1);
  if (got[0]!.kind === 'error') assert.equal(formatIPv6(got[0]!.offender), '2001:db8::1');
});

test('source address selection: a tie between link-local addresses goes to the newest', () => {
  const { k, a, b, va } = vethPair({ up: true });
  k.clock.advance(3000);
  inet6AddrAdd(va, { addr: ip6('fe80::1234'), prefixlen: 64, flags: IFA_F_NODAD });
  const { s } = open(a);
  const c = s.connect(ip6('fe80::ff:fe00:2'), va.ifindex);
  assert.ok(typeof c !== 'number');
  if (typeof c !== 'number') assert.equal(formatIPv6(c.src), 'fe80::1234');
  s.send({ dst: ip6('fe80::ff:fe00:2'), scopeId: va.ifindex, id: 1, seq: 1, payload: new Uint8Array(56) });
  assert.deepEqual(neigh(b), ['fe80::1234 dev veth1 lladdr 02:00:00:00:00:01 DELAY']);
});
