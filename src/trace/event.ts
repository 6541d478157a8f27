// A packet-path event: what one kernel function decided about one packet. Events carry the
// sk_buff's trace id and Linux's function names, so a trace reads like the kernel's path;
// renderers (text, JSON lines, the UI) work from these records alone.
export interface TraceEvent {
  /** The Linux function that produced the event, e.g. "ip_forward", "neigh_update". */
  fn?: string;
  /** SkBuff.traceId of the packet concerned, when there is one. */
  skb?: number;
  /** SKB_DROP_REASON_* name when the event is a drop. */
  reason?: string;
  [key: string]: unknown;
}
