import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHex } from '../../src/wire/bytes.js';
import {
  TCPHDR_ACK, TCPHDR_AE, TCPHDR_CWR, TCPHDR_ECE, TCPHDR_FIN, TCPHDR_PSH, TCPHDR_RST, TCPHDR_SYN,
  TCPHDR_URG, TCPOPT_MSS, TCPOPT_SACK_PERM, TCPOPT_TIMESTAMP, TCPOPT_WINDOW, type TcpOption,
  TcpPacket, emitTcp, emitTcpOptions, findTcpOption, linuxSynOptions, parseTcp, parseTcpOptions,
  tcpChecksumOk, tcpOptionsLength,
} from '../../src/wire/tcp.js';
import * as fx from './fixtures.js';
import { dst6, ip4, l3, l4of4, l4of6, src6 } from './helpers.js';

const ip4of = (f: Uint8Array) => {
  const b = l3(f);
  return { src: ((b[12] << 24) | (b[13] << 16) | (b[14] << 8) | b[15]) >>> 0,
    dst: ((b[16] << 24) | (b[17] << 16) | (b[18] << 8) | b[19]) >>> 0 };
};
const ip6of = (f: Uint8Array) => ({ src: src6(f), dst: dst6(f) });

const v4 = [fx.tcpSynToClosedPort, fx.tcpRstAck, fx.tcpSyn, fx.tcpSynAck, fx.tcpAck, fx.tcpPshData];
const v6 = [fx.tcp6Syn, fx.tcp6SynAck, fx.tcp6Data];

test('SYN: ports, seq, window, options [mss 1460,sackOK,TS val 1120118590 ecr 0,nop,wscale 10]', () => {
  const b = l4of4(fx.tcpSyn);
  const r = parseTcp(b)!;
  assert.equal(r.srcPort, 46862);
  assert.equal(r.dstPort, 8080);
  assert.equal(r.seq, 1152092442);
  assert.equal(r.ackSeq, 0);
  assert.equal(r.flags, TCPHDR_SYN);
  assert.equal(r.window, 64240);
  assert.equal(r.checksum, 0xaaa3);
  assert.equal(r.urgentPointer, 0);
  assert.equal(r.payload.length, 0);
  assert.deepEqual(r.options, [
    { kind: 'mss', mss: 1460 },
    { kind: 'sackPermitted' },
    { kind: 'timestamp', tsval: 1120118590, tsecr: 0 },
    { kind: 'nop' },
    { kind: 'wscale', shift: 10 },
  ]);
  const v = new TcpPacket(b);
  assert.ok(v.isValid);
  assert.equal(v.dataOffset, 10);
  assert.equal(v.headerLength, 40);
  assert.equal(v.optionsLength, 20);
  assert.ok(v.syn && !v.ack && !v.fin && !v.rst && !v.psh && !v.urg && !v.ece && !v.cwr && !v.ae);
  assert.equal(v.mss, 1460);
  assert.equal(v.windowScale, 10);
  assert.equal(v.sackPermitted, true);
  assert.equal(v.tsval, 1120118590);
  assert.equal(v.tsecr, 0);
  assert.equal(v.findOption(TCPOPT_MSS), 20);
  assert.equal(v.findOption(TCPOPT_SACK_PERM), 24);
  assert.equal(v.findOption(TCPOPT_TIMESTAMP), 26);
  assert.equal(v.findOption(TCPOPT_WINDOW), 37);
  assert.equal(v.findOption(99), -1);
  assert.ok(v.verifyChecksum4(ip4('10.0.0.1'), ip4('10.0.0.2')));
});

test('the SYN is rebuilt from fields with Linux option order', () => {
  const opts = linuxSynOptions({ mss: 1460, sackPermitted: true, timestamp: { tsval: 1120118590, tsecr: 0 }, wscale: 10 });
  const seg = emitTcp({ srcPort: 46862, dstPort: 8080, seq: 1152092442, flags: TCPHDR_SYN, window: 64240, options: opts },
    undefined, ip4of(fx.tcpSyn));
  assert.equal(toHex(seg), toHex(l4of4(fx.tcpSyn)));
  // Other combinations use NOP padding as tcp_options_write() does.
  const o2 = new Uint8Array(tcpOptionsLength(linuxSynOptions({ mss: 1400, sackPermitted: true })));
  emitTcpOptions(linuxSynOptions({ mss: 1400, sackPermitted: true }), o2);
  assert.equal(toHex(o2), '02040578' + '01010402');
  const o3 = new Uint8Array(16);
  assert.equal(emitTcpOptions(linuxSynOptions({ mss: 1400, timestamp: { tsval: 1, tsecr: 2 } }), o3), 16);
  assert.equal(toHex(o3), '02040578' + '0101080a0000000100000002');
});

