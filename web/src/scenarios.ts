// The Scenarios tab: open a script (a path on the server, or pasted text), see it cut into its
// top-level commands, run them one at a time or all, each shown with its output and exit
// status; and reset the world to a fresh kernel.
import type { ScenarioStep, ServerMessage } from '../../src/cli/ui/protocol.js';
import type { Connection } from './connection.js';
import { h } from './dom.js';

interface StepView {
  el: HTMLElement;
  out: HTMLElement;
  status: HTMLElement;
}

export class ScenariosPane {
  private path: HTMLInputElement;
  private text: HTMLTextAreaElement;
  private title: HTMLElement;
  private error: HTMLElement;
  private list: HTMLElement;
  private stepBtn: HTMLButtonElement;
  private runBtn: HTMLButtonElement;
  private stopBtn: HTMLButtonElement;
  private steps: StepView[] = [];
  private next = 0;
  private busy = false;

  constructor(el: HTMLElement, private conn: Connection) {
    const button = (label: string, cls: string, fn: () => void) => {
      const b = h('button', { type: 'button', class: cls }, label);
      b.addEventListener('click', fn);
      return b;
    };
    this.path = h('input', { type: 'text', class: 'scn-path', placeholder: 'examples/kube-proxy.sh', 'aria-label': 'script path' });
    this.path.addEventListener('keydown', (e) => { if (e.key === 'Enter') this.openPath(); });
    this.text = h('textarea', { class: 'scn-text', rows: '4', placeholder: 'or paste a script here', 'aria-label': 'script text' });
    this.title = h('div', { class: 'scn-title' });
    this.error = h('div', { class: 'scn-error' });
    this.list = h('div', { class: 'scn-steps' });
    this.stepBtn = button('step ▶', 'scn-step', () => this.conn.send({ type: 'scenario-step' }));
    this.runBtn = button('run all ▶▶', 'scn-run', () => this.conn.send({ type: 'scenario-run' }));
    this.stopBtn = button('stop', 'scn-stop', () => this.conn.send({ type: 'scenario-stop' }));
    el.append(h('div', { class: 'scn-controls' },
      h('div', { class: 'scn-bar' }, this.path, button('open', 'scn-open', () => this.openPath())),
      h('div', { class: 'scn-bar' }, this.text, button('use text', 'scn-use-text', () => this.conn.send({ type: 'scenario-open', text: this.text.value }))),
      h('div', { class: 'scn-bar' }, this.stepBtn, this.runBtn, this.stopBtn,
        button('reset world', 'scn-reset', () => {
          if (confirm('Replace the world with a fresh one? Every namespace, device and rule goes.')) this.conn.send({ type: 'world-reset' });
        })),
      this.error, this.title), this.list);
    this.buttons();
  }

  /** The script netsim ui ran first, offered as the one to open. */
  suggest(path: string): void {
    if (!this.path.value) this.path.value = path;
  }

  private openPath(): void {
    this.conn.send({ type: 'scenario-open', path: this.path.value.trim() });
  }

  private buttons(): void {
    const left = this.next < this.steps.length;
    this.stepBtn.disabled = this.busy || !left;
    this.runBtn.disabled = this.busy || !left;
    this.stopBtn.disabled = !this.busy;
  }

  private mark(): void {
    this.steps.forEach((s, i) => {
      s.el.classList.toggle('next', i === this.next);
      s.el.classList.toggle('done', i < this.next);
    });
    this.buttons();
  }

  private load(name: string, steps: ScenarioStep[], next: number): void {
    this.error.textContent = '';
    this.title.textContent = `${name}: ${steps.length} steps`;
    this.steps = steps.map((s, i) => {
      const out = h('pre', { class: 'scn-out' });
      const status = h('span', { class: 'scn-status' });
      const el = h('div', { class: 'scn-item', 'data-index': String(i) },
        h('div', { class: 'scn-head' }, h('span', { class: 'scn-num' }, `${i + 1}`), status), h('pre', { class: 'scn-cmd' }, s.text), out);
      return { el, out, status };
    });
    this.list.replaceChildren(...this.steps.map((s) => s.el));
    this.next = next;
    this.mark();
  }

  handle(m: ServerMessage): void {
    switch (m.type) {
      case 'scenario':
        this.load(m.name, m.steps, m.next);
        break;
      case 'scenario-error':
        this.error.textContent = m.message;
        break;
      case 'scenario-output': {
        const s = this.steps[m.index];
        if (s) s.out.append(m.stream === 'stderr' ? h('span', { class: 'stderr' }, m.text) : m.text);
        break;
      }
      case 'scenario-done': {
        const s = this.steps[m.index];
        if (s) {
          s.status.textContent = m.status === 0 ? 'ok' : `exit ${m.status}`;
          s.status.className = `scn-status ${m.status === 0 ? 'ok' : 'fail'}`;
          s.el.scrollIntoView({ block: 'nearest' });
        }
        this.next = m.next;
        this.mark();
        break;
      }
      case 'scenario-busy':
        this.busy = m.busy;
        this.buttons();
        break;
    }
  }
}
