// ifconfig, route and arp against outputs recorded from net-tools 2.10 on the real kernel,
// in a private network namespace with IPv6 disabled and fixed MAC addresses (the recorded
// script is quoted above each block).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel, run, veth, addr, up } from './helpers.js';
import { ifconfig, nstrcmp } from '../../src/tools/net_tools/ifconfig.js';
import { route } from '../../src/tools/net_tools/route.js';
import { arp } from '../../src/tools/net_tools/arp.js';
import { cat } from '../../src/tools/cat.js';
import { registerNeighDump, NUD_REACHABLE, NUD_PERMANENT, NUD_FAILED, NUD_NOARP, NUD_STALE } from '../../src/kernel/fs/proc_net.js';
import { mac } from './helpers.js';
import { parseIPv4 } from '../../src/wire/inet.js';
import { sysctlWrite } from '../../src/kernel/sysctl.js';

/** The recordings were made with IPv6 disabled (no link-local noise in the counters). */
function noIpv6(k: Kernel): Kernel {
  sysctlWrite(k, k.initNet, 'net.ipv6.conf.all.disable_ipv6', '1');
  sysctlWrite(k, k.initNet, 'net.ipv6.conf.default.disable_ipv6', '1');
  return k;
}

/** The namespace of the recording:
 *    ip link add v0 type veth peer name v1
 *    ip link set v0 address 02:00:00:00:00:01; ip link set v1 address 02:00:00:00:00:02
 *    ip addr add 10.0.0.1/24 dev v0; ip addr add 10.0.0.5/24 dev v0
 *    ip addr add 192.168.7.1/16 brd + dev v0 label v0:1
 *    ip link set v0 up; ip link set lo up */
function world() {
  const k = noIpv6(new Kernel({ seed: 7 }));
  const [v0] = veth(k.initNet, 'v0', 'v1', ['02:00:00:00:00:01', '02:00:00:00:00:02']);
  addr(v0, '10.0.0.1/24');
  addr(v0, '10.0.0.5/24');
  addr(v0, '192.168.7.1/16', { brd: '+', label: 'v0:1' });
  up(v0);
  up(k.initNet.devByName('lo')!);
  return k;
}

const LO = `lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536
        inet 127.0.0.1  netmask 255.0.0.0
        loop  txqueuelen 1000  (Local Loopback)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

`;
const V0 = `v0: flags=4099<UP,BROADCAST,MULTICAST>  mtu 1500
        inet 10.0.0.1  netmask 255.255.255.0  broadcast 0.0.0.0
        ether 02:00:00:00:00:01  txqueuelen 1000  (Ethernet)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

`;
const V0_1 = `v0:1: flags=4099<UP,BROADCAST,MULTICAST>  mtu 1500
        inet 192.168.7.1  netmask 255.255.0.0  broadcast 192.168.255.255
        ether 02:00:00:00:00:01  txqueuelen 1000  (Ethernet)

`;
const V1 = `v1: flags=4098<BROADCAST,MULTICAST>  mtu 1500
        ether 02:00:00:00:00:02  txqueuelen 1000  (Ethernet)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

`;

test('ifconfig: up interfaces and aliases, -a, -s -a, one interface, an alias, a missing one', async () => {
  const k = world();
  assert.deepEqual(await run(k, ifconfig, ['ifconfig']), { out: LO + V0 + V0_1, err: '', all: LO + V0 + V0_1, status: 0 });
  assert.equal((await run(k, ifconfig, ['ifconfig', '-a'])).out, LO + V0 + V0_1 + V1);
  // recorded: ifconfig -s -a
  assert.equal((await run(k, ifconfig, ['ifconfig', '-s', '-a'])).out,
    'Iface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n' +
    'lo              65536        0      0      0 0             0      0      0      0 LRU\n' +
    'v0               1500        0      0      0 0             0      0      0      0 BMU\n' +
    'v0:1             1500      - no statistics available -                        BMU\n' +
    'v1               1500        0      0      0 0             0      0      0      0 BM\n');
  assert.equal((await run(k, ifconfig, ['ifconfig', 'v0:1'])).out, V0_1);
  assert.equal((await run(k, ifconfig, ['ifconfig', 'v1'])).out, V1);
  const r = await run(k, ifconfig, ['ifconfig', 'nosuch']);
  assert.deepEqual([r.err, r.status], ['nosuch: error fetching interface information: Device not found\n', 1]);
});

