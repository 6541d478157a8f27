// What removing an IPv4 address does to other routes (fib_del_ifaddr()'s
// fib_sync_down_addr() and fib_inetaddr_event()'s fib_disable_ip()): routes of table main
// preferring the removed address die, and the last address of a device takes every route
// through the device with it. devinet is to call fibInetaddrDown() after an address goes;
// these tests make that call themselves (a second call is harmless).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { fibInetaddrDown } from '../../src/kernel/ipv4/fib.js';
import { parseIPv4 } from '../../src/wire/inet.js';

async function sh(k: Kernel, cmd: string): Promise<string> {
  const r = await k.exec(cmd);
  return r.stdout + r.stderr;
}

describe('routes after address removal', () => {
  it('matches the kernel (recorded with iproute2 6.1)', async () => {
    const k = new Kernel({ seed: 1 });
    for (const c of [
      'ip link add veth0 type veth peer name veth1', 'ip link set veth0 up', 'ip link set veth1 up',
      'ip addr add 10.0.0.1/24 dev veth0', 'ip addr add 10.0.2.1/24 dev veth0',
      'ip route add 192.168.1.0/24 via 10.0.0.2', 'ip route add 192.168.2.0/24 via 10.0.0.2 src 10.0.2.1',
      'ip route add 192.168.3.0/24 via 10.0.0.2 src 10.0.2.1 table 5', 'ip route add 192.168.4.0/24 dev veth0',
    ]) await sh(k, c);
    const dev = k.initNet.devByName('veth0')!;
    await sh(k, 'ip addr del 10.0.2.1/24 dev veth0');
    fibInetaddrDown(dev, parseIPv4('10.0.2.1')!);
    // + ip route  (after deleting 10.0.2.1/24; the route with src 10.0.2.1 in main is gone)
    assert.equal(await sh(k, 'ip route'),
      '10.0.0.0/24 dev veth0 proto kernel scope link src 10.0.0.1 \n' +
      '192.168.1.0/24 via 10.0.0.2 dev veth0 \n' +
      '192.168.4.0/24 dev veth0 scope link \n');
    // + ip route show table 5  (other tables keep theirs)
    assert.equal(await sh(k, 'ip route show table 5'), '192.168.3.0/24 via 10.0.0.2 dev veth0 src 10.0.2.1 \n');
    await sh(k, 'ip addr del 10.0.0.1/24 dev veth0');
    fibInetaddrDown(dev, parseIPv4('10.0.0.1')!);
    // + ip route / ip route show table 5 / ip -4 route show table all: all empty
    assert.equal(await sh(k, 'ip route'), '');
    assert.equal(await sh(k, 'ip route show table 5'), '');
    assert.equal(await sh(k, 'ip -4 route show table all'), '');
  });
});
