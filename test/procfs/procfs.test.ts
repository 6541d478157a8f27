// /proc/net and /sys/class/net files, read with cat as a script would, against what the
// real kernel showed (the commands of each recording are quoted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel, run, veth, addr, up } from '../net_tools/helpers.js';
import { cat } from '../../src/tools/cat.js';
import { route } from '../../src/tools/net_tools/route.js';
import { readProcFile, writeProcFile, listProcDir, isEmulatedPath } from '../../src/kernel/procfs.js';
import { registerInet6AddrDump, registerProcNet } from '../../src/kernel/fs/proc_net.js';
import { KernelError, EINVAL, EOPNOTSUPP, ENOTDIR, EISDIR, ENOENT } from '../../src/kernel/errno.js';
import { rtnlSetlink } from '../../src/kernel/core/rtnetlink.js';
import { parseIPv6 } from '../../src/wire/inet.js';

function errno(f: () => unknown): number {
  try {
    f();
  } catch (e) {
    if (e instanceof KernelError) return e.errno;
    throw e;
  }
  return 0;
}

test('/sys/class/net/DEV attributes of a veth, down then up (recorded, 043-sysfs-files)', async () => {
  // ip link add veth0 type veth peer name veth1; ip link set veth0 address 02:00:00:00:00:01
  // ip link set veth0 mtu 1450; for f in ...; do echo "$f: $(cat /sys/class/net/veth0/$f 2>&1)"
  const k = new Kernel({ seed: 1 });
  const [v0, v1] = veth(k.initNet, 'veth0', 'veth1');
  rtnlSetlink(v0, { address: Uint8Array.from([2, 0, 0, 0, 0, 1]), mtu: 1450 });
  const c = async (f: string) => (await run(k, cat, ['cat', `/sys/class/net/veth0/${f}`])).all;
  const expectDown: [string, string][] = [
    ['mtu', '1450\n'], ['address', '02:00:00:00:00:01\n'], ['broadcast', 'ff:ff:ff:ff:ff:ff\n'], ['operstate', 'down\n'],
    ['ifindex', '3\n'], ['iflink', '2\n'], ['type', '1\n'], ['flags', '0x1002\n'], ['tx_queue_len', '1000\n'], ['addr_len', '6\n'],
    ['dormant', 'cat: /sys/class/net/veth0/dormant: Invalid argument\n'],
    ['carrier', 'cat: /sys/class/net/veth0/carrier: Invalid argument\n'],
    ['speed', 'cat: /sys/class/net/veth0/speed: Invalid argument\n'],
    ['duplex', 'cat: /sys/class/net/veth0/duplex: Invalid argument\n'],
    ['dev_id', '0x0\n'], ['uevent', 'INTERFACE=veth0\nIFINDEX=3\n'], ['ifalias', ''],
  ];
  for (const [f, want] of expectDown) assert.equal(await c(f), want, f);
  up(v0);
  up(v1);
  for (const [f, want] of [['operstate', 'up\n'], ['carrier', '1\n'], ['flags', '0x1003\n'], ['speed', '10000\n'], ['duplex', 'full\n'], ['dormant', '0\n']]) {
    assert.equal(await c(f!), want, f);
  }
  const r = await run(k, cat, ['cat', '/sys/class/net/nosuch/mtu']);
  assert.deepEqual([r.err, r.status], ['cat: /sys/class/net/nosuch/mtu: No such file or directory\n', 1]);
  assert.equal((await run(k, cat, ['cat', '/sys/class/net/veth0'])).err, 'cat: /sys/class/net/veth0: Is a directory\n');
  assert.equal((await run(k, cat, ['cat', '/sys/class/net/veth0/mtu/x'])).err, 'cat: /sys/class/net/veth0/mtu/x: Not a directory\n');
  assert.deepEqual(listProcDir(k, k.initNet, '/sys/class/net'), ['lo', 'veth0', 'veth1']);
  assert.deepEqual(listProcDir(k, k.initNet, '/sys/class/net/veth0/statistics').length, 24);
});

test('/sys/class/net/lo (recorded, 017-loopback-mtu-and-flags)', async () => {
  const k = new Kernel({ seed: 1 });
  const lo = k.initNet.devByName('lo')!;
  const c = async (f: string) => (await run(k, cat, ['cat', `/sys/class/net/lo/${f}`])).all;
  assert.deepEqual([await c('mtu'), await c('address'), await c('operstate'), await c('type'), await c('flags')],
    ['65536\n', '00:00:00:00:00:00\n', 'down\n', '772\n', '0x8\n']);
  up(lo);
  assert.deepEqual([await c('operstate'), await c('flags'), await c('carrier')], ['unknown\n', '0x9\n', '1\n']);
  // recorded: speed and duplex of an up loopback are EINVAL too
  assert.equal(await c('speed'), 'cat: /sys/class/net/lo/speed: Invalid argument\n');
});

