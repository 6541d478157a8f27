// The Scenarios view's server side: a script cut into steps and run one at a time by one bash
// in the world's session (variables persist between steps), streaming output, a step's exit
// status, running the rest at once, and a world reset that starts over on a fresh kernel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/tools/index.js';
import { Kernel } from '../../src/index.js';
import { UiWorld } from '../../src/cli/ui/world.js';
import { ScenarioSession } from '../../src/cli/ui/scenario-session.js';
import type { ServerMessage } from '../../src/cli/ui/protocol.js';

test('a scenario step by step, then all at once, then over again on a fresh world', { timeout: 60_000 }, async () => {
  const world = await UiWorld.start(new Kernel({ seed: 5, time: 'wall' }));
  const got: ServerMessage[] = [];
  const sc = new ScenarioSession(world, process.cwd(), (m) => got.push(m));
  world.onReset(() => sc.worldReset());
  const firstKernel = world.kernel;
  try {
    await sc.open({ text: 'x=5\nip netns add s1\nif true; then\n  echo "x is $x"; ip netns list\nfi\nip link show nope\nip netns add s2 && echo two\n' });
    const open = got.find((m) => m.type === 'scenario')!;
    assert.ok(open.type === 'scenario');
    assert.deepEqual(open.steps.map((s) => s.text), ['x=5', 'ip netns add s1', 'if true; then\n  echo "x is $x"; ip netns list\nfi', 'ip link show nope', 'ip netns add s2 && echo two']);
    const done = () => got.filter((m): m is Extract<ServerMessage, { type: 'scenario-done' }> => m.type === 'scenario-done');
    const output = (i: number, stream: 'stdout' | 'stderr') => got
      .filter((m): m is Extract<ServerMessage, { type: 'scenario-output' }> => m.type === 'scenario-output' && m.index === i && m.stream === stream)
      .map((m) => m.text).join('');

    await sc.step();
    await sc.step();
    assert.ok(world.kernel.namedNetns.has('s1'), 'the step ran in the world');
    await sc.step();
    assert.equal(output(2, 'stdout'), 'x is 5\ns1\n');
    await sc.step();
    assert.deepEqual(done().map((d) => [d.index, d.status, d.next]), [[0, 0, 1], [1, 0, 2], [2, 0, 3], [3, 1, 4]]);
    assert.equal(output(3, 'stderr'), 'Device "nope" does not exist.\n');
    await sc.runAll();
    assert.equal(output(4, 'stdout'), 'two\n');
    assert.ok(world.kernel.namedNetns.has('s2'));
    assert.ok(got.some((m) => m.type === 'scenario-busy' && m.busy) && got.at(-1)!.type === 'scenario-busy');

    // A fresh world: no namespaces, the scenario back at its first step, and a new bash.
    got.length = 0;
    await world.reset();
    assert.notEqual(world.kernel, firstKernel);
    assert.equal(world.kernel.namedNetns.size, 0);
    const again = got.find((m) => m.type === 'scenario');
    assert.ok(again?.type === 'scenario' && again.next === 0);
    await sc.runAll();
    assert.deepEqual([...world.kernel.namedNetns.keys()], ['s1', 's2']);
    assert.equal(output(2, 'stdout'), 'x is 5\ns1\n');

    await sc.open({ path: '/nonexistent/script.sh' });
    assert.match((got.at(-1) as { message: string }).message, /^cannot open \/nonexistent\/script\.sh: /);
  } finally {
    sc.close();
    await world.close();
  }
});
