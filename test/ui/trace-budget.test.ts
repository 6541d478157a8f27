// The trace budget: a storm of records is cut to what a page can take, whole packets left out,
// the packets let in keep their steps, and the budget refills with time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TraceBudget } from '../../src/cli/ui/trace-budget.js';

test('a storm is cut by packets; admitted packets stay whole; the budget refills', () => {
  let now = 0;
  const b = new TraceBudget({ perSecond: 10, burst: 20 }, () => now);
  // 5 packets of 6 steps each, interleaved: 30 records, 20 tokens.
  const recs = [];
  for (let step = 0; step < 6; step++) for (let id = 1; id <= 5; id++) recs.push({ id, step });
  const first = b.take(recs);
  const ids = new Set(first.pass.map((r) => r.id));
  assert.deepEqual([...ids], [1, 2, 3, 4, 5], 'all five began before the budget ran out');
  assert.equal(first.pass.length, 30, 'their later steps overdraw the budget');
  assert.equal(first.dropped, 0);
  // Budget overdrawn: a new packet is left out whole, a known one passes.
  const second = b.take([{ id: 6 }, { id: 6 }, { id: 1 }, {}]);
  assert.deepEqual(second.pass, [{ id: 1 }]);
  assert.equal(second.dropped, 3);
  // Two seconds later: 20 tokens again (capped at the burst).
  now = 5000;
  const third = b.take(Array.from({ length: 25 }, (_, i) => ({ id: 100 + i })));
  assert.equal(third.pass.length, 20);
  assert.equal(third.dropped, 5);
});
