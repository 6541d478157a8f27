// The bridge with IPv4 and IPv6 loaded: the device address lists `bridge fdb show` prints as
// "self permanent" (filled by IPv6 at registration and link-local configuration, by IPv4's
// ip_mc_up, and by the bridge's snooper groups), the IGMPv3 reports of its 224.0.0.106 join,
// and its carrier. Every expectation was recorded on Linux 6.18 in a private namespace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { formatMac } from '../../src/kernel/core/eth.js';
import type { NetDevice } from '../../src/kernel/core/netdevice.js';

async function sh(k: Kernel, cmds: string): Promise<string> {
  let out = '';
  for (const c of cmds.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const r = await k.exec(c);
    assert.equal(r.status, 0, `${c}: ${r.stderr}`);
    out += r.stdout;
  }
  return out;
}

/** 33:33:ff + the last three bytes of the MAC: the solicited-node group of its link-local. */
function solicited(dev: NetDevice): string {
  return `33:33:ff:${formatMac(dev.addr).slice(9)}`;
}

test('address lists: all-nodes at registration, snoopers at open, all-hosts at up, solicited-node with the link-local', async () => {
  // ip link add br0 type bridge; bridge fdb show; ip link set br0 up; bridge fdb show
  const k = new Kernel({ seed: 3 });
  const ns = k.initNet;
  let out = await sh(k, 'ip link add br0 type bridge\nbridge fdb show');
  const br = ns.devByName('br0')!;
  const own = formatMac(br.addr);
  assert.equal(out, `33:33:00:00:00:01 dev br0 self permanent\n${own} dev br0 master br0 permanent\n`);
  out = await sh(k, 'ip link set br0 up\nbridge fdb show');
  // A bridge without ports has carrier: its link-local comes at once, from its random MAC.
  assert.equal(out, '33:33:00:00:00:01 dev br0 self permanent\n01:00:5e:00:00:6a dev br0 self permanent\n' +
    `33:33:00:00:00:6a dev br0 self permanent\n01:00:5e:00:00:01 dev br0 self permanent\n${solicited(br)} dev br0 self permanent\n` +
    `${own} dev br0 master br0 permanent\n`);
  // ip link add va type veth peer name vb; ip link set va up; ip link set vb up; sleep 3;
  // ip link set va down; ip link set va up: down unloads everything, up loads IPv4 first.
  out = await sh(k, 'ip link add va type veth peer name vb\nbridge fdb show dev va\nip link set va up\nbridge fdb show dev va');
  assert.equal(out, '33:33:00:00:00:01 self permanent\n33:33:00:00:00:01 self permanent\n01:00:5e:00:00:01 self permanent\n');
  await sh(k, 'ip link set vb up');
  k.clock.advance(3000);
  const va = ns.devByName('va')!;
  out = await sh(k, 'bridge fdb show dev va\nip link set va down\nbridge fdb show dev va\nip link set va up\nbridge fdb show dev va');
  assert.equal(out, `33:33:00:00:00:01 self permanent\n01:00:5e:00:00:01 self permanent\n${solicited(va)} self permanent\n` +
    `01:00:5e:00:00:01 self permanent\n33:33:00:00:00:01 self permanent\n${solicited(va)} self permanent\n`);
});

test('address lists: disable_ipv6 keeps all-nodes; a move to another namespace flushes them', async () => {
  // sysctl -w net.ipv6.conf.{all,default}.disable_ipv6=1 (033-bridge-fdb-learning), then
  // bridge fdb add ... dev va self; ip link set va netns x; bridge -n x fdb show dev va
  const k = new Kernel({ seed: 4 });
  await sh(k, `sysctl -qw net.ipv6.conf.all.disable_ipv6=1
    sysctl -qw net.ipv6.conf.default.disable_ipv6=1
    ip link add br0 type bridge
    ip link set br0 up
    ip netns add x
    ip link add va type veth peer name vb
    ip link set va up`);
  let out = await sh(k, 'bridge fdb show dev br0\nbridge fdb add 02:11:22:33:44:55 dev va self\nbridge fdb show dev va');
  const own = formatMac(k.initNet.devByName('br0')!.addr);
  assert.equal(out, '33:33:00:00:00:01 self permanent\n01:00:5e:00:00:6a self permanent\n33:33:00:00:00:6a self permanent\n' +
    `01:00:5e:00:00:01 self permanent\n${own} master br0 permanent\n` +
    '02:11:22:33:44:55 self permanent\n33:33:00:00:00:01 self permanent\n01:00:5e:00:00:01 self permanent\n');
  out = await sh(k, 'ip link set va netns x\nbridge -n x fdb show dev va\nip -n x link set va up\nbridge -n x fdb show dev va');
  assert.equal(out, '33:33:00:00:00:01 self permanent\n33:33:00:00:00:01 self permanent\n01:00:5e:00:00:01 self permanent\n');
  // mcast_snooping 0 leaves the snooper groups, 1 joins them again (at the end of the list).
  out = await sh(k, 'ip link set br0 type bridge mcast_snooping 0\nbridge fdb show dev br0\n' +
    'ip link set br0 type bridge mcast_snooping 1\nbridge fdb show dev br0');
  assert.equal(out, `33:33:00:00:00:01 self permanent\n01:00:5e:00:00:01 self permanent\n${own} master br0 permanent\n` +
    '33:33:00:00:00:01 self permanent\n01:00:5e:00:00:01 self permanent\n01:00:5e:00:00:6a self permanent\n' +
    `33:33:00:00:00:6a self permanent\n${own} master br0 permanent\n`);
});

