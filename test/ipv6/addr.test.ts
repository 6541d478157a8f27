// Address classification and the identifiers addrconf derives, against real kernel output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  eui64FromMac, linkLocalFromMac, solicitedNodeAddr, ipv6EthMcMap, ipv6AddrScope, ipv6AddrSrcScope,
  ipv6AddrType, rtScope, ipv6AddrDiff, ipv6AddrLabel, IFA_HOST, IFA_LINK, IFA_SITE, IPV6_ADDR_LOOPBACK,
  IPV6_ADDR_MULTICAST, IPV6_ADDR_ANY,
} from '../../src/kernel/ipv6/addr.js';
import { formatIPv6 } from '../../src/wire/inet.js';
import { ip6, mac, hex } from './helpers.js';

// MAC -> link-local pairs seen with `ip link` / `ip -6 addr` on Linux 6.18.
const EUI64_FIXTURES: [string, string][] = [
  ['02:00:00:00:00:01', 'fe80::ff:fe00:1'],
  ['02:00:00:00:00:02', 'fe80::ff:fe00:2'],
  ['02:00:00:00:00:09', 'fe80::ff:fe00:9'],
  ['36:3d:85:6f:ce:75', 'fe80::343d:85ff:fe6f:ce75'],
  ['86:60:a0:e0:35:4d', 'fe80::8460:a0ff:fee0:354d'],
  ['42:c4:d5:58:e5:7e', 'fe80::40c4:d5ff:fe58:e57e'],
  ['da:72:3d:d2:73:41', 'fe80::d872:3dff:fed2:7341'],
];

test('EUI-64 link-local addresses from MACs (U/L bit flipped, ff:fe inserted)', () => {
  for (const [m, ll] of EUI64_FIXTURES) {
    assert.equal(formatIPv6(linkLocalFromMac(mac(m))), ll, m);
  }
  assert.equal(hex(eui64FromMac(mac('02:00:00:00:00:01'))), '000000fffe000001');
  assert.equal(hex(eui64FromMac(mac('00:11:22:33:44:55'))), '021122fffe334455');
});

test('solicited-node groups and their multicast MACs', () => {
  assert.equal(formatIPv6(solicitedNodeAddr(ip6('fe80::ff:fe00:1'))), 'ff02::1:ff00:1');
  assert.equal(formatIPv6(solicitedNodeAddr(ip6('2001:db8::1234:5678'))), 'ff02::1:ff34:5678');
  assert.equal(hex(ipv6EthMcMap(ip6('ff02::1:ff00:2'))), '3333ff000002');
  assert.equal(hex(ipv6EthMcMap(ip6('ff02::16'))), '333300000016');
});

test('scopes: what `ip addr` prints for each kind of address', () => {
  const scope = (a: string) => ({ 254: 'host', 253: 'link', 200: 'site', 0: 'global' })[rtScope(ipv6AddrScope(ip6(a)))];
  assert.equal(scope('::1'), 'host');
  assert.equal(scope('fe80::1'), 'link');
  assert.equal(scope('fec0::1'), 'site');
  assert.equal(scope('2001:db8::1'), 'global');
  assert.equal(scope('::ffff:1.2.3.4'), 'global');
  assert.equal(scope('::1.2.3.4'), 'global');
  assert.equal(ipv6AddrScope(ip6('::1')), IFA_HOST);
  assert.equal(ipv6AddrScope(ip6('fe80::1')), IFA_LINK);
  assert.equal(ipv6AddrScope(ip6('fec0::1')), IFA_SITE);
  assert.ok(ipv6AddrType(ip6('::1')) & IPV6_ADDR_LOOPBACK);
  assert.ok(ipv6AddrType(ip6('ff02::1')) & IPV6_ADDR_MULTICAST);
  assert.equal(ipv6AddrType(ip6('::')), IPV6_ADDR_ANY);
  // ::1 sorts with link-local scope (addr-select 3.4), globals above it.
  assert.equal(ipv6AddrSrcScope(ip6('::1')), 2);
  assert.equal(ipv6AddrSrcScope(ip6('2001:db8::1')), 14);
});

test('address selection helpers', () => {
  assert.equal(ipv6AddrDiff(ip6('fe80::ff:fe00:1'), ip6('fe80::ff:fe00:2')), 126);
  assert.equal(ipv6AddrDiff(ip6('fe80::1'), ip6('fe80::1')), 128);
  assert.equal(ipv6AddrLabel(ip6('::1')), 0);
  assert.equal(ipv6AddrLabel(ip6('2001:db8::1')), 1);
  assert.equal(ipv6AddrLabel(ip6('2001::1')), 6);
  assert.equal(ipv6AddrLabel(ip6('fd00::1')), 5);
  assert.equal(ipv6AddrLabel(ip6('::ffff:10.0.0.1')), 4);
});
