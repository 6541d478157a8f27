// Table-driven tests of the IPv4 route decisions the datapath takes: ip_route_output_key()
// (source selection, multipath, error routes), ip_route_input() (local, broadcast, forward,
// martians with their drop reasons, rp_filter) and fib_lookup() through policy rules.
// Where `ip route get` shows the same decision, the expectation was checked against the
// real kernel (test/conformance/scenarios/065-route-get.out and iproute2_scenarios.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { ipRouteOutput, ipRouteInput, inetSelectAddr, fibMultipathHash, rtNexthop, type Rtable, type RouteInputError } from '../../src/kernel/ipv4/route.js';
import { fibLookup } from '../../src/kernel/ipv4/fib_rules.js';
import { flowi4, fibOf } from '../../src/kernel/ipv4/fib.js';
import { RTN_LOCAL, RTN_BROADCAST, RTN_UNICAST, RTN_MULTICAST, RT_TABLE_LOCAL, RT_TABLE_MAIN } from '../../src/kernel/ipv4/route_types.js';
import { EACCES, EHOSTUNREACH, EINVAL, ENETUNREACH, EXDEV } from '../../src/kernel/errno.js';
import { parseIPv4, formatIPv4 } from '../../src/wire/inet.js';
import { inDev } from '../../src/kernel/ipv4/devinet.js';
import { setIpForward } from './run.js';

const A = (s: string) => parseIPv4(s)!;

async function sh(k: Kernel, ...cmds: string[]): Promise<void> {
  for (const c of cmds) {
    const r = await k.exec(c);
    assert.equal(r.status, 0, `${c}: ${r.stderr}`);
  }
}

/** The topology of 065-route-get.sh plus error routes and a weighted multipath route. */
async function world(): Promise<Kernel> {
  const k = new Kernel({ seed: 1 });
  await sh(k,
    'ip link set lo up',
    'ip link add veth0 type veth peer name veth1',
    'ip link add veth2 type veth peer name veth3',
    'ip link set veth0 up', 'ip link set veth1 up', 'ip link set veth2 up', 'ip link set veth3 up',
    'ip addr add 10.0.0.1/24 dev veth0',
    'ip addr add 10.0.0.5/24 dev veth0',
    'ip addr add 10.0.1.1/24 dev veth2',
    'ip route add 10.50.0.0/16 via 10.0.0.2',
    'ip route add 10.50.1.0/24 via 10.0.1.2',
    'ip route add 10.50.1.128/25 via 10.0.0.3 src 10.0.0.5',
    'ip route add default via 10.0.0.254',
    'ip route add blackhole 198.51.100.0/24',
    'ip route add unreachable 198.51.101.0/24',
    'ip route add prohibit 198.51.102.0/24',
    'ip route add throw 198.51.103.0/24',
    'ip route add 203.0.113.0/24 nexthop via 10.0.0.2 weight 3 nexthop via 10.0.1.2 weight 1',
  );
  return k;
}

function view(rt: Rtable | number): string {
  if (typeof rt === 'number') return `errno ${rt}`;
  const t = rt.type === RTN_LOCAL ? 'local' : rt.type === RTN_BROADCAST ? 'broadcast' : rt.type === RTN_MULTICAST ? 'multicast' : rt.type === RTN_UNICAST ? 'unicast' : String(rt.type);
  return `${t} dev ${rt.dev.name}${rt.gw ? ` via ${formatIPv4(rt.gw)}` : ''} src ${formatIPv4(rt.fl.saddr)}`;
}

