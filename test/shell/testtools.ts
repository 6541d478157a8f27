// Test-only tools for the shell and CLI tests (the real ones are not all written yet).
// test/cli/preload.ts adds them to the tool table of a `netsim` child process.
import { constants as osConstants } from 'node:os';
import type { Process, Tool } from '../../src/tools/process.js';

function signo(reason: unknown): number {
  return (typeof reason === 'string' && (osConstants.signals as Record<string, number>)[reason]) || 15;
}

/** Resolves true after ms, false as soon as the process is signalled. */
function tick(signal: AbortSignal, ms: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => { clearTimeout(t); resolve(false); };
    const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(true); }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export const testTools: Record<string, Tool> = {
  /** say o:TEXT e:TEXT x:STATUS ...: TEXT+newline to stdout / stderr, in order; exit STATUS. */
  say: (p: Process) => {
    let st = 0;
    for (const a of p.argv.slice(1)) {
      if (a.startsWith('o:')) p.stdout(a.slice(2) + '\n');
      else if (a.startsWith('e:')) p.stderr(a.slice(2) + '\n');
      else if (a.startsWith('x:')) st = Number(a.slice(2));
    }
    return st;
  },
  /** upper: reads all of stdin, writes it upper-cased. */
  upper: async (p: Process) => {
    p.stdout((await p.readStdin()).toUpperCase());
    return 0;
  },
  /** nsexec NS CMD...: `ip netns exec`: creates NS when missing, execs CMD inside it. */
  nsexec: async (p: Process) => {
    const [ns, ...cmd] = p.argv.slice(1);
    if (!ns || cmd.length === 0) {
      p.stderr('usage: nsexec NS CMD...\n');
      return 1;
    }
    if (!p.kernel.namedNetns.has(ns)) p.kernel.namedNetns.set(ns, p.kernel.createNetns());
    try {
      return await p.exec(cmd, { NETSIM_NETNS: ns });
    } catch (e) {
      p.stderr(`exec of "${cmd[0]}" failed: ${(e as Error).message}\n`);
      return 255;
    }
  },
  /** whereami: the namespace this process runs in. */
  whereami: (p: Process) => {
    let name = 'init';
    for (const [n, ns] of p.kernel.namedNetns) if (ns === p.netns) name = n;
    p.stdout(`${name}\n`);
    return 0;
  },
  /** cat: passes through to the real cat (exec with NETSIM_REAL). */
  cat: async (p: Process) => {
    try {
      return await p.exec(['cat', ...p.argv.slice(1)], { NETSIM_REAL: '1' });
    } catch (e) {
      p.stderr(`cat: ${(e as Error).message}\n`);
      return 127;
    }
  },
  /** ticker N: "tick i" every 20 ms, N times; on a signal prints "stopped by SIG" and dies of it. */
  ticker: async (p: Process) => {
    const n = Number(p.argv[1] ?? '10');
    for (let i = 1; i <= n; i++) {
      p.stdout(`tick ${i}\n`);
      const ok = await tick(p.signal, 20);
      if (!ok) {
        p.stderr(`stopped by ${String(p.signal.reason)}\n`);
        return 128 + signo(p.signal.reason);
      }
    }
    return 0;
  },
  /** pingish: like ping, on SIGINT prints a summary and exits 0. */
  pingish: async (p: Process) => {
    let i = 0;
    for (;;) {
      p.stdout(`reply ${++i}\n`);
      const ok = await tick(p.signal, 20);
      if (!ok) {
        if (p.signal.reason === 'SIGINT') {
          p.stdout(`--- ${i} replies ---\n`);
          return 0;
        }
        return 128 + signo(p.signal.reason);
      }
    }
  },
  /** stubborn: ignores every signal and never ends. */
  stubborn: (p: Process) => {
    p.stdout('running\n');
    return new Promise<number>(() => {});
  },
  /** clock: prints the kernel clock in whole seconds. */
  clock: (p: Process) => {
    p.stdout(`${Math.floor(p.kernel.clock.now() / 1000)}\n`);
    return 0;
  },
  /** showenv NAME: the value of an environment variable as the tool sees it, and its cwd. */
  showenv: (p: Process) => {
    p.stdout(`${p.argv[1]}=${p.env[p.argv[1] ?? ''] ?? '(unset)'} cwd=${p.cwd}\n`);
    return 0;
  },
};
// Like ping, it catches SIGINT even in a background job (where the shell ignores it).
(testTools.pingish as Tool & { catches?: string[] }).catches = ['SIGINT'];
