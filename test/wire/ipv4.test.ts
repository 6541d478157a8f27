import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHex } from '../../src/wire/bytes.js';
import {
  IPOPT_NOOP, IPOPT_RR, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, IP_DF, IP_MF, Ipv4Packet,
  emitIpv4, emitIpv4Header, ipv4ChecksumOk, ipv4HeaderLength, parseIpv4,
} from '../../src/wire/ipv4.js';
import * as fx from './fixtures.js';
import { ip4, l3 } from './helpers.js';

const ipv4Frames = Object.entries(fx).filter(([, f]) => f[12] === 0x08 && f[13] === 0x00);

test('parse: echo request header fields (tos 0, ttl 64, id 56813, DF, ICMP, length 84)', () => {
  const r = parseIpv4(l3(fx.icmpEchoRequest))!;
  assert.equal(r.tos, 0);
  assert.equal(r.ttl, 64);
  assert.equal(r.id, 56813);
  assert.equal(r.dontFragment, true);
  assert.equal(r.moreFragments, false);
  assert.equal(r.reservedFlag, false);
  assert.equal(r.fragOffset, 0);
  assert.equal(r.protocol, IPPROTO_ICMP);
  assert.equal(r.src, ip4('10.0.0.1'));
  assert.equal(r.dst, ip4('10.0.0.2'));
  assert.equal(r.options.length, 0);
  assert.equal(r.payload.length, 64);
  assert.equal(r.checksum, 0x48b9);
  const v = new Ipv4Packet(fx.icmpEchoRequest, 14);
  assert.ok(v.isValid);
  assert.equal(v.version, 4);
  assert.equal(v.ihl, 5);
  assert.equal(v.headerLength, 20);
  assert.equal(v.totalLength, 84);
  assert.equal(v.fragOff, IP_DF);
  assert.equal(v.payloadOffset, 34);
  assert.equal(v.payloadLength, 64);
  assert.ok(v.verifyChecksum());
  assert.equal(v.computeChecksum(), v.checksum);
});

test('every captured IPv4 header verifies, and emit(parse(x)) reproduces the packet', () => {
  assert.ok(ipv4Frames.length >= 14);
  for (const [name, frame] of ipv4Frames) {
    const bytes = l3(frame);
    assert.ok(ipv4ChecksumOk(bytes), name);
    const r = parseIpv4(bytes)!;
    assert.ok(r, name);
    assert.equal(toHex(emitIpv4(r)), toHex(bytes), name);
  }
});

test('tos 0xc0 on the ICMP error; protocols of UDP and TCP packets', () => {
  assert.equal(parseIpv4(l3(fx.icmpPortUnreachable))!.tos, 0xc0);
  assert.equal(new Ipv4Packet(fx.icmpPortUnreachable, 14).dscp, 0x30);
  assert.equal(new Ipv4Packet(fx.icmpPortUnreachable, 14).ecn, 0);
  assert.equal(parseIpv4(l3(fx.udp4))!.protocol, IPPROTO_UDP);
  assert.equal(parseIpv4(l3(fx.tcpSyn))!.protocol, IPPROTO_TCP);
  assert.equal(parseIpv4(l3(fx.tcpSynAck))!.id, 0);
});

test('options: record route, 40 bytes of options (IHL 15)', () => {
  const v = new Ipv4Packet(fx.icmpEchoRequestRR, 14);
  assert.equal(v.ihl, 15);
  assert.equal(v.headerLength, 60);
  assert.equal(v.optionsLength, 40);
  assert.equal(v.totalLength, 124);
  const o = v.options;
  assert.equal(o[0], IPOPT_NOOP);
  assert.equal(o[1], IPOPT_RR);
  assert.equal(o[2], 39); // option length
  assert.equal(o[3], 8); // pointer: after the first address
  const reply = parseIpv4(l3(fx.icmpEchoReplyRR))!;
  assert.equal(reply.options.length, 40);
  assert.equal(reply.options[0], IPOPT_RR);
  assert.equal(reply.options[39], 0); // EOL
  assert.equal(ipv4HeaderLength(reply), 60);
});

test('fragments: MF and offset 1480', () => {
  const first = parseIpv4(l3(fx.ipv4FirstFragment))!;
  assert.equal(first.moreFragments, true);
  assert.equal(first.dontFragment, false);
  assert.equal(first.fragOffset, 0);
  assert.equal(first.payload.length, 1480);
  const last = parseIpv4(l3(fx.ipv4LastFragment))!;
  assert.equal(last.moreFragments, false);
  assert.equal(last.fragOffset, 1480);
  assert.equal(last.id, first.id);
  assert.equal(last.payload.length, 528);
  const v = new Ipv4Packet(fx.ipv4LastFragment, 14);
  assert.ok(v.isFragment);
  assert.equal(v.fragOff, 1480 / 8);
  assert.ok(new Ipv4Packet(fx.ipv4FirstFragment, 14).isFragment);
  assert.equal(new Ipv4Packet(fx.ipv4FirstFragment, 14).fragOff, IP_MF);
  assert.ok(!new Ipv4Packet(fx.icmpEchoRequest, 14).isFragment);
});

