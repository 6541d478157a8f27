import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHex } from '../../src/wire/bytes.js';
import {
  ICMPV6_DEST_UNREACH, ICMPV6_ECHO_REPLY, ICMPV6_ECHO_REQUEST, ICMPV6_MLD2_REPORT,
  ICMPV6_PKT_TOOBIG, ICMPV6_PORT_UNREACH, Icmpv6Packet, NDISC_NEIGHBOUR_ADVERTISEMENT,
  NDISC_NEIGHBOUR_SOLICITATION, NDISC_ROUTER_SOLICITATION, ND_NA_FLAG_OVERRIDE,
  ND_NA_FLAG_SOLICITED, ND_OPT_NONCE, ND_OPT_SOURCE_LL_ADDR, ND_OPT_TARGET_LL_ADDR, emitIcmpv6,
  emitNdOptions, findNdOption, icmpv6ChecksumOk, icmpv6Echo, icmpv6Error, icmpv6IsError,
  ndLinkLayerAddress, ndNeighbourAdvertisement, ndNeighbourSolicitation, ndOptionsLength,
  ndRouterSolicitation, parseIcmpv6, parseNdMessage, parseNdOptions,
} from '../../src/wire/icmpv6.js';
import { parseUdp } from '../../src/wire/udp.js';
import { parseIpv6 } from '../../src/wire/ipv6.js';
import * as fx from './fixtures.js';
import { dst6, ip6, l3, l4of6, mac, src6 } from './helpers.js';

const A = mac('a6:08:e9:8a:94:c9');
const B = mac('d2:2a:9b:74:01:8e');
const ipOf = (f: Uint8Array) => ({ src: src6(f), dst: dst6(f) });

const messages = [
  fx.ndDadSolicitation, fx.ndRouterSolicitation, fx.ndNeighbourSolicitation, fx.ndNeighbourAdvertisement,
  fx.icmpv6EchoRequest, fx.icmpv6EchoReply, fx.icmpv6PortUnreachable,
];

test('every captured ICMPv6 checksum verifies with the pseudo-header; emit(parse(x)) reproduces', () => {
  for (const f of messages) {
    const m = l4of6(f);
    assert.ok(icmpv6ChecksumOk(m, src6(f), dst6(f)));
    const v = new Icmpv6Packet(f, 54, m.length);
    assert.ok(v.isValid);
    assert.ok(v.verifyChecksum(f, f, 22, 38));
    assert.equal(v.computeChecksum(src6(f), dst6(f)), v.checksum);
    const r = parseIcmpv6(m)!;
    assert.equal(toHex(emitIcmpv6(r, undefined, ipOf(f))), toHex(m));
    assert.equal(toHex(emitIcmpv6(r)), toHex(m)); // checksum kept as parsed when no addresses
  }
  // (The pseudo-header sum is symmetric in source and destination, so change an address.)
  assert.ok(!icmpv6ChecksumOk(l4of6(fx.icmpv6EchoRequest), ip6('fd00::3'), dst6(fx.icmpv6EchoRequest)));
});

test('MLDv2 report behind the hop-by-hop header', () => {
  const b = l3(fx.mldv2Report);
  const m = b.subarray(48);
  assert.equal(m[0], ICMPV6_MLD2_REPORT);
  assert.ok(icmpv6ChecksumOk(m, b.subarray(8, 24), b.subarray(24, 40)));
});

test('echo: id 3507 seq 1; the reply is rebuilt from the request', () => {
  const req = parseIcmpv6(l4of6(fx.icmpv6EchoRequest))!;
  assert.equal(req.type, ICMPV6_ECHO_REQUEST);
  const v = new Icmpv6Packet(l4of6(fx.icmpv6EchoRequest));
  assert.equal(v.echoId, 3507);
  assert.equal(v.echoSeq, 1);
  const rep = emitIcmpv6(icmpv6Echo(ICMPV6_ECHO_REPLY, v.echoId, v.echoSeq, req.data), undefined, ipOf(fx.icmpv6EchoReply));
  assert.equal(toHex(rep), toHex(l4of6(fx.icmpv6EchoReply)));
});

test('neighbour solicitation: who has fd00::2, SLLAO; rebuilt by the builder', () => {
  const f = fx.ndNeighbourSolicitation;
  const v = new Icmpv6Packet(l4of6(f));
  assert.equal(v.type, NDISC_NEIGHBOUR_SOLICITATION);
  assert.deepEqual(v.target, ip6('fd00::2'));
  assert.ok(v.targetEquals(ip6('fd00::2')));
  assert.equal(v.ndOptionsOffset, 24);
  assert.equal(v.findNdOption(ND_OPT_SOURCE_LL_ADDR), 24);
  assert.equal(v.findNdOption(ND_OPT_TARGET_LL_ADDR), -1);
  assert.deepEqual(v.linkLayerAddress(ND_OPT_SOURCE_LL_ADDR), A);
  const nd = parseNdMessage(parseIcmpv6(l4of6(f))!)!;
  assert.deepEqual(nd.target, ip6('fd00::2'));
  assert.equal(nd.options.length, 1);
  assert.deepEqual(ndLinkLayerAddress(nd.options, ND_OPT_SOURCE_LL_ADDR), A);
  const built = emitIcmpv6(ndNeighbourSolicitation(ip6('fd00::2'), A), undefined, ipOf(f));
  assert.equal(toHex(built), toHex(l4of6(f)));
});

