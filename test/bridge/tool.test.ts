// The `bridge` tool and the `ip -d link` bridge details against output recorded from
// iproute2 6.1 on Linux 6.18 (in a private network namespace, IPv6 disabled, every MAC set
// by hand so that nothing is random), by the script:
//
//   ip link add br0 type bridge
//   ip netns add a; ip netns add b
//   ip link add va type veth peer name eth0 netns a
//   ip link add vb type veth peer name eth0 netns b
//   ip link set va address 02:00:00:00:01:0a; ip link set vb address 02:00:00:00:01:0b
//   ip -n a link set eth0 address 02:00:00:00:00:0a; ip -n b ... 02:00:00:00:00:0b
//   ip link set va master br0; ip link set vb master br0
//   (bridge link ...; ip -d link ...; bridge fdb show ...)
//   ip link set br0 up; (all links up); ip -n a|b addr add 192.168.1.1|2/24 dev eth0
//   ip netns exec a ping -c 1 192.168.1.2; (bridge fdb ...)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frame, runBridge, mac } from './helpers.js';
import { Kernel } from '../../src/kernel/kernel.js';
import { rtnlNewlink, rtnlSetlink } from '../../src/kernel/core/rtnetlink.js';
import { devOpen, devQueueXmit } from '../../src/kernel/core/dev.js';
import { SkBuff } from '../../src/kernel/core/skbuff.js';
import { registerNetdeviceNotifier } from '../../src/kernel/core/notifier.js';
import { ARPHRD_ETHER } from '../../src/kernel/core/if.js';
import { devMcAdd, devMcDel, ipEthMcMap, ipv6EthMcMap, mcGroupOps } from '../../src/kernel/bridge/dev_addr_lists.js';
import type { NetDevice } from '../../src/kernel/core/netdevice.js';
import type { Netns } from '../../src/kernel/net_namespace.js';
import { Printer } from '../../src/tools/lib/json_print.js';
import { printBridgeInfo, printBridgeSlaveInfo, parseBridgeArgs, parseBridgeSlaveArgs } from '../../src/tools/bridge/link_details.js';
import type { LinkRequest } from '../../src/kernel/core/rtnetlink.js';
import { UsageError } from '../../src/tools/lib/args.js';

// Stand-ins for what IPv6 (addrconf joins ff02::1 on every ethernet device it registers) and
// IPv4 (ip_mc_up joins 224.0.0.1 while a device is up) put on the devices' multicast lists,
// and for the groups they join for the bridge (224.0.0.106, ff02::6a); `bridge fdb show`
// lists those as "self permanent".
registerNetdeviceNotifier((event, dev) => {
  if (dev.type !== ARPHRD_ETHER) return;
  if (event === 'REGISTER') devMcAdd(dev, mac('33:33:00:00:00:01'));
  if (event === 'UP') devMcAdd(dev, mac('01:00:5e:00:00:01'));
  if (event === 'DOWN') devMcDel(dev, mac('01:00:5e:00:00:01'));
});
mcGroupOps.ip4Inc = (dev, g) => devMcAdd(dev, ipEthMcMap(g));
mcGroupOps.ip4Dec = (dev, g) => devMcDel(dev, ipEthMcMap(g));
mcGroupOps.ip6Inc = (dev, g) => devMcAdd(dev, ipv6EthMcMap(((g[12]! << 24) | (g[13]! << 16) | (g[14]! << 8) | g[15]!) >>> 0));
mcGroupOps.ip6Dec = (dev, g) => devMcDel(dev, ipv6EthMcMap(((g[12]! << 24) | (g[13]! << 16) | (g[14]! << 8) | g[15]!) >>> 0));

interface W { k: Kernel; ns: Netns; br: NetDevice; va: NetDevice; vb: NetDevice; ea: NetDevice; eb: NetDevice }

