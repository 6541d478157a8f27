import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHex } from '../../src/wire/bytes.js';
import { UdpPacket, emitUdp, parseUdp, udpChecksumOk } from '../../src/wire/udp.js';
import * as fx from './fixtures.js';
import { dst6, ip4, ip6, l4of4, l4of6, src6 } from './helpers.js';

const V4 = { src: ip4('10.0.0.1'), dst: ip4('10.0.0.2') };

test('UDP over IPv4: ports, length, payload "hello\\n", checksum', () => {
  const b = l4of4(fx.udp4);
  const r = parseUdp(b)!;
  assert.equal(r.srcPort, 59561);
  assert.equal(r.dstPort, 9999);
  assert.equal(new TextDecoder().decode(r.payload), 'hello\n');
  assert.ok(udpChecksumOk(b, V4));
  assert.ok(!udpChecksumOk(b, { src: V4.dst, dst: V4.src + 1 }));
  const v = new UdpPacket(b);
  assert.ok(v.isValid);
  assert.equal(v.length, 14);
  assert.ok(v.verifyChecksum4(V4.src, V4.dst));
  assert.equal(v.computeChecksum4(V4.src, V4.dst), r.checksum);
  assert.equal(toHex(emitUdp(r, undefined, V4)), toHex(b));
  assert.equal(toHex(emitUdp(r)), toHex(b));
  assert.equal(toHex(emitUdp({ srcPort: 59561, dstPort: 9999, payload: r.payload }, undefined, V4)), toHex(b));
});

test('UDP over IPv6: checksum with the IPv6 pseudo-header', () => {
  const f = fx.udp6;
  const b = l4of6(f);
  const r = parseUdp(b)!;
  assert.equal(r.srcPort, 52324);
  assert.equal(r.dstPort, 9999);
  assert.equal(new TextDecoder().decode(r.payload), 'hi6\n');
  const ip = { src: src6(f), dst: dst6(f) };
  assert.ok(udpChecksumOk(b, ip));
  const v = new UdpPacket(f, 54);
  assert.ok(v.verifyChecksum6(f, f, 22, 38));
  assert.equal(v.computeChecksum6(ip.src, ip.dst), r.checksum);
  assert.equal(toHex(emitUdp(r, undefined, ip)), toHex(b));
  assert.ok(!udpChecksumOk(b, { src: ip6('fd00::3'), dst: ip.dst }));
});

test('zero checksum: "none" over IPv4, invalid over IPv6; a computed 0 is sent as 0xffff', () => {
  const b = l4of4(fx.udp4).slice();
  const v = new UdpPacket(b);
  v.checksum = 0;
  assert.ok(v.verifyChecksum4(1, 2));
  assert.ok(!v.verifyChecksum6(ip6('::1'), ip6('::1')));
  // Find a payload whose checksum computes to zero: adjust a payload word to make the sum 0xffff.
  const rec = { srcPort: 1, dstPort: 2, payload: new Uint8Array(2) };
  const base = new UdpPacket(emitUdp(rec, undefined, { src: 0, dst: 0 }));
  const c = base.checksum; // with payload word 0
  // Setting the payload word to the checksum value makes the ones'-complement sum 0xffff.
  rec.payload = new Uint8Array([c >> 8, c & 0xff]);
  const out = emitUdp(rec, undefined, { src: 0, dst: 0 });
  assert.equal(new UdpPacket(out).checksum, 0xffff);
  assert.ok(new UdpPacket(out).verifyChecksum4(0, 0));
  v.fillChecksum4(V4.src, V4.dst);
  assert.deepEqual(b, l4of4(fx.udp4));
});

test('view setters, length checks, trailing bytes', () => {
  const b = new Uint8Array(8 + 4 + 3);
  const v = new UdpPacket(b);
  v.srcPort = 53;
  v.dstPort = 65535;
  v.length = 12;
  assert.equal(v.payload.length, 4);
  v.fillChecksum6(ip6('::1'), ip6('::1'));
  assert.ok(v.verifyChecksum6(ip6('::1'), ip6('::1')));
  const r = parseUdp(b)!;
  assert.deepEqual([r.srcPort, r.dstPort, r.payload.length], [53, 65535, 4]);
  v.length = 7;
  assert.equal(parseUdp(b), undefined);
  v.length = 16;
  assert.equal(parseUdp(b), undefined);
  assert.equal(new UdpPacket(b).isValid, false);
  assert.equal(UdpPacket.check(b.subarray(0, 7)), false);
});