describe('ipRouteOutput (ip_route_output_key_hash_rcu)', async () => {
  const k = await world();
  const ns = k.initNet;
  const cases: [string, { dst: string; src?: string; oif?: string; mark?: number }, string][] = [
    ['longest prefix /16', { dst: '10.50.9.9' }, 'unicast dev veth0 via 10.0.0.2 src 10.0.0.1'],
    ['longest prefix /24, source on the output device', { dst: '10.50.1.9' }, 'unicast dev veth2 via 10.0.1.2 src 10.0.1.1'],
    ['route prefsrc wins', { dst: '10.50.1.200' }, 'unicast dev veth0 via 10.0.0.3 src 10.0.0.5'],
    ['default route', { dst: '8.8.8.8' }, 'unicast dev veth0 via 10.0.0.254 src 10.0.0.1'],
    ['connected: no gateway, primary address', { dst: '10.0.0.77' }, 'unicast dev veth0 src 10.0.0.1'],
    ['local address goes to lo', { dst: '10.0.0.1' }, 'local dev lo src 10.0.0.1'],
    // Recorded: `ip route get 10.0.0.5` gives "local 10.0.0.5 dev lo src 10.0.0.1" (its local route's prefsrc is the primary).
    ['secondary local address', { dst: '10.0.0.5' }, 'local dev lo src 10.0.0.1'],
    ['loopback', { dst: '127.0.0.1' }, 'local dev lo src 127.0.0.1'],
    ['subnet broadcast', { dst: '10.0.0.255' }, 'broadcast dev veth0 src 10.0.0.1'],
    ['limited broadcast follows the default route', { dst: '255.255.255.255' }, 'broadcast dev veth0 src 10.0.0.1'],
    ['multicast: no gateway for short prefixes', { dst: '239.1.2.3' }, 'multicast dev veth0 src 10.0.0.1'],
    ['given source keeps the route', { dst: '8.8.8.8', src: '10.0.1.1' }, 'unicast dev veth0 via 10.0.0.254 src 10.0.1.1'],
    ['oif with no matching route: assumed on-link', { dst: '8.8.8.8', oif: 'veth2' }, 'unicast dev veth2 src 10.0.1.1'],
    ['oif with a matching route', { dst: '10.0.1.9', oif: 'veth2' }, 'unicast dev veth2 src 10.0.1.1'],
    ['destination 0.0.0.0 is loopback', { dst: '0.0.0.0' }, 'local dev lo src 127.0.0.1'],
    ['blackhole route', { dst: '198.51.100.1' }, `errno ${EINVAL}`],
    ['unreachable route', { dst: '198.51.101.1' }, `errno ${EHOSTUNREACH}`],
    ['prohibit route', { dst: '198.51.102.1' }, `errno ${EACCES}`],
    ['throw route with no other table', { dst: '198.51.103.1' }, `errno ${ENETUNREACH}`],
    ['source that is not ours', { dst: '8.8.8.8', src: '1.2.3.4' }, `errno ${ENETUNREACH}`],
    ['multicast source', { dst: '8.8.8.8', src: '224.0.0.5' }, `errno ${EINVAL}`],
    ['loopback source leaving a real device', { dst: '8.8.8.8', src: '127.0.0.1' }, `errno ${EINVAL}`],
  ];
  for (const [name, q, want] of cases) {
    it(name, () => {
      const oif = q.oif ? ns.devByName(q.oif)!.ifindex : undefined;
      const rt = ipRouteOutput(ns, { dst: A(q.dst), src: q.src ? A(q.src) : undefined, oif, mark: q.mark });
      assert.equal(view(rt), want);
    });
  }

  it('the next hop is the gateway, or the destination itself', () => {
    const viaGw = ipRouteOutput(ns, { dst: A('8.8.8.8') }) as Rtable;
    assert.equal(formatIPv4(rtNexthop(viaGw, A('8.8.8.8'))), '10.0.0.254');
    const onLink = ipRouteOutput(ns, { dst: A('10.0.0.77') }) as Rtable;
    assert.equal(formatIPv4(rtNexthop(onLink, A('10.0.0.77'))), '10.0.0.77');
  });

  it('multipath: a flow keeps its path, and weights 3:1 split flows about 3:1', () => {
    const pick = (i: number) => (ipRouteOutput(ns, { dst: (A('203.0.113.0') + (i & 255)) >>> 0, src: i & 1 ? A('10.0.0.1') : A('10.0.1.1') }) as Rtable).dev.name;
    assert.equal(pick(7), pick(7));
    let v0 = 0;
    for (let i = 0; i < 512; i++) if (pick(i) === 'veth0') v0++;
    assert.ok(v0 > 512 * 0.6 && v0 < 512 * 0.9, `veth0 got ${v0} of 512 flows`);
  });

  it('multipath hash is deterministic', () => {
    assert.equal(fibMultipathHash(A('10.0.0.1'), A('203.0.113.9')), fibMultipathHash(A('10.0.0.1'), A('203.0.113.9')));
    assert.ok(fibMultipathHash(1, 2) >= 0 && fibMultipathHash(1, 2) < 2 ** 31);
  });

  it('a nexthop whose device goes down stops being chosen', async () => {
    await sh(k, 'ip link set veth2 down');
    for (let i = 0; i < 64; i++) {
      const rt = ipRouteOutput(ns, { dst: (A('203.0.113.0') + i) >>> 0 }) as Rtable;
      assert.equal(rt.dev.name, 'veth0');
    }
    await sh(k, 'ip link set veth2 up');
  });
});

