// One emulated machine: its clock and random source, boot_id and hostname, the initial
// network namespace and the named ones `ip netns` manages, and the way processes
// (the userspace tools) run against it.
import { Clock } from './clock.js';
import { Random } from './random.js';
import { Netns } from './net_namespace.js';
import type { Process, Tool } from '../tools/process.js';
import type { TraceEvent } from '../trace/event.js';

export interface KernelOptions {
  /** Seed for every random choice (MACs, ports, boot_id); random when absent. */
  seed?: number;
  /** 'virtual' (default): time moves only when told; 'wall': follows real time. */
  time?: 'virtual' | 'wall';
  hostname?: string;
  /** Machines of one world share a clock (see drivers/ether.ts for cabling them). */
  clock?: Clock;
}

export interface SpawnOptions {
  argv: string[];
  /** Name of the `ip netns` namespace the process runs in; the initial one when absent. */
  netns?: string;
  cwd?: string;
  env?: Record<string, string | undefined>;
  stdin?: string | (() => Promise<string>);
  /** Standard input piece by piece (Process.readStdinChunk). */
  stdinChunk?: () => Promise<Uint8Array | null>;
  stdout: (text: string) => void;
  stdoutBytes?: (data: Uint8Array) => void;
  stderr: (text: string) => void;
  signal?: AbortSignal;
  /** Replaces the process with another program (what `ip netns exec` does). */
  exec?: (argv: string[], env: Record<string, string>) => Promise<number>;
  /** What fds 0-2 are: bit 0/1/2 a terminal, bit 3/4/5 a regular file (Process.fdKind). */
  fdKinds?: number;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  status: number;
}

type NetnsInit = (ns: Netns) => void;
const netnsInits: NetnsInit[] = [];
/** Protocol modules register per-namespace set-up here (as pernet_operations do). */
export function registerPernet(init: NetnsInit): void {
  netnsInits.push(init);
}

let toolTable: Record<string, Tool> = {};
/** The tool table is installed by tools/index.ts, keeping kernel/ free of tool imports. */
export function installTools(tools: Record<string, Tool>): void {
  toolTable = tools;
}

export class Kernel {
  readonly clock: Clock;
  readonly random: Random;
  readonly bootId: string;
  hostname: string;
  /** Receives packet-path events while tracing is on (undefined otherwise: no cost). */
  trace: ((ev: TraceEvent) => void) | undefined;
  /** Called when a program exits, with its stderr (netsim run --trace prints there). */
  onCommandDone: ((stderr: (text: string) => void) => void) | undefined;
  /** nr_cpu_ids: veth and others size their queues by it (the reference machines have 2). */
  readonly ncpus = 2;
  readonly initNet: Netns;
  /** Named namespaces (/run/netns entries), in creation order. */
  readonly namedNetns = new Map<string, Netns>();
  /** Files the emulated userspace sees (/etc/iproute2/rt_tables, ...), by absolute path. */
  readonly files = new Map<string, string>();
  /** get_next_ino(): sockfs hands every new socket the next inode number. The counter is
   *  shared by every pseudo file system, so on a machine that has run a while a new socket's
   *  number has seven digits; /proc/net/tcp pads its lines after them. */
  private lastIno = 4_180_000;

  constructor(opts: KernelOptions = {}) {
    this.clock = opts.clock ?? new Clock(opts.time ?? 'virtual');
    this.random = new Random(opts.seed);
    this.bootId = this.random.uuid();
    this.hostname = opts.hostname ?? 'netsim';
    this.initNet = this.createNetns();
  }

  nextInode(): number {
    return ++this.lastIno;
  }

  /** copy_net_ns(): a fresh namespace with its loopback device. */
  createNetns(): Netns {
    const ns = new Netns(this);
    for (const init of netnsInits) init(ns);
    return ns;
  }

  /** The names of the programs this kernel's userspace provides. */
  toolNames(): string[] {
    return Object.keys(toolTable);
  }

  netnsByName(name: string | undefined): Netns | undefined {
    return name ? this.namedNetns.get(name) : this.initNet;
  }

  /** Runs one program to completion and returns its exit status. */
  async spawn(o: SpawnOptions): Promise<number> {
    const name = (o.argv[0] ?? '').split('/').pop() ?? '';
    const tool = toolTable[name];
    if (!tool) {
      o.stderr(`${name}: command not found\n`);
      return 127;
    }
    const netns = this.netnsByName(o.netns);
    if (!netns) {
      o.stderr(`netsim: network namespace "${o.netns}" no longer exists\n`);
      return 1;
    }
    const stdin = o.stdin;
    const env = o.env ?? {};
    const p: Process = {
      argv: o.argv,
      kernel: this,
      netns,
      cwd: o.cwd ?? process.cwd(),
      env,
      readStdin: typeof stdin === 'function' ? stdin : async () => stdin ?? '',
      readStdinChunk: o.stdinChunk,
      stdout: o.stdout,
      stdoutBytes: o.stdoutBytes,
      stderr: o.stderr,
      signal: o.signal ?? new AbortController().signal,
      exec: o.exec ?? ((argv, extra) => this.libraryExec(o, argv, extra)),
      fdKind: (fd) => {
        const k = o.fdKinds ?? 0;
        return k & (1 << fd) ? 'tty' : k & (8 << fd) ? 'file' : 'other';
      },
    };
    try {
      return await tool(p);
    } catch (e) {
      // A tool must never take the world down; report like a crashed program would.
      o.stderr(`${name}: internal error: ${(e as Error).stack ?? e}\n`);
      return 134;
    } finally {
      this.onCommandDone?.(o.stderr);
    }
  }

  /** exec() without a shell: only netsim's own programs can run; passing through to a real
   *  program fails as execve would with ENOENT. */
  private libraryExec(o: SpawnOptions, argv: string[], extra: Record<string, string>): Promise<number> {
    const target = argv[0] ?? '';
    if (extra.NETSIM_REAL !== undefined || target.includes('/') || !toolTable[target]) {
      const err = Object.assign(new Error('No such file or directory'), { code: 'ENOENT' });
      return Promise.reject(err);
    }
    return this.spawn({ ...o, argv, netns: extra.NETSIM_NETNS ?? o.netns, env: { ...o.env, ...extra } });
  }

  /** Library entry point: runs one command line (simple shell quoting) and collects output. */
  async exec(cmdline: string, opts: { netns?: string; stdin?: string } = {}): Promise<ExecResult> {
    let stdout = '';
    let stderr = '';
    const status = await this.spawn({
      argv: splitWords(cmdline),
      netns: opts.netns,
      stdin: opts.stdin,
      stdout: (t) => { stdout += t; },
      stderr: (t) => { stderr += t; },
    });
    return { stdout, stderr, status };
  }
}

/** Splits a command line as sh would for plain words, '...' and "..." quoting and backslashes. */
export function splitWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'") {
      const j = s.indexOf("'", i + 1);
      cur += s.slice(i + 1, j < 0 ? s.length : j);
      i = j < 0 ? s.length : j;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) {
        if (s[j] === '\\' && j + 1 < s.length && '"\\$`'.includes(s[j + 1]!)) j++;
        cur += s[j];
      }
      i = j;
      inWord = true;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}
