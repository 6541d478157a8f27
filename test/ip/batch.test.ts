// ip -batch: expected outputs recorded from iproute2 6.1 on the real kernel
// (unshare --net; the file holds "link show lo", "link show nosuch", "link show lo").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kernel } from '../../src/index.js';

const LO = '1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n' +
  '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n';

function batchFile(): string {
  const f = join(mkdtempSync(join(tmpdir(), 'netsim-batch-')), 'b.txt');
  writeFileSync(f, 'link show lo\nlink show nosuch\nlink show lo\n');
  return f;
}

test('ip -batch stops at the first failing line; -force goes on; both exit 1', async () => {
  const k = new Kernel({ seed: 1 });
  const f = batchFile();
  const failed = `Device "nosuch" does not exist.\nCommand failed ${f}:2\n`;
  assert.deepEqual(await k.exec(`ip -batch ${f}`), { stdout: LO, stderr: failed, status: 1 });
  assert.deepEqual(await k.exec(`ip -force -batch ${f}`), { stdout: LO + LO, stderr: failed, status: 1 });
});

test('ip -batch - reads the commands from standard input', async () => {
  const k = new Kernel({ seed: 1 });
  assert.deepEqual(await k.exec('ip -batch -', { stdin: 'link show lo\n# a comment\n' }), { stdout: LO, stderr: '', status: 0 });
});