test('ifconfig: setting addresses, netmask, broadcast, mtu, flags, aliases (recorded statuses and errors)', async () => {
  const k = noIpv6(new Kernel({ seed: 3 }));
  const [v0] = veth(k.initNet, 'v0', 'v1', ['02:00:00:00:00:01', '02:00:00:00:00:02']);
  const ifc = (...a: string[]) => run(k, ifconfig, ['ifconfig', ...a]);
  // recorded: ifconfig nosuch up -> "ERROR while getting interface flags", status 255
  assert.deepEqual(await ifc('nosuch', 'up'), { out: '', err: 'nosuch: ERROR while getting interface flags: No such device\n',
    all: 'nosuch: ERROR while getting interface flags: No such device\n', status: 255 });
  // recorded: ifconfig v0 10.1.2.3 -> a classful /8 with its broadcast, and the interface up
  assert.equal((await ifc('v0', '10.1.2.3')).status, 0);
  assert.equal((await ifc('v0')).out.split('\n').slice(0, 2).join('\n'),
    'v0: flags=4099<UP,BROADCAST,MULTICAST>  mtu 1500\n        inet 10.1.2.3  netmask 255.0.0.0  broadcast 10.255.255.255');
  await ifc('v0', '192.168.5.5', 'netmask', '255.255.255.0');
  assert.match((await ifc('v0')).out, /inet 192\.168\.5\.5 {2}netmask 255\.255\.255\.0 {2}broadcast 192\.168\.5\.255\n/);
  await ifc('v0', 'netmask', '255.255.0.0');
  assert.match((await ifc('v0')).out, /netmask 255\.255\.0\.0 {2}broadcast 192\.168\.255\.255\n/);
  await ifc('v0', 'broadcast', '192.168.9.9');
  assert.match((await ifc('v0')).out, /broadcast 192\.168\.9\.9\n/);
  await ifc('v0', 'down');
  await ifc('v0', 'mtu', '1400', 'txqueuelen', '500');
  assert.equal((await ifc('v0')).out.split('\n')[0], 'v0: flags=4098<BROADCAST,MULTICAST>  mtu 1400');
  assert.match((await ifc('v0')).out, /txqueuelen 500 {2}\(Ethernet\)/);
  // recorded: ifconfig v0:3 10.9.9.9 netmask 255.255.255.0; ifconfig v0:3
  await ifc('v0:3', '10.9.9.9', 'netmask', '255.255.255.0');
  assert.equal((await ifc('v0:3')).out, 'v0:3: flags=4098<BROADCAST,MULTICAST>  mtu 1400\n' +
    '        inet 10.9.9.9  netmask 255.255.255.0  broadcast 10.9.9.255\n' +
    '        ether 02:00:00:00:00:01  txqueuelen 500  (Ethernet)\n\n');
  await ifc('v0:3', 'down');
  assert.equal((await ifc('v0:3')).out.includes('inet '), false);
  // recorded errors
  assert.deepEqual(await ifc('v0', 'mtu', '10'), { out: '', err: 'SIOCSIFMTU: Invalid argument\n', all: 'SIOCSIFMTU: Invalid argument\n', status: 1 });
  assert.equal((await ifc('v0', 'mtu', '70000')).err, 'SIOCSIFMTU: Invalid argument\n');
  assert.equal((await ifc('v0', 'netmask', '255.0.255.0')).err, 'SIOCSIFNETMASK: Invalid argument\n');
  assert.deepEqual(await ifc('v0', '1.2.3.'), { out: '', err: "1.2.3.: Host name lookup failure\nifconfig: `--help' gives usage information.\n",
    all: "1.2.3.: Host name lookup failure\nifconfig: `--help' gives usage information.\n", status: 1 });
  assert.equal((await ifc('v0', '-a')).err, "-a: Unknown host\nifconfig: `--help' gives usage information.\n");
  assert.deepEqual(await ifc('-z'), { out: '', err: "ifconfig: option `-z' not recognised.\nifconfig: `--help' gives usage information.\n",
    all: "ifconfig: option `-z' not recognised.\nifconfig: `--help' gives usage information.\n", status: 1 });
  // recorded: ifconfig v0 hw ether 02:11:22:33:44:55; ifconfig v0 -arp promisc allmulti
  await ifc('v0', 'hw', 'ether', '02:11:22:33:44:55');
  await ifc('v0', '-arp', 'promisc', 'allmulti');
  const o = (await ifc('v0')).out;
  assert.equal(o.split('\n')[0], 'v0: flags=4994<BROADCAST,NOARP,PROMISC,ALLMULTI,MULTICAST>  mtu 1400');
  assert.match(o, /ether 02:11:22:33:44:55 {2}txqueuelen 500/);
  // recorded: "ifconfig v1 10.20.30.41/30" sets the /30 netmask, and the broadcast with it
  await ifc('v1', '10.20.30.41/30');
  assert.equal((await ifc('v1')).out.split('\n').slice(0, 2).join('\n'),
    'v1: flags=4099<UP,BROADCAST,MULTICAST>  mtu 1500\n        inet 10.20.30.41  netmask 255.255.255.252  broadcast 10.20.30.43');
  assert.equal((await ifc('-V')).out, 'net-tools 2.10\n');
  void v0;
});

