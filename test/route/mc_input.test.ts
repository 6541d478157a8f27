// ip_route_input_rcu()'s multicast branch (ip_check_mc_rcu() + ip_route_input_mc()):
// a group the receiving device has joined is delivered locally as RTN_MULTICAST; any other
// group — 224.0.0.x included, IGMP included — is dropped without an InAddrErrors count.
// Checked on Linux 6.18: a bridge's IGMPv3 reports to 224.0.0.22 received by a veth in the
// same namespace leave Ip: InReceives 2 and every error counter at 0.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { ipRouteInput, type Rtable, type RouteInputError } from '../../src/kernel/ipv4/route.js';
import { RTN_MULTICAST, RTCF_MULTICAST, RTCF_LOCAL } from '../../src/kernel/ipv4/route_types.js';
import { EINVAL } from '../../src/kernel/errno.js';
import { parseIPv4 } from '../../src/wire/inet.js';
import { ipMcIncGroup } from '../../src/kernel/ipv4/igmp.js';
import { ipMib } from '../../src/kernel/ipv4/ip_output.js';

const A = (s: string) => parseIPv4(s)!;

async function sh(k: Kernel, ...cmds: string[]): Promise<void> {
  for (const c of cmds) {
    const r = await k.exec(c);
    assert.equal(r.status, 0, `${c}: ${r.stderr}`);
  }
}

async function world(): Promise<Kernel> {
  const k = new Kernel({ seed: 1 });
  await sh(k,
    'ip link set lo up',
    'ip link add veth0 type veth peer name veth1',
    'ip link set veth0 up', 'ip link set veth1 up',
    'ip addr add 10.0.0.1/24 dev veth0');
  return k;
}

function dev(k: Kernel, name: string) {
  return k.initNet.devByName(name)!;
}

const isErr = (r: Rtable | RouteInputError): r is RouteInputError => !('type' in r);

describe('ip_route_input: multicast destinations', () => {
  it('a joined group is delivered locally as RTN_MULTICAST via lo', async () => {
    const k = await world();
    const r = ipRouteInput(k.initNet, { dst: A('224.0.0.1'), src: A('10.0.0.2'), dev: dev(k, 'veth0') });
    assert.ok(!isErr(r));
    assert.equal(r.type, RTN_MULTICAST);
    assert.equal(r.flags & (RTCF_MULTICAST | RTCF_LOCAL), RTCF_MULTICAST | RTCF_LOCAL);
    assert.equal(r.input, 'local');
    assert.equal(r.dev.name, 'lo');
    assert.equal(r.iif, dev(k, 'veth0').ifindex);
  });

  it('a group not joined is dropped (NOT_SPECIFIED), 224.0.0.22 and IGMP included', async () => {
    const k = await world();
    for (const [dst, proto] of [['224.0.0.22', 2], ['224.0.0.251', 17], ['239.1.2.3', 17]] as const) {
      const r = ipRouteInput(k.initNet, { dst: A(dst), src: A('10.0.0.2'), dev: dev(k, 'veth0'), proto });
      assert.ok(isErr(r), dst);
      assert.deepEqual(r, { errno: EINVAL, reason: 'NOT_SPECIFIED' });
    }
  });

  it('after a join the group is ours; the source is validated (ip_mc_validate_source)', async () => {
    const k = await world();
    const d = dev(k, 'veth0');
    ipMcIncGroup(d, A('239.1.2.3'));
    const ok = ipRouteInput(k.initNet, { dst: A('239.1.2.3'), src: A('10.0.0.2'), dev: d });
    assert.ok(!isErr(ok) && ok.type === RTN_MULTICAST);
    // 0.0.0.0 is accepted only for 224.0.0.x or IGMP
    assert.deepEqual(ipRouteInput(k.initNet, { dst: A('239.1.2.3'), src: 0, dev: d }),
      { errno: EINVAL, reason: 'IP_INVALID_SOURCE' });
    assert.ok(!isErr(ipRouteInput(k.initNet, { dst: A('239.1.2.3'), src: 0, dev: d, proto: 2 })));
    assert.ok(!isErr(ipRouteInput(k.initNet, { dst: A('224.0.0.1'), src: 0, dev: d })));
    assert.deepEqual(ipRouteInput(k.initNet, { dst: A('224.0.0.1'), src: A('127.0.0.1'), dev: d }),
      { errno: EINVAL, reason: 'IP_LOCALNET' });
    assert.deepEqual(ipRouteInput(k.initNet, { dst: A('224.0.0.1'), src: A('10.0.0.1'), dev: d }),
      { errno: EINVAL, reason: 'IP_LOCAL_SOURCE' });
  });

  it("a bridge's IGMPv3 reports received by a veth count InReceives only", async () => {
    const k = new Kernel({ seed: 1 });
    await sh(k,
      'ip link set lo up',
      'ip link add br0 type bridge',
      'ip link add v0 type veth peer name v1',
      'ip link set v0 master br0',
      'ip link set br0 up', 'ip link set v0 up', 'ip link set v1 up',
      'ip addr add 10.0.0.1/24 dev br0',
      'ip addr add 10.0.0.2/24 dev v1');
    k.clock.advance(4000);
    const mib = ipMib(k.initNet);
    assert.ok(mib.InReceives > 0, 'the reports were received');
    assert.equal(mib.InAddrErrors, 0);
    assert.equal(mib.InMcastPkts, 0);
    assert.equal(mib.InDiscards, 0);
    assert.equal(mib.InNoRoutes, 0);
  });
});
