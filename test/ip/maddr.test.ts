// `ip maddress show` (src/tools/ip/maddr.ts), called directly: the text and JSON of
// ipmaddr.c's print_mlist() from the kernel's group lists, " users N" when a group has more
// than one user, and the family filter. The full output is checked against the real kernel
// in test/conformance/scenarios/140-ip-maddr.sh and 141-ip-maddr-bridge.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { Args } from '../../src/tools/lib/args.js';
import { AF_INET, AF_UNSPEC, makePrinter, type IpContext, type IpOptions } from '../../src/tools/ip/context.js';
import { doIpmaddr } from '../../src/tools/ip/maddr.js';
import { ipMcIncGroup } from '../../src/kernel/ipv4/igmp.js';
import { parseIPv4 } from '../../src/wire/inet.js';

function run(k: Kernel, argv: string[], o: Partial<IpOptions> = {}): { status: number; out: string; err: string } {
  const opts: IpOptions = {
    family: AF_UNSPEC, json: false, pretty: false, brief: false, oneline: false, stats: 0, details: 0, color: false,
    resolve: false, force: false, human: false, timestamp: false, numeric: false, all: false, ...o,
  };
  let out = '', err = '';
  const ctx = {
    p: undefined as never, ns: k.initNet, opts,
    out: (s: string) => { out += s; }, err: (s: string) => { err += s; },
    printer: () => makePrinter(opts),
  } satisfies IpContext;
  const status = doIpmaddr(ctx, new Args(argv));
  return { status, out, err };
}

async function world(): Promise<Kernel> {
  const k = new Kernel({ seed: 1 });
  for (const c of ['ip link add veth0 type veth peer name veth1', 'ip link set veth0 address 02:00:00:00:00:01',
    'ip link set veth0 up']) {
    const r = await k.exec(c);
    assert.equal(r.status, 0, r.stderr);
  }
  return k;
}

test('ip -4 maddr: newest group first, " users N" for a group joined twice', async () => {
  const k = await world();
  const d = k.initNet.devByName('veth0')!;
  ipMcIncGroup(d, parseIPv4('239.1.2.3')!);
  ipMcIncGroup(d, parseIPv4('239.1.2.3')!);
  const r = run(k, ['show', 'dev', 'veth0'], { family: AF_INET });
  assert.equal(r.status, 0);
  assert.equal(r.out, `${d.ifindex}:\tveth0\n\tinet  239.1.2.3 users 2\n\tinet  224.0.0.1\n`);
  const j = run(k, ['show', 'dev', 'veth0'], { family: AF_INET, json: true });
  assert.equal(j.out, `[{"ifindex":${d.ifindex},"ifname":"veth0","maddr":[{"family":"inet","address":"239.1.2.3","users":2},` +
    '{"family":"inet","address":"224.0.0.1"}]}]\n');
});

test('ip maddr: a down device has only its IPv6 all-nodes groups (as on Linux 6.18); errors', async () => {
  const k = await world();
  const v1 = k.initNet.devByName('veth1')!;
  assert.equal(run(k, ['show', 'dev', 'veth1']).out,
    `${v1.ifindex}:\tveth1\n\tlink  33:33:00:00:00:01\n\tinet6 ff02::1\n\tinet6 ff01::1\n`);
  assert.equal(run(k, ['show', 'dev', 'nosuch']).out, '');
  const all = run(k, []);
  assert.match(all.out, /^1:\tlo\n\tinet6 ff02::1\n[^]*\n\d+:\tveth0\n\tlink  33:33:00:00:00:01\n\tlink  01:00:5e:00:00:01\n\tinet  224.0.0.1\n/);
  assert.deepEqual(run(k, ['foo']), { status: 255, out: '', err: 'Command "foo" is unknown, try "ip maddr help".\n' });
  assert.equal(run(k, ['help']).status, 255);
  assert.throws(() => run(k, ['show', 'a', 'b']), /either "dev" is duplicate, or "b" is a garbage/);
});
