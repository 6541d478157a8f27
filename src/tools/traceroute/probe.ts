// traceroute.h: a probe (one datagram sent with some TTL and what came back for it) and
// what a trace method module (tr_module) does with probes.

export interface Probe {
  done: boolean;
  /** The answer ends the trace (the destination, or an unreachable error). */
  final: boolean;
  /** Who answered (res), 0.0.0.0 meaning nobody. */
  res: number | undefined;
  /** World time in seconds; 0 = not sent yet. */
  sendTime: number;
  recvTime: number;
  received: boolean;
  /** The TTL of the answer as it arrived (IP_RECVTTL). */
  recvTtl: number;
  /** "!H", "!N"... */
  errStr: string;
  /** What identifies the answer: the UDP destination port, the ICMP sequence number. */
  seq: number;
}

export function newProbe(): Probe {
  return { done: false, final: false, res: undefined, sendTime: 0, recvTime: 0, received: false, recvTtl: 0, errStr: '', seq: 0 };
}

/** A fatal error of the run: error() / error_or_perm() print "\n<what>: <strerror>", exit 1. */
export class TraceError extends Error {
  constructor(readonly what: string, readonly errno: number) {
    super(what);
  }
}

/** struct tr_module: how one trace method sends probes and reads the answers. */
export interface TrModule {
  /** ops->header_len: the transport header counted in the packet length. */
  readonly headerLen: number;
  /** ops->init(): opens what the method needs (throws TraceError). */
  init(dst: number, portSeq: number, dataLen: number): void;
  /** ops->send_probe(): leaves pb.sendTime 0 when the datagram could not go out yet. */
  sendProbe(pb: Probe, ttl: number): Promise<void>;
  /** ops->expire_probe() */
  expireProbe(pb: Probe): void;
  /** do_poll(): waits up to `ms` for answers and handles each (ops->recv_probe()). */
  poll(ms: number, signal: AbortSignal): Promise<void>;
  close(): void;
}
