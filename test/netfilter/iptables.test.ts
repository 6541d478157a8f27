// The iptables tool against transcripts recorded from the real iptables v1.8.9 (nf_tables)
// on Debian 12 (fixtures/*.out, produced by running fixtures/*.sh under `unshare --net`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, replay, normSave } from './helpers.js';

for (const name of ['basics', 'errors', 'counters', 'reject', 'comment_save', 'addresses_icmp']) {
  test(`iptables transcript: ${name}`, async () => {
    const got = await replay(fixture(`${name}.sh`));
    assert.deepEqual(normSave(got).split('\n'), normSave(fixture(`${name}.out`)).split('\n'));
  });
}

test('-V of the three tools (recorded)', async () => {
  const { Kernel } = await import('../../src/index.js');
  const { ipt } = await import('./helpers.js');
  const k = new Kernel({ seed: 1 });
  for (const [tool, want] of [['iptables', 'iptables v1.8.9 (nf_tables)\n'],
    ['iptables-save', 'iptables-save v1.8.9 (nf_tables)\n'], ['iptables-restore', 'iptables-restore v1.8.9 (nf_tables)\n']]) {
    const r = await ipt(k, k.initNet, [tool!, '-V']);
    assert.equal(r.stdout, want);
    assert.equal(r.status, 0);
  }
});
