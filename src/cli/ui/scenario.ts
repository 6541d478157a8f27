// A scenario run step by step: one real bash (with the session's shims first on PATH, as
// `netsim run` gives a script) kept between steps, so variables, functions and the working
// directory a step sets are there for the next. Each step is read NUL-terminated from bash's
// standard input and evaluated with its own standard input from /dev/null; a marker written
// after it on stdout (with the status) and on stderr tells where its output ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

const DRIVER = String.raw`
while IFS= read -r -d '' __netsim_step; do
  eval "$__netsim_step" </dev/null
  printf '\036%d\036' "$?"
  printf '\036' >&2
done
`;

const MARK = '\x1e';

export interface StepResult {
  stdout: string;
  stderr: string;
  status: number;
}

export interface RunnerOptions {
  env: Record<string, string>;
  cwd: string;
  /** Output as it comes (a long step, such as a ping, streams). */
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
}

interface Running {
  out: string;
  err: string;
  status?: number;
  errDone: boolean;
  outSent: number;
  errSent: number;
  resolve: (r: StepResult) => void;
}

export class ScenarioRunner {
  private child: ChildProcess | undefined;
  private running: Running | undefined;
  private outDec = new StringDecoder('utf8');
  private errDec = new StringDecoder('utf8');

  constructor(private o: RunnerOptions) {}

  private start(): ChildProcess {
    const child = spawn('bash', ['--norc', '--noprofile', '-c', DRIVER], { env: this.o.env, cwd: this.o.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.outDec = new StringDecoder('utf8');
    this.errDec = new StringDecoder('utf8');
    child.stdin!.on('error', () => { /* bash has gone: 'close' reports it */ });
    child.stdout!.on('data', (b: Buffer) => this.data('stdout', this.outDec.write(b)));
    child.stderr!.on('data', (b: Buffer) => this.data('stderr', this.errDec.write(b)));
    child.once('error', () => this.gone(127));
    child.once('close', (code, signal) => this.gone(signal ? 128 : code ?? 1));
    return child;
  }

  private data(stream: 'stdout' | 'stderr', text: string): void {
    const r = this.running;
    if (!r) return;
    if (stream === 'stdout') {
      r.out += text;
      const m = /\x1e(\d+)\x1e$/.exec(r.out);
      if (m) r.status = Number(m[1]);
    } else {
      r.err += text;
      if (r.err.endsWith(MARK)) r.errDone = true;
    }
    // Stream what is surely the step's own output: everything before a marker.
    const all = stream === 'stdout' ? r.out : r.err;
    const at = all.indexOf(MARK);
    const safe = at < 0 ? all.length : at;
    const sent = stream === 'stdout' ? r.outSent : r.errSent;
    if (safe > sent) {
      this.o.onOutput?.(stream, all.slice(sent, safe));
      if (stream === 'stdout') r.outSent = safe;
      else r.errSent = safe;
    }
    if (r.status !== undefined && r.errDone) this.settle(r.status);
  }

  private settle(status: number): void {
    const r = this.running;
    if (!r) return;
    this.running = undefined;
    const cut = (t: string) => (t.includes(MARK) ? t.slice(0, t.indexOf(MARK)) : t);
    r.resolve({ stdout: cut(r.out), stderr: cut(r.err), status });
  }

  /** bash exited (a step ran `exit`, or it was killed): the step ends with its status; the next
   *  step starts a new bash. */
  private gone(status: number): void {
    this.child = undefined;
    this.settle(status);
  }

  /** Runs one step; resolves when it has finished. One step at a time. */
  run(step: string): Promise<StepResult> {
    if (this.running) return Promise.reject(new Error('a step is running'));
    this.child ??= this.start();
    return new Promise((resolve) => {
      this.running = { out: '', err: '', errDone: false, outSent: 0, errSent: 0, resolve };
      // A NUL cannot be part of a bash command: it ends the step.
      this.child!.stdin!.write(step.replace(/\0/g, '') + '\0');
    });
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Ends the bash; a running step ends with status 128 + SIGHUP. */
  close(): void {
    const c = this.child;
    this.child = undefined;
    if (!c) return;
    c.stdin!.end();
    c.kill('SIGHUP');
  }
}
