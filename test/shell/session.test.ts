// The session server and the shims, end to end with a real bash: output streams, exit codes,
// lazy stdin, exec into a namespace, pass-through to real programs, pipes, jobs, signals.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from '../../src/shell/session.js';
import { getShim } from '../../src/shell/shims.js';
import { addTestTools, runBash, withSession } from './helpers.js';

let undo: () => void;
before(() => { undo = addTestTools(); });
after(() => undo());

for (const kind of ['c', 'node'] as const) {
  const full = kind === 'c';
  const t = (name: string, fn: (s: Session) => Promise<void>, all = false) =>
    test(`${kind} shim: ${name}`, { skip: !full && !all ? 'C shim only' : false }, () => withSession(fn, { shim: kind }));

  t('stdout and stderr are separate; the exit status comes back', async (s) => {
    const r = await runBash(s, 'say o:one e:two o:three x:4; echo "status=$?"');
    assert.equal(r.stdout, 'one\nthree\nstatus=4\n');
    assert.equal(r.stderr, 'two\n');
    assert.equal(r.status, 0);
  }, true);

  t('interleaved output keeps its order on one descriptor', async (s) => {
    const r = await runBash(s, 'say o:a e:b o:c e:d 2>&1');
    assert.equal(r.stdout, 'a\nb\nc\nd\n');
  });

  t('exit statuses are taken modulo 256; the script status is bash\'s', async (s) => {
    const r = await runBash(s, 'say x:0; echo $?; say x:42; echo $?; say x:300; echo $?; say x:7');
    assert.equal(r.stdout, '0\n42\n44\n');
    assert.equal(r.status, 7);
  });

  t('stdin is forwarded to a tool that reads it', async (s) => {
    const r = await runBash(s, "printf 'abc\\ndef\\n' | upper; upper <<< 'here string'");
    assert.equal(r.stdout, 'ABC\nDEF\nHERE STRING\n');
  }, true);

  t('a tool that does not read stdin leaves it to the next reader', async (s) => {
    const r = await runBash(s, 'while read l; do say "o:got $l"; done; say o:end', { stdin: 'a\nb\nc\n' });
    assert.equal(r.stdout, 'got a\ngot b\ngot c\nend\n');
  }, true);

  t('exec: NETSIM_NETNS reaches the next shim', async (s) => {
    const r = await runBash(s, 'whereami; nsexec ns1 whereami; nsexec ns1 bash -c \'echo "env=$NETSIM_NETNS"; whereami; nsexec ns2 whereami; whereami\'; whereami');
    assert.equal(r.stdout, 'init\nns1\nenv=ns1\nns1\nns2\nns1\ninit\n');
    assert.equal(r.stderr, '');
  }, true);

  t('exec failure comes back to the tool as an errno', async (s) => {
    const r = await runBash(s, 'nsexec ns1 no-such-program-xyz; echo "status=$?"');
    assert.equal(r.stdout, 'status=255\n');
    assert.equal(r.stderr, 'exec of "no-such-program-xyz" failed: No such file or directory\n');
  }, true);

  t('exec with NETSIM_REAL runs the real program', async (s) => {
    const dir = mkdtempSync(join(tmpdir(), 'netsim-test-'));
    try {
      writeFileSync(join(dir, 'f.txt'), 'file contents\n');
      const r = await runBash(s, `cat ${dir}/f.txt; echo piped | cat; nsexec ns1 cat ${dir}/f.txt; cat /no/such/file; echo "status=$?"`);
      assert.equal(r.stdout, 'file contents\npiped\nfile contents\nstatus=1\n');
      assert.match(r.stderr, /^cat: \/no\/such\/file: No such file or directory\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, true);

  t('pipes: tool | grep, and a reader that stops early', async (s) => {
    const r = await runBash(s, 'say o:x o:y o:xx | grep x; ticker 100000 | head -2; echo "${PIPESTATUS[*]}"');
    assert.equal(r.stdout, 'x\nxx\ntick 1\ntick 2\n141 0\n');
  }, true);

  t('background jobs and wait', async (s) => {
    const r = await runBash(s, 'ticker 3 > /tmp/netsim-a.$$ & ticker 4 > /tmp/netsim-b.$$ & say o:fg; wait; cat /tmp/netsim-a.$$ /tmp/netsim-b.$$ | wc -l; rm -f /tmp/netsim-[ab].$$');
    assert.equal(r.stdout, 'fg\n7\n');
  }, true);

  t('timeout ends a long tool with 124, also one that ignores the signal', async (s) => {
    const r = await runBash(s, 'timeout 1 ticker 100000 > /dev/null; echo "a=$?"; timeout 0.5 stubborn > /dev/null; echo "b=$?"');
    assert.equal(r.stdout, 'a=124\nb=124\n');
    assert.equal(r.stderr, 'stopped by SIGTERM\n');
  }, true);

  t('signals: death by TERM is 143; INT caught by a ping-like tool prints its summary', async (s) => {
    const r = await runBash(s, [
      'ticker 100000 > /dev/null & p=$!; sleep 0.3; kill -TERM $p; wait $p; echo "term=$?"',
      'timeout -s INT 0.5 pingish | tail -1 | sed "s/[0-9][0-9]*/N/"; echo "int=${PIPESTATUS[0]}"',
    ].join('\n'));
    assert.equal(r.stdout, 'term=143\n--- N replies ---\nint=124\n');
  }, true);

  t('an ignored SIGINT (background job) is dropped unless the tool catches it', async (s) => {
    const r = await runBash(s, [
      'ticker 100000 > /dev/null & p=$!; sleep 0.3; kill -INT $p; sleep 0.3',
      'kill -0 $p && echo alive; kill -TERM $p; wait $p; echo "ticker=$?"',
      'f=$(mktemp); pingish > $f & p=$!; until [ -s $f ]; do sleep 0.05; done; kill -INT $p; wait $p; echo "pingish=$?"; tail -1 $f | sed "s/[0-9][0-9]*/N/"; rm -f $f',
    ].join('\n'));
    assert.equal(r.stdout, 'alive\nticker=143\npingish=0\n--- N replies ---\n');
  });

  t('the tool sees the shell\'s cwd and environment', async (s) => {
    const r = await runBash(s, 'cd /tmp && FOO=bar showenv FOO; showenv NETSIM_NETNS');
    assert.equal(r.stdout, 'FOO=bar cwd=/tmp\nNETSIM_NETNS=(unset) cwd=/tmp\n');
  }, true);

  t('a wrong token is refused', async (s) => {
    const r = await runBash(s, 'NETSIM_TOKEN=0123456789abcdef0123456789abcdef say o:x; echo "status=$?"; env -u NETSIM_PORT say o:x; echo "status=$?"');
    assert.equal(r.stdout, 'status=126\nstatus=126\n');
    assert.equal(r.stderr, 'netsim: session refused: bad token\nnetsim: say: not inside a netsim session (NETSIM_PORT/NETSIM_TOKEN unset)\n');
  }, true);
}

test('the shim directory links every tool to one binary', async () => {
  await withSession(async (s) => {
    assert.equal(s.shimKind, getShim().kind);
    if (s.shimKind === 'c') assert.equal(readlinkSync(join(s.shimDir, 'say')), getShim().path);
    const r = await runBash(s, 'type -P say');
    assert.equal(r.stdout, join(s.shimDir, 'say') + '\n');
  });
});

test('1,000 invocations of a trivial tool (C shim)', async (t) => {
  await withSession(async (s) => {
    const t0 = performance.now();
    const r = await runBash(s, 'for i in $(seq 1000); do say o:x; done | wc -l');
    const ms = performance.now() - t0;
    assert.equal(r.stdout.trim(), '1000');
    t.diagnostic(`1000 invocations: ${ms.toFixed(0)} ms`);
    assert.ok(ms < 60_000, `took ${ms} ms`);
  }, { shim: 'c' });
});
