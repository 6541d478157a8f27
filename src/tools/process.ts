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
  stdout(text: string): void;
  stderr(text: string): void;
  /** Aborted when the process is signalled (Ctrl-C, `timeout`, shim disconnect). */
  signal: AbortSignal;
  /** Replaces this process with another program, with extra environment (as execve would);
   *  NETSIM_NETNS in env selects the namespace the program runs in. Resolves to its status. */
  exec(argv: string[], env: Record<string, string>): Promise<number>;
}

/** A tool returns its exit status. */
export type Tool = (p: Process) => number | Promise<number>;
