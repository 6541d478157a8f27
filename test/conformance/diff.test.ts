import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff } from './diff.js';

test('unifiedDiff: marks removed and added lines with context', () => {
  const d = unifiedDiff('a\nb\nc\nd\ne\nf\ng\nh\ni', 'a\nb\nc\nd\nE\nf\ng\nh\ni', ['x', 'y'], 1);
  assert.equal(d, ['--- x', '+++ y', '@@ -4,3 +4,3 @@', ' d', '-e', '+E', ' f'].join('\n'));
  const far = unifiedDiff('1\n2\n3\n4\n5\n6\n7\n8\n9\n10', '1\nX\n3\n4\n5\n6\n7\n8\nY\n10', ['x', 'y'], 1);
  assert.equal(far.split('\n').filter((l) => l.startsWith('@@')).length, 2);
  assert.equal(unifiedDiff('same\n', 'same\n'), '--- recorded\n+++ netsim');
  const ins = unifiedDiff('a\nb', 'a\nnew\nb', ['x', 'y'], 0);
  assert.equal(ins, ['--- x', '+++ y', '@@ -1,0 +2,1 @@', '+new'].join('\n'));
});