function recordedWorld(): W {
  const k = new Kernel({ seed: 7 });
  const ns = k.initNet;
  const br = rtnlNewlink(ns, 'bridge', { name: 'br0' });
  const a = k.createNetns();
  const b = k.createNetns();
  k.namedNetns.set('a', a);
  k.namedNetns.set('b', b);
  const va = rtnlNewlink(ns, 'veth', { name: 'va', peer: { name: 'eth0', netns: a } });
  const vb = rtnlNewlink(ns, 'veth', { name: 'vb', peer: { name: 'eth0', netns: b } });
  rtnlSetlink(va, { address: mac('02:00:00:00:01:0a') });
  rtnlSetlink(vb, { address: mac('02:00:00:00:01:0b') });
  const ea = a.devByName('eth0')!;
  const eb = b.devByName('eth0')!;
  rtnlSetlink(ea, { address: mac('02:00:00:00:00:0a') });
  rtnlSetlink(eb, { address: mac('02:00:00:00:00:0b') });
  rtnlSetlink(va, { master: br.ifindex });
  rtnlSetlink(vb, { master: br.ifindex });
  return { k, ns, br, va, vb, ea, eb };
}

function allUp(w: W): void {
  for (const d of [w.br, w.va, w.vb, w.ea, w.eb]) devOpen(d);
}

/** What `ping -c 1` from a to b puts on the wire: ARP request and reply, echo and reply. */
function pingAtoB(w: W): void {
  const tx = (dev: NetDevice, bytes: Uint8Array) => {
    const skb = new SkBuff(bytes);
    skb.dev = dev;
    devQueueXmit(skb);
  };
  tx(w.ea, frame('ff:ff:ff:ff:ff:ff', '02:00:00:00:00:0a', 28, 0x0806));
  tx(w.eb, frame('02:00:00:00:00:0a', '02:00:00:00:00:0b', 28, 0x0806));
  tx(w.ea, frame('02:00:00:00:00:0b', '02:00:00:00:00:0a', 84));
  tx(w.eb, frame('02:00:00:00:00:0a', '02:00:00:00:00:0b', 84));
}

const DETAILS = '    hairpin off guard off root_block off fastleave off learning on flood on mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off isolated off locked off \n';

test('bridge link, before and after the ports come up', async () => {
  const w = recordedWorld();
  let r = await runBridge(w.k, ['link']);
  assert.equal(r.stdout,
    '3: va@br0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 master br0 state disabled priority 32 cost 2 \n' +
    '4: vb@br0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 master br0 state disabled priority 32 cost 2 \n');
  assert.equal(r.status, 0);
  r = await runBridge(w.k, ['-d', 'link']);
  assert.equal(r.stdout,
    '3: va@br0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 master br0 state disabled priority 32 cost 2 \n' + DETAILS +
    '4: vb@br0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 master br0 state disabled priority 32 cost 2 \n' + DETAILS);
  r = await runBridge(w.k, ['-j', 'link']);
  assert.equal(r.stdout,
    '[{"ifindex":3,"link":"br0","ifname":"va","flags":["BROADCAST","MULTICAST","M-DOWN"],"mtu":1500,"master":"br0","state":"disabled","priority":32,"cost":2},' +
    '{"ifindex":4,"link":"br0","ifname":"vb","flags":["BROADCAST","MULTICAST","M-DOWN"],"mtu":1500,"master":"br0","state":"disabled","priority":32,"cost":2}]\n');
  r = await runBridge(w.k, ['-j', '-p', '-d', 'link', 'show', 'dev', 'va']);
  assert.equal(r.stdout, `[ {
        "ifindex": 3,
        "link": "br0",
        "ifname": "va",
        "flags": [ "BROADCAST","MULTICAST","M-DOWN" ],
        "mtu": 1500,
        "master": "br0",
        "state": "disabled",
        "priority": 32,
        "cost": 2,
        "hairpin": false,
        "guard": false,
        "root_block": false,
        "fastleave": false,
        "learning": true,
        "flood": true,
        "mcast_flood": true,
        "bcast_flood": true,
        "mcast_router": 1,
        "mcast_to_unicast": false,
        "neigh_suppress": false,
        "vlan_tunnel": false,
        "isolated": false,
        "locked": false
    } ]
`);
  allUp(w);
  r = await runBridge(w.k, ['link']);
  assert.equal(r.stdout,
    '3: va@br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2 \n' +
    '4: vb@br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2 \n');
  r = await runBridge(w.k, ['-o', '-d', 'link', 'show', 'dev', 'vb']);
  assert.equal(r.stdout, '4: vb@br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2 \\' + DETAILS);
});

