// netsim's command line: `netsim run script.sh`, `netsim shell`, --help, --version.
// bin/netsim imports this module and calls main(); nothing runs on import.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { Kernel, type KernelOptions } from '../index.js';
import { Session } from '../shell/session.js';
import { TraceRecorder } from '../trace/record.js';
import { renderJson, renderText } from '../trace/text.js';

const USAGE = `Usage: netsim COMMAND [OPTIONS]

The Linux kernel network stack, emulated: run root networking scripts without root.

Commands:
  run [OPTIONS] SCRIPT [ARGS...]   run a bash script against a fresh emulated kernel
  run [OPTIONS] -c COMMANDS [NAME [ARGS...]]
                                   the same for a command string (as bash -c)
  shell [OPTIONS]                  an interactive bash against a fresh emulated kernel
  ui [OPTIONS] [SCRIPT [ARGS...]]  run SCRIPT (if given) in a fresh world, then serve a web page
                                   on 127.0.0.1 to see and drive it (topology, terminal, traces)

Inside a world (a script run by netsim run, or netsim shell):
  netsim trace [-j] NETNS PROTO SRC[:PORT] '>' DST[:PORT] [FLAG...]
                                   send one packet from NETNS and print its path, and the
                                   path of every packet it provokes (netsim trace --help)

Options (run, shell, ui):
  --seed N          seed every random choice (MACs, ports, boot_id): the same seed, the same world
  --virtual-time    time moves only when told: \`sleep\` returns at once, advancing the clock
  --trace[=FORMAT]  print every packet's path after each command (on its stderr); FORMAT is
                    text (the default) or json (JSON lines)

  -h, --help        display this help and exit
  -V, --version     output version information and exit

Inside, ip, bridge, sysctl, ping, ... are netsim's emulations; every other command is the real
one. \`ip netns exec NS cmd\` runs cmd with the emulated namespace NS as its network.
`;

interface RunOptions {
  seed?: number;
  virtualTime: boolean;
  trace?: 'text' | 'json';
}

class UsageError extends Error {}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Parses the options before the script (or -c); everything from the script on is bash's. */
function parseOptions(args: string[], cmd: 'run' | 'shell' | 'ui'): { opts: RunOptions; rest: string[]; command?: string } {
  const opts: RunOptions = { virtualTime: false };
  let i = 0;
  let command: string | undefined;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq >= 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (eq >= 0) return a.slice(eq + 1);
      if (i + 1 >= args.length) throw new UsageError(`option '${name}' requires an argument`);
      return args[++i]!;
    };
    if (eq >= 0 && name !== '--seed' && name !== '--trace') throw new UsageError(`option '${name}' doesn't allow an argument`);
    switch (name) {
      case '--seed': {
        const v = value();
        if (!/^[0-9]+$/.test(v) || Number(v) > 0xffffffff) throw new UsageError(`invalid seed '${v}': expected an integer 0..4294967295`);
        opts.seed = Number(v);
        break;
      }
      case '--virtual-time':
        opts.virtualTime = true;
        break;
      case '--trace': {
        const f = eq >= 0 ? a.slice(eq + 1) : 'text';
        if (f !== 'text' && f !== 'json') throw new UsageError(`invalid trace format '${f}': expected text or json`);
        opts.trace = f;
        break;
      }
      case '-c':
        if (cmd !== 'run') throw new UsageError(`unknown option '${a}'`);
        command = value();
        i++;
        return { opts, rest: args.slice(i), command };
      default:
        throw new UsageError(`unknown option '${a}'`);
    }
  }
  return { opts, rest: args.slice(i), command };
}

