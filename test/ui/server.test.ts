// netsim ui's server without a browser: the world snapshot read from the kernel, the token on
// HTTP and WebSocket requests, and a terminal driven over the WebSocket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import WebSocket from 'ws';
import '../../src/tools/index.js';
import { Kernel } from '../../src/index.js';
import { worldDetails } from '../../src/cli/ui/snapshot.js';
import { applyDiff } from '../../src/cli/ui/world-diff.js';
import type { ServerMessage, WorldView } from '../../src/cli/ui/protocol.js';
import { resolveStatic } from '../../src/cli/ui/static.js';
import { startUi } from './helpers.js';

async function sh(k: Kernel, lines: string): Promise<void> {
  for (const l of lines.trim().split('\n')) {
    const r = await k.exec(l.trim());
    assert.equal(r.status, 0, `${l}: ${r.stderr}`);
  }
}

test('the snapshot has namespaces, devices with peers and masters, routes, rules with counters and conntrack', async () => {
  const k = new Kernel({ seed: 1 });
  await sh(k, `
    ip netns add a
    ip netns add b
    ip -n a link add br0 type bridge
    ip -n a link add v0 type veth peer name eth0 netns b
    ip -n a link set v0 master br0
    ip -n a addr add 10.0.0.1/24 dev br0
    ip -n a link set br0 up
    ip -n a link set v0 up
    ip -n b addr add 10.0.0.2/24 dev eth0
    ip -n b link set eth0 up
    ip -n b route add default via 10.0.0.1
  `);
  await k.exec('iptables -A INPUT -p icmp -m conntrack --ctstate NEW -j ACCEPT', { netns: 'a' });
  const ping = await k.exec('ping -c 1 10.0.0.1', { netns: 'b' });
  assert.equal(ping.status, 0, ping.stdout + ping.stderr);
  const w = worldDetails(k);
  assert.deepEqual(w.map((n) => n.name), ['init_net', 'a', 'b']);
  const a = w[1]!, b = w[2]!;
  const v0 = a.devices.find((d) => d.name === 'v0')!;
  assert.equal(v0.kind, 'veth');
  assert.equal(v0.master, 'br0');
  assert.deepEqual(v0.peer, { netns: 'b', ifindex: b.devices.find((d) => d.name === 'eth0')!.ifindex, name: 'eth0' });
  const br0 = a.devices.find((d) => d.name === 'br0')!;
  assert.equal(br0.kind, 'bridge');
  assert.equal(br0.state, 'UP');
  assert.ok(br0.addrs.includes('10.0.0.1/24'));
  assert.equal(a.devices[0]!.kind, 'loopback');
  assert.ok(b.routes.some((r) => r.text === 'default via 10.0.0.2 dev eth0' || r.text === 'default via 10.0.0.1 dev eth0'), JSON.stringify(b.routes));
  assert.ok(b.routes.some((r) => r.text.startsWith('10.0.0.0/24 dev eth0')), JSON.stringify(b.routes));
  const input = a.iptables.find((t) => t.name === 'filter')!.chains.find((c) => c.name === 'INPUT')!;
  assert.equal(input.policy, 'ACCEPT');
  assert.equal(input.rules[0]!.spec, '-A INPUT -p icmp -m conntrack --ctstate NEW -j ACCEPT');
  assert.equal(input.rules[0]!.pkts, 1);
  assert.equal(a.conntrack.length, 1);
  assert.match(a.conntrack[0]!.text, /^icmp 10\.0\.0\.2 > 10\.0\.0\.1 id \d+, reply icmp 10\.0\.0\.1 > 10\.0\.0\.2 id \d+$/);
  // The ping left each side in the other's ARP cache, and b's MAC in br0's FDB on v0.
  const bMac = b.devices.find((d) => d.name === 'eth0')!.mac;
  assert.deepEqual(a.neighbours.filter((n) => n.addr === '10.0.0.2').map((n) => [n.dev, n.lladdr]), [['br0', bMac]]);
  assert.ok(b.neighbours.some((n) => n.addr === '10.0.0.1' && n.dev === 'eth0' && n.state === 'REACHABLE'), JSON.stringify(b.neighbours));
  assert.deepEqual(a.fdb.filter((f) => f.mac === bMac).map((f) => [f.bridge, f.port, f.kind]), [['br0', 'v0', '']]);
  assert.ok(a.fdb.some((f) => f.port === 'v0' && f.kind === 'permanent'), 'the port\'s own address');
});

