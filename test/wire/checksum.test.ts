import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex, get16, set16, get32, set32 } from '../../src/wire/bytes.js';
import {
  csumAdd, csumFold, csumPartial, csumReplace16, csumReplace2, csumReplace4, internetChecksum,
  pseudoHeaderSum4, pseudoHeaderSum6, replace16InPlace,
} from '../../src/wire/checksum.js';
import { icmpEchoRequest, tcpSyn, tcp6Syn } from './fixtures.js';
import { dst6, l3, l4of4, l4of6, rng, src6 } from './helpers.js';

test('RFC 1071 example: sum of 0001 f203 f4f5 f6f7 is ddf2', () => {
  const b = fromHex('0001f203f4f5f6f7');
  assert.equal(csumPartial(b), 0xddf2);
  assert.equal(internetChecksum(b), 0x220d);
});

test('odd lengths pad with a zero byte; chaining equals one pass', () => {
  const b = fromHex('0102030405');
  assert.equal(csumPartial(b), 0x0102 + 0x0304 + 0x0500);
  const r = rng(7);
  const big = new Uint8Array(3001).map(() => r() & 0xff);
  assert.equal(csumPartial(big, 0, 3001), csumPartial(big, 1000, 2001, csumPartial(big, 0, 1000)));
});

test('a header with its checksum in place sums to 0xffff (checksum 0)', () => {
  const ip = l3(icmpEchoRequest).subarray(0, 20);
  assert.equal(internetChecksum(ip), 0);
  assert.equal(csumPartial(ip), 0xffff);
});

test('pseudo-header sums verify real TCP segments (IPv4 and IPv6)', () => {
  const seg4 = l4of4(tcpSyn);
  const ip = l3(tcpSyn);
  assert.equal(internetChecksum(seg4, 0, seg4.length, pseudoHeaderSum4(get32(ip, 12), get32(ip, 16), 6, seg4.length)), 0);
  const seg6 = l4of6(tcp6Syn);
  assert.equal(
    internetChecksum(seg6, 0, seg6.length, pseudoHeaderSum6(src6(tcp6Syn), dst6(tcp6Syn), 6, seg6.length)), 0);
  // The offsets form reads the addresses straight from the packet.
  assert.equal(
    pseudoHeaderSum6(tcp6Syn, tcp6Syn, 6, seg6.length, 22, 38),
    pseudoHeaderSum6(src6(tcp6Syn), dst6(tcp6Syn), 6, seg6.length));
});

test('csumAdd and csumFold', () => {
  assert.equal(csumAdd(0xffff, 1), 1);
  assert.equal(csumAdd(0, 0x12345678), 0x1234 + 0x5678);
  assert.equal(csumFold(0x1ffff), 0xfffe);
  assert.equal(csumFold(0), 0xffff);
});

test('incremental updates (RFC 1624) agree with recomputation', () => {
  const r = rng(12345);
  for (let round = 0; round < 2000; round++) {
    const n = 8 + (r() % 60) * 2;
    const b = new Uint8Array(n).map(() => r() & 0xff);
    if (round % 7 === 0) b.fill(0xff, 0, 6); // edge sums near 0xffff
    set16(b, 0, 0);
    set16(b, 0, internetChecksum(b));
    // 16-bit word
    const w = 2 + 2 * (r() % ((n - 2) / 2));
    const to16 = r() & 0xffff;
    const c1 = csumReplace2(get16(b, 0), get16(b, w), to16);
    set16(b, w, to16);
    set16(b, 0, c1);
    assert.equal(internetChecksum(b), 0, `replace2 round ${round}`);
    // 32-bit word at an even offset
    const w4 = 2 + 2 * (r() % ((n - 4) / 2));
    const to32 = r();
    const c2 = csumReplace4(get16(b, 0), get32(b, w4), to32);
    set32(b, w4, to32);
    set16(b, 0, c2);
    assert.equal(internetChecksum(b), 0, `replace4 round ${round}`);
  }
});

test('csumReplace16 (an IPv6 address) and replace16InPlace', () => {
  const r = rng(99);
  const b = new Uint8Array(40).map(() => r() & 0xff);
  set16(b, 0, 0);
  set16(b, 0, internetChecksum(b));
  const newAddr = new Uint8Array(16).map(() => r() & 0xff);
  set16(b, 0, csumReplace16(get16(b, 0), b, newAddr, 8, 0));
  b.set(newAddr, 8);
  assert.equal(internetChecksum(b), 0);
  replace16InPlace(b, 0, 30, 0xbeef);
  assert.equal(get16(b, 30), 0xbeef);
  assert.equal(internetChecksum(b), 0);
});
