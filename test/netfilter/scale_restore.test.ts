// iptables-restore and iptables-save against recordings of the real tools (iptables 1.8.9,
// nf_tables; fixtures/record-restore.sh): the batch semantics of a COMMIT (what the kernel
// refuses, jump loops), add_param_to_argv()'s quoting, and a kube-proxy-shaped ruleset
// (bench/gen-kube-proxy-rules.py 50 3) restored and saved back byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { fixture, ipt, normSave } from './helpers.js';

const RESET = '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n';

test('iptables-restore batches: refused rules, jump loops, quoting (recorded)', async () => {
  const script = fixture('restore_batch.sh');
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  let out = '';
  const re = /^c (\S+)((?: -\S+)*) <<'EOF'\n([^]*?)^EOF\n/gm;
  let n = 0;
  for (let m = re.exec(script); m; m = re.exec(script)) {
    n++;
    const [, name, opts, input] = m;
    out += `== ${name}\n`;
    const r = await ipt(k, ns, ['iptables-restore', ...opts!.trim().split(' ').filter(Boolean)], input);
    out += r.both + `[rc=${r.status}]\n`;
    const s = await ipt(k, ns, ['iptables-save', '-t', 'filter']);
    out += s.stdout.split('\n').filter((l) => !l.startsWith('#')).join('\n');
    await ipt(k, ns, ['iptables-restore'], RESET);
  }
  assert.ok(n >= 15);
  assert.equal(out, fixture('restore_batch.out'));
});

test('a kube-proxy ruleset restored, saved and listed as the real tools print it (recorded)', async () => {
  const k = new Kernel({ seed: 1 });
  const r = await ipt(k, k.initNet, ['iptables-restore'], fixture('kube50.rules'));
  assert.equal(r.both, '');
  assert.equal(r.status, 0);
  const s = await ipt(k, k.initNet, ['iptables-save']);
  assert.equal(normSave(s.stdout), normSave(fixture('kube50.save')));
  // Listed as iptables -L and -S list it.
  let list = '';
  for (const cmd of ['iptables -t nat -L -n -v', 'iptables -t nat -L --line-numbers', 'iptables -L -n', 'iptables -t nat -S']) {
    list += (await ipt(k, k.initNet, cmd.split(' '))).both;
  }
  assert.equal(list, fixture('kube50.list'));
  // Restoring what was saved gives the same again.
  const k2 = new Kernel({ seed: 2 });
  await ipt(k2, k2.initNet, ['iptables-restore'], s.stdout);
  assert.equal(normSave((await ipt(k2, k2.initNet, ['iptables-save'])).stdout), normSave(s.stdout));
});
