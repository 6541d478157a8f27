// `netsim` as a user runs it: bin/netsim in a child process (with the test tools preloaded).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'netsim');
const PRELOAD = fileURLToPath(new URL('./preload.js', import.meta.url));

interface Result { stdout: string; stderr: string; status: number | null; signal: NodeJS.Signals | null }

function netsim(args: string[], opts: { stdin?: string; preload?: boolean; env?: Record<string, string> } = {}): Promise<Result> {
  const nodeArgs = opts.preload === false ? [BIN, ...args] : ['--import', PRELOAD, BIN, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ stdout, stderr, status, signal }));
    child.stdin.on('error', () => {});
    child.stdin.end(opts.stdin ?? '');
  });
}

function withScript<T>(body: string, fn: (path: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'netsim-cli-'));
  const path = join(dir, 'script.sh');
  writeFileSync(path, body);
  return fn(path).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test('--help and --version', async () => {
  const h = await netsim(['--help'], { preload: false });
  assert.equal(h.status, 0);
  assert.match(h.stdout, /^Usage: netsim COMMAND/);
  assert.match(h.stdout, /run \[OPTIONS\] SCRIPT/);
  const v = await netsim(['--version'], { preload: false });
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^netsim \d+\.\d+\.\d+\n$/);
});

test('usage errors exit 2', async () => {
  for (const args of [['frobnicate'], ['run'], ['run', '--seed', 'x', 'a.sh'], ['run', '--bogus', 'a.sh'], ['shell', 'extra'], ['trace', 'a']]) {
    const r = await netsim(args, { preload: false });
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /^netsim: .*\nTry 'netsim --help' for more information\.\n$/, args.join(' '));
  }
});

test('run: a script with arguments; its output, its stdin and its status', async () => {
  await withScript('echo "$# $1 $2"\nsay o:out e:err\nupper\nnsexec ns1 whereami\nexit 5\n', async (path) => {
    const r = await netsim(['run', '--seed', '7', path, 'a b', 'c'], { stdin: 'from stdin\n' });
    assert.equal(r.stdout, '2 a b c\nout\nFROM STDIN\nns1\n');
    assert.equal(r.stderr, 'err\n');
    assert.equal(r.status, 5);
  });
});

test('run -c: a command string; options after the script belong to the script', async () => {
  const r = await netsim(['run', '-c', 'echo "$0 $1"; say o:x | grep x', 'name', '--seed']);
  assert.equal(r.stdout, 'name --seed\nx\n');
  assert.equal(r.status, 0);
});

test('a missing script is bash\'s error', async () => {
  const r = await netsim(['run', '/no/such/script.sh']);
  assert.equal(r.status, 127);
  assert.match(r.stderr, /\/no\/such\/script\.sh: No such file or directory/);
});

test('--virtual-time: sleep is a shim and returns at once, advancing the clock', async () => {
  const r = await netsim(['run', '--virtual-time', '-c', 'case "$(type -P sleep)" in "$NETSIM_SHIMDIR"/*) echo shim;; *) echo real;; esac; clock; sleep 100 1m; clock']);
  assert.equal(r.stdout, 'shim\n0\n160\n');
  assert.equal(r.status, 0);
  const w = await netsim(['run', '-c', 'case "$(type -P sleep)" in "$NETSIM_SHIMDIR"/*) echo shim;; *) echo real;; esac']);
  assert.equal(w.stdout, 'real\n');
});

test('a script killed by a signal: netsim dies of it too', async () => {
  const r = await netsim(['run', '-c', 'say o:before; kill -TERM $$; echo after']);
  assert.equal(r.stdout, 'before\n');
  assert.equal(r.signal, 'SIGTERM');
});

test('timeout around a shim ends with 124', async () => {
  const r = await netsim(['run', '-c', 'timeout 1 ticker 100000 > /dev/null; echo "status=$?"']);
  assert.equal(r.stdout, 'status=124\n');
});

test('shell: the prompt shows the namespace inside ip netns exec', async () => {
  const r = await netsim(['shell'], { stdin: 'say o:hi\nnsexec ns1 bash --norc -i\nwhereami\nexit\nwhereami\nexit 3\n' });
  assert.equal(r.status, 3);
  assert.equal(r.stdout, 'hi\nns1\ninit\n');
  assert.match(r.stderr, /netsim# say o:hi\n/);
  assert.match(r.stderr, /netsim\(ns1\)# whereami\n/);
});

test('run --trace: each command is followed on its stderr by the path of the packets it moved', async () => {
  const script = [
    'ip netns add a', 'ip netns add b',
    'ip link add eth0 netns a type veth peer name eth0 netns b',
    'ip -n a addr add 10.0.0.1/24 dev eth0', 'ip -n b addr add 10.0.0.2/24 dev eth0',
    'ip -n a link set eth0 up', 'ip -n b link set eth0 up',
    'ip netns exec a ping -c 1 10.0.0.2 >/dev/null', 'echo done',
  ].join('\n');
  const text = await netsim(['run', '--seed', '1', '--virtual-time', '--trace', '-c', script], { preload: false });
  assert.equal(text.status, 0, text.stderr);
  assert.equal(text.stdout, 'done\n');
  assert.match(text.stderr, /^#\d+ +a +eth0 +ip_local_out +10\.0\.0\.1 > 10\.0\.0\.2 icmp echo request id \d+ seq 1 ttl 64/m);
  assert.match(text.stderr, /^#\d+ +b +eth0 +icmp_rcv +type=8 code=0$/m);
  const json = await netsim(['run', '--seed', '1', '--virtual-time', '--trace=json', '-c', script], { preload: false });
  const recs = json.stderr.trim().split('\n').map((l) => JSON.parse(l) as { fn: string; ns: string });
  assert.ok(recs.some((r) => r.fn === 'icmp_reply' && r.ns === 'b'));
  const bad = await netsim(['run', '--trace=xml', '-c', 'true'], { preload: false });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^netsim: invalid trace format 'xml': expected text or json\n/);
});
