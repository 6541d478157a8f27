// A page's Scenarios view on the server: the script it opened (a file on this machine or text
// it pasted), cut into top-level commands, and a bash that runs them one at a time in the
// world's session (scenario.ts), streaming each step's output back. A world reset ends that
// bash and starts the scenario over.
import { readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import type { ServerMessage } from './protocol.js';
import { ScenarioRunner } from './scenario.js';
import { splitScript } from './script-split.js';
import type { UiWorld } from './world.js';

/** Scripts larger than this are refused: a scenario is something to read step by step. */
const MAX_SCRIPT = 1 << 20;

export class ScenarioSession {
  private steps: string[] = [];
  private name = '';
  private next = 0;
  private runner: ScenarioRunner | undefined;
  private generation = -1;
  private runningAll = false;
  private busy = false;

  constructor(private world: UiWorld, private cwd: string, private send: (m: ServerMessage) => void) {}

  async open(o: { path?: string; text?: string }): Promise<void> {
    let text: string;
    let name: string;
    if (typeof o.text === 'string') {
      text = o.text;
      name = 'pasted script';
    } else if (typeof o.path === 'string' && o.path) {
      const file = isAbsolute(o.path) ? o.path : resolve(this.cwd, o.path);
      try {
        const st = await stat(file);
        if (!st.isFile()) throw new Error('not a regular file');
        if (st.size > MAX_SCRIPT) throw new Error(`larger than ${MAX_SCRIPT} bytes`);
        text = await readFile(file, 'utf8');
      } catch (e) {
        this.send({ type: 'scenario-error', message: `cannot open ${o.path}: ${(e as Error).message}` });
        return;
      }
      name = basename(file);
    } else {
      this.send({ type: 'scenario-error', message: 'give a path or paste a script' });
      return;
    }
    if (text.length > MAX_SCRIPT) {
      this.send({ type: 'scenario-error', message: `the script is larger than ${MAX_SCRIPT} bytes` });
      return;
    }
    this.runningAll = false;
    this.steps = splitScript(text);
    this.name = name;
    this.next = 0;
    // A fresh bash for a new script: no variables from the last one.
    this.runner?.close();
    this.runner = undefined;
    this.announce();
  }

  private announce(): void {
    this.send({ type: 'scenario', name: this.name, steps: this.steps.map((text) => ({ text })), next: this.next });
  }

  private runnerFor(): ScenarioRunner {
    if (!this.runner || this.generation !== this.world.generation) {
      this.runner?.close();
      this.generation = this.world.generation;
      this.runner = new ScenarioRunner({
        env: this.world.session.env(),
        cwd: this.cwd,
        onOutput: (stream, text) => this.send({ type: 'scenario-output', index: this.next, stream, text }),
      });
    }
    return this.runner;
  }

  private setBusy(b: boolean): void {
    this.busy = b;
    this.send({ type: 'scenario-busy', busy: b });
  }

  /** Runs the next step. */
  async step(): Promise<void> {
    if (this.busy || this.next >= this.steps.length) return;
    this.setBusy(true);
    try {
      await this.runOne();
    } finally {
      this.setBusy(false);
    }
  }

  private async runOne(): Promise<void> {
    const index = this.next;
    const gen = this.world.generation;
    const r = await this.runnerFor().run(this.steps[index]!);
    // A reset during the step started the scenario over: this step's end is no news.
    if (gen !== this.world.generation) return;
    this.next = index + 1;
    this.send({ type: 'scenario-done', index, status: r.status, next: this.next });
  }

  /** Runs every step left, until the end or a stop. */
  async runAll(): Promise<void> {
    if (this.busy) return;
    this.setBusy(true);
    this.runningAll = true;
    try {
      while (this.runningAll && this.next < this.steps.length) await this.runOne();
    } finally {
      this.runningAll = false;
      this.setBusy(false);
    }
  }

  stop(): void {
    this.runningAll = false;
  }

  /** The world was replaced: the scenario starts over on it. */
  worldReset(): void {
    this.runningAll = false;
    this.runner?.close();
    this.runner = undefined;
    this.next = 0;
    if (this.steps.length) this.announce();
  }

  close(): void {
    this.runningAll = false;
    this.runner?.close();
    this.runner = undefined;
  }
}
