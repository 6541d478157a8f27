// The kernel log buffer (kernel/printk.ts) and dmesg(1) reading and controlling it: levels,
// the ring's bounds, clear_seq, the console level, and dmesg's output forms on a virtual
// clock (the formats were compared with util-linux 2.38.1's dmesg on the real kernel's log).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { printk, devkmsgRecords, LOG_BUF_LEN } from '../../src/kernel/printk.js';

test('printk: level prefixes, default_message_loglevel from kernel.printk, sequence numbers', async () => {
  const k = new Kernel({ seed: 1 });
  printk(k, '\x013warned\n');
  printk(k, 'plain');
  assert.equal((await k.exec('sysctl -w "kernel.printk=4 6 1 7"')).status, 0);
  printk(k, 'plain again');
  printk(k, '\x01c\x017cont');
  const r = devkmsgRecords(k).map((x) => [x.seq, x.level, x.facility, x.text]);
  assert.deepEqual(r, [[0, 3, 0, 'warned'], [1, 4, 0, 'plain'], [2, 6, 0, 'plain again'], [3, 7, 0, 'cont']]);
});

test('the ring keeps its newest records within its size, numbering on', () => {
  const k = new Kernel({ seed: 1 });
  for (let i = 0; i < 5000; i++) printk(k, `m${i}`);
  let r = devkmsgRecords(k);
  assert.equal(r.length, LOG_BUF_LEN >> 5);
  assert.equal(r.at(-1)!.seq, 4999);
  assert.equal(r[0]!.text, `m${5000 - r.length}`);
  const big = 'x'.repeat(1000);
  for (let i = 0; i < 200; i++) printk(k, big);
  r = devkmsgRecords(k);
  assert.ok(r.reduce((n, x) => n + x.text.length, 0) <= LOG_BUF_LEN);
  assert.equal(r.at(-1)!.seq, 5199);
  // A record keeps at most 1024 bytes of text.
  printk(k, 'y'.repeat(3000));
  assert.equal(devkmsgRecords(k).at(-1)!.text.length, 1024);
});

test('dmesg: timestamps, -t, -x, -r, -l, -d, -J on the virtual clock', async () => {
  const k = new Kernel({ seed: 1 });
  printk(k, '\x014first');
  k.clock.advance(1500.25);
  printk(k, '\x016second');
  assert.equal((await k.exec('dmesg')).stdout, '[    0.000000] first\n[    1.500250] second\n');
  assert.equal((await k.exec('dmesg -t -x')).stdout, 'kern  :warn  : first\nkern  :info  : second\n');
  assert.equal((await k.exec('dmesg -r')).stdout, '<4>[    0.000000] first\n<6>[    1.500250] second\n');
  assert.equal((await k.exec('dmesg -l info')).stdout, '[    1.500250] second\n');
  assert.equal((await k.exec('dmesg -d')).stdout,
    '[    0.000000 <    0.000000>] first\n[    1.500250 <    1.500250>] second\n');
  assert.equal((await k.exec('dmesg -t -d')).stdout, '[<    0.000000>] first\n[<    1.500250>] second\n');
  assert.equal((await k.exec('dmesg -u')).stdout, '');
  assert.equal((await k.exec('dmesg -J -x -l warn')).stdout,
    '{\n   "dmesg": [\n      {\n         "fac": "kern",\n         "pri": "warn",\n         "time":     0.000000,\n' +
    '         "msg": "first"\n      }\n   ]\n}\n');
  assert.equal((await k.exec('dmesg -J')).stdout,
    '{\n   "dmesg": [\n      {\n         "pri": 4,\n         "time":     0.000000,\n         "msg": "first"\n' +
    '      },{\n         "pri": 6,\n         "time":     1.500250,\n         "msg": "second"\n      }\n   ]\n}\n');
});

test('dmesg: unprintable bytes escaped, later lines of a message indented', async () => {
  const k = new Kernel({ seed: 1 });
  printk(k, 'a\x01b\tc\nsecond line');
  assert.equal((await k.exec('dmesg')).stdout, '[    0.000000] a\\x01b\tc\n               second line\n');
  assert.equal((await k.exec('dmesg -t')).stdout, 'a\\x01b\tc\nsecond line\n');
  assert.equal((await k.exec('dmesg -p -x')).stdout,
    'kern  :warn  : [    0.000000] a\\x01b\tc\nkern  :warn  : [    0.000000] second line\n');
});

test('dmesg -C and -c clear what later reads show; -n, -D and -E set the console level', async () => {
  const k = new Kernel({ seed: 1 });
  printk(k, 'one');
  assert.equal((await k.exec('dmesg -C')).status, 0);
  assert.equal((await k.exec('dmesg')).stdout, '');
  printk(k, 'two');
  assert.equal((await k.exec('dmesg -c -t')).stdout, 'two\n');
  assert.equal((await k.exec('dmesg')).stdout, '');
  const level = async () => (await k.exec('cat /proc/sys/kernel/printk')).stdout;
  assert.equal(await level(), '4\t4\t1\t7\n');
  assert.equal((await k.exec('dmesg -n debug')).status, 0);
  assert.equal(await level(), '8\t4\t1\t7\n');
  assert.equal((await k.exec('dmesg -n 3')).status, 0);
  assert.equal(await level(), '3\t4\t1\t7\n');
  await k.exec('dmesg -D');
  assert.equal(await level(), '1\t4\t1\t7\n');
  await k.exec('dmesg -E');
  assert.equal(await level(), '3\t4\t1\t7\n');
  const bad = await k.exec('dmesg -n 9');
  assert.deepEqual([bad.status, bad.stderr], [1, "dmesg: unknown level '9'\n"]);
});

test('dmesg -w prints what is logged until it is signalled; -W only what is new', async () => {
  const k = new Kernel({ seed: 1 });
  printk(k, 'before');
  for (const [opt, want] of [['-w', 'before\nafter\n'], ['-W', 'after\n']] as const) {
    const ac = new AbortController();
    let out = '';
    const run = k.spawn({ argv: ['dmesg', '-t', opt], stdout: (t) => { out += t; }, stderr: () => {}, signal: ac.signal });
    await new Promise((r) => setTimeout(r, 150));
    printk(k, 'after');
    await new Promise((r) => setTimeout(r, 250));
    ac.abort('SIGINT');
    assert.equal(await run, 130);
    assert.equal(out, want);
    await k.exec('dmesg -C');
    printk(k, 'before');
  }
});
