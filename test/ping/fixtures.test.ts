// ping against recordings of iputils 20221126 on the real kernel (fixtures/*.out).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runScenario, fixture, blocks } from '../datapath/scenario.js';

test('ping on lo: names, sizes, -q, -w, -i, -I, broadcast and connect errors', async () => {
  const got = await runScenario(fixture('ping/fixtures/loopback.sh'));
  assert.deepEqual(blocks(got), blocks(fixture('ping/fixtures/loopback.out')));
});

test('ping option parsing: garbage warnings, ranges, 64 KiB limits, -I combinations', async () => {
  const got = await runScenario(fixture('ping/fixtures/options.sh'));
  assert.deepEqual(blocks(got), blocks(fixture('ping/fixtures/options.out')));
});
