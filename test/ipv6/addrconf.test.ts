// addrconf against what Linux 6.18 shows (`ip -6 addr`, `ip -6 route show table all`) in the
// same situations; the expected lines are the real kernel's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vethPair, addrLines, routeLines, ip6, mac } from './helpers.js';
import { devOpen, devClose, devSetMtu, devSetMacAddress } from '../../src/kernel/core/dev.js';
import {
  inet6AddrAdd, inet6AddrDel, inet6Addrs, ipv6DevconfSet, IFA_F_NODAD, IFA_F_NOPREFIXROUTE, IFA_F_PERMANENT,
  IFA_F_DEPRECATED, IFA_F_TENTATIVE, IFA_F_DADFAILED, INFINITY_LIFE_TIME, IFAPROT_KERNEL_LL, IFAPROT_KERNEL_LO,
} from '../../src/kernel/ipv6/addrconf.js';
import { KernelError } from '../../src/kernel/errno.js';
import { formatIPv6 } from '../../src/wire/inet.js';

test('link up with the peer up: EUI-64 link-local, tentative until DAD is done (1-2 s)', () => {
  const { k, a, b, va, vb } = vethPair();
  devOpen(vb);
  devOpen(va);
  assert.deepEqual(addrLines(va), ['fe80::ff:fe00:1/64 tentative']);
  assert.deepEqual(routeLines(a), [
    'fe80::/64 dev veth0 proto kernel metric 256 pref medium',
    'multicast ff00::/8 dev veth0 table local proto kernel metric 256 pref medium',
  ]);
  k.clock.advance(999);
  assert.deepEqual(addrLines(va), ['fe80::ff:fe00:1/64 tentative']);
  k.clock.advance(1101);
  assert.deepEqual(addrLines(va), ['fe80::ff:fe00:1/64']);
  assert.deepEqual(addrLines(vb), ['fe80::ff:fe00:2/64']);
  assert.deepEqual(routeLines(a), [
    'fe80::/64 dev veth0 proto kernel metric 256 pref medium',
    'local fe80::ff:fe00:1 dev veth0 table local proto kernel metric 0 pref medium',
    'multicast ff00::/8 dev veth0 table local proto kernel metric 256 pref medium',
  ]);
  assert.deepEqual(routeLines(b), [
    'fe80::/64 dev veth1 proto kernel metric 256 pref medium',
    'local fe80::ff:fe00:2 dev veth1 table local proto kernel metric 0 pref medium',
    'multicast ff00::/8 dev veth1 table local proto kernel metric 256 pref medium',
  ]);
  const info = inet6Addrs(va)[0]!;
  assert.equal(info.scope, 253);
  assert.equal(info.proto, IFAPROT_KERNEL_LL);
  assert.equal(info.flags, IFA_F_PERMANENT);
  assert.equal(info.validLft, INFINITY_LIFE_TIME);
});

test('no carrier (veth peer down): no link-local address until the carrier comes', () => {
  const { k, a, va, vb } = vethPair();
  devOpen(va);
  assert.deepEqual(addrLines(va), []);
  assert.deepEqual(routeLines(a), []);
  k.clock.advance(5000);
  assert.deepEqual(addrLines(va), []);
  devOpen(vb);
  assert.deepEqual(addrLines(va), ['fe80::ff:fe00:1/64 tentative']);
  k.clock.advance(2100);
  assert.deepEqual(addrLines(va), ['fe80::ff:fe00:1/64']);
});