test('route: -n, names, -e, -ee over routes added with route add (recorded)', async () => {
  const k = world();
  const rt = (...a: string[]) => run(k, route, ['route', ...a]);
  for (const cmd of [
    ['add', 'default', 'gw', '10.0.0.2'],
    ['add', '-net', '172.16.0.0', 'netmask', '255.240.0.0', 'gw', '10.0.0.2', 'metric', '5'],
    ['add', '-net', '10.9.0.0/16', 'reject'],
    ['add', '-host', '10.20.0.1', 'dev', 'v0'],
    ['add', '-net', '10.21.0.0', 'netmask', '255.255.0.0', 'dev', 'v0:1'],
    ['add', '-net', '10.22.0.0', 'netmask', '255.255.0.0', 'gw', '10.0.0.2', 'mss', '1400', 'window', '5000', 'irtt', '100'],
  ]) assert.deepEqual(await rt(...cmd), { out: '', err: '', all: '', status: 0 }, cmd.join(' '));
  assert.equal((await rt('-n')).out, `Kernel IP routing table
Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
0.0.0.0         10.0.0.2        0.0.0.0         UG    0      0        0 v0
10.0.0.0        0.0.0.0         255.255.255.0   U     0      0        0 v0
10.9.0.0        -               255.255.0.0     !     0      -        0 -
10.20.0.1       0.0.0.0         255.255.255.255 UH    0      0        0 v0
10.21.0.0       0.0.0.0         255.255.0.0     U     0      0        0 v0
10.22.0.0       10.0.0.2        255.255.0.0     UG    0      0        0 v0
172.16.0.0      10.0.0.2        255.240.0.0     UG    5      0        0 v0
192.168.0.0     0.0.0.0         255.255.0.0     U     0      0        0 v0
`);
  assert.equal((await rt()).out.split('\n')[2], 'default         10.0.0.2        0.0.0.0         UG    0      0        0 v0');
  assert.equal((await rt('-ee')).out, `Kernel IP routing table
Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt
default         10.0.0.2        0.0.0.0         UG    0      0        0 v0       0     0      0
10.0.0.0        0.0.0.0         255.255.255.0   U     0      0        0 v0       0     0      0
10.9.0.0        -               255.255.0.0     !     0      -        0 -        -     -      -
10.20.0.1       0.0.0.0         255.255.255.255 UH    0      0        0 v0       0     0      0
10.21.0.0       0.0.0.0         255.255.0.0     U     0      0        0 v0       0     0      0
10.22.0.0       10.0.0.2        255.255.0.0     UG    0      0        0 v0       1400  5000   100
172.16.0.0      10.0.0.2        255.240.0.0     UG    5      0        0 v0       0     0      0
192.168.0.0     0.0.0.0         255.255.0.0     U     0      0        0 v0       0     0      0
`);
  assert.equal((await rt('-ne')).out, `Kernel IP routing table
Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface
0.0.0.0         10.0.0.2        0.0.0.0         UG        0 0          0 v0
10.0.0.0        0.0.0.0         255.255.255.0   U         0 0          0 v0
10.9.0.0        -               255.255.0.0     !         - -          - -
10.20.0.1       0.0.0.0         255.255.255.255 UH        0 0          0 v0
10.21.0.0       0.0.0.0         255.255.0.0     U         0 0          0 v0
10.22.0.0       10.0.0.2        255.255.0.0     UG     1400 5000     100 v0
172.16.0.0      10.0.0.2        255.240.0.0     UG        0 0          0 v0
192.168.0.0     0.0.0.0         255.255.0.0     U         0 0          0 v0
`);
});

