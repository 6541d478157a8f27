// The contract between a userspace tool and whoever runs it (the session server for shims,
// or Kernel.exec for library users). A tool sees what a real process sees: argv, stdin,
// stdout/stderr, its working directory and environment, and the network namespace it runs in.
import type { Kernel } from '../kernel/kernel.js';
import type { Netns } from '../kernel/net_namespace.js';

export interface Process {
  /** argv[0] is the program name as invoked (e.g. "ip", "iptables-save"). */
  argv: string[];
  kernel: Kernel;
  /** The network namespace the process lives in (set by `ip netns exec`, `ip -n`). */
  netns: Netns;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Reads all of standard input (resolves '' when there is none). */
  readStdin(): Promise<string>;
  /** The next piece of standard input as it arrives, or null at end of file: what read(0)
   *  gives a program that talks while it reads (nc, socat). Not to be mixed with readStdin().
   *  Runners that only have all of stdin at once may leave it out (see tools/lib/stream.ts). */
  readStdinChunk?(): Promise<Uint8Array | null>;
  stdout(text: string): void;
  /** Bytes for standard output as they are (binary data a program relays). */
  stdoutBytes?(data: Uint8Array): void;
  stderr(text: string): void;
  /** Aborted when the process is signalled, with the signal's name as `reason` ('SIGINT',
   *  'SIGTERM', 'SIGHUP', 'SIGQUIT'; 'SIGKILL' when the caller went away). Return 128+signo
   *  to die of it. */
  signal: AbortSignal;
  /** execve(): replaces this process with argv, env added to the environment (NETSIM_NETNS
   *  selects the namespace). argv[0] containing '/' runs as is; otherwise it is searched on
   *  PATH, shims included (`ip netns exec NS ip ...` runs netsim's ip) — unless env has
   *  NETSIM_REAL=1: then the REAL program of that name runs (PATH searched without the shim
   *  directory), which is how a tool passes through, e.g. `cat /etc/hosts`.
   *  In shell mode it resolves 0 once the shim has exec'd (later output is discarded: just
   *  return). A failed exec rejects with an Error whose `code` is the errno name ('ENOENT')
   *  and whose message is strerror's text. */
  exec(argv: string[], env: Record<string, string>): Promise<number>;
  /** What standard input, output or error is: a terminal (isatty()), a regular file
   *  (fstat() S_ISREG), or anything else (a pipe, /dev/null). Programs buffer and draw
   *  progress differently by it. Absent or 'other' when the runner does not know. */
  fdKind?(fd: 0 | 1 | 2): 'tty' | 'file' | 'other';
}

/** A tool returns its exit status. `catches` lists signals it handles itself even when the
 *  shell started it with them ignored (ping prints statistics on SIGINT). */
export type Tool = ((p: Process) => number | Promise<number>) & { catches?: readonly string[] };