test('ip -d link details of a bridge and a port (text and JSON)', () => {
  const w = recordedWorld();
  let p = new Printer(false);
  printBridgeInfo(p, w.br);
  assert.equal(p.out, 'forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0 bridge_id 8000.2:0:0:0:1:a designated_root 8000.2:0:0:0:1:a root_port 0 root_path_cost 0 topology_change 0 topology_change_detected 0 hello_timer    0.00 tcn_timer    0.00 topology_change_timer    0.00 gc_timer    0.00 group_fwd_mask 0 group_address 01:80:c2:00:00:00 mcast_snooping 1 no_linklocal_learn 0 mcast_vlan_snooping 0 mcast_router 1 mcast_query_use_ifaddr 0 mcast_querier 0 mcast_hash_elasticity 16 mcast_hash_max 4096 mcast_last_member_count 2 mcast_startup_query_count 2 mcast_last_member_interval 100 mcast_membership_interval 26000 mcast_querier_interval 25500 mcast_query_interval 12500 mcast_query_response_interval 1000 mcast_startup_query_interval 3124 mcast_stats_enabled 0 mcast_igmp_version 2 mcast_mld_version 1 nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 ');
  p = new Printer(false);
  printBridgeSlaveInfo(p, w.va);
  assert.equal(p.out, 'state disabled priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on flood on port_id 0x8001 port_no 0x1 designated_port 32769 designated_cost 0 designated_bridge 8000.2:0:0:0:1:a designated_root 8000.2:0:0:0:1:a hold_timer    0.00 message_age_timer    0.00 forward_delay_timer    0.00 topology_change_ack 0 config_pending 0 proxy_arp off proxy_arp_wifi off mcast_router 1 mcast_fast_leave off mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off isolated off locked off ');
  p = new Printer(true);
  p.openObject();
  printBridgeSlaveInfo(p, w.va);
  p.closeObject();
  const recorded = `{
                "state": "disabled",
                "priority": 32,
                "cost": 2,
                "hairpin": false,
                "guard": false,
                "root_block": false,
                "fastleave": false,
                "learning": true,
                "flood": true,
                "id": "0x8001",
                "no": "0x1",
                "designated_port": 32769,
                "designated_cost": 0,
                "bridge_id": "8000.2:0:0:0:1:a",
                "root_id": "8000.2:0:0:0:1:a",
                "hold_timer": 0.00,
                "message_age_timer": 0.00,
                "forward_delay_timer": 0.00,
                "topology_change_ack": 0,
                "config_pending": 0,
                "proxy_arp": false,
                "proxy_arp_wifi": false,
                "multicast_router": 1,
                "mcast_flood": true,
                "bcast_flood": true,
                "mcast_to_unicast": false,
                "neigh_suppress": false,
                "group_fwd_mask": "0",
                "group_fwd_mask_str": "0x0",
                "vlan_tunnel": false,
                "isolated": false,
                "locked": false
            }`;
  assert.equal(p.out, recorded.replace(/\s+/g, ''));
  // 031-bridge-details: br1 with STP and its own settings, no ports.
  const br1 = rtnlNewlink(w.ns, 'bridge', { name: 'br1', data: { stp_state: 1, forward_delay: 400, hello_time: 300, max_age: 1000, priority: 100 } });
  p = new Printer(false);
  printBridgeInfo(p, br1);
  assert.match(p.out, /^forward_delay 400 hello_time 300 max_age 1000 ageing_time 30000 stp_state 1 priority 100 vlan_filtering 0 bridge_id 0064\.0:0:0:0:0:0 designated_root 0064\.0:0:0:0:0:0 /);
});