test('route: errors of route add/del (recorded)', async () => {
  const k = world();
  const rt = (...a: string[]) => run(k, route, ['route', ...a]);
  await rt('add', 'default', 'gw', '10.0.0.2');
  assert.deepEqual(await rt('add', 'default', 'gw', '10.0.0.2'), { out: '', err: 'SIOCADDRT: File exists\n', all: 'SIOCADDRT: File exists\n', status: 7 });
  const bogus = await rt('add', '-net', '10.25.0.0', 'netmask', '255.0.255.0', 'dev', 'v0');
  assert.equal(bogus.status, 3);
  assert.ok(bogus.err.startsWith('route: bogus netmask 255.0.255.0\nUsage: inet_route [-vF] del'));
  assert.ok((await rt('add', '-net', '10.24.0.1', 'netmask', '255.255.0.0', 'dev', 'v0')).err.startsWith("route: netmask doesn't match route address\n"));
  assert.ok((await rt('add', '-host', '10.26.0.0', 'netmask', '255.255.0.0', 'dev', 'v0')).err.startsWith("route: netmask 0000ffff doesn't make sense with host route\n"));
  assert.deepEqual(await rt('add', '-net', '10.27.0.0', 'netmask', '255.255.0.0', 'dev', 'nosuch'),
    { out: '', err: 'SIOCADDRT: No such device\n', all: 'SIOCADDRT: No such device\n', status: 7 });
  assert.deepEqual(await rt('add', 'foo.invalid'), { out: '', err: 'foo.invalid: Host name lookup failure\n', all: 'foo.invalid: Host name lookup failure\n', status: 6 });
  assert.deepEqual(await rt('del', '-net', '10.99.0.0', 'netmask', '255.255.0.0'),
    { out: '', err: 'SIOCDELRT: No such process\n', all: 'SIOCDELRT: No such process\n', status: 7 });
  assert.equal((await rt('del', 'default')).status, 0);
  const u = await rt('add');
  assert.equal(u.status, 0);
  assert.equal(u.out, `Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]
                              [netmask N] [mss Mss] [window W] [irtt I]
                              [mod] [dyn] [reinstate] [[dev] If]
       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject
       inet_route [-FC] flush      NOT supported
`);
  const z = await rt('-z');
  assert.equal(z.status, 0);
  assert.ok(z.all.startsWith("route: invalid option -- 'z'\n    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n"));
  assert.ok(z.out.startsWith('Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables\n'));
});

test('route: a namespace without routes prints only the titles (its /proc/net/route is empty)', async () => {
  const k = noIpv6(new Kernel({ seed: 1 }));
  assert.equal((await run(k, route, ['route', '-n'])).out,
    'Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n');
});

