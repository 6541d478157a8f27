// How many trace records a page gets: a budget that refills with time. A multicast packet
// flooded by a bridge of 200 ports leaves hundreds of records, and 200 interfaces coming up
// at once (DAD, router and multicast listener messages) leave tens of thousands within a
// second; passing them all would keep the page busy parsing for seconds. Once the budget is
// spent, packets not seen before are left out whole (their count is reported) while the
// packets already let in keep their remaining steps, up to a hard limit, so walks stay whole.

export interface BudgetOptions {
  /** Records let in per second, on average. */
  perSecond?: number;
  /** Records that may come at once after a quiet time. */
  burst?: number;
}

export class TraceBudget {
  private tokens: number;
  private last: number;
  private perSecond: number;
  private burst: number;
  /** Packets let in recently (insertion order: the oldest are forgotten first). */
  private admitted = new Set<number>();

  constructor(o: BudgetOptions = {}, private clock: () => number = () => Date.now()) {
    this.perSecond = o.perSecond ?? 3000;
    this.burst = o.burst ?? 6000;
    this.tokens = this.burst;
    this.last = this.clock();
  }

  /** The records to send, and how many were left out. */
  take<T extends { id?: number }>(records: readonly T[]): { pass: T[]; dropped: number } {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    const pass: T[] = [];
    let dropped = 0;
    // Steps of packets already let in may overdraw the budget this far.
    const floor = -this.burst;
    for (const r of records) {
      const known = r.id !== undefined && this.admitted.has(r.id);
      if (this.tokens >= 1 || (known && this.tokens > floor)) {
        if (r.id !== undefined && !known) {
          this.admitted.add(r.id);
          if (this.admitted.size > 20_000) this.admitted.delete(this.admitted.values().next().value!);
        }
        this.tokens--;
        pass.push(r);
      } else dropped++;
    }
    return { pass, dropped };
  }
}
