// br_netfilter as a module of one machine (its sysctls and hooks come and go with modprobe),
// the physdev match on bridged and routed packets, and hash:net,iface's physdev elements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { runPing, nsOf } from '../datapath/helpers.js';
import { moduleState } from '../../src/kernel/module/main.js';
import { xtFindMatch, type XtParam } from '../../src/kernel/netfilter/x_tables.js';
import {
  XT_PHYSDEV_OP_BRIDGED, XT_PHYSDEV_OP_IN, XT_PHYSDEV_OP_ISIN, XT_PHYSDEV_OP_ISOUT, XT_PHYSDEV_OP_OUT,
  type PhysdevInfo,
} from '../../src/kernel/netfilter/xt_physdev.js';
import { SkBuff } from '../../src/kernel/core/skbuff.js';
import type { NetDevice } from '../../src/kernel/core/netdevice.js';
import {
  ipSetAd, ipSetCreate, ipSetGetByName, ipSetPacketFromSkb, ipSetTest, IPSET_FLAG_PHYSDEV, NFPROTO_IPV4,
} from '../../src/kernel/netfilter/ipset/index.js';

async function must(k: Kernel, cmd: string, netns?: string): Promise<string> {
  const r = await k.exec(cmd, { netns });
  assert.equal(r.status, 0, `${cmd}: ${r.stderr}`);
  return r.stdout;
}

/** Hosts a and b behind br0 (ports va, vb) of the initial namespace. */
async function bridged(): Promise<Kernel> {
  const k = new Kernel({ seed: 7 });
  for (const c of ['ip netns add a', 'ip netns add b', 'ip link add br0 type bridge',
    'ip link add va type veth peer name eth0 netns a', 'ip link add vb type veth peer name eth0 netns b',
    'ip link set va master br0', 'ip link set vb master br0', 'ip link set va up', 'ip link set vb up',
    'ip link set br0 up']) await must(k, c);
  await must(k, 'ip addr add 10.0.0.1/24 dev eth0', 'a');
  await must(k, 'ip link set eth0 up', 'a');
  await must(k, 'ip addr add 10.0.0.2/24 dev eth0', 'b');
  await must(k, 'ip link set eth0 up', 'b');
  return k;
}

/** The packet count of FORWARD's first rule. */
async function forwardHits(k: Kernel): Promise<number> {
  const out = await must(k, 'iptables -L FORWARD -v -x -n');
  return Number(out.split('\n')[2]!.trim().split(/\s+/)[0]);
}

test('br_netfilter is per machine: its sysctls appear with modprobe and go with modprobe -r', async () => {
  const k1 = new Kernel({ seed: 1 });
  const k2 = new Kernel({ seed: 2 });
  assert.equal((await k1.exec('sysctl -n net.bridge.bridge-nf-call-iptables')).status, 1);
  await must(k1, 'modprobe br_netfilter');
  assert.equal(moduleState(k1, 'br_netfilter'), 'live');
  assert.equal(moduleState(k2, 'br_netfilter'), undefined);
  assert.equal(await must(k1, 'sysctl -n net.bridge.bridge-nf-call-iptables'), '1\n');
  assert.notEqual((await k2.exec('sysctl -n net.bridge.bridge-nf-call-iptables')).status, 0);
  // A namespace created later has the table too, with its own values.
  await must(k1, 'sysctl -w net.bridge.bridge-nf-call-iptables=0');
  await must(k1, 'ip netns add x');
  assert.equal(await must(k1, 'sysctl -n net.bridge.bridge-nf-call-iptables', 'x'), '1\n');
  // Loaded again: "-" and "_" are the same; nothing to do, no error.
  await must(k1, 'modprobe br-netfilter');
  await must(k1, 'modprobe -r br_netfilter');
  assert.notEqual((await k1.exec('sysctl -n net.bridge.bridge-nf-call-iptables')).status, 0);
  // Removing what is not loaded is no error unless --first-time.
  await must(k1, 'modprobe -r br_netfilter');
  const r = await k1.exec('modprobe -r --first-time br_netfilter');
  assert.deepEqual([r.status, r.stderr], [1, 'modprobe: FATAL: Module br_netfilter is not in kernel.\n']);
  // Reloaded, the namespaces start again from the defaults.
  await must(k1, 'modprobe br_netfilter');
  assert.equal(await must(k1, 'sysctl -n net.bridge.bridge-nf-call-iptables'), '1\n');
  const b = await k1.exec('modprobe --first-time br_netfilter');
  assert.deepEqual([b.status, b.stderr], [1, "modprobe: ERROR: could not insert 'br_netfilter': Module already in kernel\n"]);
});

test('bridged pings cross FORWARD only while br_netfilter is loaded and bridge-nf-call-iptables is on', async () => {
  const k = await bridged();
  await must(k, 'iptables -A FORWARD -i br0 -o br0 -s 10.0.0.1');
  assert.equal((await runPing(k, '-c 1 10.0.0.2', 'a')).status, 0);
  assert.equal(await forwardHits(k), 0);
  await must(k, 'modprobe br_netfilter');
  assert.equal((await runPing(k, '-c 2 -i 0.2 10.0.0.2', 'a')).status, 0);
  assert.equal(await forwardHits(k), 2);
  await must(k, 'sysctl -w net.bridge.bridge-nf-call-iptables=0');
  assert.equal((await runPing(k, '-c 1 10.0.0.2', 'a')).status, 0);
  assert.equal(await forwardHits(k), 2);
  // The bridge's own switch works without the namespace's.
  await must(k, 'ip link set br0 type bridge nf_call_iptables 1');
  assert.equal((await runPing(k, '-c 1 10.0.0.2', 'a')).status, 0);
  assert.equal(await forwardHits(k), 3);
  await must(k, 'modprobe -r br_netfilter');
  assert.equal((await runPing(k, '-c 1 10.0.0.2', 'a')).status, 0);
  assert.equal(await forwardHits(k), 3);
});