test('arp: Linux and BSD styles over /proc/net/arp (recorded)', async () => {
  // Recorded after: ip neigh add 10.0.0.2 lladdr f6:c2:0a:0c:4d:8f dev v0 nud reachable;
  // ... 10.0.0.97 nud failed; 10.0.0.99 lladdr 02:00:00:00:00:99 (permanent);
  // 10.0.0.98 ... nud noarp; 10.0.0.3 ... nud stale; ip neigh add proxy 10.0.0.50 dev v0.
  // The dump below lists them in the order the kernel's hash table gave.
  const k = world();
  const v0 = k.initNet.devByName('v0')!;
  registerNeighDump((ns, family) => (family !== 4 || ns !== k.initNet ? [] : [
    { key: parseIPv4('10.0.0.3')!, dev: v0, lladdr: mac('02:00:00:00:00:03'), state: NUD_STALE },
    { key: parseIPv4('10.0.0.2')!, dev: v0, lladdr: mac('f6:c2:0a:0c:4d:8f'), state: NUD_REACHABLE },
    { key: parseIPv4('10.0.0.99')!, dev: v0, lladdr: mac('02:00:00:00:00:99'), state: NUD_PERMANENT },
    { key: parseIPv4('10.0.0.98')!, dev: v0, lladdr: mac('02:00:00:00:00:98'), state: NUD_NOARP },
    { key: parseIPv4('10.0.0.97')!, dev: v0, state: NUD_FAILED },
    { key: parseIPv4('10.0.0.50')!, dev: v0, state: NUD_PERMANENT, proxy: true },
  ]));
  try {
    assert.equal((await run(k, cat, ['cat', '/proc/net/arp'])).out, `IP address       HW type     Flags       HW address            Mask     Device
10.0.0.3         0x1         0x2         02:00:00:00:00:03     *        v0
10.0.0.2         0x1         0x2         f6:c2:0a:0c:4d:8f     *        v0
10.0.0.99        0x1         0x6         02:00:00:00:00:99     *        v0
10.0.0.97        0x1         0x0         00:00:00:00:00:00     *        v0
10.0.0.50        0x1         0xc         00:00:00:00:00:00     *        v0
`);
    const expected = `Address                  HWtype  HWaddress           Flags Mask            Iface
10.0.0.3                 ether   02:00:00:00:00:03   C                     v0
10.0.0.2                 ether   f6:c2:0a:0c:4d:8f   C                     v0
10.0.0.99                ether   02:00:00:00:00:99   CM                    v0
10.0.0.97                        (incomplete)                              v0
10.0.0.50                *       <from_interface>    MP                    v0
`;
    for (const a of [['-n'], [], ['-e'], ['-n', '-i', 'v0'], ['-n', '-H', 'ether']]) {
      assert.deepEqual(await run(k, arp, ['arp', ...a]), { out: expected, err: '', all: expected, status: 0 }, a.join(' '));
    }
    const bsd = `? (10.0.0.3) at 02:00:00:00:00:03 [ether] on v0
? (10.0.0.2) at f6:c2:0a:0c:4d:8f [ether] on v0
? (10.0.0.99) at 02:00:00:00:00:99 [ether] PERM on v0
? (10.0.0.97) at <incomplete> on v0
? (10.0.0.50) at <from_interface> PERM PUB on v0
`;
    assert.equal((await run(k, arp, ['arp', '-an'])).out, bsd);
    assert.equal((await run(k, arp, ['arp', '-a'])).out, bsd);
    assert.equal((await run(k, arp, ['arp', '-n', '10.0.0.99'])).out,
      'Address                  HWtype  HWaddress           Flags Mask            Iface\n' +
      '10.0.0.99                ether   02:00:00:00:00:99   CM                    v0\n');
    assert.equal((await run(k, arp, ['arp', '-n', '10.9.9.9'])).out, '10.9.9.9 (10.9.9.9) -- no entry\n');
    assert.equal((await run(k, arp, ['arp', '-n', '-i', 'v1'])).out, 'arp: in 5 entries no match found.\n');
    assert.equal((await run(k, arp, ['arp', '-a', '10.9.9.9'])).out, 'arp: in 5 entries no match found.\n');
    assert.equal((await run(k, arp, ['arp', '-v', '-n'])).out, expected + 'Entries: 5\tSkipped: 0\tFound: 5\n');
    assert.deepEqual(await run(k, arp, ['arp', '-n', '-H', 'loop']),
      { out: '', err: 'arp: loop: hardware type without ARP support.\n', all: 'arp: loop: hardware type without ARP support.\n', status: 255 });
    assert.deepEqual(await run(k, arp, ['arp', '-n', '-H', 'foo']),
      { out: '', err: 'arp: foo: unknown hardware type.\n', all: 'arp: foo: unknown hardware type.\n', status: 255 });
    const z = await run(k, arp, ['arp', '-z']);
    assert.equal(z.status, 3);
    assert.ok(z.err.startsWith("arp: invalid option -- 'z'\nUsage:\n  arp [-vn]  [<HW>] [-i <if>] [-a] [<hostname>]"));
  } finally {
    registerNeighDump(() => []);
  }
});

test('nstrcmp orders interface names as net-tools does', () => {
  const names = ['eth10', 'eth2', 'eth1:10', 'eth1', 'eth1:2', 'lo', 'a', 'eth'];
  assert.deepEqual(names.sort(nstrcmp), ['a', 'eth', 'eth1', 'eth1:2', 'eth1:10', 'eth2', 'eth10', 'lo']);
});