test('neighbour advertisement: solicited, override, TLLAO; rebuilt by the builder', () => {
  const f = fx.ndNeighbourAdvertisement;
  const r = parseIcmpv6(l4of6(f))!;
  assert.equal(r.type, NDISC_NEIGHBOUR_ADVERTISEMENT);
  assert.equal(r.rest >>> 0, (ND_NA_FLAG_SOLICITED | ND_NA_FLAG_OVERRIDE) >>> 0);
  const v = new Icmpv6Packet(l4of6(f));
  assert.deepEqual([v.router, v.solicited, v.override], [false, true, true]);
  assert.deepEqual(v.linkLayerAddress(ND_OPT_TARGET_LL_ADDR), B);
  const nd = parseNdMessage(r)!;
  assert.deepEqual([nd.router, nd.solicited, nd.override], [false, true, true]);
  assert.deepEqual(nd.target, ip6('fd00::2'));
  const built = emitIcmpv6(
    ndNeighbourAdvertisement({ target: ip6('fd00::2'), solicited: true, override: true, tllao: B }),
    undefined, ipOf(f));
  assert.equal(toHex(built), toHex(l4of6(f)));
  // Flag setters.
  const b = l4of6(f).slice();
  const w = new Icmpv6Packet(b);
  w.router = true;
  w.solicited = false;
  w.override = false;
  assert.equal(b[4], 0x80);
});

test('router solicitation with SLLAO, from the link-local address to ff02::2', () => {
  const f = fx.ndRouterSolicitation;
  const v = new Icmpv6Packet(l4of6(f));
  assert.equal(v.type, NDISC_ROUTER_SOLICITATION);
  assert.equal(v.ndOptionsOffset, 8);
  assert.deepEqual(v.linkLayerAddress(ND_OPT_SOURCE_LL_ADDR), A);
  assert.deepEqual(parseIpv6(l3(f))!.src, ip6('fe80::a408:e9ff:fe8a:94c9'));
  assert.equal(parseNdMessage(parseIcmpv6(l4of6(f))!)!.target, undefined);
  const built = emitIcmpv6(ndRouterSolicitation(A), undefined, ipOf(f));
  assert.equal(toHex(built), toHex(l4of6(f)));
});

test('DAD solicitation from :: carries a nonce option (kept), and no SLLAO', () => {
  const f = fx.ndDadSolicitation;
  const r = parseIcmpv6(l4of6(f))!;
  const nd = parseNdMessage(r)!;
  assert.deepEqual(nd.target, ip6('fe80::a408:e9ff:fe8a:94c9'));
  assert.equal(nd.options.length, 1);
  assert.equal(nd.options[0].type, ND_OPT_NONCE);
  assert.equal(toHex(nd.options[0].body), '79e866693cbd');
  assert.equal(new Icmpv6Packet(l4of6(f)).linkLayerAddress(ND_OPT_SOURCE_LL_ADDR), undefined);
  const built = emitIcmpv6(ndNeighbourSolicitation(nd.target!, undefined, nd.options), undefined, ipOf(f));
  assert.equal(toHex(built), toHex(l4of6(f)));
});

test('port unreachable quotes the offending IPv6 packet', () => {
  const f = fx.icmpv6PortUnreachable;
  const r = parseIcmpv6(l4of6(f))!;
  assert.equal(r.type, ICMPV6_DEST_UNREACH);
  assert.equal(r.code, ICMPV6_PORT_UNREACH);
  assert.ok(icmpv6IsError(r.type));
  assert.ok(!icmpv6IsError(ICMPV6_ECHO_REQUEST));
  assert.equal(toHex(r.data), toHex(l3(fx.udp6)));
  const inner = parseIpv6(r.data)!;
  assert.equal(parseUdp(inner.payload)!.dstPort, 9999);
  const built = emitIcmpv6(icmpv6Error(ICMPV6_DEST_UNREACH, ICMPV6_PORT_UNREACH, l3(fx.udp6)), undefined, ipOf(f));
  assert.equal(toHex(built), toHex(l4of6(f)));
  const tooBig = new Icmpv6Packet(emitIcmpv6(icmpv6Error(ICMPV6_PKT_TOOBIG, 0, new Uint8Array(40), 1280)));
  assert.equal(tooBig.mtu, 1280);
});

test('ND options: padding, malformed lists, lookups', () => {
  const opts = [{ type: 99, body: new Uint8Array([1, 2, 3]) }, { type: ND_OPT_SOURCE_LL_ADDR, body: A }];
  assert.equal(ndOptionsLength(opts), 16);
  const buf = new Uint8Array(16);
  assert.equal(emitNdOptions(opts, buf), 16);
  assert.equal(toHex(buf), '630101020300000001' + '01' + toHex(A));
  assert.deepEqual(parseNdOptions(buf)!.map((o) => o.type), [99, 1]);
  assert.equal(findNdOption(buf, 0, 16, ND_OPT_SOURCE_LL_ADDR), 8);
  const zero = buf.slice();
  zero[9] = 0;
  assert.equal(parseNdOptions(zero), undefined);
  assert.equal(findNdOption(zero, 0, 16, ND_OPT_SOURCE_LL_ADDR), -2);
  assert.equal(parseNdOptions(buf.subarray(0, 15)), undefined);
  assert.equal(findNdOption(buf, 0, 15, 99), -2);
  // A NS too short for its target is not valid; short messages do not parse.
  const ns = l4of6(fx.ndNeighbourSolicitation);
  assert.equal(new Icmpv6Packet(ns.subarray(0, 20)).isValid, false);
  assert.equal(parseNdMessage(parseIcmpv6(ns.subarray(0, 20))!), undefined);
  assert.equal(parseIcmpv6(new Uint8Array(7)), undefined);
  assert.equal(parseNdMessage(parseIcmpv6(l4of6(fx.icmpv6EchoRequest))!), undefined);
});
