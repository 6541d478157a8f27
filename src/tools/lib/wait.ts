// How a program that polls its raw sockets sleeps on the world's clock (ping, traceroute):
// until world time `until`, until woken, or until the process is signalled.
import type { Clock } from '../../kernel/clock.js';

export interface WaitOptions {
  /** Whether what the program waits for has come (re-checked after every step). */
  ready: () => boolean;
  /** Receives the function that wakes the sleeper (a socket calls it on arrival), or
   *  undefined when the sleep is over. */
  setWaker: (fn: (() => void) | undefined) => void;
  /** In virtual time, real milliseconds granted before each move of the clock, so that
   *  other programs' packets land first. Without it the clock moves at once and the sleeper
   *  yields one turn of the event loop after each timer (ping's pace). */
  quietMs?: number;
}

/** Sleeps until world time `until`. In virtual time the sleeper moves the clock itself, from
 *  timer to timer; in wall time it waits for the clock. */
export async function waitUntil(clock: Clock, until: number, signal: AbortSignal, o: WaitOptions): Promise<void> {
  if (clock.mode === 'virtual') {
    for (;;) {
      if (signal.aborted || o.ready()) return;
      const now = clock.now();
      if (now >= until) return;
      if (o.quietMs !== undefined) {
        await new Promise<void>((r) => setTimeout(r, o.quietMs));
        if (signal.aborted || o.ready()) return;
      }
      const at = clock.nextTimerAt();
      if (o.quietMs === undefined && (at === undefined || at > until)) {
        clock.advance(until - now);
        return;
      }
      clock.advance(Math.max(0, Math.min(at ?? Infinity, until) - clock.now()));
      if (o.quietMs === undefined) await new Promise<void>((r) => setImmediate(r));
    }
  }
  if (signal.aborted || o.ready()) return;
  const ms = until - clock.now();
  if (ms <= 0) return;
  await new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      t.cancel();
      clearTimeout(keep);
      signal.removeEventListener('abort', finish);
      o.setWaker(undefined);
      resolve();
    };
    const t = clock.setTimeout(ms, finish);
    // The clock's own wall timer does not keep Node's event loop alive; this one does.
    const keep = setTimeout(finish, ms + 1);
    signal.addEventListener('abort', finish, { once: true });
    o.setWaker(finish);
  });
}
