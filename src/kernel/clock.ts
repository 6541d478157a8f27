// One clock per world. Every timer in the emulated kernel (neighbour, FDB aging, DAD,
// conntrack, TCP RTO) is scheduled here, so tests run on virtual time and shell mode
// can follow the wall clock.

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
  /** A timer that moves a conversation on (a TCP retransmission, a delayed ACK). */
  progress: boolean;
}

export interface TimerHandle {
  cancel(): void;
}

export class Clock {
  /** Milliseconds since the world booted. */
  private nowMs = 0;
  private seq = 0;
  private heap: Timer[] = [];
  private progress = new Set<Timer>();
  private wallBase = 0;
  private wallTimer: ReturnType<typeof setTimeout> | undefined;

  /** In wall mode the clock follows real time and fires timers from the event loop. */
  constructor(readonly mode: 'virtual' | 'wall' = 'virtual') {
    if (mode === 'wall') this.wallBase = performance.now();
  }

  now(): number {
    if (this.mode === 'wall') {
      const t = performance.now() - this.wallBase;
      if (t > this.nowMs) this.nowMs = t;
    }
    return this.nowMs;
  }

  /** Jiffies at HZ=1000 (what /proc shows as "used"/"updated" counters are derived from). */
  jiffies(): number {
    return Math.floor(this.now());
  }

  /** Runs fn after ms. A `progress` timer is one a waiting program may move virtual time
   *  to even when it is not its own (see nextProgressAt()). */
  setTimeout(ms: number, fn: () => void, progress = false): TimerHandle {
    const t: Timer = { at: this.now() + Math.max(0, ms), seq: this.seq++, fn, cancelled: false, progress };
    this.push(t);
    if (progress) this.progress.add(t);
    if (this.mode === 'wall') this.armWall();
    return {
      cancel: () => {
        t.cancelled = true;
        if (progress) this.progress.delete(t);
      },
    };
  }

  /** When the next progress timer falls due: in virtual time, a program waiting for a peer
   *  whose retransmission is pending moves the clock there (on a real machine that timer
   *  would fire while it waits). */
  nextProgressAt(): number | undefined {
    let at: number | undefined;
    for (const t of this.progress) if (at === undefined || t.at < at) at = t.at;
    return at;
  }

  /** Advances virtual time by ms, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.now() + ms;
    this.runUntil(end);
    if (end > this.nowMs) this.nowMs = end;
  }

  /** When the next live timer falls due (undefined when none is pending). */
  nextTimerAt(): number | undefined {
    while (this.heap[0]?.cancelled) this.pop();
    return this.heap[0]?.at;
  }

  /** Fires timers already due (wall mode calls this from the event loop). */
  runDue(): void {
    this.runUntil(this.now());
  }

  private runUntil(end: number): void {
    for (;;) {
      const t = this.heap[0];
      if (!t || t.at > end) break;
      this.pop();
      if (t.cancelled) continue;
      if (t.progress) this.progress.delete(t);
      if (t.at > this.nowMs) this.nowMs = t.at;
      t.fn();
    }
  }

  private armWall(): void {
    if (this.wallTimer) clearTimeout(this.wallTimer);
    const next = this.heap[0];
    if (!next) return;
    const delay = Math.max(0, next.at - this.now());
    this.wallTimer = setTimeout(() => {
      this.wallTimer = undefined;
      this.runDue();
      this.armWall();
    }, delay);
    this.wallTimer.unref?.();
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(h[p]!, t)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = t;
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && less(h[r]!, h[l]!) ? r : l;
      if (less(last, h[c]!)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
  }
}

function less(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