test('an address added while down waits; up without carrier gives a linkdown prefix route', () => {
  const { k, a, va, vb } = vethPair();
  inet6AddrAdd(va, { addr: ip6('2001:db8::1'), prefixlen: 64 });
  assert.deepEqual(addrLines(va), ['2001:db8::1/64 tentative']);
  assert.deepEqual(routeLines(a), []);
  devOpen(va);
  assert.deepEqual(addrLines(va), ['2001:db8::1/64 tentative']);
  assert.deepEqual(routeLines(a), ['2001:db8::/64 dev veth0 proto kernel metric 256 linkdown pref medium']);
  devOpen(vb);
  assert.deepEqual(addrLines(va), ['2001:db8::1/64 tentative', 'fe80::ff:fe00:1/64 tentative']);
  assert.deepEqual(routeLines(a), [
    '2001:db8::/64 dev veth0 proto kernel metric 256 pref medium',
    'fe80::/64 dev veth0 proto kernel metric 256 pref medium',
    'multicast ff00::/8 dev veth0 table local proto kernel metric 256 pref medium',
  ]);
  k.clock.advance(3000);
  assert.deepEqual(addrLines(va), ['2001:db8::1/64', 'fe80::ff:fe00:1/64']);
  assert.deepEqual(routeLines(a), [
    '2001:db8::/64 dev veth0 proto kernel metric 256 pref medium',
    'fe80::/64 dev veth0 proto kernel metric 256 pref medium',
    'local 2001:db8::1 dev veth0 table local proto kernel metric 0 pref medium',
    'local fe80::ff:fe00:1 dev veth0 table local proto kernel metric 0 pref medium',
    'multicast ff00::/8 dev veth0 table local proto kernel metric 256 pref medium',
  ]);

  // Carrier lost: addresses stay, routes go linkdown (local ones excepted); back: no new DAD.
  devClose(vb);
  assert.deepEqual(addrLines(va), ['2001:db8::1/64', 'fe80::ff:fe00:1/64']);
  assert.deepEqual(routeLines(a), [
    '2001:db8::/64 dev veth0 proto kernel metric 256 linkdown pref medium',
    'fe80::/64 dev veth0 proto kernel metric 256 linkdown pref medium',
    'local 2001:db8::1 dev veth0 table local proto kernel metric 0 pref medium',
    'local fe80::ff:fe00:1 dev veth0 table local proto kernel metric 0 pref medium',
    'multicast ff00::/8 dev veth0 table local proto kernel metric 256 linkdown pref medium',
  ]);
  devOpen(vb);
  assert.deepEqual(addrLines(va), ['2001:db8::1/64', 'fe80::ff:fe00:1/64']);

  // Link down: every address and route goes (keep_addr_on_down 0); up: the link-local only.
  devClose(va);
  assert.deepEqual(addrLines(va), []);
  assert.deepEqual(routeLines(a), []);
  devOpen(va);
  assert.deepEqual(addrLines(va), ['fe80::ff:fe00:1/64 tentative']);
  k.clock.advance(2100);
  assert.deepEqual(routeLines(a), [
    'fe80::/64 dev veth0 proto kernel metric 256 pref medium',
    'local fe80::ff:fe00:1 dev veth0 table local proto kernel metric 0 pref medium',
    'multicast ff00::/8 dev veth0 table local proto kernel metric 256 pref medium',
  ]);
});

test('lo up: ::1/128 scope host and only its local route; lo down takes it away', () => {
  const { k, a } = vethPair();
  const lo = a.devByName('lo')!;
  assert.deepEqual(addrLines(lo), []);
  devOpen(lo);
  assert.deepEqual(addrLines(lo), ['::1/128']);
  const i = inet6Addrs(lo)[0]!;
  assert.equal(i.scope, 254);
  assert.equal(i.proto, IFAPROT_KERNEL_LO);
  assert.deepEqual(routeLines(a), ['local ::1 dev lo table local proto kernel metric 0 pref medium']);
  k.clock.advance(5000);
  assert.deepEqual(addrLines(lo), ['::1/128']);
  devClose(lo);
  assert.deepEqual(addrLines(lo), []);
  assert.deepEqual(routeLines(a), []);
  devOpen(lo);
  assert.deepEqual(addrLines(lo), ['::1/128']);
});

test('addresses on lo while it is down: no DAD; routes when it comes up', () => {
  const { a } = vethPair();
  const lo = a.devByName('lo')!;
  inet6AddrAdd(lo, { addr: ip6('2001:db8::9'), prefixlen: 64 });
  inet6AddrAdd(lo, { addr: ip6('::2'), prefixlen: 128 });
  assert.deepEqual(addrLines(lo), ['::2/128', '2001:db8::9/64']);
  devOpen(lo);
  assert.deepEqual(addrLines(lo), ['::2/128', '2001:db8::9/64', '::1/128']);
  assert.deepEqual(routeLines(a), [
    '::2 dev lo proto kernel metric 256 pref medium',
    '2001:db8::/64 dev lo proto kernel metric 256 pref medium',
    'local ::1 dev lo table local proto kernel metric 0 pref medium',
    'local ::2 dev lo table local proto kernel metric 0 pref medium',
    'local 2001:db8::9 dev lo table local proto kernel metric 0 pref medium',
  ]);
});