test('building a header from fields reproduces the captured one', () => {
  const bytes = l3(fx.udp4);
  const h = emitIpv4Header({
    id: 20915, dontFragment: true, protocol: IPPROTO_UDP, src: ip4('10.0.0.1'), dst: ip4('10.0.0.2'),
  }, 14);
  assert.equal(toHex(h), toHex(bytes.subarray(0, 20)));
  // In place, in front of a payload already in the buffer.
  const buf = new Uint8Array(34);
  buf.set(bytes.subarray(20), 20);
  const whole = emitIpv4({
    id: 20915, dontFragment: true, protocol: IPPROTO_UDP, src: ip4('10.0.0.1'), dst: ip4('10.0.0.2'),
    payload: buf.subarray(20),
  }, buf);
  assert.equal(toHex(whole), toHex(bytes));
  // Odd-length options are zero-padded.
  const withOpt = emitIpv4({ protocol: 1, src: 1, dst: 2, options: new Uint8Array([IPOPT_NOOP]), payload: new Uint8Array(0) });
  assert.equal(withOpt.length, 24);
  assert.equal(withOpt[0], 0x46);
  assert.ok(ipv4ChecksumOk(withOpt));
  assert.throws(() => emitIpv4Header({ protocol: 1, src: 1, dst: 2, options: new Uint8Array(41) }, 0), RangeError);
});

test('setters, ip_decrease_ttl and incremental address rewrites keep the checksum right', () => {
  const b = l3(fx.icmpEchoRequest).slice();
  const v = new Ipv4Packet(b);
  for (let ttl = 64; ttl > 0; ttl--) {
    assert.equal(v.decreaseTtl(), ttl - 1);
    assert.ok(v.verifyChecksum(), `ttl ${ttl - 1}`);
  }
  v.replaceSrc(ip4('192.168.1.77'));
  v.replaceDst(ip4('255.255.255.255'));
  assert.ok(v.verifyChecksum());
  assert.equal(v.src, ip4('192.168.1.77'));
  assert.equal(v.dst, 0xffffffff);
  v.tos = 0xb8;
  v.id = 0xffff;
  v.dontFragment = false;
  v.moreFragments = true;
  v.reservedFlag = true;
  v.fragOffset = 8 * 0x1fff;
  v.ttl = 1;
  v.protocol = 200;
  v.fillChecksum();
  const r = parseIpv4(b)!;
  assert.deepEqual(
    [r.tos, r.id, r.dontFragment, r.moreFragments, r.reservedFlag, r.fragOffset, r.ttl, r.protocol],
    [0xb8, 0xffff, false, true, true, 8 * 0x1fff, 1, 200]);
  assert.ok(ipv4ChecksumOk(b));
  assert.equal(toHex(emitIpv4(r)), toHex(b));
  v.dscp = 1;
  v.ecn = 3;
  assert.equal(v.tos, 0x07);
});

test('malformed: short, wrong version, IHL < 5, total length out of range', () => {
  const good = l3(fx.icmpEchoRequest);
  assert.equal(parseIpv4(good.subarray(0, 19)), undefined);
  assert.equal(Ipv4Packet.check(good.subarray(0, 19)), false);
  const mut = (f: (b: Uint8Array) => void) => {
    const b = good.slice();
    f(b);
    return b;
  };
  assert.equal(parseIpv4(mut((b) => (b[0] = 0x65))), undefined);
  assert.equal(parseIpv4(mut((b) => (b[0] = 0x44))), undefined);
  assert.equal(new Ipv4Packet(mut((b) => (b[0] = 0x44))).isValid, false);
  assert.equal(parseIpv4(mut((b) => (b[3] = 85))), undefined);
  assert.equal(parseIpv4(mut((b) => { b[2] = 0; b[3] = 19; })), undefined);
  assert.equal(Ipv4Packet.check(good.subarray(0, 40)), true);
  assert.equal(Ipv4Packet.check(l3(fx.icmpEchoRequestRR).subarray(0, 40)), false);
  // Trailing padding is not payload; a bad checksum is kept, not fixed, by parse.
  const padded = new Uint8Array(good.length + 6);
  padded.set(good);
  assert.equal(parseIpv4(padded)!.payload.length, 64);
  const bad = mut((b) => (b[10] ^= 1));
  assert.equal(parseIpv4(bad)!.checksum, 0x48b9 ^ 0x100);
  assert.equal(ipv4ChecksumOk(bad), false);
});