describe('inetSelectAddr (inet_select_addr)', async () => {
  const k = await world();
  const ns = k.initNet;
  const dev = (n: string) => ns.devByName(n)!;
  it('prefers a primary address on the same subnet as the destination', () => {
    assert.equal(formatIPv4(inetSelectAddr(dev('veth0'), A('10.0.0.9'), 0)), '10.0.0.1');
  });
  it('falls back to another device (lo first) when the device has none in scope', async () => {
    await sh(k, 'ip link add veth4 type veth peer name veth5', 'ip link set veth4 up');
    assert.equal(formatIPv4(inetSelectAddr(dev('veth4'), 0, 0)), '10.0.0.1');
    // host-scope addresses (127.0.0.1) are skipped for universe scope
    assert.equal(formatIPv4(inetSelectAddr(dev('lo'), 0, 254)), '127.0.0.1');
  });
});

function viewIn(r: Rtable | RouteInputError): string {
  if (!('type' in r)) return `drop errno ${r.errno} ${r.reason}`;
  if (r.input === 'error') return `error ${r.error}`;
  const t = r.type === RTN_LOCAL ? 'local' : r.type === RTN_BROADCAST ? 'broadcast' : 'unicast';
  return `${r.input} ${t} dev ${r.dev.name}${r.gw ? ` via ${formatIPv4(r.gw)}` : ''}${r.doRedirect ? ' redirect' : ''}`;
}