test('ip -6 addr add: flags, order (global first, newest first), routes, scope from the address', () => {
  const { k, a, va, b, vb } = vethPair({ up: true });
  k.clock.advance(2500);
  inet6AddrAdd(vb, { addr: ip6('2001:db8::1'), prefixlen: 64 });
  k.clock.advance(2500);
  inet6AddrAdd(va, { addr: ip6('2001:db8::1'), prefixlen: 64 });
  inet6AddrAdd(va, { addr: ip6('2001:db8::5'), prefixlen: 64, validLft: 100, preferredLft: 50 });
  inet6AddrAdd(va, { addr: ip6('2001:db8::6'), prefixlen: 64, flags: IFA_F_NODAD | IFA_F_NOPREFIXROUTE });
  inet6AddrAdd(va, { addr: ip6('2001:db8:1::7'), prefixlen: 128, flags: IFA_F_NODAD });
  inet6AddrAdd(va, { addr: ip6('2001:db8:2::8'), prefixlen: 64, flags: IFA_F_NODAD, scope: 253 });
  inet6AddrAdd(va, { addr: ip6('fe80::1234'), prefixlen: 64, flags: IFA_F_NODAD });
  inet6AddrAdd(va, { addr: ip6('2001:db8:3::1'), peer: ip6('2001:db8:4::1'), prefixlen: 64, flags: IFA_F_NODAD });
  inet6AddrAdd(va, { addr: ip6('2001:db8:5::1'), prefixlen: 64, flags: IFA_F_NODAD, preferredLft: 0 });
  const show = () => inet6Addrs(va).map((i) => {
    const f: string[] = [];
    if (i.flags & IFA_F_NODAD) f.push('nodad');
    if (i.flags & IFA_F_NOPREFIXROUTE) f.push('noprefixroute');
    if (i.flags & IFA_F_DEPRECATED) f.push('deprecated');
    if (i.flags & IFA_F_DADFAILED) f.push('dadfailed');
    if (i.flags & IFA_F_TENTATIVE) f.push('tentative');
    if (!(i.flags & IFA_F_PERMANENT)) f.push('dynamic');
    const lft = (v: number) => (v === INFINITY_LIFE_TIME ? 'forever' : `${v}sec`);
    const peer = i.peer ? ` peer ${formatIPv6(i.peer)}` : '';
    const scope = ({ 254: 'host', 253: 'link', 200: 'site', 0: 'global' } as Record<number, string>)[i.scope];
    return `${formatIPv6(i.address)}${peer}/${i.prefixlen} scope ${scope} ${f.join(' ')} ${lft(i.validLft)} ${lft(i.preferredLft)}`.replace(/  /, ' ');
  });
  assert.deepEqual(show(), [
    '2001:db8:5::1/64 scope global nodad deprecated forever 0sec',
    '2001:db8:3::1 peer 2001:db8:4::1/64 scope global nodad forever forever',
    '2001:db8:2::8/64 scope global nodad forever forever',
    '2001:db8:1::7/128 scope global nodad forever forever',
    '2001:db8::6/64 scope global nodad noprefixroute forever forever',
    '2001:db8::5/64 scope global tentative dynamic 100sec 50sec',
    '2001:db8::1/64 scope global tentative forever forever',
    'fe80::1234/64 scope link nodad forever forever',
    'fe80::ff:fe00:1/64 scope link forever forever',
  ]);
  k.clock.advance(3000);
  assert.deepEqual(show().slice(5, 7), [
    '2001:db8::5/64 scope global dynamic 97sec 47sec',
    // veth1 already has 2001:db8::1: it answered our DAD probe.
    '2001:db8::1/64 scope global dadfailed tentative forever forever',
  ]);
  assert.deepEqual(routeLines(a), [
    '2001:db8::/64 dev veth0 proto kernel metric 256 pref medium',
    '2001:db8:1::7 dev veth0 proto kernel metric 256 pref medium',
    '2001:db8:2::/64 dev veth0 proto kernel metric 256 pref medium',
    '2001:db8:3::/64 dev veth0 proto kernel metric 256 pref medium',
    '2001:db8:4::1 dev veth0 proto kernel metric 256 pref medium',
    '2001:db8:5::/64 dev veth0 proto kernel metric 256 pref medium',
    'fe80::/64 dev veth0 proto kernel metric 256 pref medium',
    'local 2001:db8::5 dev veth0 table local proto kernel metric 0 pref medium',
    'local 2001:db8::6 dev veth0 table local proto kernel metric 0 pref medium',
    'local 2001:db8:1::7 dev veth0 table local proto kernel metric 0 pref medium',
    'local 2001:db8:2::8 dev veth0 table local proto kernel metric 0 pref medium',
    'local 2001:db8:3::1 dev veth0 table local proto kernel metric 0 pref medium',
    'local 2001:db8:5::1 dev veth0 table local proto kernel metric 0 pref medium',
    'local fe80::1234 dev veth0 table local proto kernel metric 0 pref medium',
    'local fe80::ff:fe00:1 dev veth0 table local proto kernel metric 0 pref medium',
    'multicast ff00::/8 dev veth0 table local proto kernel metric 256 pref medium',
  ]);
  void b;
});

