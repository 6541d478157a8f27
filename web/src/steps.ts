// One trace step in words for the walk: what `netsim trace` says of it, a drop said as such.
import type { TraceStep } from '../../src/cli/ui/protocol.js';
import { stepDetail } from '../../src/trace/step-detail.js';

export function stepText(r: TraceStep): string {
  return r.fn === 'kfree_skb' ? `dropped: ${stepDetail(r)}` : stepDetail(r);
}
