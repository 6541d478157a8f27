// What the page watches: the world's snapshot, sent again when a command or a packet may
// have changed it, and the trace records of every packet, sent in batches. One feed per world;
// every connected page subscribes to it.
import type { Kernel } from '../../kernel/kernel.js';
import { TraceRecorder, type TraceRecord } from '../../trace/record.js';
import { worldView } from './snapshot.js';
import type { ServerMessage, WorldView } from './protocol.js';

type Listener = (m: ServerMessage) => void;

export interface FeedOptions {
  /** How long after a change the snapshot is taken (ms): a burst of commands gives one. */
  settleMs?: number;
  /** How often the snapshot is compared anyway (ms): timers age conntrack entries and
   *  neighbours without any command running. */
  pollMs?: number;
  /** Trace records kept for a page that connects later. */
  keepRecords?: number;
}

export class WorldFeed {
  private listeners = new Set<Listener>();
  private recorder = new TraceRecorder();
  private kept: TraceRecord[] = [];
  private last: { json: string; world: WorldView } | undefined;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setInterval>;
  private settleMs: number;
  private keep: number;

  constructor(private kernel: Kernel, o: FeedOptions = {}) {
    this.settleMs = o.settleMs ?? 60;
    this.keep = o.keepRecords ?? 5000;
    kernel.trace = (ev) => {
      this.recorder.hook(ev);
      this.changed();
    };
    kernel.onCommandDone = () => this.changed();
    this.pollTimer = setInterval(() => this.refresh(), o.pollMs ?? 1000);
    this.pollTimer.unref();
  }

  /** Adds a page: it gets the current world and the kept records at once. */
  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    fn({ type: 'world', world: this.current().world, now: this.kernel.clock.now() });
    if (this.kept.length) fn({ type: 'trace', records: this.kept.slice() });
    return () => this.listeners.delete(fn);
  }

  /** The world now, taken afresh. */
  current(): { json: string; world: WorldView } {
    const world = worldView(this.kernel);
    this.last = { json: JSON.stringify(world), world };
    return this.last;
  }

  /** Something moved: take a snapshot once things settle. */
  changed(): void {
    if (this.settleTimer) return;
    this.settleTimer = setTimeout(() => this.refresh(), this.settleMs);
  }

  /** Takes a snapshot, sends it if it differs, and sends the trace records since the last. */
  refresh(): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    const records = this.recorder.take();
    if (records.length) {
      this.kept.push(...records);
      if (this.kept.length > this.keep) this.kept.splice(0, this.kept.length - this.keep);
      this.send({ type: 'trace', records });
    }
    if (!this.listeners.size) return;
    const world = worldView(this.kernel);
    const json = JSON.stringify(world);
    if (this.last?.json === json) return;
    this.last = { json, world };
    this.send({ type: 'world', world, now: this.kernel.clock.now() });
  }

  private send(m: ServerMessage): void {
    for (const fn of this.listeners) fn(m);
  }

  close(): void {
    clearInterval(this.pollTimer);
    clearTimeout(this.settleTimer);
    this.kernel.trace = undefined;
    this.kernel.onCommandDone = undefined;
    this.listeners.clear();
  }
}