test('errors are the kernel\'s extack messages', () => {
  const { va } = vethPair({ up: true });
  inet6AddrAdd(va, { addr: ip6('2001:db8::1'), prefixlen: 64 });
  const err = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      assert.ok(e instanceof KernelError);
      return `${e.errno} ${e.extack}`;
    }
    return 'ok';
  };
  assert.equal(err(() => inet6AddrAdd(va, { addr: ip6('2001:db8::1'), prefixlen: 64 })), '17 ipv6: address already assigned');
  assert.equal(err(() => inet6AddrAdd(va, { addr: ip6('2001:db8::1'), prefixlen: 48 })), '17 ipv6: address already assigned');
  assert.equal(err(() => inet6AddrDel(va, { addr: ip6('2001:db8::2'), prefixlen: 64 })), '99 ipv6: address not found');
  assert.equal(err(() => inet6AddrDel(va, { addr: ip6('2001:db8::1'), prefixlen: 48 })), '99 ipv6: address not found');
  assert.equal(err(() => inet6AddrAdd(va, { addr: ip6('::1'), prefixlen: 128 })), '99 ipv6: Cannot assign loopback address on this device');
  assert.equal(err(() => inet6AddrAdd(va, { addr: ip6('ff02::5'), prefixlen: 64 })),
    '99 ipv6: Cannot assign multicast address without "IFA_F_MCAUTOJOIN" flag');
  assert.equal(err(() => inet6AddrAdd(va, { addr: ip6('::'), prefixlen: 128 })), '99 ipv6: Invalid address');
  // `ip addr change` of a missing address creates it; of an existing one changes it.
  assert.equal(err(() => inet6AddrAdd(va, { addr: ip6('2001:db8::99'), prefixlen: 64 }, { replace: true })), 'ok');
  assert.equal(err(() => inet6AddrAdd(va, { addr: ip6('2001:db8::1'), prefixlen: 64, validLft: 500, preferredLft: 400 }, { replace: true })), 'ok');
  const i = inet6Addrs(va).find((x) => formatIPv6(x.address) === '2001:db8::1')!;
  assert.equal(i.validLft, 500);
  assert.equal(i.preferredLft, 400);
  assert.equal(i.flags & IFA_F_PERMANENT, 0);
  assert.equal(err(() => inet6AddrDel(va, { addr: ip6('2001:db8::1'), prefixlen: 64 })), 'ok');
  ipv6DevconfSet(va.netns, va, 'disable_ipv6', 1);
  assert.deepEqual(addrLines(va), []);
  assert.equal(err(() => inet6AddrAdd(va, { addr: ip6('2001:db8::3'), prefixlen: 64 })), '13 ipv6: IPv6 is disabled on this device');
  ipv6DevconfSet(va.netns, va, 'disable_ipv6', 0);
  assert.deepEqual(addrLines(va), ['fe80::ff:fe00:1/64 tentative']);
});