test('bridge fdb show: permanent, self and learned entries (text, JSON, -s, filters)', async () => {
  const w = recordedWorld();
  let r = await runBridge(w.k, ['fdb', 'show']);
  assert.equal(r.stdout,
    '33:33:00:00:00:01 dev br0 self permanent\n' +
    '02:00:00:00:01:0a dev va master br0 permanent\n' +
    '33:33:00:00:00:01 dev va self permanent\n' +
    '02:00:00:00:01:0b dev vb master br0 permanent\n' +
    '33:33:00:00:00:01 dev vb self permanent\n');
  r = await runBridge(w.k, ['-j', '-p', 'fdb', 'show', 'dev', 'va']);
  assert.equal(r.stdout, `[ {
        "mac": "02:00:00:00:01:0a",
        "flags": [ ],
        "master": "br0",
        "state": "permanent"
    },{
        "mac": "33:33:00:00:00:01",
        "flags": [ "self" ],
        "state": "permanent"
    } ]
`);
  allUp(w);
  pingAtoB(w);
  r = await runBridge(w.k, ['fdb', 'show']);
  assert.equal(r.stdout,
    '33:33:00:00:00:01 dev br0 self permanent\n' +
    '01:00:5e:00:00:6a dev br0 self permanent\n' +
    '33:33:00:00:00:6a dev br0 self permanent\n' +
    '01:00:5e:00:00:01 dev br0 self permanent\n' +
    '02:00:00:00:00:0a dev va master br0 \n' +
    '02:00:00:00:01:0a dev va master br0 permanent\n' +
    '33:33:00:00:00:01 dev va self permanent\n' +
    '01:00:5e:00:00:01 dev va self permanent\n' +
    '02:00:00:00:00:0b dev vb master br0 \n' +
    '02:00:00:00:01:0b dev vb master br0 permanent\n' +
    '33:33:00:00:00:01 dev vb self permanent\n' +
    '01:00:5e:00:00:01 dev vb self permanent\n');
  r = await runBridge(w.k, ['-s', 'fdb', 'show', 'dynamic']);
  assert.equal(r.stdout,
    '02:00:00:00:00:0a dev va used 0/0 master br0 \n' +
    '02:00:00:00:00:0b dev vb used 0/0 master br0 \n');
  r = await runBridge(w.k, ['-j', '-s', 'fdb', 'show', 'dev', 'va']);
  assert.equal(r.stdout, '[{"mac":"02:00:00:00:00:0a","used":0,"updated":0,"flags":[],"master":"br0","state":""},{"mac":"02:00:00:00:01:0a","used":0,"updated":0,"flags":[],"master":"br0","state":"permanent"},{"mac":"33:33:00:00:00:01","flags":["self"],"state":"permanent"},{"mac":"01:00:5e:00:00:01","flags":["self"],"state":"permanent"}]\n');
  r = await runBridge(w.k, ['fdb', 'show', 'state', 'static']);
  assert.equal(r.stdout, '');
  // The used/updated columns count seconds on the world clock.
  w.k.clock.advance(12_345);
  r = await runBridge(w.k, ['-s', 'fdb', 'show', 'br', 'br0', 'dynamic']);
  assert.equal(r.stdout,
    '02:00:00:00:00:0a dev va used 12/12 master br0 \n' +
    '02:00:00:00:00:0b dev vb used 12/12 master br0 \n');
});

test('bridge fdb add, get, flush and a port leaving', async () => {
  const w = recordedWorld();
  allUp(w);
  pingAtoB(w);
  for (const args of [
    ['fdb', 'add', '02:aa:00:00:00:01', 'dev', 'va', 'master', 'static'],
    ['fdb', 'add', '02:aa:00:00:00:02', 'dev', 'vb', 'master', 'sticky', 'static'],
    ['fdb', 'add', '02:aa:00:00:00:03', 'dev', 'va'],
  ]) assert.deepEqual(await runBridge(w.k, args), { stdout: '', stderr: '', status: 0 });
  let r = await runBridge(w.k, ['fdb', 'show', 'br', 'br0']);
  const head =
    '33:33:00:00:00:01 dev br0 self permanent\n' +
    '01:00:5e:00:00:6a dev br0 self permanent\n' +
    '33:33:00:00:00:6a dev br0 self permanent\n' +
    '01:00:5e:00:00:01 dev br0 self permanent\n';
  const vaSelf =
    '02:aa:00:00:00:03 dev va self permanent\n' +
    '33:33:00:00:00:01 dev va self permanent\n' +
    '01:00:5e:00:00:01 dev va self permanent\n';
  const vb =
    '02:aa:00:00:00:02 dev vb sticky master br0 static\n' +
    '02:00:00:00:00:0b dev vb master br0 \n' +
    '02:00:00:00:01:0b dev vb master br0 permanent\n' +
    '33:33:00:00:00:01 dev vb self permanent\n' +
    '01:00:5e:00:00:01 dev vb self permanent\n';
  assert.equal(r.stdout, head +
    '02:aa:00:00:00:01 dev va master br0 static\n' +
    '02:00:00:00:00:0a dev va master br0 \n' +
    '02:00:00:00:01:0a dev va master br0 permanent\n' + vaSelf + vb);
  r = await runBridge(w.k, ['fdb', 'get', '02:aa:00:00:00:01', 'br', 'br0']);
  assert.equal(r.stdout, '02:aa:00:00:00:01 dev va master br0 static\n');
  r = await runBridge(w.k, ['fdb', 'get', '02:aa:00:00:00:09', 'br', 'br0']);
  assert.equal(r.stderr, 'Error: Fdb entry not found.\n');
  r = await runBridge(w.k, ['fdb', 'flush', 'dev', 'br0', 'brport', 'va']);
  assert.equal(r.status, 0);
  r = await runBridge(w.k, ['fdb', 'show', 'br', 'br0']);
  assert.equal(r.stdout, head + vaSelf + vb);
  rtnlSetlink(w.vb, { master: 0 });
  r = await runBridge(w.k, ['fdb', 'show', 'br', 'br0']);
  assert.equal(r.stdout, head + vaSelf);
  r = await runBridge(w.k, ['link']);
  assert.equal(r.stdout, '3: va@br0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost 2 \n');
});

