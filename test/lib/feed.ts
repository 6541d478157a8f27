// Standard input that a test feeds to a program piece by piece, then end of file: what a
// Process's readStdinChunk() reads.
export class Feed {
  private q: (Uint8Array | null)[] = [];
  private wait: (() => void) | undefined;

  /** A piece, or null for end of file. */
  push(s: string | Uint8Array | null): void {
    this.q.push(s === null ? null : typeof s === 'string' ? new TextEncoder().encode(s) : s);
    this.wait?.();
  }

  /** The next piece as it comes; null at end of file (and from then on). */
  async next(): Promise<Uint8Array | null> {
    while (this.q.length === 0) await new Promise<void>((r) => { this.wait = r; });
    const c = this.q.shift()!;
    if (c === null) this.q.unshift(null);
    return c;
  }
}
