import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHex } from '../../src/wire/bytes.js';
import {
  ARPHRD_ETHER, ARPOP_REPLY, ARPOP_REQUEST, ArpPacket, emitArp, parseArp,
} from '../../src/wire/arp.js';
import { ETH_P_IP } from '../../src/wire/ethernet.js';
import { arpReply, arpRequest } from './fixtures.js';
import { ip4, l3, mac } from './helpers.js';

const A = mac('a6:08:e9:8a:94:c9');
const B = mac('d2:2a:9b:74:01:8e');

test('request: who-has 10.0.0.2 tell 10.0.0.1', () => {
  const r = parseArp(l3(arpRequest))!;
  assert.deepEqual(r, {
    htype: ARPHRD_ETHER, ptype: ETH_P_IP, hlen: 6, plen: 4, op: ARPOP_REQUEST,
    sha: A, spa: ip4('10.0.0.1'), tha: new Uint8Array(6), tpa: ip4('10.0.0.2'),
  });
  assert.equal(toHex(emitArp(r)), toHex(l3(arpRequest)));
});

test('reply: 10.0.0.2 is-at d2:2a:9b:74:01:8e, and emit from scratch reproduces it', () => {
  const r = parseArp(l3(arpReply))!;
  assert.equal(r.op, ARPOP_REPLY);
  assert.deepEqual(r.sha, B);
  assert.equal(r.spa, ip4('10.0.0.2'));
  assert.deepEqual(r.tha, A);
  assert.equal(r.tpa, ip4('10.0.0.1'));
  const built = emitArp({ op: ARPOP_REPLY, sha: B, spa: ip4('10.0.0.2'), tha: A, tpa: ip4('10.0.0.1') });
  assert.equal(toHex(built), toHex(l3(arpReply)));
});

test('view reads and writes in place', () => {
  const frame = arpRequest.slice();
  const v = new ArpPacket(frame, 14);
  assert.ok(v.isValid && v.isEthernetIpv4);
  assert.equal(v.op, ARPOP_REQUEST);
  assert.equal(v.spa, 0x0a000001);
  assert.equal(v.tpa, 0x0a000002);
  assert.deepEqual(v.sha, A);
  // Turn the request into the reply, as arp_process() would answer it.
  v.op = ARPOP_REPLY;
  v.tha = v.sha.slice();
  v.sha = B;
  const t = v.tpa;
  v.tpa = v.spa;
  v.spa = t;
  assert.equal(toHex(frame.subarray(14)), toHex(l3(arpReply)));
  assert.equal(v.htype, 1);
  assert.equal(v.ptype, 0x0800);
  assert.equal(v.hlen, 6);
  assert.equal(v.plen, 4);
});

test('padding ignored; odd sizes and short buffers rejected, unknown values kept', () => {
  const padded = new Uint8Array(46);
  padded.set(l3(arpRequest));
  assert.equal(parseArp(padded)!.tpa, ip4('10.0.0.2'));
  assert.equal(parseArp(l3(arpRequest).subarray(0, 27)), undefined);
  const weird = l3(arpRequest).slice();
  weird[4] = 8; // hlen 8
  assert.equal(parseArp(weird), undefined);
  assert.equal(new ArpPacket(weird).isEthernetIpv4, false);
  assert.equal(ArpPacket.check(weird), false); // 8 + 2*(8+4) = 32 > 28
  const op = l3(arpRequest).slice();
  op[7] = 77; // unknown op, unknown htype
  op[1] = 9;
  const r = parseArp(op)!;
  assert.equal(r.op, 77);
  assert.equal(r.htype, 9);
  assert.equal(toHex(emitArp(r)), toHex(op));
});