describe('ipRouteInput (ip_route_input_slow)', async () => {
  const k = await world();
  const ns = k.initNet;
  const cases: [string, boolean, { dst: string; src: string; iif: string }, string][] = [
    ['forwarding off: unicast to elsewhere is EHOSTUNREACH', false, { dst: '10.0.1.9', src: '10.0.0.9', iif: 'veth0' }, `error ${EHOSTUNREACH}`],
    ['forwarding off: local delivery still works', false, { dst: '10.0.0.1', src: '10.0.0.9', iif: 'veth0' }, 'local local dev lo'],
    ['a host answers for its addresses on any interface', false, { dst: '10.0.1.1', src: '10.0.0.9', iif: 'veth0' }, 'local local dev lo'],
    ['forward to a connected subnet', true, { dst: '10.0.1.9', src: '10.0.0.9', iif: 'veth0' }, 'forward unicast dev veth2'],
    ['forward via a gateway', true, { dst: '10.50.9.9', src: '10.0.1.9', iif: 'veth2' }, 'forward unicast dev veth0 via 10.0.0.2'],
    ['back out of the same device to an on-link source: redirect', true, { dst: '10.0.0.7', src: '10.0.0.9', iif: 'veth0' }, 'forward unicast dev veth0 redirect'],
    ['subnet broadcast', true, { dst: '10.0.0.255', src: '10.0.0.9', iif: 'veth0' }, 'local broadcast dev lo'],
    ['limited broadcast', true, { dst: '255.255.255.255', src: '10.0.0.9', iif: 'veth0' }, 'local broadcast dev lo'],
    ['unreachable route', true, { dst: '198.51.101.1', src: '10.0.0.9', iif: 'veth0' }, `error ${EHOSTUNREACH}`],
    ['prohibit route', true, { dst: '198.51.102.1', src: '10.0.0.9', iif: 'veth0' }, `error ${EACCES}`],
    ['blackhole route', true, { dst: '198.51.100.1', src: '10.0.0.9', iif: 'veth0' }, `error ${EINVAL}`],
    ['our own address as source: martian', true, { dst: '10.0.1.9', src: '10.0.0.1', iif: 'veth0' }, `drop errno ${EINVAL} IP_LOCAL_SOURCE`],
    ['loopback source', true, { dst: '10.0.1.9', src: '127.0.0.1', iif: 'veth0' }, `drop errno ${EINVAL} IP_LOCALNET`],
    ['loopback destination', true, { dst: '127.0.0.1', src: '10.0.0.9', iif: 'veth0' }, `drop errno ${EINVAL} IP_LOCALNET`],
    ['zero source to a unicast address', true, { dst: '10.0.1.9', src: '0.0.0.0', iif: 'veth0' }, `drop errno ${EINVAL} IP_INVALID_SOURCE`],
    ['multicast source', true, { dst: '10.0.1.9', src: '224.1.1.1', iif: 'veth0' }, `drop errno ${EINVAL} IP_INVALID_SOURCE`],
    ['zeronet destination', true, { dst: '0.1.2.3', src: '10.0.0.9', iif: 'veth0' }, `drop errno ${EINVAL} IP_INVALID_DEST`],
  ];
  for (const [name, fwd, q, want] of cases) {
    it(name, () => {
      setIpForward(ns, fwd);
      const r = ipRouteInput(ns, { dst: A(q.dst), src: A(q.src), dev: ns.devByName(q.iif)! });
      assert.equal(viewIn(r), want);
    });
  }

  it('rp_filter=1 drops a source whose reverse route is another device', () => {
    setIpForward(ns, true);
    const veth2 = ns.devByName('veth2')!;
    inDev(veth2)!.conf.rp_filter = 1;
    const r = ipRouteInput(ns, { dst: A('10.0.0.7'), src: A('10.0.0.9'), dev: veth2 });
    assert.equal(viewIn(r), `drop errno ${EXDEV} IP_RPFILTER`);
    inDev(veth2)!.conf.rp_filter = 2; // loose: any route back will do
    assert.equal(viewIn(ipRouteInput(ns, { dst: A('10.0.0.7'), src: A('10.0.0.9'), dev: veth2 })), 'forward unicast dev veth0');
    inDev(veth2)!.conf.rp_filter = 0;
  });
});

