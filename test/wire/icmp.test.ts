import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHex } from '../../src/wire/bytes.js';
import {
  ICMP_DEST_UNREACH, ICMP_ECHO, ICMP_ECHOREPLY, ICMP_FRAG_NEEDED, ICMP_PARAMETERPROB,
  ICMP_PORT_UNREACH, ICMP_REDIRECT, ICMP_REDIR_HOST, ICMP_TIME_EXCEEDED, IcmpPacket, emitIcmp,
  icmpChecksumOk, icmpEcho, icmpEchoId, icmpEchoSeq, icmpError, icmpIsError, parseIcmp,
} from '../../src/wire/icmp.js';
import { IPPROTO_UDP, parseIpv4 } from '../../src/wire/ipv4.js';
import { parseUdp } from '../../src/wire/udp.js';
import * as fx from './fixtures.js';
import { ip4, l3, l4of4 } from './helpers.js';

test('echo request and reply: id 3505, seq 1, 56 data bytes after the 8-byte header', () => {
  const req = parseIcmp(l4of4(fx.icmpEchoRequest))!;
  assert.equal(req.type, ICMP_ECHO);
  assert.equal(req.code, 0);
  assert.equal(icmpEchoId(req), 3505);
  assert.equal(icmpEchoSeq(req), 1);
  assert.equal(req.data.length, 56);
  assert.ok(icmpChecksumOk(l4of4(fx.icmpEchoRequest)));
  const rep = parseIcmp(l4of4(fx.icmpEchoReply))!;
  assert.equal(rep.type, ICMP_ECHOREPLY);
  assert.ok(icmpChecksumOk(l4of4(fx.icmpEchoReply)));
  // icmp_echo(): the reply is the request's id, seq and data under type 0.
  const built = emitIcmp(icmpEcho(ICMP_ECHOREPLY, icmpEchoId(req), icmpEchoSeq(req), req.data));
  assert.equal(toHex(built), toHex(l4of4(fx.icmpEchoReply)));
  const v = new IcmpPacket(fx.icmpEchoRequest, 34, 64);
  assert.ok(v.isValid);
  assert.equal(v.echoId, 3505);
  assert.equal(v.echoSeq, 1);
  assert.equal(v.rest, (3505 << 16) | 1);
  assert.ok(v.verifyChecksum());
  assert.equal(v.computeChecksum(), v.checksum);
  assert.equal(v.dataOffset, 42);
});

test('emit(parse(x)) reproduces every captured ICMP message, checksum included', () => {
  for (const f of [fx.icmpEchoRequest, fx.icmpEchoReply, fx.icmpEchoRequestRR, fx.icmpEchoReplyRR,
    fx.icmpPortUnreachable]) {
    const m = l4of4(f);
    assert.equal(toHex(emitIcmp(parseIcmp(m)!)), toHex(m));
  }
  // A first fragment's checksum covers the whole reassembled message, not the fragment.
  const frag = l4of4(fx.ipv4FirstFragment);
  assert.ok(!icmpChecksumOk(frag));
  assert.equal(parseIcmp(frag)!.checksum, new IcmpPacket(frag).checksum);
});

test('port unreachable quotes the whole offending UDP datagram', () => {
  const m = l4of4(fx.icmpPortUnreachable);
  assert.ok(icmpChecksumOk(m));
  const r = parseIcmp(m)!;
  assert.equal(r.type, ICMP_DEST_UNREACH);
  assert.equal(r.code, ICMP_PORT_UNREACH);
  assert.equal(r.rest, 0);
  assert.ok(icmpIsError(r.type));
  assert.ok(!icmpIsError(ICMP_ECHO));
  assert.equal(toHex(r.data), toHex(l3(fx.udp4)));
  const inner = parseIpv4(new IcmpPacket(m).quoted)!;
  assert.equal(inner.protocol, IPPROTO_UDP);
  assert.equal(inner.src, ip4('10.0.0.1'));
  assert.equal(inner.dst, ip4('10.0.0.2'));
  const udp = parseUdp(inner.payload)!;
  assert.equal(udp.srcPort, 59561);
  assert.equal(udp.dstPort, 9999);
  // icmp_send() builds it from the offending packet.
  const built = emitIcmp(icmpError(ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, l3(fx.udp4)));
  assert.equal(toHex(built), toHex(m));
});

test('type-specific rest-of-header fields', () => {
  const frag = emitIcmp(icmpError(ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, new Uint8Array(28), 1400));
  assert.equal(new IcmpPacket(frag).mtu, 1400);
  const redir = emitIcmp(icmpError(ICMP_REDIRECT, ICMP_REDIR_HOST, new Uint8Array(28), ip4('10.0.0.254')));
  assert.equal(new IcmpPacket(redir).gateway, ip4('10.0.0.254'));
  const pp = emitIcmp(icmpError(ICMP_PARAMETERPROB, 0, new Uint8Array(28), 20 << 24));
  assert.equal(new IcmpPacket(pp).pointer, 20);
  const b = new Uint8Array(8);
  const v = new IcmpPacket(b);
  v.type = ICMP_TIME_EXCEEDED;
  v.code = 1;
  v.pointer = 7;
  v.mtu = 0xabcd;
  assert.equal(v.rest, 0x0700abcd);
  v.gateway = 0xffffffff;
  v.echoId = 1;
  v.echoSeq = 2;
  v.fillChecksum();
  assert.ok(v.verifyChecksum());
  assert.equal(v.type, 11);
  assert.equal(v.code, 1);
  assert.equal(v.rest, 0x00010002);
  v.rest = 5;
  v.checksum = 0;
  assert.equal(v.checksum, 0);
  assert.ok(!v.verifyChecksum());
});

test('short messages; unknown types are kept', () => {
  assert.equal(parseIcmp(new Uint8Array(7)), undefined);
  assert.equal(IcmpPacket.check(new Uint8Array(7)), false);
  assert.equal(IcmpPacket.check(new Uint8Array(20), 4, 17), false);
  const odd = emitIcmp({ type: 200, code: 9, rest: 0xdeadbeef, data: new Uint8Array([1, 2, 3]) });
  assert.ok(icmpChecksumOk(odd));
  const r = parseIcmp(odd)!;
  assert.deepEqual([r.type, r.code, r.rest], [200, 9, 0xdeadbeef]);
  assert.equal(toHex(emitIcmp(r)), toHex(odd));
});
