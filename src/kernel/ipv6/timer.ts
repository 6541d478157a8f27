// Kernel timers as the IPv6 code arms them: delays are whole jiffies (HZ=250, as in the
// core's timer model) and a timer fires on its timer-wheel bucket boundary, so a 1 s DAD
// or retransmit timer really fires some 0-32 ms late, as on the recorded kernel.
import type { Netns } from '../net_namespace.js';
import type { TimerHandle } from '../clock.js';
import { timerWheelExpiry, HZ } from '../core/neighbour.js';

export const JIFFY_MS = 1000 / HZ;

/** mod_timer() / queue_delayed_work() `delayMs` from now; 0 runs at the next clock step. */
export function ipv6Timer(ns: Netns, delayMs: number, fn: () => void): TimerHandle {
  const clock = ns.kernel.clock;
  if (delayMs <= 0) return clock.setTimeout(0, fn);
  const now = clock.now();
  const at = timerWheelExpiry(now, now + delayMs);
  return clock.setTimeout(Math.max(0, at - now), fn);
}

/** get_random_u32_below(n jiffies), in ms. */
export function randomJiffiesBelow(ns: Netns, ms: number): number {
  const j = Math.floor(ms / JIFFY_MS);
  return j > 1 ? ns.kernel.random.int(0, j - 1) * JIFFY_MS : 0;
}