test('SYN-ACK and RST-ACK (tcp_v4_send_reset: seq 0, ack = seq + 1, window 0)', () => {
  const sa = parseTcp(l4of4(fx.tcpSynAck))!;
  assert.equal(sa.flags, TCPHDR_SYN | TCPHDR_ACK);
  assert.equal(sa.seq, 2577422325);
  assert.equal(sa.ackSeq, 1152092443);
  assert.equal(sa.window, 65160);
  assert.deepEqual(sa.options[2], { kind: 'timestamp', tsval: 1679495560, tsecr: 1120118590 });
  const syn = parseTcp(l4of4(fx.tcpSynToClosedPort))!;
  const rst = parseTcp(l4of4(fx.tcpRstAck))!;
  assert.equal(rst.flags, TCPHDR_RST | TCPHDR_ACK);
  assert.deepEqual(rst.options, []);
  const built = emitTcp({
    srcPort: syn.dstPort, dstPort: syn.srcPort, seq: 0, ackSeq: (syn.seq + 1) >>> 0, flags: TCPHDR_RST | TCPHDR_ACK,
  }, undefined, ip4of(fx.tcpRstAck));
  assert.equal(toHex(built), toHex(l4of4(fx.tcpRstAck)));
  assert.equal(new TcpPacket(built).checksum, 0x0acb);
});

test('ACK and data segments: [nop,nop,TS], payload "data\\n"', () => {
  const ack = new TcpPacket(l4of4(fx.tcpAck));
  assert.ok(ack.ack && !ack.psh);
  assert.equal(ack.window, 63);
  assert.equal(ack.headerLength, 32);
  assert.equal(ack.mss, undefined);
  assert.equal(ack.windowScale, undefined);
  assert.equal(ack.sackPermitted, false);
  assert.equal(ack.tsval, 1120118590);
  assert.equal(ack.tsecr, 1679495560);
  const data = parseTcp(l4of4(fx.tcpPshData))!;
  assert.equal(data.flags, TCPHDR_PSH | TCPHDR_ACK);
  assert.equal(new TextDecoder().decode(data.payload), 'data\n');
  assert.deepEqual(data.options.map((o) => o.kind), ['nop', 'nop', 'timestamp']);
  const d6 = parseTcp(l4of6(fx.tcp6Data))!;
  assert.equal(new TextDecoder().decode(d6.payload), 'data6\n');
  assert.equal(new TcpPacket(l4of6(fx.tcp6Syn)).mss, 1440);
  assert.equal(parseTcp(l4of6(fx.tcp6Syn))!.window, 64800);
});

test('every captured segment verifies (IPv4 and IPv6 pseudo-headers) and emit(parse(x)) reproduces it', () => {
  for (const f of v4) {
    const b = l4of4(f);
    assert.ok(tcpChecksumOk(b, ip4of(f)));
    const v = new TcpPacket(f, 34, b.length);
    assert.equal(v.computeChecksum4(ip4of(f).src, ip4of(f).dst), v.checksum);
    const r = parseTcp(b)!;
    assert.equal(toHex(emitTcp(r, undefined, ip4of(f))), toHex(b));
    assert.equal(toHex(emitTcp(r)), toHex(b));
  }
  for (const f of v6) {
    const b = l4of6(f);
    assert.ok(tcpChecksumOk(b, ip6of(f)));
    const v = new TcpPacket(f, 54, b.length);
    assert.ok(v.verifyChecksum6(f, f, 22, 38));
    assert.equal(v.computeChecksum6(src6(f), dst6(f)), v.checksum);
    assert.equal(toHex(emitTcp(parseTcp(b)!, undefined, ip6of(f))), toHex(b));
  }
  assert.ok(!tcpChecksumOk(l4of4(fx.tcpSyn), { src: ip4('10.0.0.3'), dst: ip4('10.0.0.2') }));
});