describe('fibLookup through policy rules (fib_rules_lookup)', async () => {
  const k = await world();
  const ns = k.initNet;
  await sh(k,
    'ip route add default via 10.0.1.254 table 100',
    'ip route add 192.0.2.0/24 via 10.0.1.253 table 101',
    'ip route add throw 192.0.2.128/25 table 101',
  );
  const dev = (r: ReturnType<typeof fibLookup>) =>
    typeof r === 'number' ? `errno ${r}` : `${r.nh?.dev?.name ?? '-'} ${r.nh?.gw ? formatIPv4(r.nh.gw) : '-'} table ${r.table?.id} /${r.prefixlen}`;
  const lookup = (o: Partial<Parameters<typeof flowi4>[0]> & { daddr: number }) => dev(fibLookup(ns, flowi4(o)));

  it('before any rule change, local and main share one trie (local first)', () => {
    assert.equal(fibOf(ns).hasCustomRules, false);
    const r = fibLookup(ns, flowi4({ daddr: A('10.0.0.1') }));
    assert.ok(typeof r !== 'number');
    assert.equal(r.table?.id, RT_TABLE_MAIN); // res.table is the trie asked, as `ip route get` shows
  });

  const rows: [string, string, Partial<Parameters<typeof flowi4>[0]> & { daddr: number }, string][] = [
    ['from selects table 100', 'ip rule add from 10.0.1.1 lookup 100', { daddr: A('8.8.8.8'), saddr: A('10.0.1.1') }, 'veth2 10.0.1.254 table 100 /0'],
    ['without the source the rule does not match', '', { daddr: A('8.8.8.8') }, 'veth0 10.0.0.254 table 254 /0'],
    ['local table answers first once rules exist', '', { daddr: A('10.0.0.1'), saddr: A('10.0.1.1') }, 'veth0 - table 255 /32'],
    ['fwmark/mask', 'ip rule add fwmark 0x10/0xf0 lookup 100', { daddr: A('8.8.8.8'), mark: 0x1f }, 'veth2 10.0.1.254 table 100 /0'],
    ['fwmark/mask not matching', '', { daddr: A('8.8.8.8'), mark: 0x2f }, 'veth0 10.0.0.254 table 254 /0'],
    ['iif', 'ip rule add iif veth3 lookup 100', { daddr: A('8.8.8.8'), iif: 0 }, 'veth0 10.0.0.254 table 254 /0'],
    ['to + table without that route falls through', 'ip rule add to 192.0.2.0/24 lookup 101', { daddr: A('192.0.2.7') }, 'veth2 10.0.1.253 table 101 /24'],
    ['throw continues with the next rule', '', { daddr: A('192.0.2.200') }, 'veth0 10.0.0.254 table 254 /0'],
    ['suppress_prefixlength 0 skips default routes of main', 'ip rule add pref 5 lookup main suppress_prefixlength 0', { daddr: A('8.8.4.4') }, 'veth0 10.0.0.254 table 254 /0'],
    ['... but keeps longer prefixes', '', { daddr: A('10.50.9.9') }, 'veth0 10.0.0.2 table 254 /16'],
    ['not: everything but 10.0.1.1 goes to 100', 'ip rule add pref 6 not from 10.0.1.1 lookup 100', { daddr: A('8.8.8.8'), saddr: A('10.0.0.1') }, 'veth2 10.0.1.254 table 100 /0'],
    ['unreachable rule', 'ip rule add pref 1 to 203.0.113.99 unreachable', { daddr: A('203.0.113.99') }, `errno ${ENETUNREACH}`],
    ['prohibit rule', 'ip rule add pref 2 to 203.0.113.98 prohibit', { daddr: A('203.0.113.98') }, `errno ${EACCES}`],
    ['blackhole rule', 'ip rule add pref 3 to 203.0.113.97 blackhole', { daddr: A('203.0.113.97') }, `errno ${EINVAL}`],
    ['goto skips to the target', 'ip rule add pref 4 to 203.0.113.96 goto 32766', { daddr: A('203.0.113.96') }, 'veth0 10.0.0.2 table 254 /24'],
    ['ipproto + dport', 'ip rule add pref 1 ipproto udp dport 53 lookup 100', { daddr: A('203.0.113.50'), proto: 17, dport: 53 }, 'veth2 10.0.1.254 table 100 /0'],
    ['ipproto not matching', '', { daddr: A('203.0.113.50'), proto: 6, dport: 53 }, 'veth0 10.0.0.2 table 254 /24'],
  ];
  for (const [name, cmd, fl, want] of rows) {
    it(name, async () => {
      if (cmd) await sh(k, cmd);
      assert.equal(lookup(fl), want);
    });
  }

  it('deleting the main rule leaves only what other rules give', async () => {
    await sh(k, 'ip rule del pref 32766', 'ip rule del pref 5', 'ip rule del pref 6');
    assert.equal(lookup({ daddr: A('10.50.9.9') }), `errno ${ENETUNREACH}`);
    assert.equal(fibOf(ns).tables.has(RT_TABLE_LOCAL), true);
  });
});

describe('route output with rules, as `ip route get` reports it', async () => {
  it('a local destination reports table local once rules are customised', async () => {
    const k = await world();
    let r = await k.exec('ip route get 10.0.0.1');
    // Recorded from the kernel: no table before a rule exists ...
    assert.equal(r.stdout, 'local 10.0.0.1 dev lo src 10.0.0.1 uid 0 \n    cache <local> \n');
    await sh(k, 'ip rule add from 1.2.3.4 table 100');
    r = await k.exec('ip route get 10.0.0.1');
    // ... and "table local" after (fib_unmerge() split the tries).
    assert.equal(r.stdout, 'local 10.0.0.1 dev lo table local src 10.0.0.1 uid 0 \n    cache <local> \n');
  });
});