test('static files stay inside the web root', () => {
  assert.equal(resolveStatic('/nonexistent-root', '/../../etc/passwd'), undefined);
  assert.equal(resolveStatic('/usr/share', '/%2e%2e/%2e%2e/etc/passwd'), undefined);
  assert.equal(resolveStatic('/etc', '/passwd'), '/etc/passwd');
  assert.equal(resolveStatic('/etc', '/%zz'), undefined);
});

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; cookie?: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0] });
    }).on('error', reject).end();
  });
}

function wsStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

test('netsim ui refuses requests without the token and drives a terminal over the WebSocket', { timeout: 60_000 }, async () => {
  const ui = await startUi([]);
  try {
    const u = new URL(ui.url);
    assert.equal(u.hostname, '127.0.0.1');
    const base = `http://127.0.0.1:${u.port}`;
    const token = u.searchParams.get('token')!;
    assert.equal((await get(`${base}/`)).status, 403);
    assert.equal((await get(`${base}/?token=wrong`)).status, 403);
    assert.equal((await get(`${base}/assets/x.js`)).status, 403);
    const ok = await get(ui.url);
    assert.notEqual(ok.status, 403);
    assert.ok(ok.cookie, 'a page loaded with the token sets a cookie for its assets');
    assert.notEqual((await get(`${base}/`, { cookie: ok.cookie!.split(';')[0]! })).status, 403);
    const wsBase = `ws://127.0.0.1:${u.port}/ws`;
    assert.equal(await wsStatus(wsBase), 403);
    assert.equal(await wsStatus(`${wsBase}?token=wrong`), 403);
    assert.equal(await wsStatus(`${wsBase}?token=${token}`, { origin: 'http://evil.example' }), 403);

    const ws = new WebSocket(`${wsBase}?token=${token}`);
    let term = '';
    const worlds: WorldView[] = [];
    const waitFor = async (what: string, cond: () => boolean) => {
      for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(cond(), `${what}; terminal so far:\n${term}`);
    };
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as ServerMessage;
      if (m.type === 'term-data') term += m.data;
      if (m.type === 'world') worlds.push(m.world);
      if (m.type === 'world-diff') worlds.push(applyDiff(worlds.at(-1)!, m.diff));
    });
    await new Promise((r) => ws.once('open', r));
    await waitFor('a first snapshot', () => worlds.length > 0);
    ws.send(JSON.stringify({ type: 'term-start', netns: null, cols: 100, rows: 30 }));
    await waitFor('a prompt', () => term.includes('netsim# '));
    ws.send(JSON.stringify({ type: 'term-input', data: 'ip netns add red; stty size\r' }));
    await waitFor('the pty size', () => term.includes('30 100'));
    await waitFor('a snapshot with red', () => worlds.at(-1)!.namespaces.some((n) => n.name === 'red'));
    ws.send(JSON.stringify({ type: 'term-start', netns: 'red', cols: 100, rows: 30 }));
    await waitFor('the prompt in red', () => term.includes('netsim(red)# '));
    ws.send(JSON.stringify({ type: 'term-input', data: 'ip link add d0 type dummy\r' }));
    await waitFor('d0 in red', () => !!worlds.at(-1)!.namespaces.find((n) => n.name === 'red')?.devices.some((d) => d.name === 'd0'));
    ws.close();
  } finally {
    await ui.stop();
  }
});
