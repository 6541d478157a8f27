// The page's terminal: an interactive bash under a pty with netsim's shims on PATH, as in
// `netsim shell`, optionally inside a named namespace (the environment `ip netns exec NS bash`
// gives). Restarting it in another namespace keeps the history: every shell of one UI shares
// a history file and appends to it at each prompt.
import type { UiWorld } from './world.js';
import { Pty } from './pty.js';

export interface TerminalContext {
  /** The world whose session the shell uses (the one of the moment: a reset replaces it). */
  world: UiWorld;
  /** The history file every terminal of this UI shares. */
  histFile: string;
  cwd: string;
}

export class Terminal {
  private pty: Pty | undefined;
  private gen = 0;

  constructor(private ctx: TerminalContext, private onData: (text: string) => void, private onExit: (code: number) => void) {}

  /** (Re)starts the shell; `netns` undefined or "init_net" is the initial namespace. */
  start(netns: string | undefined, cols: number, rows: number): void {
    this.stop();
    const env = this.ctx.world.session.env();
    Object.assign(env, {
      TERM: 'xterm-256color',
      HISTFILE: this.ctx.histFile,
      PS1: 'netsim# ',
      PROMPT_COMMAND: 'history -a; PS1="netsim${NETSIM_NETNS:+($NETSIM_NETNS)}# "',
    });
    if (netns && netns !== 'init_net') {
      if (!this.ctx.world.kernel.namedNetns.has(netns)) {
        this.onData(`netsim ui: no network namespace "${netns}"\r\n`);
        return;
      }
      env.NETSIM_NETNS = netns;
    }
    const gen = ++this.gen;
    this.pty = new Pty(
      { argv: ['bash', '--norc', '-i'], env, cwd: this.ctx.cwd, cols, rows },
      (t) => { if (gen === this.gen) this.onData(t); },
      (code) => { if (gen === this.gen) { this.pty = undefined; this.onExit(code); } },
    );
  }

  write(data: string): void {
    this.pty?.write(data);
  }

  resize(cols: number, rows: number): void {
    this.pty?.resize(cols, rows);
  }

  stop(): void {
    this.gen++;
    this.pty?.kill();
    this.pty = undefined;
  }
}
