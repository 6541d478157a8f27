// The world a UI shows: a kernel and the shell session its terminals and scenarios run in. A
// reset replaces both with fresh ones (same clock mode): everything the old world held —
// namespaces, devices, rules, connections, traces — is gone, and whoever listens starts over.
import { Kernel } from '../../kernel/kernel.js';
import { Session } from '../../shell/session.js';

export class UiWorld {
  private listeners = new Set<() => void>();
  /** Bumped by every reset. */
  generation = 0;

  private constructor(
    public kernel: Kernel,
    public session: Session,
    private newKernel: () => Kernel,
  ) {}

  /** `newKernel` makes the kernel of a reset; by default one with the same clock mode. */
  static async start(kernel: Kernel, newKernel?: () => Kernel): Promise<UiWorld> {
    const session = await Session.start(kernel);
    return new UiWorld(kernel, session, newKernel ?? (() => new Kernel({ time: kernel.clock.mode })));
  }

  onReset(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  async reset(): Promise<void> {
    const kernel = this.newKernel();
    const session = await Session.start(kernel);
    const old = this.session;
    this.kernel = kernel;
    this.session = session;
    this.generation++;
    for (const fn of this.listeners) fn();
    await old.close();
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.session.close();
  }
}
