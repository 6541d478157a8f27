// `netsim ui [script.sh]`: a world as `netsim shell` starts it, the script run in it first,
// then the page served until netsim is interrupted.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kernel } from '../../kernel/kernel.js';
import { ROOT } from '../../shell/shims.js';
import { WorldFeed } from './feed.js';
import { UiServer } from './server.js';
import { UiWorld } from './world.js';

/** Where `vite build` puts the front end. */
export const WEB_ROOT = join(ROOT, 'dist', 'web');

export interface UiOptions {
  kernel: Kernel;
  /** bash's arguments for the script to run first (script path and its arguments). */
  script?: string[];
  /** Where the URL and notices go. */
  out?: (text: string) => void;
  /** The kernel of a world reset (default: a new one with the same clock mode). */
  newKernel?: () => Kernel;
}

export async function runUi(o: UiOptions): Promise<number> {
  const out = o.out ?? ((t: string) => process.stdout.write(t));
  const world = await UiWorld.start(o.kernel, o.newKernel);
  const session = world.session;
  const feed = new WorldFeed(o.kernel);
  world.onReset(() => feed.attach(world.kernel));
  const tmp = mkdtempSync(join(tmpdir(), 'netsim-ui-'));
  let server: UiServer | undefined;
  try {
    if (o.script?.length) {
      const status = await runScript(session.env(), o.script);
      if (status !== 0) out(`netsim ui: ${o.script[0]} exited with status ${status}\n`);
    }
    server = await UiServer.start({
      feed,
      world,
      webRoot: WEB_ROOT,
      terminal: { world, histFile: join(tmp, 'bash_history'), cwd: process.cwd() },
      script: o.script?.[0],
    });
    out(`netsim ui: serving the world at\n${server.url}\n`);
    await interrupted();
    return 0;
  } finally {
    await server?.close();
    feed.close();
    await world.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function runScript(env: Record<string, string>, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('bash', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    child.once('error', () => resolve(127));
    child.once('exit', (code, signal) => resolve(signal ? 128 : code ?? 1));
  });
}

/** Resolves on SIGINT, SIGTERM or SIGHUP. */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    const sigs = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const done = () => {
      for (const s of sigs) process.off(s, done);
      resolve();
    };
    for (const s of sigs) process.on(s, done);
  });
}