/** Runs the netsim command line; resolves the exit status (a negative one: killed by -n). */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...args] = argv;
  try {
    switch (cmd) {
      case undefined:
        process.stderr.write(USAGE);
        return 2;
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(USAGE);
        return 0;
      case '-V':
      case '--version':
        process.stdout.write(`netsim ${version()}\n`);
        return 0;
      case 'run': {
        const { opts, rest, command } = parseOptions(args, 'run');
        if (command === undefined && rest.length === 0) throw new UsageError('run: missing script');
        const bashArgs = command !== undefined ? ['-c', command, ...rest] : rest;
        return await runBash(opts, bashArgs, {});
      }
      case 'shell': {
        const { opts, rest } = parseOptions(args, 'shell');
        if (rest.length) throw new UsageError(`shell: unexpected argument '${rest[0]}'`);
        return await runBash(opts, ['--norc', '-i'], {
          PS1: 'netsim# ',
          PROMPT_COMMAND: 'PS1="netsim${NETSIM_NETNS:+($NETSIM_NETNS)}# "',
        });
      }
      case 'ui': {
        const { opts, rest } = parseOptions(args, 'ui');
        if (opts.trace) throw new UsageError("option '--trace' is for run and shell: the page shows every packet's path");
        const { runUi } = await import('./ui/app.js');
        // A reset of the world starts a kernel from the same options (seed, clock).
        return await runUi({ kernel: new Kernel(kernelOptions(opts)), newKernel: () => new Kernel(kernelOptions(opts)), script: rest });
      }
      case 'trace':
        throw new UsageError("trace runs inside a world: in a script run by 'netsim run', or in 'netsim shell'");
      default:
        throw new UsageError(`unknown command '${cmd}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`netsim: ${e.message}\nTry 'netsim --help' for more information.\n`);
      return 2;
    }
    throw e;
  }
}

function kernelOptions(o: RunOptions): KernelOptions {
  const kopts: KernelOptions = { time: o.virtualTime ? 'virtual' : 'wall' };
  if (o.seed !== undefined) kopts.seed = o.seed;
  return kopts;
}

/** A kernel, its session and a real bash with the shims first on PATH; bash's status. */
async function runBash(o: RunOptions, bashArgs: string[], extraEnv: Record<string, string>): Promise<number> {
  const kernel = new Kernel(kernelOptions(o));
  if (o.trace) printTraces(kernel, o.trace);
  const session = await Session.start(kernel);
  const env = { ...session.env(), ...extraEnv };

  // Ctrl-C and Ctrl-\ reach the whole foreground process group: bash and the command decide;
  // netsim must outlive them. TERM and HUP sent to netsim itself are passed to bash.
  const ignore = () => {};
  const pass: Partial<Record<NodeJS.Signals, () => void>> = {};
  process.on('SIGINT', ignore);
  process.on('SIGQUIT', ignore);
  try {
    return await new Promise<number>((resolve) => {
      const child = spawn('bash', bashArgs, { stdio: 'inherit', env });
      for (const sig of ['SIGTERM', 'SIGHUP'] as const) {
        pass[sig] = () => child.kill(sig);
        process.on(sig, pass[sig]!);
      }
      child.once('error', (e) => {
        process.stderr.write(`netsim: cannot run bash: ${e.message}\n`);
        resolve(127);
      });
      child.once('exit', (code, signal) => {
        resolve(signal ? -osConstants.signals[signal] : code ?? 1);
      });
    });
  } finally {
    process.off('SIGINT', ignore);
    process.off('SIGQUIT', ignore);
    for (const [sig, fn] of Object.entries(pass)) process.off(sig, fn);
    await session.close();
  }
}

/** netsim run --trace: each command's stderr ends with the path of every packet that moved
 *  while it ran. */
function printTraces(kernel: Kernel, format: 'text' | 'json'): void {
  const rec = new TraceRecorder();
  const shown = new Map<number, string>();
  kernel.trace = rec.hook;
  kernel.onCommandDone = (stderr) => {
    const records = rec.take();
    if (records.length) stderr(format === 'json' ? renderJson(records) : renderText(records, shown));
  };
}

/** Exits the process the way `status` says (bin/netsim calls this with main's result). */
export function exit(status: number): void {
  if (status < 0) {
    const sig = Object.entries(osConstants.signals).find(([, n]) => n === -status)?.[0] as NodeJS.Signals | undefined;
    if (sig) {
      try {
        process.kill(process.pid, sig);
      } catch { /* fall through */ }
      // Give the signal a moment to arrive, then report it as a shell would.
      setTimeout(() => process.exit(128 - status), 100);
      return;
    }
    process.exit(128 - status);
  }
  // Tools still running (a background ping nobody waited for) must not keep netsim alive.
  process.exit(status);
}
