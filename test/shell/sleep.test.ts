// sleep(1): GNU coreutils 9.1's argument forms and messages; virtual and wall time.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { installTools } from '../../src/kernel/kernel.js';
import { tools } from '../../src/tools/index.js';
import { parseInterval, quote, sleep } from '../../src/tools/sleep.js';

before(() => installTools({ ...tools, sleep }));
after(() => installTools(tools));

const TRY = "Try 'sleep --help' for more information.\n";

test('interval forms: plain, fractional, suffixes, strtod syntax', () => {
  const cases: [string, number | undefined][] = [
    ['1', 1], ['0.5', 0.5], ['.5', 0.5], ['5.', 5], ['2s', 2], ['1m', 60], ['1h', 3600], ['1d', 86400],
    ['1.5m', 90], [' 1', 1], ['+2', 2], ['1e2', 100], ['0x10', 16], ['0x1p-1', 0.5], ['inf', Infinity],
    ['infinity', Infinity], ['INFs', Infinity], ['-0', 0],
    ['', undefined], ['abc', undefined], ['1x', undefined], ['1ss', undefined], ['1 ', undefined],
    ['-1', undefined], ['nan', undefined], ['1e', undefined], ['s', undefined],
  ];
  for (const [a, want] of cases) assert.equal(parseInterval(a), want, JSON.stringify(a));
});

test('virtual time: several intervals are summed and the clock moves at once', async () => {
  const k = new Kernel({ seed: 1, time: 'virtual' });
  const t0 = performance.now();
  const r = await k.exec('sleep 1.5 2s 1m 0.5h');
  assert.deepEqual(r, { stdout: '', stderr: '', status: 0 });
  assert.equal(k.clock.now(), 63_500 + 1_800_000);
  assert.ok(performance.now() - t0 < 5_000);
});

test('virtual time: timers fire in order and what they start runs before the next one', async () => {
  const k = new Kernel({ seed: 1, time: 'virtual' });
  const fired: number[] = [];
  // A ping-like loop: each timer, via a promise, schedules the next one a second later.
  const loop = async () => {
    for (let i = 0; i < 10; i++) {
      await new Promise<void>((r) => k.clock.setTimeout(1000, r));
      fired.push(k.clock.now());
    }
  };
  void loop();
  await k.exec('sleep 5.5');
  assert.deepEqual(fired, [1000, 2000, 3000, 4000, 5000]);
  assert.equal(k.clock.now(), 5500);
});

test('errors: the messages and status of GNU sleep', async () => {
  const k = new Kernel({ seed: 1 });
  assert.deepEqual(await k.exec('sleep'), { stdout: '', stderr: `sleep: missing operand\n${TRY}`, status: 1 });
  assert.deepEqual(await k.exec("sleep abc 1 'x y' 1ss"), {
    stdout: '',
    stderr: `sleep: invalid time interval 'abc'\nsleep: invalid time interval 'x y'\nsleep: invalid time interval '1ss'\n${TRY}`,
    status: 1,
  });
  assert.deepEqual(await k.exec('sleep -1'), { stdout: '', stderr: `sleep: invalid option -- '1'\n${TRY}`, status: 1 });
  assert.deepEqual(await k.exec('sleep 1 -x'), { stdout: '', stderr: `sleep: invalid option -- 'x'\n${TRY}`, status: 1 });
  assert.deepEqual(await k.exec('sleep --foo'), { stdout: '', stderr: `sleep: unrecognized option '--foo'\n${TRY}`, status: 1 });
  assert.deepEqual(await k.exec('sleep --help=1'), { stdout: '', stderr: `sleep: option '--help' doesn't allow an argument\n${TRY}`, status: 1 });
  assert.deepEqual(await k.exec('sleep --'), { stdout: '', stderr: '', status: 0 });
  assert.deepEqual(await k.exec('sleep -- -0'), { stdout: '', stderr: '', status: 0 });
  assert.equal((await k.exec("sleep ''")).stderr, `sleep: invalid time interval ''\n${TRY}`);
});

test('--help and --version (and their abbreviations)', async () => {
  const k = new Kernel({ seed: 1 });
  const h = await k.exec('sleep --he');
  assert.equal(h.status, 0);
  assert.match(h.stdout, /^Usage: sleep NUMBER\[SUFFIX\]\.\.\.\n {2}or: {2}sleep OPTION\n/);
  assert.match(h.stdout, /info '\(coreutils\) sleep invocation'\n$/);
  const v = await k.exec('sleep --v');
  assert.match(v.stdout, /^sleep \(GNU coreutils\) 9\.1\n/);
  assert.equal((await k.exec('sleep abc --help')).status, 0);
});

test('quoting follows the locale: ASCII in C, curly in UTF-8', () => {
  assert.equal(quote("it's", false), "'it\\'s'");
  assert.equal(quote('a\tb\\', false), "'a\\tb\\\\'");
  assert.equal(quote('ü\x01', false), "'\\303\\274\\001'");
  assert.equal(quote("it's", true), '\u2018it\'s\u2019');
  assert.equal(quote('ü\x7f', true), '\u2018ü\\177\u2019');
});

test('wall time: really waits, and a signal ends it as a signal death', async () => {
  const k = new Kernel({ seed: 1, time: 'wall' });
  const t0 = performance.now();
  assert.equal((await k.exec('sleep 0.05')).status, 0);
  assert.ok(performance.now() - t0 >= 45);

  const ac = new AbortController();
  const status = k.spawn({ argv: ['sleep', 'infinity'], stdout: () => {}, stderr: () => {}, signal: ac.signal });
  setTimeout(() => ac.abort('SIGINT'), 20);
  assert.equal(await status, 130);
});