test('writing /sys/class/net attributes (recorded: echo ... > /sys/class/net/v0/...)', () => {
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  const [v0, v1] = veth(ns, 'v0', 'v1');
  up(v0);
  writeProcFile(k, ns, '/sys/class/net/v0/mtu', '1400\n');
  assert.equal(v0.mtu, 1400);
  assert.equal(errno(() => writeProcFile(k, ns, '/sys/class/net/v0/mtu', '50\n')), EINVAL);
  assert.equal(errno(() => writeProcFile(k, ns, '/sys/class/net/v0/mtu', 'abc\n')), EINVAL);
  writeProcFile(k, ns, '/sys/class/net/v0/mtu', '0x500\n');
  assert.equal(readProcFile(k, ns, '/sys/class/net/v0/mtu'), '1280\n');
  assert.equal(errno(() => writeProcFile(k, ns, '/sys/class/net/v0/carrier', '1\n')), EOPNOTSUPP);
  writeProcFile(k, ns, '/sys/class/net/v0/flags', '0x1002\n');
  assert.equal(v0.isUp, false);
  writeProcFile(k, ns, '/sys/class/net/v0/ifalias', 'hello\n');
  assert.equal(readProcFile(k, ns, '/sys/class/net/v0/ifalias'), 'hello\n');
  writeProcFile(k, ns, '/sys/class/net/v1/tx_queue_len', '500\n');
  assert.equal(v1.txQueueLen, 500);
});

test('/proc/net/dev and /proc/net/route formats (recorded)', async () => {
  // ip link add v0 type veth peer name v1; addresses 10.0.0.1/24, 10.0.0.5/24,
  // 192.168.7.1/16 brd + label v0:1; v0 and lo up; then the route add commands below.
  const k = new Kernel({ seed: 7 });
  const ns = k.initNet;
  assert.equal(readProcFile(k, ns, '/proc/net/route'), '', 'no FIB yet: the file is empty');
  const [v0] = veth(ns, 'v0', 'v1');
  addr(v0, '10.0.0.1/24');
  addr(v0, '10.0.0.5/24');
  addr(v0, '192.168.7.1/16', { brd: '+', label: 'v0:1' });
  up(v0);
  up(ns.devByName('lo')!);
  for (const cmd of ['add default gw 10.0.0.2', 'add -net 172.16.0.0 netmask 255.240.0.0 gw 10.0.0.2 metric 5',
    'add -net 10.9.0.0/16 reject', 'add -host 10.20.0.1 dev v0', 'add -net 10.21.0.0 netmask 255.255.0.0 dev v0:1',
    'add -net 10.22.0.0 netmask 255.255.0.0 gw 10.0.0.2 mss 1400 window 5000 irtt 100']) {
    assert.equal((await run(k, route, ['route', ...cmd.split(' ')])).status, 0, cmd);
  }
  const pad = (s: string) => s.padEnd(127) + '\n';
  assert.equal(readProcFile(k, ns, '/proc/net/route'), [
    'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
    'v0\t00000000\t0200000A\t0003\t0\t0\t0\t00000000\t0\t0\t0',
    'v0\t0000000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0',
    '*\t0000090A\t00000000\t0201\t0\t0\t0\t0000FFFF\t0\t0\t0',
    'v0\t0100140A\t00000000\t0005\t0\t0\t0\tFFFFFFFF\t0\t0\t0',
    'v0\t0000150A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0',
    'v0\t0000160A\t0200000A\t0003\t0\t0\t0\t0000FFFF\t1400\t5000\t100',
    'v0\t000010AC\t0200000A\t0003\t0\t0\t5\t0000F0FF\t0\t0\t0',
    'v0\t0000A8C0\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0',
  ].map(pad).join(''));
  v0.stats.rx_bytes = 664; v0.stats.rx_packets = 8; v0.stats.tx_bytes = 754; v0.stats.tx_packets = 9;
  // recorded (exp: two pings over v0): the header and per-device columns
  assert.equal(readProcFile(k, ns, '/proc/net/dev'),
    'Inter-|   Receive                                                |  Transmit\n' +
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n' +
    '    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n' +
    '    v1:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n' +
    '    v0:     664       8    0    0    0     0          0         0      754       9    0    0    0     0       0          0\n');
});

