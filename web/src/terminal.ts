// The terminal pane: xterm.js showing the server's bash (under a pty), restarted in the
// namespace picked in the selector.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import type { Connection } from './connection.js';

export class TerminalPane {
  readonly term = new Terminal({ cursorBlink: true, fontSize: 13, scrollback: 5000, convertEol: false });
  private fit = new FitAddon();

  constructor(el: HTMLElement, private conn: Connection) {
    this.term.loadAddon(this.fit);
    this.term.open(el);
    this.term.onData((data) => this.conn.send({ type: 'term-input', data }));
    this.term.onResize(({ cols, rows }) => this.conn.send({ type: 'term-resize', cols, rows }));
    new ResizeObserver(() => this.fitNow()).observe(el);
  }

  private fitNow(): void {
    try {
      this.fit.fit();
    } catch { /* not laid out yet */ }
  }

  /** Starts (or restarts) the shell in `netns` ("init_net": the initial namespace). */
  start(netns: string): void {
    this.fitNow();
    this.term.reset();
    this.conn.send({ type: 'term-start', netns, cols: this.term.cols, rows: this.term.rows });
    this.term.focus();
  }

  write(data: string): void {
    this.term.write(data);
  }

  exited(code: number): void {
    this.term.write(`\r\n[shell exited with status ${code}; pick a namespace to start another]\r\n`);
  }
}
