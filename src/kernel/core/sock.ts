// include/net/sock.h, net/core/sock.c: what every socket has, whatever its protocol — its
// namespace, the options set with SOL_SOCKET, the pending error (sk_err), the shutdown
// state, and the wait queue a process sleeps on (sk_sleep) until the socket changes.
import type { Netns } from '../net_namespace.js';

/** sk_shutdown bits */
export const RCV_SHUTDOWN = 1, SEND_SHUTDOWN = 2, SHUTDOWN_MASK = 3;

/** struct sock: the protocol-independent part. */
export abstract class Sock {
  /** sk_bound_dev_if (SO_BINDTODEVICE) */
  boundIf = 0;
  /** sk_mark (SO_MARK) */
  mark = 0;
  /** sk_reuse (SO_REUSEADDR) */
  reuse = false;
  /** sk_reuseport (SO_REUSEPORT) */
  reuseport = false;
  /** sk_err: the error the next call returns (set by ICMP errors, resets, timeouts). */
  err = 0;
  /** sk_shutdown */
  shutdown = 0;
  /** SOCK_DEAD: the process closed it; only the protocol still holds it (an orphan). */
  dead = false;
  /** sk_rcvbuf / sk_sndbuf in bytes. */
  rcvbuf: number;
  sndbuf: number;
  /** sk_uid and the process that opened it, for ss -p and the owner match. */
  uid = 0;
  owner: { pid: number; comm: string } | undefined;
  /** The socket's inode number (/proc/net/tcp, ss -e). */
  readonly ino: number;
  private waiters: (() => void)[] = [];

  constructor(readonly ns: Netns, readonly family: number, rcvbuf: number, sndbuf: number) {
    this.rcvbuf = rcvbuf;
    this.sndbuf = sndbuf;
    this.ino = ns.kernel.nextInode();
  }

  /** sk->sk_data_ready / sk_state_change / sk_write_space: wakes every process sleeping on
   *  the socket; each re-checks what it waits for. */
  wake(): void {
    if (this.waiters.length === 0) return;
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  /** Adds a one-shot wake-up (prepare_to_wait()). */
  onWake(fn: () => void): void {
    this.waiters.push(fn);
  }

  /** Removes a wake-up that was not used (finish_wait()). */
  offWake(fn: () => void): void {
    const i = this.waiters.indexOf(fn);
    if (i >= 0) this.waiters.splice(i, 1);
  }

  /** sock_error(): returns and clears sk_err. */
  takeError(): number {
    const e = this.err;
    this.err = 0;
    return e;
  }
}
