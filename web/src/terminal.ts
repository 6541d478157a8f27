// The terminal pane: xterm.js showing the server's bash (under a pty), restarted in the
// namespace picked in the selector, with copy and paste.
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
    // Copy and paste as Linux terminal emulators bind them: Ctrl+Shift+C and Ctrl+Shift+V (Ctrl+C
    // stays the shell's interrupt). The browser's own paste (menu, middle click) reaches
    // xterm.js directly.
    this.term.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
      if (e.code === 'KeyC') {
        if (this.term.hasSelection()) void navigator.clipboard?.writeText(this.term.getSelection());
        return false;
      }
      if (e.code === 'KeyV') {
        void navigator.clipboard?.readText().then((t) => this.term.paste(t));
        return false;
      }
      return true;
    });
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