test('the first physdev rule loads br_netfilter; a physdev DROP stops one direction of a bridged flow', async () => {
  const k = await bridged();
  assert.equal(moduleState(k, 'br_netfilter'), undefined);
  await must(k, 'iptables -A FORWARD -m physdev --physdev-in vb --physdev-out va -j DROP');
  assert.equal(moduleState(k, 'br_netfilter'), 'live');
  // a -> b passes; b's replies (in on vb, out on va) are dropped.
  const r = await runPing(k, '-c 1 -W 1 10.0.0.2', 'a');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /1 packets transmitted, 0 received/);
  assert.equal(await forwardHits(k), 1);
  await must(k, 'iptables -F FORWARD');
  assert.equal((await runPing(k, '-c 1 10.0.0.2', 'a')).status, 0);
});

test('physdev_mt(): inverted tests only without bridge info; the out port only once known', () => {
  const m = xtFindMatch('physdev')!;
  const dev = (name: string) => ({ name }) as NetDevice;
  const skb = new SkBuff(new Uint8Array(40));
  const par = { skb } as XtParam;
  const info = (bitmask: number, invert = 0, physindev = '', physoutdev = ''): PhysdevInfo =>
    ({ bitmask, invert, physindev, physoutdev });
  const cases: [unknown, PhysdevInfo, boolean][] = [
    // not bridged
    [undefined, info(XT_PHYSDEV_OP_BRIDGED), false],
    [undefined, info(XT_PHYSDEV_OP_BRIDGED, XT_PHYSDEV_OP_BRIDGED), true],
    [undefined, info(XT_PHYSDEV_OP_IN | XT_PHYSDEV_OP_ISIN, XT_PHYSDEV_OP_IN), false],
    [undefined, info(XT_PHYSDEV_OP_IN | XT_PHYSDEV_OP_OUT, XT_PHYSDEV_OP_IN | XT_PHYSDEV_OP_OUT, 'x', 'y'), true],
    // bridged, locally delivered (no out port)
    [{ physindev: dev('veth0') }, info(XT_PHYSDEV_OP_IN, 0, 'veth+'), true],
    [{ physindev: dev('veth0') }, info(XT_PHYSDEV_OP_IN, XT_PHYSDEV_OP_IN, 'veth+'), false],
    [{ physindev: dev('veth0') }, info(XT_PHYSDEV_OP_IN, 0, 'veth'), false],
    [{ physindev: dev('veth0') }, info(XT_PHYSDEV_OP_ISIN), true],
    [{ physindev: dev('veth0') }, info(XT_PHYSDEV_OP_BRIDGED), false],
    [{ physindev: dev('veth0') }, info(XT_PHYSDEV_OP_ISOUT, XT_PHYSDEV_OP_ISOUT), true],
    [{ physindev: dev('veth0') }, info(XT_PHYSDEV_OP_OUT, XT_PHYSDEV_OP_OUT, '', 'x'), false],
    // bridged from port to port
    [{ physindev: dev('va'), physoutdev: dev('vb') }, info(XT_PHYSDEV_OP_BRIDGED | XT_PHYSDEV_OP_OUT, 0, '', 'vb'), true],
    [{ physindev: dev('va'), physoutdev: dev('vb') }, info(XT_PHYSDEV_OP_OUT, XT_PHYSDEV_OP_OUT, '', 'vb'), false],
    [{ physindev: dev('va'), physoutdev: dev('vb') }, info(XT_PHYSDEV_OP_IN | XT_PHYSDEV_OP_OUT, 0, '+', 'v+'), true],
  ];
  for (const [nb, i, want] of cases) {
    skb.nfBridge = nb;
    assert.equal(m.match(par, i), want, JSON.stringify({ nb, i }));
  }
});

test('hash:net,iface: a physdev: element matches the bridge port br_netfilter noted, never a routed packet', () => {
  const k = new Kernel({ seed: 3 });
  const ns = k.initNet;
  assert.equal(ipSetCreate(ns, { name: 'ports', typename: 'hash:net,iface', revision: 8, family: NFPROTO_IPV4, data: {}, flags: 0 }), 0);
  assert.equal(ipSetAd(ns, 'ports', 'add', [{ ip: new Uint8Array([10, 0, 0, 0]), cidr: 24, iface: 'va', cadtFlags: IPSET_FLAG_PHYSDEV }], 0).ret, 0);
  const id = ipSetGetByName(ns, 'ports')!;
  const b = new Uint8Array(28);
  b.set([0x45, 0, 0, 28, 0, 0, 0, 0, 64, 1, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, 8, 0]);
  const skb = new SkBuff(b);
  const opt = { cmdflags: IPSET_FLAG_PHYSDEV };
  // Routed: no bridge info, the lookup fails (EINVAL).
  assert.equal(ipSetTest(ns, id, ipSetPacketFromSkb(skb, 0, 'br0', '')!, ['src', 'src'], opt), false);
  skb.nfBridge = { physindev: { name: 'va' }, physoutdev: { name: 'vb' } };
  assert.equal(ipSetTest(ns, id, ipSetPacketFromSkb(skb, 0, 'br0', 'br0')!, ['src', 'src'], opt), true);
  assert.equal(ipSetTest(ns, id, ipSetPacketFromSkb(skb, 0, 'br0', 'br0')!, ['src', 'dst'], opt), false);
  // Without the flag the in device is looked up as a plain interface: a physdev element
  // of the same name is another element.
  assert.equal(ipSetTest(ns, id, ipSetPacketFromSkb(skb, 0, 'va', 'br0')!, ['src', 'src']), false);
});
