// The UI's feed of a world: packets injected by `netsim trace` reach it as well as the
// command's own output (the trace hook installed before the command still sees them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/tools/index.js';
import { Kernel } from '../../src/index.js';
import { WorldFeed } from '../../src/cli/ui/feed.js';
import type { ServerMessage, TraceStep } from '../../src/cli/ui/protocol.js';

test('packets sent by netsim trace reach the feed, and netsim trace still prints them', async () => {
  const k = new Kernel({ seed: 3 });
  for (const l of [
    'ip netns add a',
    'ip -n a link add d0 type dummy',
    'ip -n a addr add 10.9.0.1/24 dev d0',
    'ip -n a link set d0 up',
  ]) assert.equal((await k.exec(l)).status, 0, l);
  const feed = new WorldFeed(k, { pollMs: 60_000 });
  const got: TraceStep[] = [];
  feed.subscribe((m: ServerMessage) => { if (m.type === 'trace') got.push(...m.records); });
  try {
    const r = await k.exec("netsim trace -j a icmp 10.9.0.1 '>' 10.9.0.7");
    assert.equal(r.status, 0, r.stderr);
    const printed = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as TraceStep);
    assert.ok(printed.length > 0);
    feed.refresh();
    assert.deepEqual(got.map((x) => `${x.id} ${x.fn}`), printed.map((x) => `${x.id} ${x.fn}`));
  } finally {
    feed.close();
  }
});
