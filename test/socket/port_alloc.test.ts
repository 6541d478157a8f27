// __inet_hash_connect()'s ephemeral ports: connections from one address to one destination
// get increasing even ports (the table_perturb[] slot of their hash moves on by 2 to 16),
// within net.ipv4.ip_local_port_range; ports in use for that 4-tuple are skipped, the other
// parity comes second, and a full range gives EADDRNOTAVAIL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel, must } from '../datapath/helpers.js';
import { Socket, AF_INET, SOCK_STREAM } from '../../src/kernel/socket.js';
import type { Netns } from '../../src/kernel/net_namespace.js';
import { EADDRNOTAVAIL } from '../../src/kernel/errno.js';

const ip = (s: string) => s.split('.').reduce((a, b) => a * 256 + Number(b), 0) >>> 0;

async function pair(seed: number): Promise<{ a: Netns; b: Netns }> {
  const k = new Kernel({ seed });
  await must(k,
    'ip netns add a', 'ip netns add b',
    'ip link add va netns a type veth peer name vb netns b',
    'ip -n a addr add 10.0.0.1/24 dev va', 'ip -n b addr add 10.0.0.2/24 dev vb',
    'ip -n a link set va up', 'ip -n b link set vb up');
  return { a: k.namedNetns.get('a')!, b: k.namedNetns.get('b')! };
}

function tcp(ns: Netns): Socket {
  const s = Socket.open(ns, AF_INET, SOCK_STREAM);
  assert.ok(typeof s !== 'number');
  return s;
}

test('successive connections to one destination get increasing even ports', async () => {
  for (const seed of [1, 2, 3]) {
    const { a, b } = await pair(seed);
    const l = tcp(b);
    assert.equal(l.bind({ addr: 0, port: 80 }), 0);
    assert.equal(l.listen(16), 0);
    const ports: number[] = [];
    for (let i = 0; i < 5; i++) {
      const c = tcp(a);
      assert.equal(await c.connect({ addr: ip('10.0.0.2'), port: 80 }), 0);
      ports.push(c.getsockname().port);
      c.close();
    }
    for (const p of ports) {
      assert.ok(p >= 32768 && p <= 60999, `port ${p} in the local range`);
      assert.equal(p % 2, 0, `port ${p} of the range's low parity`);
    }
    for (let i = 1; i < ports.length; i++) {
      // Each step is 2..16 ports on, modulo the range (28232 ports).
      const step = (ports[i]! - ports[i - 1]! + 28232) % 28232;
      assert.ok(step >= 2 && step <= 16, `seed ${seed}: step ${step} in ${ports.join(' ')}`);
    }
  }
});

test('ports in use are skipped, the other parity is tried, then EADDRNOTAVAIL', async () => {
  const { a, b } = await pair(5);
  await must(a.kernel, 'ip netns exec a sysctl -qw net.ipv4.ip_local_port_range="40000 40005"');
  const l = tcp(b);
  assert.equal(l.bind({ addr: 0, port: 80 }), 0);
  assert.equal(l.listen(64), 0);
  const held: number[] = [];
  for (let i = 0; i < 6; i++) {
    const c = tcp(a);
    assert.equal(await c.connect({ addr: ip('10.0.0.2'), port: 80 }), 0);
    held.push(c.getsockname().port);
  }
  // The three even ports come first, then the odd ones.
  assert.deepEqual(held.slice(0, 3).sort(), [40000, 40002, 40004]);
  assert.deepEqual(held.slice(3).sort(), [40001, 40003, 40005]);
  assert.equal(await tcp(a).connect({ addr: ip('10.0.0.2'), port: 80 }), EADDRNOTAVAIL);
});