// Recorded from iproute2 6.1 (034-bridge-fdb-static and a session of error cases).
test('bridge fdb errors and exit codes', async () => {
  const w = recordedWorld();
  const cases: [string[], string, number][] = [
    [['fdb', 'add', '02:aa:bb:cc:dd:01', 'dev', 'va', 'master', 'static'], '', 0],
    [['fdb', 'add', '02:aa:bb:cc:dd:01', 'dev', 'va', 'master', 'static'], 'RTNETLINK answers: File exists\n', 255],
    [['fdb', 'del', '02:aa:bb:cc:dd:77', 'dev', 'vb', 'master'], 'RTNETLINK answers: No such file or directory\n', 255],
    [['fdb', 'add', '02:aa:bb:cc:dd:04', 'dev', 'va', 'master', 'static', 'vlan', '10'], 'RTNETLINK answers: Invalid argument\n', 255],
    [['fdb', 'add', 'zz:aa:bb:cc:dd:05', 'dev', 'va', 'master'], 'Invalid mac address zz:aa:bb:cc:dd:05\n', 255],
    [['fdb', 'add', '02:aa:bb:cc:dd:06', 'dev', 'nosuch', 'master'], 'Cannot find device "nosuch"\n', 255],
    [['fdb', 'add', '02:aa:bb:cc:dd:06', 'dev', 'br0', 'master'], 'RTNETLINK answers: Operation not supported\n', 255],
    [['fdb', 'show', 'br', 'nosuch'], 'Cannot find bridge device "nosuch"\n', 255],
    [['fdb', 'show', 'dev', 'nosuch'], 'Cannot find device "nosuch"\n', 255],
    [['fdb', 'show', 'state', 'bogus'], 'Error: argument "bogus" is wrong: invalid state\n', 255],
    [['fdb', 'add'], 'Device and address are required arguments.\n', 255],
    [['fdb', 'add', '02:00:00:00:00:01', 'dev', 'va', 'master', 'vlan', '0'], 'Error: invalid vlan id.\n', 255],
    [['fdb', 'add', '02:00:00:00:00:01', 'dev', 'va', 'master', 'vlan', '4095'], 'Error: invalid vlan id.\n', 255],
    [['fdb', 'add', '00:00:00:00:00:00', 'dev', 'va', 'master'], 'RTNETLINK answers: Invalid argument\n', 255],
    [['fdb', 'add', '02:00:00:00:00:01', 'dev', 'lo'], 'Error: FDB add only supported for Ethernet devices.\n', 255],
    [['fdb', 'add', '02:00:00:00:00:01', 'dev', 'va', 'master', 'dynamic'], 'RTNETLINK answers: Operation not permitted\n', 255],
    [['fdb', 'add', '02:00:00:00:00:01', 'dev', 'va', 'master', 'sticky'], 'RTNETLINK answers: Invalid argument\n', 255],
    [['fdb', 'add', '02:00:00:00:00:05', 'dev', 'br0', 'self', 'static'], 'RTNETLINK answers: Invalid argument\n', 255],
    [['fdb', 'add', '02:00:00:00:00:06', 'dev', 'vb'], '', 0],
    [['fdb', 'add', '02:00:00:00:00:06', 'dev', 'vb'], 'RTNETLINK answers: File exists\n', 255],
    [['fdb', 'append', '02:00:00:00:00:06', 'dev', 'vb'], '', 0],
    [['fdb', 'add', '02:00:00:00:00:07', 'dev', 'vb', 'static'], 'RTNETLINK answers: Invalid argument\n', 255],
    [['fdb', 'add', '0x2:0:0:0:0:9zz', 'dev', 'vb'], '', 0],
    [['fdb', 'del', '02:00:00:00:00:06', 'dev', 'vb'], '', 0],
    [['fdb', 'del', '02:00:00:00:00:06', 'dev', 'vb'], 'RTNETLINK answers: No such file or directory\n', 255],
    [['fdb', 'bogus'], 'Command "bogus" is unknown, try "bridge fdb help".\n', 255],
  ];
  for (const [args, stderr, status] of cases) {
    const r = await runBridge(w.k, args);
    assert.deepEqual([r.stderr, r.status], [stderr, status], args.join(' '));
  }
  const r = await runBridge(w.k, ['fdb', 'show', 'dev', 'vb']);
  assert.equal(r.stdout,
    '02:00:00:00:01:0b master br0 permanent\n' +
    '02:00:00:00:00:09 self permanent\n' +
    '33:33:00:00:00:01 self permanent\n');
});

