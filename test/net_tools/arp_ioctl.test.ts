// arp -s / -d / -f through SIOCSARP / SIOCDARP (arp_ioctl()), against net-tools 2.10 on the
// real kernel in a fresh namespace (run through test/conformance/wrap.sh; the lines are
// quoted beside each check). Entries listed by /proc/net/arp are hash-ordered there, so the
// checks look at one entry at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kernel, run, veth, addr, up } from './helpers.js';
import { arp } from '../../src/tools/net_tools/arp.js';
import { sysctlRead } from '../../src/kernel/sysctl.js';

/** ip link add veth0 type veth peer name veth1; both up; ip addr add 10.0.0.1/24 dev veth0 */
function world() {
  const k = new Kernel({ seed: 3 });
  const [v0, v1] = veth(k.initNet, 'veth0', 'veth1');
  up(v0);
  up(v1);
  addr(v0, '10.0.0.1/24');
  return k;
}

async function a(k: Kernel, ...argv: string[]) {
  const r = await run(k, arp, ['arp', ...argv]);
  return `${r.all}${r.status ? `[exit ${r.status}]\n` : ''}`;
}

test('arp -s: permanent and temporary entries, addresses as in_ether() reads them, errors', async () => {
  const k = world();
  assert.equal(await a(k, '-s', '10.9.0.5', '02:00:00:00:00:05'), 'SIOCSARP: Network is unreachable\n[exit 255]\n');
  assert.equal(await a(k, '-d', '10.9.0.5'), 'SIOCDARP(dontpub): Network is unreachable\n[exit 255]\n');
  // our own address routes to lo, whose type is not ether
  assert.equal(await a(k, '-s', '10.0.0.1', '02:00:00:00:00:05'), 'SIOCSARP: Invalid argument\n[exit 255]\n');
  assert.equal(await a(k, '-s', '10.0.0.7', '2:0:0:0:0:7'), '');
  assert.equal(await a(k, '-s', '10.0.0.8', '02:00:00:00:00:08:99'), '');
  assert.equal(await a(k, '-s', '10.0.0.9', '02:00:00:00:00:08', 'temp'), '');
  assert.equal(await a(k, '-i', 'veth1', '-s', '10.0.0.10', '02:00:00:00:00:10'), '');
  assert.equal(await a(k, '-i', 'nosuch', '-s', '10.0.0.11', '02:00:00:00:00:10'), 'SIOCSARP: No such device\n[exit 255]\n');
  assert.equal(await a(k, '-s', '10.0.0.12', '02:00:00:00:00:12', 'pub'), 'SIOCSARP: No such device\n[exit 255]\n');
  assert.equal(await a(k, '-s', '10.0.0.13', '02:00:00:00:00:12', 'netmask', '255.255.255.0'), 'SIOCSARP: Invalid argument\n[exit 255]\n');
  assert.equal(await a(k, '-s', '10.0.0.14', '02:00:00:00:00:12', 'pub', 'netmask', '255.255.255.0'), 'SIOCSARP: Invalid argument\n[exit 255]\n');
  assert.equal(await a(k, '-Ds', '10.0.0.16', 'nosuch', 'pub'), "arp: cant get HW-Address for `nosuch': No such device.\n[exit 255]\n");
  assert.equal(await a(k, '-s', '10.0.0.21', 'zz:00:00:00:00:20'), 'arp: invalid hardware address\n[exit 255]\n');
  assert.equal(await a(k, '-s', '10.0.0.22'), 'arp: need hardware address\n[exit 255]\n');
  assert.equal(await a(k, '-s'), 'arp: need host name\n[exit 255]\n');
  const bad = await run(k, arp, ['arp', '-s', '10.0.0.18', '02:00:00:00:00:12', 'bogus']);
  assert.equal(bad.status, 3);
  assert.ok(bad.err.startsWith('Usage:\n  arp [-vn]'));
  assert.equal(await a(k, '-n', '10.0.0.7'), `Address                  HWtype  HWaddress           Flags Mask            Iface
10.0.0.7                 ether   02:00:00:00:00:07   CM                    veth0
`);
  assert.equal(await a(k, '-an', '10.0.0.8'), '? (10.0.0.8) at 02:00:00:00:00:08 [ether] PERM on veth0\n');
  assert.equal(await a(k, '-an', '10.0.0.9'), '? (10.0.0.9) at 02:00:00:00:00:08 [ether] on veth0\n');
  assert.equal(await a(k, '-an', '10.0.0.10'), '? (10.0.0.10) at 02:00:00:00:00:10 [ether] PERM on veth1\n');
});

test('arp -d: private entries, then the public (proxy) table; "No ARP entry"', async () => {
  const k = world();
  await a(k, '-s', '10.0.0.7', '02:00:00:00:00:07');
  await a(k, '-i', 'veth1', '-s', '10.0.0.10', '02:00:00:00:00:10');
  // arp -Ds 10.0.0.15 veth0 pub: proxy_arp is not what a host entry with a mask of /32 sets
  assert.equal(await a(k, '-Ds', '10.0.0.15', 'veth0', 'pub'), '');
  assert.equal(sysctlRead(k, k.initNet, 'net.ipv4.conf.veth0.proxy_arp'), '0\n');
  assert.equal(await a(k, '-d', '10.0.0.15', 'pub'), 'No ARP entry for 10.0.0.15\n[exit 255]\n');
  assert.equal(await a(k, '-d', '10.0.0.7', 'priv'), '');
  assert.equal(await a(k, '-n', '10.0.0.7'), '10.0.0.7 (10.0.0.7) -- no entry\n');
  assert.equal(await a(k, '-d', '10.0.0.77', 'priv'), 'No ARP entry for 10.0.0.77\n[exit 255]\n');
  assert.equal(await a(k, '-d', '10.0.0.77', 'pub'), 'No ARP entry for 10.0.0.77\n[exit 255]\n');
  assert.equal(await a(k, '-i', 'veth1', '-d', '10.0.0.10'), '');
  assert.equal(await a(k, '-d'), 'arp: need host name\n[exit 255]\n');
  assert.equal(await a(k, '-d', '10.0.0.1'), 'No ARP entry for 10.0.0.1\n[exit 255]\n');
});

test('arp -f: an ethers file, either column order, bad lines reported', async () => {
  const k = world();
  const dir = mkdtempSync(join(tmpdir(), 'netsim-arp-'));
  try {
    const f = join(dir, 'ethers');
    writeFileSync(f, '10.0.0.60 02:00:00:00:00:60\n02:00:00:00:00:61 10.0.0.61 temp\nbad\n10.0.0.62 zz\n');
    assert.equal(await a(k, '-f', f), `arp: format error on line 3 of etherfile ${f} !
arp: invalid hardware address
arp: cannot set entry on line 4 of etherfile ${f} !
`);
    assert.equal(await a(k, '-an', '10.0.0.60'), '? (10.0.0.60) at 02:00:00:00:00:60 [ether] PERM on veth0\n');
    assert.equal(await a(k, '-an', '10.0.0.61'), '? (10.0.0.61) at 02:00:00:00:00:61 [ether] on veth0\n');
    assert.equal(await a(k, '-f', join(dir, 'nonexist')), `arp: cannot open etherfile ${join(dir, 'nonexist')} !\n[exit 255]\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