test('IGMPv3: the 224.0.0.106 join is reported twice to 224.0.0.22, 2 jiffies and then up to 1 s later', async () => {
  // tcpdump -i any -w; ip addr add 10.0.0.1/24 dev br0; veth0 a port of br0, veth1 its peer;
  // ip link set br0 down; ip link set br0 up (IPv6 disabled so that only IGMP is sent)
  const k = new Kernel({ seed: 5 });
  const ns = k.initNet;
  await sh(k, `sysctl -qw net.ipv6.conf.all.disable_ipv6=1
    sysctl -qw net.ipv6.conf.default.disable_ipv6=1
    ip link add br0 type bridge
    ip addr add 10.0.0.1/24 dev br0
    ip link add veth0 type veth peer name veth1
    ip link set veth0 master br0
    ip link set veth0 up
    ip link set veth1 up
    ip link set br0 up`);
  k.clock.advance(2000);
  const br = ns.devByName('br0')!;
  const veth1 = ns.devByName('veth1')!;
  const got: { t: number; hex: string }[] = [];
  veth1.rxHandler = (skb) => {
    got.push({ t: k.clock.now(), hex: Buffer.from(skb.buf.subarray(skb.macOffset)).toString('hex') });
    return true;
  };
  await sh(k, 'ip link set br0 down\nip link set br0 up');
  const t0 = k.clock.now();
  k.clock.advance(2000);
  // The bytes tcpdump captured on veth1 (the ethernet header: to 01:00:5e:00:00:16 from br0).
  const ip = '46c000280000400001 02f9f80a000001e00000169404000022 00f9930000000104000000e000006a'.replace(/ /g, '');
  const want = `01005e000016${formatMac(br.addr).replace(/:/g, '')}0800${ip}`;
  assert.deepEqual(got.map((g) => g.hex), [want, want]);
  assert.equal(got[0]!.t - t0 >= 8 && got[0]!.t - t0 <= 12, true, `first after ${got[0]!.t - t0} ms`);
  assert.ok(got[1]!.t - got[0]!.t >= 8 && got[1]!.t - got[0]!.t < 1012, `second after ${got[1]!.t - got[0]!.t} ms`);
  // ip -s link show br0: 54 bytes a report (the two of the first up and these two).
  assert.deepEqual([br.stats.tx_packets, br.stats.tx_bytes], [4, 216]);
});

test('IGMP follows force_igmp_version and igmp_qrv (counts recorded with ip -s link)', async () => {
  // The tail of `ip -s link show br0` after each step, with 2 s sleeps between them.
  const k = new Kernel({ seed: 6 });
  const br = () => k.initNet.devByName('br0')!;
  const tx = () => [br().stats.tx_bytes, br().stats.tx_packets];
  const step = async (cmds: string, ms = 2000) => {
    await sh(k, cmds);
    k.clock.advance(ms);
    return tx();
  };
  await sh(k, 'sysctl -qw net.ipv6.conf.all.disable_ipv6=1\nsysctl -qw net.ipv6.conf.default.disable_ipv6=1\nip link add br0 type bridge');
  assert.deepEqual(await step('ip link set br0 up'), [108, 2]);
  assert.deepEqual(await step('ip link set br0 type bridge mcast_snooping 0'), [216, 4]); // TO_IN twice
  assert.deepEqual(await step('ip link set br0 type bridge mcast_snooping 1'), [324, 6]);
  await step('ip link set br0 down');
  assert.deepEqual(await step('ip link set br0 up'), [432, 8]);
  await step('sysctl -qw net.ipv4.conf.br0.force_igmp_version=2\nip link set br0 down');
  assert.deepEqual(await step('ip link set br0 up'), [478, 9]); // a 46-byte v2 report
  assert.deepEqual(await step('', 12000), [524, 10]); // the second, within 10 s
  assert.deepEqual(await step('ip link set br0 type bridge mcast_snooping 0'), [570, 11]); // a leave
  assert.deepEqual(await step('ip link set br0 type bridge mcast_snooping 1'), [616, 12]);
  await step('sysctl -qw net.ipv4.conf.br0.force_igmp_version=1\nip link set br0 type bridge mcast_snooping 0');
  assert.deepEqual(await step('ip link set br0 type bridge mcast_snooping 1', 12000), [708, 14]); // v1: no leave
  await sh(k, 'sysctl -qw net.ipv4.igmp_qrv=3\nsysctl -qw net.ipv4.conf.br0.force_igmp_version=0\nip link set br0 down');
  assert.deepEqual(await step('ip link set br0 up', 4000), [870, 17]);
});

test('a bridge has carrier until its first port; without carrier it drops what it sends', async () => {
  // ip link add br1 type bridge; ip link set br1 up: UNKNOWN, LOWER_UP, carrier_changes 0.
  // ip link add br0 type bridge; ip link set br0 address 02:00:00:00:00:b0 (the bridge id
  // changes, which takes the carrier away); ip link set br0 up; sleep 2: TX dropped 2.
  const k = new Kernel({ seed: 7 });
  let out = await sh(k, 'ip link add br1 type bridge\nip link set br1 up\nip -br link show br1');
  assert.match(out, /^br1 +UNKNOWN +\S+ <BROADCAST,MULTICAST,UP,LOWER_UP> \n$/);
  await sh(k, `sysctl -qw net.ipv6.conf.all.disable_ipv6=1
    ip link add br0 type bridge
    ip link set br0 address 02:00:00:00:00:b0
    ip link set br0 up`);
  k.clock.advance(2000);
  const br0 = k.initNet.devByName('br0')!;
  assert.deepEqual([br0.stats.tx_packets, br0.stats.tx_dropped, br0.carrierChanges], [0, 2, 1]);
  out = await sh(k, 'ip -br link show br0');
  assert.match(out, /^br0 +DOWN +02:00:00:00:00:b0 <NO-CARRIER,BROADCAST,MULTICAST,UP> \n$/);
});