test('view setters and checksum refill', () => {
  const b = l4of4(fx.tcpPshData).slice();
  const v = new TcpPacket(b);
  v.srcPort = 1;
  v.dstPort = 65535;
  v.seq = 0xffffffff;
  v.ackSeq = 0x80000000;
  v.window = 0xffff;
  v.urgentPointer = 3;
  v.fin = true;
  v.psh = false;
  v.urg = true;
  v.ece = true;
  v.cwr = true;
  v.ae = true;
  assert.equal(v.flags, TCPHDR_AE | TCPHDR_CWR | TCPHDR_ECE | TCPHDR_URG | TCPHDR_ACK | TCPHDR_FIN);
  assert.equal(v.dataOffset, 8);
  v.syn = true;
  v.rst = true;
  v.ack = false;
  v.flags = TCPHDR_SYN | 0x800; // a reserved bit is kept
  assert.equal(v.dataOffset, 8);
  assert.ok(v.syn && !v.rst);
  v.fillChecksum4(ip4('1.2.3.4'), ip4('5.6.7.8'));
  assert.ok(v.verifyChecksum4(ip4('1.2.3.4'), ip4('5.6.7.8')));
  const r = parseTcp(b)!;
  assert.deepEqual([r.srcPort, r.dstPort, r.seq, r.ackSeq, r.window, r.urgentPointer, r.flags],
    [1, 65535, 0xffffffff, 0x80000000, 0xffff, 3, TCPHDR_SYN | 0x800]);
  assert.equal(toHex(emitTcp(r, undefined, { src: ip4('1.2.3.4'), dst: ip4('5.6.7.8') })), toHex(b));
  v.checksum = 0x1234;
  assert.equal(v.checksum, 0x1234);
  v.dataOffset = 5;
  assert.equal(v.payload.length, b.length - 20);
  assert.ok(TCPHDR_PSH);
});

test('options that are unknown, malformed, SACK blocks, or after EOL are kept byte for byte', () => {
  const cases: string[] = [
    '0101050a0000000100000002' + '01010402', // SACK block, SACK-permitted
    '0101' + 'fe0612345678', // experimental option
    '020300' + '00', // MSS with a wrong length: kept as unknown
    '0303' + '0a' + '00', // window scale option length 3... then EOL
    '01' + '00' + '0000', // NOP EOL + padding
    '00' + '112233', // EOL followed by garbage
    '0101' + '0820', // truncated option
    '01' + '0100' + '00000000' + '00', // EOL then more zero words than padding
  ];
  for (const hex of cases) {
    const bytes = Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
    const padded = new Uint8Array((bytes.length + 3) & ~3);
    padded.set(bytes);
    const opts = parseTcpOptions(padded);
    const out = new Uint8Array(tcpOptionsLength(opts));
    emitTcpOptions(opts, out);
    assert.equal(toHex(out), toHex(padded), hex);
  }
  const sack = parseTcpOptions(Uint8Array.from([1, 1, 5, 10, 0, 0, 0, 1, 0, 0, 0, 2]));
  assert.deepEqual(sack[2], { kind: 'sack', blocks: [{ left: 1, right: 2 }] });
  const bad = parseTcpOptions(Uint8Array.from([2, 3, 0, 0]));
  assert.equal(bad[0].kind, 'unknown');
  const trunc = parseTcpOptions(Uint8Array.from([1, 1, 8, 32]));
  assert.deepEqual(trunc.map((o: TcpOption) => o.kind), ['nop', 'nop', 'raw']);
  // Lookups stop where Linux stops.
  assert.equal(findTcpOption(Uint8Array.from([0, 2, 4, 5, 180]), 0, 5, TCPOPT_MSS), -1);
  assert.equal(findTcpOption(Uint8Array.from([1, 2, 1, 0, 0]), 0, 5, TCPOPT_MSS), -1);
  assert.equal(findTcpOption(Uint8Array.from([1, 2, 4, 5, 180]), 0, 5, TCPOPT_MSS), 1);
});

test('malformed headers: short, data offset < 5 or past the end', () => {
  const b = l4of4(fx.tcpSyn);
  assert.equal(parseTcp(b.subarray(0, 19)), undefined);
  assert.equal(TcpPacket.check(b.subarray(0, 39)), false);
  assert.equal(TcpPacket.check(b.subarray(0, 40)), true);
  const low = b.slice();
  low[12] = 0x40;
  assert.equal(parseTcp(low), undefined);
  assert.equal(new TcpPacket(low).isValid, false);
  assert.equal(TcpPacket.check(new Uint8Array(30), 20, 20), false);
  assert.throws(() => emitTcp({ srcPort: 1, dstPort: 2, seq: 0, flags: 0,
    options: [{ kind: 'unknown', type: 99, data: new Uint8Array(40) }] }), RangeError);
});
