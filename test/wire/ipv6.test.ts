import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHex } from '../../src/wire/bytes.js';
import {
  IPV6_HLEN, Ipv6Packet, NEXTHDR_FRAGMENT, NEXTHDR_HOP, NEXTHDR_ICMP, NEXTHDR_NONE, NEXTHDR_TCP,
  NEXTHDR_UDP, emitIpv6, emitIpv6Header, ipv6SkipExthdr, parseIpv6,
} from '../../src/wire/ipv6.js';
import * as fx from './fixtures.js';
import { ip6, l3 } from './helpers.js';

const ipv6Frames = Object.entries(fx).filter(([, f]) => f[12] === 0x86 && f[13] === 0xdd);

test('parse: echo request (flowlabel 0x2a472, hlim 64, ICMPv6, payload 64)', () => {
  const r = parseIpv6(l3(fx.icmpv6EchoRequest))!;
  assert.equal(r.trafficClass, 0);
  assert.equal(r.flowLabel, 0x2a472);
  assert.equal(r.hopLimit, 64);
  assert.equal(r.nextHeader, NEXTHDR_ICMP);
  assert.deepEqual(r.src, ip6('fd00::1'));
  assert.deepEqual(r.dst, ip6('fd00::2'));
  assert.equal(r.payload.length, 64);
  const v = new Ipv6Packet(fx.icmpv6EchoRequest, 14);
  assert.ok(v.isValid);
  assert.equal(v.version, 6);
  assert.equal(v.payloadLength, 64);
  assert.equal(v.payloadOffset, 54);
  assert.ok(v.srcEquals(ip6('fd00::1')));
  assert.ok(v.dstEquals(ip6('fd00::2')));
  assert.ok(!v.dstEquals(ip6('fd00::1')));
  assert.equal(v.srcOffset, 22);
  assert.equal(v.dstOffset, 38);
});

test('next headers and hop limits of the captured packets', () => {
  const table: [Uint8Array, number, number, string, string][] = [
    [fx.ndNeighbourSolicitation, NEXTHDR_ICMP, 255, 'fd00::1', 'ff02::1:ff00:2'],
    [fx.ndDadSolicitation, NEXTHDR_ICMP, 255, '::', 'ff02::1:ff8a:94c9'],
    [fx.mldv2Report, NEXTHDR_HOP, 1, '::', 'ff02::16'],
    [fx.udp6, NEXTHDR_UDP, 64, 'fd00::1', 'fd00::2'],
    [fx.tcp6Syn, NEXTHDR_TCP, 64, 'fd00::1', 'fd00::2'],
  ];
  for (const [f, nh, hl, s, d] of table) {
    const r = parseIpv6(l3(f))!;
    assert.equal(r.nextHeader, nh);
    assert.equal(r.hopLimit, hl);
    assert.deepEqual(r.src, ip6(s));
    assert.deepEqual(r.dst, ip6(d));
  }
  assert.equal(parseIpv6(l3(fx.tcp6Syn))!.flowLabel, 0x7fb95);
});

test('emit(parse(x)) reproduces every captured IPv6 packet; header builder too', () => {
  assert.ok(ipv6Frames.length >= 12);
  for (const [name, frame] of ipv6Frames) {
    const r = parseIpv6(l3(frame))!;
    assert.ok(r, name);
    assert.equal(toHex(emitIpv6(r)), toHex(l3(frame)), name);
  }
  const h = emitIpv6Header({ flowLabel: 0x2a472, nextHeader: NEXTHDR_ICMP, src: ip6('fd00::1'), dst: ip6('fd00::2') }, 64);
  assert.equal(toHex(h), toHex(l3(fx.icmpv6EchoRequest).subarray(0, 40)));
});

test('setters', () => {
  const b = l3(fx.udp6).slice();
  const v = new Ipv6Packet(b);
  v.trafficClass = 0xb9;
  v.flowLabel = 0xfffff;
  v.hopLimit = 3;
  v.nextHeader = 250;
  v.src = ip6('2001:db8::1');
  v.dst = ip6('2001:db8::ffff:2');
  const r = parseIpv6(b)!;
  assert.equal(r.trafficClass, 0xb9);
  assert.equal(v.dscp, 0xb9 >> 2);
  assert.equal(v.ecn, 1);
  assert.equal(r.flowLabel, 0xfffff);
  assert.equal(v.version, 6);
  assert.equal(r.hopLimit, 3);
  assert.equal(r.nextHeader, 250);
  assert.deepEqual(r.src, ip6('2001:db8::1'));
  assert.deepEqual(r.dst, ip6('2001:db8::ffff:2'));
  v.flowLabel = 0;
  assert.equal(v.trafficClass, 0xb9);
});

test('malformed: short, wrong version, payload length past the end', () => {
  const b = l3(fx.udp6);
  assert.equal(parseIpv6(b.subarray(0, 39)), undefined);
  assert.equal(Ipv6Packet.check(b.subarray(0, 39)), false);
  const v4 = b.slice();
  v4[0] = 0x45;
  assert.equal(parseIpv6(v4), undefined);
  assert.equal(parseIpv6(b.subarray(0, b.length - 1)), undefined);
  const padded = new Uint8Array(b.length + 10);
  padded.set(b);
  assert.equal(parseIpv6(padded)!.payload.length, 12);
});

test('ipv6_skip_exthdr: the MLD report behind a hop-by-hop header', () => {
  const b = l3(fx.mldv2Report);
  const out = { nexthdr: -1, fragOff: -1 };
  const p = ipv6SkipExthdr(b, IPV6_HLEN, b[6], out);
  assert.equal(p, 48);
  assert.equal(out.nexthdr, NEXTHDR_ICMP);
  assert.equal(out.fragOff, 0);
  assert.equal(b[p], 143); // MLDv2 report
  // No extension headers: stays put.
  assert.equal(ipv6SkipExthdr(l3(fx.udp6), 40, NEXTHDR_UDP, out), 40);
  assert.equal(out.nexthdr, NEXTHDR_UDP);
  // Truncated hop-by-hop header.
  assert.equal(ipv6SkipExthdr(b.subarray(0, 41), 40, NEXTHDR_HOP, out), -1);
  // NEXTHDR_NONE.
  assert.equal(ipv6SkipExthdr(b, 40, NEXTHDR_NONE, out), -1);
  // Fragment headers: first fragment skipped, a later one stops the walk.
  const frag = new Uint8Array([NEXTHDR_UDP, 0, 0x00, 0x01, 0, 0, 0, 1, 9, 9]);
  assert.equal(ipv6SkipExthdr(frag, 0, NEXTHDR_FRAGMENT, out), 8);
  assert.equal(out.nexthdr, NEXTHDR_UDP);
  assert.equal(out.fragOff, 1);
  frag[3] = 0xb9; // offset 23 * 8, MF
  assert.equal(ipv6SkipExthdr(frag, 0, NEXTHDR_FRAGMENT, out), 0);
  assert.equal(out.nexthdr, NEXTHDR_FRAGMENT);
  assert.equal(out.fragOff, 0x00b9);
});
