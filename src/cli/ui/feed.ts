// What the pages watch: the world's summary (the topology and counts), sent whole to a page
// that connects and then as differences when a command or a packet may have changed it; the
// full state of the one namespace each page has open (routes, rules with counters,
// conntrack), sent whole when it is opened and then as differences; and the trace records of every
// packet, in batches. One feed per UI; a world reset attaches it to the new kernel.
import type { Kernel } from '../../kernel/kernel.js';
import { TraceRecorder, type TraceRecord } from '../../trace/record.js';
import { namespaceView, worldSummary } from './snapshot.js';
import { WorldDiffer } from './world-diff.js';
import { DetailsDiffer } from './details-diff.js';
import { TraceBudget, type BudgetOptions } from './trace-budget.js';
import type { NamespaceView, ServerMessage } from './protocol.js';

type Listener = (m: ServerMessage) => void;

export interface FeedOptions {
  /** How long after a change the world is looked at again (ms): a burst of commands gives one
   *  update. */
  settleMs?: number;
  /** How often the world is looked at anyway (ms): timers age conntrack entries and
   *  neighbours without any command running. */
  pollMs?: number;
  /** Trace records kept for a page that connects later. */
  keepRecords?: number;
  /** An open namespace's details are taken at most this often (ms): with thousands of rules
   *  they cost more than the rest of an update, and their counters change with every packet. */
  detailsMs?: number;
  /** How many trace records pages get (trace-budget.ts). */
  traceBudget?: BudgetOptions;
}

/** One page's view of the feed. */
export interface Subscription {
  /** Opens a namespace's details (null closes them); they are sent at once. */
  watch(ns: string | null): void;
  close(): void;
}

interface Subscriber {
  send: Listener;
  differ: WorldDiffer;
  watching: string | null;
  /** What the page has of the open namespace's details (undefined: nothing, or that it is gone). */
  details: DetailsDiffer | undefined;
}

export class WorldFeed {
  private subs = new Set<Subscriber>();
  private recorder = new TraceRecorder();
  private kept: TraceRecord[] = [];
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setInterval>;
  private settleMs: number;
  private detailsMs: number;
  private lastDetailsAt = 0;
  private keep: number;
  private budget: TraceBudget;
  private kernel!: Kernel;

  constructor(kernel: Kernel, o: FeedOptions = {}) {
    this.settleMs = o.settleMs ?? 60;
    this.keep = o.keepRecords ?? 5000;
    this.detailsMs = o.detailsMs ?? 500;
    this.budget = new TraceBudget(o.traceBudget);
    this.attach(kernel);
    this.pollTimer = setInterval(() => this.refresh(), o.pollMs ?? 1000);
    this.pollTimer.unref();
  }

  /** Watches `kernel` from now on (a world reset): the records kept are forgotten and every
   *  page is told, then gets the new world whole. */
  attach(kernel: Kernel): void {
    if (this.kernel) {
      this.kernel.trace = undefined;
      this.kernel.onCommandDone = undefined;
    }
    this.kernel = kernel;
    this.recorder.take();
    this.kept = [];
    kernel.trace = (ev) => {
      this.recorder.hook(ev);
      this.changed();
    };
    kernel.onCommandDone = () => this.changed();
    for (const s of this.subs) {
      s.send({ type: 'reset' });
      this.sendWhole(s);
    }
  }

  private sendWhole(s: Subscriber): void {
    const world = worldSummary(this.kernel);
    s.differ.full(world);
    s.send({ type: 'world', world, now: this.kernel.clock.now() });
    if (this.kept.length) s.send({ type: 'trace', records: this.kept.slice() });
    if (s.watching !== null) this.sendDetails(s, this.details(s.watching), true);
  }

  /** Adds a page: it gets the current world and the kept records at once. */
  subscribe(send: Listener): Subscription {
    const s: Subscriber = { send, differ: new WorldDiffer(), watching: null, details: undefined };
    this.subs.add(s);
    this.sendWhole(s);
    return {
      watch: (ns) => {
        s.watching = ns;
        s.details = undefined;
        if (ns !== null) this.sendDetails(s, this.details(ns), true);
      },
      close: () => this.subs.delete(s),
    };
  }

  private details(name: string): NamespaceView | null {
    const ns = name === 'init_net' ? this.kernel.initNet : this.kernel.namedNetns.get(name);
    return ns ? namespaceView(ns) : null;
  }

  /** The details whole when `whole` or the page has none, else what changed since the last. */
  private sendDetails(s: Subscriber, view: NamespaceView | null, whole = false): void {
    const name = s.watching!, now = this.kernel.clock.now();
    if (!view) {
      if (whole || s.details) s.send({ type: 'details', name, ns: null, now });
      s.details = undefined;
    } else if (whole || !s.details) {
      s.details = new DetailsDiffer();
      s.details.full(view);
      s.send({ type: 'details', name, ns: view, now });
    } else {
      const patch = s.details.diff(view);
      if (patch) s.send({ type: 'details-patch', name, patch, now });
    }
  }

  /** Something moved: look again once things settle. */
  changed(): void {
    if (this.settleTimer) return;
    this.settleTimer = setTimeout(() => this.refresh(), this.settleMs);
  }

  /** Sends the trace records since the last time, the world's changes, and the open
   *  namespaces' details when they changed. */
  refresh(): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    const { pass: records, dropped } = this.budget.take(this.recorder.take());
    if (records.length) {
      this.kept.push(...records);
      if (this.kept.length > this.keep) this.kept.splice(0, this.kept.length - this.keep);
    }
    if (records.length || dropped) for (const s of this.subs) s.send(dropped ? { type: 'trace', records, dropped } : { type: 'trace', records });
    if (!this.subs.size) return;
    const world = worldSummary(this.kernel);
    const now = this.kernel.clock.now();
    for (const s of this.subs) {
      const diff = s.differ.diff(world);
      if (diff) s.send({ type: 'world-diff', diff, now });
    }
    const wall = Date.now();
    if (wall - this.lastDetailsAt < this.detailsMs) {
      // Too soon for another look at the details: come back when it is time.
      if ([...this.subs].some((s) => s.watching !== null)) this.changedIn(this.detailsMs - (wall - this.lastDetailsAt));
      return;
    }
    this.lastDetailsAt = wall;
    const cache = new Map<string, NamespaceView | null>();
    for (const s of this.subs) {
      if (s.watching === null) continue;
      if (!cache.has(s.watching)) cache.set(s.watching, this.details(s.watching));
      this.sendDetails(s, cache.get(s.watching)!);
    }
  }

  private changedIn(ms: number): void {
    if (this.settleTimer) return;
    this.settleTimer = setTimeout(() => this.refresh(), Math.max(this.settleMs, ms));
  }

  close(): void {
    clearInterval(this.pollTimer);
    clearTimeout(this.settleTimer);
    this.kernel.trace = undefined;
    this.kernel.onCommandDone = undefined;
    this.subs.clear();
  }
}
