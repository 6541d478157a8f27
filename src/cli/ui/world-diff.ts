// World updates as differences: the server remembers each namespace's summary as last sent
// (as JSON) and sends only the namespaces that changed, appeared or went; the page applies
// them to its copy. Shared by the server, the page and the tests: no Node.
import type { NamespaceSummary, WorldDiff, WorldView } from './protocol.js';

/** What was last sent: each namespace's summary as JSON, in the world's order. */
export class WorldDiffer {
  private sent = new Map<string, string>();

  /** Everything, and remember it as sent (a new page). */
  full(world: WorldView): void {
    this.sent = new Map(world.namespaces.map((n) => [n.name, JSON.stringify(n)]));
  }

  /** The changes since the last call (undefined: none), remembered as sent. */
  diff(world: WorldView): WorldDiff | undefined {
    const upsert: NamespaceSummary[] = [];
    const next = new Map<string, string>();
    for (const n of world.namespaces) {
      const json = JSON.stringify(n);
      next.set(n.name, json);
      if (this.sent.get(n.name) !== json) upsert.push(n);
    }
    const remove = [...this.sent.keys()].filter((k) => !next.has(k));
    const before = [...this.sent.keys()], after = [...next.keys()];
    const reordered = before.length !== after.length || before.some((k, i) => k !== after[i]);
    this.sent = next;
    if (!upsert.length && !remove.length && !reordered) return undefined;
    const d: WorldDiff = { upsert, remove };
    if (reordered) d.order = after;
    return d;
  }
}

/** The world after `diff`. */
export function applyDiff(world: WorldView, diff: WorldDiff): WorldView {
  const byName = new Map(world.namespaces.map((n) => [n.name, n]));
  for (const name of diff.remove) byName.delete(name);
  for (const n of diff.upsert) byName.set(n.name, n);
  const order = diff.order ?? world.namespaces.map((n) => n.name).filter((n) => byName.has(n));
  // New namespaces without an order given go last, as the kernel appends them.
  for (const n of diff.upsert) if (!order.includes(n.name)) order.push(n.name);
  return { namespaces: order.map((name) => byName.get(name)).filter((n): n is NamespaceSummary => n !== undefined) };
}