test('bridge link set and its errors, as iproute2 6.1 reports them', async () => {
  const w = recordedWorld();
  const cases: [string[], string, number][] = [
    [['link', 'set', 'dev', 'va', 'cost', '10', 'priority', '3'], '', 0],
    [['link', 'set', 'dev', 'va', 'state', 'forwarding'], 'RTNETLINK answers: Network is down\n', 255],
    [['link', 'set', 'dev', 'va', 'state', 'blah'], 'Error: invalid STP port state\n', 255],
    [['link', 'set', 'dev', 'va', 'state', '7'], 'RTNETLINK answers: Invalid argument\n', 255],
    [['link', 'set', 'dev', 'lo', 'cost', '10'], 'RTNETLINK answers: Operation not supported\n', 255],
    [['link', 'set', 'dev', 'nosuch', 'cost', '10'], 'Cannot find bridge device "nosuch"\n', 255],
    [['link', 'set', 'cost', '10'], 'Device is a required argument.\n', 255],
    [['link', 'set', 'dev', 'va', 'hairpin', 'maybe'], 'Error: argument of "hairpin" must be one of "off", "on", not "maybe"\n', 234],
    [['link', 'set', 'dev', 'va', 'priority', '64'], 'RTNETLINK answers: Numerical result out of range\n', 255],
    [['link', 'set', 'dev', 'va', 'cost', '0'], '', 0],
    [['link', 'set', 'dev', 'va', 'cost', '70000'], 'RTNETLINK answers: Numerical result out of range\n', 255],
    [['link', 'set', 'dev', 'va', 'self', 'cost', '5'], 'RTNETLINK answers: Operation not supported\n', 255],
    [['link', 'set', 'dev', 'br0', 'self', 'cost', '5'], '', 0],
    [['link', 'set', 'dev', 'va', 'hwmode', 'vepa'], 'RTNETLINK answers: Operation not supported\n', 255],
    [['link', 'set', 'dev', 'va', 'backup_port', 'nosuch'], 'Error: device nosuch does not exist\n', 255],
    [['link', 'set', 'dev', 'va', 'mcast_router', '5'], 'RTNETLINK answers: Invalid argument\n', 255],
    [['link', 'bogus'], 'Command "bogus" is unknown, try "bridge link help".\n', 255],
    [['link', 'show', 'dev', 'nosuch'], 'Cannot find device "nosuch"\n', 255],
    [['link', 'show', 'dev', 'va', 'dev', 'vb'], 'Error: duplicate "dev": "vb" is the second value.\n', 255],
    [['bogus'], 'Object "bogus" is unknown, try "bridge help".\n', 255],
    [['-x', 'link'], 'Option "-x" is unknown, try "bridge help".\n', 255],
  ];
  for (const [args, stderr, status] of cases) {
    const r = await runBridge(w.k, args);
    assert.deepEqual([r.stderr, r.status], [stderr, status], args.join(' '));
  }
  let r = await runBridge(w.k, ['link', 'set', 'dev', 'va', 'hairpin', 'on', 'learning', 'off', 'flood', 'off', 'mcast_flood', 'off', 'bcast_flood', 'off', 'isolated', 'on', 'locked', 'on', 'neigh_suppress', 'on']);
  assert.equal(r.status, 0);
  r = await runBridge(w.k, ['-d', 'link', 'show', 'dev', 'va']);
  assert.equal(r.stdout,
    '3: va@br0: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 master br0 state disabled priority 3 cost 10 \n' +
    '    hairpin on guard off root_block off fastleave off learning off flood off mcast_flood off bcast_flood off mcast_router 1 mcast_to_unicast off neigh_suppress on vlan_tunnel off isolated on locked on \n');
  r = await runBridge(w.k, ['link', 'set', 'dev', 'va', 'stp', 'on']);
  assert.equal(r.status, 255);
  assert.match(r.stderr, /^Usage: bridge link set dev DEV \[ cost COST \]/);
  r = await runBridge(w.k, []);
  assert.equal(r.status, 255);
  assert.match(r.stderr, /^Usage: bridge \[ OPTIONS \] OBJECT/);
  r = await runBridge(w.k, ['-V']);
  assert.deepEqual([r.stdout, r.status], ['bridge utility, 6.1.0\n', 0]);
  r = await runBridge(w.k, ['vlan', 'show']);
  assert.equal(r.stdout, 'port              vlan-id  \n');
  r = await runBridge(w.k, ['-j', 'vlan', 'show']);
  assert.equal(r.stdout, '[]\n');
});

