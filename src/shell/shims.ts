// The command shims: building the C shim once per source version into a cache directory, and
// making a run's shim directory (one symlink per tool name) to put first on PATH.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or installed package) root: this file is dist/src/shell/shims.js. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SHIM_SOURCE = join(ROOT, 'src', 'shell', 'shim.c');
const NODE_SHIM = fileURLToPath(new URL('./shim-node.js', import.meta.url));

export type ShimKind = 'c' | 'node';

export interface Shim {
  kind: ShimKind;
  /** The compiled binary (kind 'c') or the Node script (kind 'node'). */
  path: string;
}

const built = new Map<string, Shim>();

/**
 * The shim to use: the compiled C shim, built on first use with $CC, cc, gcc or clang into
 * <root>/.cache/ (or the temp dir when that is not writable), else the Node shim.
 * `prefer` (or NETSIM_SHIM=c|node in the environment) forces one kind; 'c' without a compiler
 * still falls back to Node.
 */
export function getShim(prefer?: ShimKind): Shim {
  const want = prefer ?? (process.env.NETSIM_SHIM === 'node' ? 'node' : 'c');
  if (want === 'node') return { kind: 'node', path: NODE_SHIM };
  const cached = built.get(SHIM_SOURCE);
  if (cached) return cached;
  const shim = buildCShim() ?? { kind: 'node', path: NODE_SHIM };
  built.set(SHIM_SOURCE, shim);
  return shim;
}

function buildCShim(): Shim | undefined {
  let source: Buffer;
  try {
    source = readFileSync(SHIM_SOURCE);
  } catch {
    return undefined;
  }
  const hash = createHash('sha256').update(source).update(`${process.platform}-${process.arch}`).digest('hex').slice(0, 16);
  const name = `shim-${hash}`;
  const dirs = [join(ROOT, '.cache'), join(tmpdir(), `netsim-cache-${process.getuid?.() ?? 'u'}`)];
  for (const dir of dirs) {
    const bin = join(dir, name);
    if (existsSync(bin)) return { kind: 'c', path: bin };
  }
  const compilers = [process.env.CC, 'cc', 'gcc', 'clang'].filter((c): c is string => !!c);
  for (const dir of dirs) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch {
      continue;
    }
    const bin = join(dir, name);
    const tmp = `${bin}.${process.pid}.tmp`;
    for (const cc of compilers) {
      // Static when the C library allows it: no dynamic loader, a third faster to start.
      for (const flags of [['-O2', '-static'], ['-O2']]) {
        const r = spawnSync(cc, [...flags, '-o', tmp, SHIM_SOURCE], { stdio: 'ignore' });
        if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') break;
        if (r.status === 0 && existsSync(tmp)) {
          // Atomic: concurrent first runs each build, the last rename wins, all are identical.
          renameSync(tmp, bin);
          removeStale(dir, name);
          return { kind: 'c', path: bin };
        }
        rmSync(tmp, { force: true });
      }
    }
  }
  return undefined;
}

/** Shims built from earlier versions of shim.c (best effort: another run may be using one). */
function removeStale(dir: string, keep: string): void {
  try {
    for (const f of readdirSync(dir)) {
      if (f.startsWith('shim-') && f !== keep && !f.endsWith('.tmp')) rmSync(join(dir, f), { force: true });
    }
  } catch { /* ignore */ }
}

/**
 * Makes a fresh directory holding one entry per tool name (symlinks to the C shim, or small
 * sh wrappers running the Node shim). The caller removes it with removeShimDir().
 */
export function makeShimDir(names: readonly string[], shim: Shim): string {
  const dir = mkdtempSync(join(tmpdir(), 'netsim-shims-'));
  for (const name of names) {
    if (!name || name.includes('/') || name === '.' || name === '..') continue;
    const entry = join(dir, name);
    if (shim.kind === 'c') {
      symlinkSync(shim.path, entry);
    } else {
      writeFileSync(entry, `#!/bin/sh\nexec ${shq(process.execPath)} ${shq(shim.path)} ${shq(name)} "$@"\n`);
      chmodSync(entry, 0o755);
    }
  }
  return dir;
}

export function removeShimDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