test('/proc/net/if_inet6 from the IPv6 address dump (format recorded)', () => {
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  const [v0] = veth(ns, 'v0', 'v1');
  v0.ifindex; // index 3 here, 2 in the recording: compare with ours
  registerInet6AddrDump((n) => (n !== ns ? [] : [
    { addr: parseIPv6('fe80::f43d:adff:fee7:2f8f')!, dev: v0, prefixlen: 64, flags: 0x80 },
    { addr: parseIPv6('::1')!, dev: ns.devByName('lo')!, prefixlen: 128, flags: 0x80 },
  ]));
  try {
    assert.equal(readProcFile(k, ns, '/proc/net/if_inet6'),
      `fe80000000000000f43dadfffee72f8f 0${v0.ifindex} 40 20 80       v0\n` +
      '00000000000000000000000000000001 01 80 10 80       lo\n');
  } finally {
    registerInet6AddrDump(() => []);
  }
});

test('registerProcNet adds files under /proc/net and /proc/self/net', () => {
  const k = new Kernel({ seed: 1 });
  const un = registerProcNet('stat/test_cache', (ns) => `entries ${ns.devices().length}\n`);
  try {
    assert.equal(readProcFile(k, k.initNet, '/proc/net/stat/test_cache'), 'entries 1\n');
    assert.equal(readProcFile(k, k.initNet, '/proc/self/net/stat/test_cache'), 'entries 1\n');
    assert.ok(listProcDir(k, k.initNet, '/proc/net').includes('stat'));
  } finally {
    un();
  }
  assert.equal(errno(() => readProcFile(k, k.initNet, '/proc/net/stat/test_cache')), ENOENT);
});

test('cat: coreutils options and messages on emulated files; other files go to the real cat', async () => {
  const k = new Kernel({ seed: 1 });
  // recorded: cat -A /proc/sys/net/ipv4/ip_local_port_range
  assert.equal((await run(k, cat, ['cat', '-A', '/proc/sys/net/ipv4/ip_local_port_range'])).out, '32768^I60999$\n');
  // recorded: cat -n /proc/sys/net/ipv4/tcp_rmem /proc/sys/net/ipv4/tcp_wmem
  assert.equal((await run(k, cat, ['cat', '-n', '/proc/sys/net/ipv4/tcp_rmem', '/proc/sys/net/ipv4/tcp_wmem'])).out,
    '     1\t4096\t131072\t33554432\n     2\t4096\t16384\t4194304\n');
  // recorded errors and statuses
  assert.deepEqual(await run(k, cat, ['cat', '/proc/sys/net/ipv4/route/flush']),
    { out: '', err: 'cat: /proc/sys/net/ipv4/route/flush: Permission denied\n', all: 'cat: /proc/sys/net/ipv4/route/flush: Permission denied\n', status: 1 });
  assert.equal((await run(k, cat, ['cat', '/proc/sys/net/ipv6/conf/all/stable_secret'])).err,
    'cat: /proc/sys/net/ipv6/conf/all/stable_secret: Input/output error\n');
  assert.equal((await run(k, cat, ['cat', '/proc/sys/net'])).err, 'cat: /proc/sys/net: Is a directory\n');
  assert.equal((await run(k, cat, ['cat', '/proc/sys/net/ipv4/ip_forward/x'])).err, 'cat: /proc/sys/net/ipv4/ip_forward/x: Not a directory\n');
  const z = await run(k, cat, ['cat', '-z', '/proc/net/dev']);
  assert.deepEqual([z.err, z.status], ["cat: invalid option -- 'z'\nTry 'cat --help' for more information.\n", 1]);
  // Relative names resolve against the working directory; messages keep them as given.
  assert.equal((await run(k, cat, ['cat', 'carrier'], { cwd: '/sys/class/net/lo' })).err, 'cat: carrier: Invalid argument\n');
  assert.equal((await run(k, cat, ['cat', 'mtu'], { cwd: '/sys/class/net/lo' })).out, '65536\n');
  // No emulated file: the command goes to the real program as it was typed.
  assert.equal((await run(k, cat, ['cat', '-n', '/etc/hostname'])).err, 'exec /usr/bin/cat -n /etc/hostname\n');
  assert.equal(isEmulatedPath('/proc/sys/../net/dev'), true);
  assert.equal(isEmulatedPath('/proc/cpuinfo'), false);
  assert.equal(errno(() => readProcFile(k, k.initNet, '/proc/net/dev/x')), ENOTDIR);
  assert.equal(errno(() => readProcFile(k, k.initNet, '/proc/net')), EISDIR);
});
