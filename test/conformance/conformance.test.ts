// Replays every conformance scenario on netsim and compares its output with
// the one recorded on the real kernel (test/conformance/scenarios/*.out),
// after normalize() (see normalize.ts and README.md).
//
// Scenarios listed in pending.txt are not reproduced yet: for them the test
// asserts that the output still DIFFERS, so that an entry which starts to pass
// is noticed and removed from the list.
//
// Each run's output is written to scenarios/NNN-name.actual when it differs
// from the recording (gitignored), for debugging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unifiedDiff } from './diff.js';
import { literalsOf, normalize } from './normalize.js';

// dist/test/conformance/conformance.test.js -> repository root
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const confDir = path.join(repoRoot, 'test', 'conformance');
const scenarioDir = path.join(confDir, 'scenarios');
const netsim = path.join(repoRoot, 'bin', 'netsim');
const TIMEOUT_MS = 60_000;
const NOBODY = 65534; // nobody / nogroup

export interface Scenario {
  name: string; // NNN-short-name
  script: string; // absolute path of the .sh
  recorded: string; // absolute path of the .out
}

export function listScenarios(dir = scenarioDir): Scenario[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sh'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -3);
      return { name, script: path.join(dir, f), recorded: path.join(dir, `${name}.out`) };
    });
}

/** pending.txt: one scenario name per line; `#` starts a comment. */
export function parsePending(text: string): Set<string> {
  const names = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    names.add(line.replace(/\.(sh|out)$/, ''));
  }
  return names;
}

function readPending(): Set<string> {
  const file = path.join(confDir, 'pending.txt');
  return fs.existsSync(file) ? parsePending(fs.readFileSync(file, 'utf8')) : new Set();
}

/**
 * Runs one scenario on netsim from the repository root, stdout and stderr in
 * one stream in the order they were written (both are the same file).
 */
export async function runOnNetsim(s: Scenario): Promise<string> {
  const rel = path.relative(repoRoot, s.script);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netsim-conformance-'));
  const outFile = path.join(tmp, 'out');
  const fd = fs.openSync(outFile, 'w');
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANG: 'C', TERM: 'dumb', COLUMNS: '80', LINES: '24', TZ: 'UTC' };
  delete env.COLORFGBG;
  delete env.NO_COLOR;
  // netsim needs no privileges. As root, run it as nobody: a command that
  // escapes emulation (a tool without a shim, a bash redirection into /proc)
  // then fails instead of changing the real host's network configuration.
  const drop = typeof process.getuid === 'function' && process.getuid() === 0 && process.env.NETSIM_CONFORMANCE_KEEP_ROOT !== '1';
  if (drop) {
    const home = path.join(tmp, 'home');
    fs.mkdirSync(home);
    fs.chownSync(home, NOBODY, NOBODY);
    fs.chownSync(tmp, NOBODY, NOBODY);
    // The recorder's PATH (root's may hold directories nobody cannot enter, which changes
    // what a failed exec reports), plus wherever this node lives for bin/netsim.
    const PATH = `/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:${path.dirname(process.execPath)}`;
    Object.assign(env, { HOME: home, USER: 'nobody', LOGNAME: 'nobody', TMPDIR: home, PATH });
  }
  let note = '';
  try {
    await new Promise<void>((resolve) => {
      let child: ChildProcess;
      try {
        child = spawn(netsim, ['run', '--seed', '1', '--virtual-time', 'test/conformance/wrap.sh', rel], {
          cwd: repoRoot,
          env,
          stdio: ['ignore', fd, fd],
          detached: true, // its own process group, so a timeout kills everything
          ...(drop ? { uid: NOBODY, gid: NOBODY } : {}),
        });
      } catch (e) {
        note = `[netsim: cannot run ${path.relative(repoRoot, netsim)}: ${(e as Error).message}]\n`;
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        note = `[netsim: timed out after ${TIMEOUT_MS / 1000} s]\n`;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, TIMEOUT_MS);
      child.on('error', (e) => {
        clearTimeout(timer);
        note = `[netsim: cannot run ${path.relative(repoRoot, netsim)}: ${e.message}]\n`;
        resolve();
      });
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  } finally {
    fs.closeSync(fd);
  }
  const out = fs.readFileSync(outFile, 'utf8');
  fs.rmSync(tmp, { recursive: true, force: true });
  return out + note;
}

function clip(text: string, maxLines = 150): string {
  const lines = text.split('\n');
  if (lines.length <= maxLines) return text;
  return [...lines.slice(0, maxLines), `... (${lines.length - maxLines} more lines)`].join('\n');
}

test('parsePending: names, comments and blank lines', () => {
  const p = parsePending('# header\n001-a\n\n002-b.sh  # not yet\n  003-c.out\n');
  assert.deepEqual([...p], ['001-a', '002-b', '003-c']);
});

const scenarios = listScenarios();
const pending = readPending();

test('pending.txt names only existing scenarios', () => {
  const known = new Set(scenarios.map((s) => s.name));
  const stale = [...pending].filter((p) => !known.has(p));
  assert.deepEqual(stale, [], `pending.txt lists scenarios that do not exist: ${stale.join(', ')}`);
});

test('conformance scenarios', { concurrency: Math.max(1, Math.min(4, os.availableParallelism())) }, async (t) => {
  await Promise.all(
    scenarios.map((s) => {
      const isPending = pending.has(s.name);
      const label = isPending ? `${s.name} (pending)` : s.name;
      if (!fs.existsSync(s.recorded)) {
        return t.test(label, { skip: `no recording: run \`npm run conformance:record ${s.name}\` as root` }, () => {});
      }
      return t.test(label, async () => {
        const script = fs.readFileSync(s.script, 'utf8');
        const keep = literalsOf(script);
        const recorded = fs.readFileSync(s.recorded, 'utf8');
        const actual = await runOnNetsim(s);
        const want = normalize(recorded, { keep });
        const got = normalize(actual, { keep });
        const actualFile = s.script.replace(/\.sh$/, '.actual');
        if (want !== got) fs.writeFileSync(actualFile, actual);
        else fs.rmSync(actualFile, { force: true });
        const rel = path.relative(repoRoot, s.script);
        if (isPending) {
          assert.notEqual(got, want, `${s.name} now passes: remove it from test/conformance/pending.txt`);
          return;
        }
        if (want !== got) {
          assert.fail(
            `${s.name}: netsim's output differs from the kernel's (after normalization)\n` +
              `  rerun: ./bin/netsim run --seed 1 --virtual-time test/conformance/wrap.sh ${rel}\n` +
              `  full output: ${path.relative(repoRoot, actualFile)}\n\n` +
              clip(unifiedDiff(want, got, [`${path.relative(repoRoot, s.recorded)} (kernel)`, 'netsim'])),
          );
        }
      });
    }),
  );
});
