import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHex } from '../../src/wire/bytes.js';
import {
  BROADCAST_MAC, ETH_HLEN, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6, EthernetFrame, emitEthernet,
  emitEthernetHeader, isBroadcastMac, isMulticastMac, isZeroMac, macEqual, macFromNumber,
  macToNumber, parseEthernet,
} from '../../src/wire/ethernet.js';
import * as fx from './fixtures.js';
import { mac } from './helpers.js';

const A = mac('a6:08:e9:8a:94:c9');
const B = mac('d2:2a:9b:74:01:8e');

test('parse: real frames give their addresses and ethertypes', () => {
  const table: [Uint8Array, Uint8Array, Uint8Array, number][] = [
    [fx.arpRequest, BROADCAST_MAC, A, ETH_P_ARP],
    [fx.arpReply, A, B, ETH_P_ARP],
    [fx.icmpEchoRequest, B, A, ETH_P_IP],
    [fx.ndNeighbourSolicitation, mac('33:33:ff:00:00:02'), A, ETH_P_IPV6],
  ];
  for (const [frame, dst, src, type] of table) {
    const r = parseEthernet(frame)!;
    assert.deepEqual(r.dst, dst);
    assert.deepEqual(r.src, src);
    assert.equal(r.ethertype, type);
    assert.equal(r.payload.length, frame.length - ETH_HLEN);
    const v = new EthernetFrame(frame);
    assert.ok(v.isValid);
    assert.equal(v.ethertype, type);
    assert.deepEqual(v.dst, dst);
    assert.deepEqual(v.src, src);
  }
});

test('emit(parse(x)) reproduces every fixture frame byte for byte', () => {
  for (const [name, frame] of Object.entries(fx)) {
    const r = parseEthernet(frame);
    assert.ok(r, name);
    assert.equal(toHex(emitEthernet(r)), toHex(frame), name);
  }
});

test('emit into a buffer, payload already in place is left alone', () => {
  const buf = new Uint8Array(fx.arpReply.length);
  buf.set(fx.arpReply.subarray(14), 14);
  const out = emitEthernet({ dst: A, src: B, ethertype: ETH_P_ARP, payload: buf.subarray(14) }, buf);
  assert.equal(out, buf);
  assert.deepEqual(out, fx.arpReply);
  assert.throws(() => emitEthernet({ dst: A, src: B, ethertype: 1, payload: new Uint8Array(10) }, new Uint8Array(20)),
    RangeError);
  const h = new Uint8Array(16);
  emitEthernetHeader({ dst: A, src: B, ethertype: ETH_P_IP }, h, 2);
  assert.equal(toHex(h), '0000' + toHex(A) + toHex(B) + '0800');
});

test('view setters write the bytes; views work at an offset and re-point', () => {
  const buf = new Uint8Array(4 + 60);
  const v = new EthernetFrame(buf, 4);
  v.dst = B;
  v.src = A;
  v.ethertype = ETH_P_IPV6;
  assert.deepEqual(buf.subarray(4, 18), new Uint8Array([...B, ...A, 0x86, 0xdd]));
  assert.equal(v.payloadOffset, 18);
  assert.equal(v.payload.length, 46);
  v.wrap(fx.arpRequest);
  assert.ok(v.dstIsBroadcast && v.dstIsMulticast);
  v.wrap(fx.arpReply);
  assert.ok(!v.dstIsBroadcast && !v.dstIsMulticast);
});

test('too-short buffers: check() is false and parse gives undefined', () => {
  assert.equal(EthernetFrame.check(new Uint8Array(13)), false);
  assert.equal(EthernetFrame.check(new Uint8Array(20), 7), false);
  assert.equal(new EthernetFrame(new Uint8Array(13)).isValid, false);
  assert.equal(parseEthernet(new Uint8Array(13)), undefined);
  // An 802.3 length in place of an ethertype is kept as is.
  const r = parseEthernet(new Uint8Array([...A, ...B, 0x00, 0x2e, 1, 2, 3]))!;
  assert.equal(r.ethertype, 0x2e);
});

test('MAC helpers', () => {
  assert.ok(isBroadcastMac(BROADCAST_MAC));
  assert.ok(isMulticastMac(mac('33:33:00:00:00:01')));
  assert.ok(!isMulticastMac(A));
  assert.ok(isZeroMac(new Uint8Array(6)));
  assert.ok(macEqual(fx.arpRequest, A, 6, 0));
  for (const m of [A, B, BROADCAST_MAC, new Uint8Array(6)]) {
    assert.deepEqual(macFromNumber(macToNumber(m)), m);
  }
  assert.equal(macToNumber(BROADCAST_MAC), 2 ** 48 - 1);
  assert.equal(macToNumber(A), 0xa608e98a94c9);
});
