// A shell session against one emulated kernel: the session server, the shim directory, and the
// environment a real bash needs to find them. `netsim run` and `netsim shell` are this plus bash.
import type { Kernel } from '../kernel/kernel.js';
import { SessionServer } from './server.js';
import { getShim, makeShimDir, removeShimDir, type ShimKind } from './shims.js';

export interface SessionOptions {
  /** Program names to shim; default: every tool, except `sleep` unless time is virtual. */
  toolNames?: string[];
  /** Force the C or the Node shim (default: C when a compiler is found; NETSIM_SHIM=node). */
  shim?: ShimKind;
  /** How long a signalled tool may run on before it counts as killed by the signal (ms). */
  graceMs?: number;
}

export class Session {
  private constructor(
    readonly kernel: Kernel,
    readonly server: SessionServer,
    readonly shimDir: string,
    readonly shimKind: ShimKind,
  ) {}

  static async start(kernel: Kernel, opts: SessionOptions = {}): Promise<Session> {
    const names = opts.toolNames ?? defaultToolNames(kernel);
    const shim = getShim(opts.shim);
    const server = await SessionServer.start(kernel, { graceMs: opts.graceMs });
    const dir = makeShimDir(names, shim);
    return new Session(kernel, server, dir, shim.kind);
  }

  /**
   * The environment for bash: `base` (default process.env) with the shim directory first on
   * PATH, NETSIM_PORT/NETSIM_TOKEN/NETSIM_SHIMDIR set, and no NETSIM_NETNS inherited from
   * an enclosing session.
   */
  env(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
    delete env.NETSIM_NETNS;
    env.PATH = env.PATH ? `${this.shimDir}:${env.PATH}` : `${this.shimDir}:/usr/local/bin:/usr/bin:/bin`;
    env.NETSIM_SHIMDIR = this.shimDir;
    Object.assign(env, this.server.env());
    return env;
  }

  async close(): Promise<void> {
    removeShimDir(this.shimDir);
    await this.server.close();
  }
}

/** `sleep` is the kernel's only in virtual time; in wall time the real one is exact. */
export function defaultToolNames(kernel: Kernel): string[] {
  return kernel.toolNames().filter((n) => n !== 'sleep' || kernel.clock.mode === 'virtual');
}