test('lifetimes count down on the clock: deprecated, then gone', () => {
  const { k, a, va } = vethPair({ up: true });
  k.clock.advance(2100);
  inet6AddrAdd(va, { addr: ip6('2001:db8::5'), prefixlen: 64, validLft: 100, preferredLft: 50, flags: IFA_F_NODAD });
  assert.deepEqual(routeLines(a)[0], '2001:db8::/64 dev veth0 proto kernel metric 256 expires 100sec pref medium');
  k.clock.advance(1500);
  let i = inet6Addrs(va)[0]!;
  assert.deepEqual([i.validLft, i.preferredLft, i.flags & IFA_F_DEPRECATED], [99, 49, 0]);
  k.clock.advance(48600);
  i = inet6Addrs(va)[0]!;
  assert.deepEqual([i.validLft, i.preferredLft], [50, 0]);
  assert.ok(i.flags & IFA_F_DEPRECATED);
  k.clock.advance(50000);
  assert.deepEqual(addrLines(va), ['fe80::ff:fe00:1/64']);
  assert.deepEqual(routeLines(a), [
    'fe80::/64 dev veth0 proto kernel metric 256 pref medium',
    'local fe80::ff:fe00:1 dev veth0 table local proto kernel metric 0 pref medium',
    'multicast ff00::/8 dev veth0 table local proto kernel metric 256 pref medium',
  ]);
});

test('MTU below 1280 removes IPv6 from the device; back up, a new link-local from the new MAC', () => {
  const { k, a, va } = vethPair({ up: true });
  k.clock.advance(2500);
  inet6AddrAdd(va, { addr: ip6('2001:db8::1'), prefixlen: 64, flags: IFA_F_NODAD });
  devSetMacAddress(va, mac('02:00:00:00:00:09'));
  assert.deepEqual(addrLines(va), ['2001:db8::1/64', 'fe80::ff:fe00:1/64']);
  devSetMtu(va, 1200);
  assert.deepEqual(addrLines(va), []);
  assert.deepEqual(routeLines(a), []);
  devSetMtu(va, 1500);
  assert.deepEqual(addrLines(va), ['fe80::ff:fe00:9/64 tentative']);
  assert.deepEqual(routeLines(a), [
    'fe80::/64 dev veth0 proto kernel metric 256 pref medium',
    'multicast ff00::/8 dev veth0 table local proto kernel metric 256 pref medium',
  ]);
});

test('forwarding on: subnet-router anycast routes; off again: gone', () => {
  const { k, a, va } = vethPair({ up: true });
  k.clock.advance(2500);
  ipv6DevconfSet(a, 'all', 'forwarding', 1);
  inet6AddrAdd(va, { addr: ip6('2001:db8:2::1'), prefixlen: 64, flags: IFA_F_NODAD });
  assert.deepEqual(routeLines(a).filter((l) => l.includes('table local')), [
    'anycast 2001:db8:2:: dev veth0 table local proto kernel metric 0 pref medium',
    'local 2001:db8:2::1 dev veth0 table local proto kernel metric 0 pref medium',
    'anycast fe80:: dev veth0 table local proto kernel metric 0 pref medium',
    'local fe80::ff:fe00:1 dev veth0 table local proto kernel metric 0 pref medium',
    'multicast ff00::/8 dev veth0 table local proto kernel metric 256 pref medium',
  ]);
  ipv6DevconfSet(a, va, 'forwarding', 0);
  assert.ok(!routeLines(a).some((l) => l.startsWith('anycast')));
});

test('addresses added while up without carrier: tentative (nodad usable), linkdown routes', () => {
  const { a, va } = vethPair();
  devOpen(va);
  inet6AddrAdd(va, { addr: ip6('2001:db8::1'), prefixlen: 64 });
  inet6AddrAdd(va, { addr: ip6('2001:db8::2'), prefixlen: 64, flags: IFA_F_NODAD });
  assert.deepEqual(addrLines(va), ['2001:db8::2/64', '2001:db8::1/64 tentative']);
  assert.deepEqual(routeLines(a), [
    '2001:db8::/64 dev veth0 proto kernel metric 256 linkdown pref medium',
    'local 2001:db8::2 dev veth0 table local proto kernel metric 0 pref medium',
    'multicast ff00::/8 dev veth0 table local proto kernel metric 256 linkdown pref medium',
  ]);
});
