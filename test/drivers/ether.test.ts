// Two machines (two Kernels on one clock), each with a NIC, joined by a cable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel, Clock, addNic, plug, unplug } from '../../src/index.js';

function twoMachines() {
  const clock = new Clock('virtual');
  const a = new Kernel({ seed: 1, clock, hostname: 'a' });
  const b = new Kernel({ seed: 2, clock, hostname: 'b' });
  const na = addNic(a, 'eth0', new Uint8Array([0x02, 0, 0, 0, 0, 0xa]));
  const nb = addNic(b, 'eth0', new Uint8Array([0x02, 0, 0, 0, 0, 0xb]));
  return { a, b, na, nb };
}

test('a NIC looks like a physical ethernet device: permanent MAC, pfifo_fast once up', async () => {
  const { a } = twoMachines();
  await a.exec('ip link set eth0 up');
  const r = await a.exec('ip link show eth0');
  assert.equal(r.stdout,
    '2: eth0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc pfifo_fast state DOWN mode DEFAULT group default qlen 1000\n' +
    '    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff\n');
});

test('carrier follows the cable and both ends; ping crosses machines', async () => {
  const { a, b, na, nb } = twoMachines();
  await a.exec('ip addr add 192.0.2.1/24 dev eth0');
  await b.exec('ip addr add 192.0.2.2/24 dev eth0');
  await a.exec('ip link set eth0 up');
  await b.exec('ip link set eth0 up');
  assert.equal(na.carrier, false);
  plug(na, nb);
  assert.equal(na.carrier && nb.carrier, true);
  const r = await a.exec('ping -c 1 -W 1 192.0.2.2');
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /1 packets transmitted, 1 received/);
  assert.match((await b.exec('ip neigh show dev eth0')).stdout, /^192\.0\.2\.1 lladdr 02:00:00:00:00:0a /);
  unplug(na);
  assert.equal(nb.carrier, false);
  const down = await a.exec('ip -br link show eth0');
  assert.equal(down.stdout, 'eth0             DOWN           02:00:00:00:00:0a <NO-CARRIER,BROADCAST,MULTICAST,UP> \n');
});