test('ip link type bridge / bridge_slave argument parsing', () => {
  const req: LinkRequest = {};
  parseBridgeArgs(['stp_state', '1', 'forward_delay', '400', 'hello_time', '300', 'max_age', '1000', 'priority', '100', 'no_linklocal_learn', '1'], req);
  assert.deepEqual(req.data, { stp_state: 1, forward_delay: 400, hello_time: 300, max_age: 1000, priority: 100, multi_boolopt: { optval: 1, optmask: 1 } });
  // 035-bridge-errors
  assert.throws(() => parseBridgeArgs(['nosuchopt', '1'], {}), (e: unknown) =>
    e instanceof UsageError && e.status === 1 && e.text.startsWith('bridge: unknown command "nosuchopt"?\nUsage: ... bridge [ fdb_flush ]\n\t\t  [ forward_delay FORWARD_DELAY ]\n') &&
    e.text.endsWith('\t\t  [ nf_call_arptables NF_CALL_ARPTABLES ]\n\nWhere: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n'));
  assert.throws(() => parseBridgeArgs(['priority', '70000'], {}), (e: unknown) =>
    e instanceof UsageError && e.status === 255 && e.text === 'Error: argument "70000" is wrong: invalid priority\n');
  const w = recordedWorld();
  const sreq: LinkRequest = {};
  parseBridgeSlaveArgs(['cost', '50', 'priority', '7', 'hairpin', 'on', 'backup_port', 'vb'], sreq, w.ns);
  assert.deepEqual(sreq.slaveData, { cost: 50, priority: 7, mode: 1, backup_port: w.vb.ifindex });
  rtnlSetlink(w.va, { slaveData: sreq.slaveData });
  const p = new Printer(false);
  printBridgeSlaveInfo(p, w.va);
  assert.match(p.out, /^state disabled priority 7 cost 50 hairpin on .* locked off backup_port vb $/);
});

test('ip link set br0 type bridge: changes apply in the kernel order and stop at the first error', () => {
  const w = recordedWorld();
  // 031: `ageing_time 600 vlan_filtering 1` fails (no VLAN filtering) with ageing_time set.
  assert.throws(() => rtnlSetlink(w.br, { data: { ageing_time: 600, vlan_filtering: 1 } }), /Operation not supported/);
  let p = new Printer(false);
  printBridgeInfo(p, w.br);
  assert.match(p.out, / ageing_time 600 .* vlan_filtering 0 /);
  // forward_delay before stp_state: accepted, then clamped to 2 s when STP starts.
  rtnlSetlink(w.br, { data: { stp_state: 1, forward_delay: 1 } });
  p = new Printer(false);
  printBridgeInfo(p, w.br);
  assert.match(p.out, /^forward_delay 200 .* stp_state 1 /);
  assert.throws(() => rtnlSetlink(w.br, { data: { forward_delay: 1 } }), /Numerical result out of range/);
  assert.throws(() => rtnlSetlink(w.br, { data: { group_fwd_mask: 1 } }), /Invalid argument/);
  assert.throws(() => rtnlSetlink(w.br, { data: { mcast_igmp_version: 9 } }), /Invalid argument/);
});
