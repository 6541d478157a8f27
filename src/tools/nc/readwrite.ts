// readwrite(): nc's poll() loop over four descriptors — stdin, the network (out and in) and
// stdout — moving stdin to the socket and the socket to stdout, with fillbuf()/drainbuf(),
// -N's shutdown(SHUT_WR) after stdin's EOF, -q's quit timer, -W's receive limit, -C's
// CRLF, -i's delay between lines, -t's telnet answers and -w's idle timeout.
//
// poll() is emulated over what the sources can say at once: the socket's poll mask, whether a
// piece of stdin has arrived, and stdout, which is always writable. Waiting for stdin is real
// time (another program feeds it), so in virtual time a -w timeout does not run on the world's
// clock while stdin may still bring data; once stdin is gone it does.
import { writeStdout } from '../lib/stream.js';
import { POLLERR, POLLHUP, POLLIN, POLLOUT, SHUT_RD, SHUT_WR, type Socket } from '../../kernel/socket.js';
import { EAGAIN, EBADF } from '../../kernel/errno.js';
import { NcExit, clockSleep, type NcCtx } from './ctx.js';

const BUFSIZE = 16384;
const POLLNVAL = 0x20;
const STDIN = 0, NETOUT = 1, NETIN = 2, STDOUT = 3;
const IAC = 255, DONT = 254, DO = 253, WONT = 252, WILL = 251;

/** The network descriptor: a socket, and for a UDP listener the first datagram, which the
 *  real nc left in the queue with recvfrom(MSG_PEEK) and reads again here. */
export class NetFd {
  constructor(readonly sock: Socket, private held?: Uint8Array) {}

  revents(): number {
    return this.sock.revents() | (this.held ? POLLIN : 0);
  }

  /** read(): bytes (empty at end of file) or a negative errno, without waiting. */
  async read(max: number): Promise<Uint8Array | number> {
    if (this.held) {
      const d = this.held.subarray(0, max);
      this.held = undefined;
      return d;
    }
    return this.sock.recv(max, { timeoutMs: 0 });
  }

  /** write() on a non-blocking socket: what was taken, or a negative errno. */
  write(data: Uint8Array): Promise<number> {
    return this.sock.send(data, undefined, { timeoutMs: 0 });
  }
}

/** readwrite(net_fd) */
export async function readwrite(ctx: NcCtx, net: NetFd): Promise<void> {
  const o = ctx.o;
  const p = ctx.p;
  const open = [!o.dflag, true, true, true];
  const events = [POLLIN, 0, POLLIN, 0];
  const stdinbuf = new Uint8Array(BUFSIZE);
  const netinbuf = new Uint8Array(BUFSIZE);
  let stdinpos = 0, netinpos = 0;
  const stdin = ctx.stdin;
  if (open[STDIN]) await stdinGrace(ctx);

  for (;;) {
    // both inputs are gone, buffers are empty, we are done
    const bothInGone = !open[STDIN] && !open[NETIN] && stdinpos === 0 && netinpos === 0;
    // both outputs are gone, we can't continue
    const bothOutGone = !open[NETOUT] && !open[STDOUT];
    if (bothInGone || bothOutGone) {
      if (o.qflag <= 0) return;
      return delayExit(ctx, net);
    }
    // listen and net in gone or ^D, queues empty, done
    if (((o.lflag && !open[NETIN]) || ctx.ctrldSeen) && stdinpos === 0 && netinpos === 0) {
      if (o.qflag < 0 || !ctx.ctrldSeen) return;
      return delayExit(ctx, net);
    }

    // poll
    const revents = () => {
      const r = [0, 0, 0, 0];
      if (open[STDIN] && events[STDIN]! & POLLIN && stdin.ready()) r[STDIN] = POLLIN;
      if (open[NETOUT] || open[NETIN]) {
        const m = net.revents();
        if (open[NETOUT]) r[NETOUT] = m & (events[NETOUT]! | POLLERR | POLLHUP);
        if (open[NETIN]) r[NETIN] = m & (events[NETIN]! | POLLERR | POLLHUP);
      }
      if (open[STDOUT]) r[STDOUT] = events[STDOUT]! & POLLOUT;
      return r;
    };
    const ready = await pollWait(ctx, net, open, events, revents);
    // timeout happened
    if (!ready) return;
    const rev = revents();

    // treat socket error conditions
    for (let n = 0; n < 4; n++) if (rev[n]! & (POLLERR | POLLNVAL)) open[n] = false;
    // reading is possible after HUP
    if (events[NETIN]! & POLLIN && rev[NETIN]! & POLLHUP && !(rev[NETIN]! & POLLIN)) open[NETIN] = false;
    if (rev[NETOUT]! & POLLHUP && open[NETOUT]) {
      if (o.Nflag) net.sock.shutdown(SHUT_WR);
      open[NETOUT] = false;
    }
    // if no net out, stop watching stdin
    if (!open[NETOUT] && open[STDIN]) open[STDIN] = false;
    // if no stdout, stop watching net in
    if (!open[STDOUT] && open[NETIN]) {
      net.sock.shutdown(SHUT_RD);
      open[NETIN] = false;
    }

    // try to read from stdin
    if (open[STDIN] && rev[STDIN]! & POLLIN && stdinpos < BUFSIZE) {
      const d = stdin.read(BUFSIZE - stdinpos);
      stdinbuf.set(d, stdinpos);
      stdinpos += d.length;
      if (d.length === 0) {
        open[STDIN] = false;
        if (o.qflag >= 0) ctx.ctrldSeen = true;
      }
      // read something - poll net out
      if (stdinpos > 0) events[NETOUT] = POLLOUT;
      // filled buffer - remove self from polling
      if (stdinpos === BUFSIZE) events[STDIN] = 0;
    }
    // try to write to network
    if (open[NETOUT] && rev[NETOUT]! & POLLOUT && stdinpos > 0) {
      const r = await drainNet(ctx, net, stdinbuf, stdinpos);
      if (r === -1) open[NETOUT] = false;
      else if (r > 0) {
        stdinbuf.copyWithin(0, r, stdinpos);
        stdinpos -= r;
      }
      if (stdinpos === 0) events[NETOUT] = 0;
      if (stdinpos < BUFSIZE) events[STDIN] = POLLIN;
    }
    // try to read from network
    if (open[NETIN] && rev[NETIN]! & POLLIN && netinpos < BUFSIZE) {
      const r = await net.read(BUFSIZE - netinpos);
      if (typeof r === 'number') {
        if (r !== -EAGAIN) open[NETIN] = false;
      } else if (r.length === 0) {
        // eof on net in - remove from pfd
        net.sock.shutdown(SHUT_RD);
        open[NETIN] = false;
      } else {
        netinbuf.set(r, netinpos);
        netinpos += r.length;
      }
      if (o.recvlimit > 0 && ++ctx.recvcount >= o.recvlimit) {
        if (open[NETIN]) net.sock.shutdown(SHUT_RD);
        open[NETIN] = false;
        open[STDIN] = false;
      }
      if (netinpos > 0) events[STDOUT] = POLLOUT;
      if (netinpos === BUFSIZE) events[NETIN] = 0;
      // handle telnet
      if (o.tflag) await atelnet(ctx, open[NETIN] ? net : undefined, netinbuf.subarray(0, netinpos));
    }
    // try to write to stdout
    if (open[STDOUT] && rev[STDOUT]! & POLLOUT && netinpos > 0) {
      writeStdout(p, netinbuf.slice(0, netinpos));
      netinpos = 0;
      events[STDOUT] = 0;
      events[NETIN] = POLLIN;
    }
    // stdin gone and queue empty?
    if (!open[STDIN] && stdinpos === 0 && open[NETOUT]) {
      if (o.Nflag) net.sock.shutdown(SHUT_WR);
      open[NETOUT] = false;
    }
    // net in gone and queue empty?
    if (!open[NETIN] && netinpos === 0 && open[STDOUT]) open[STDOUT] = false;
  }
}

/** Real time the first poll() gives standard input to show what is already waiting in it
 *  (a pipe filled before nc started): the shim fetches it only once asked. */
const STDIN_GRACE_MS = 50;

async function stdinGrace(ctx: NcCtx): Promise<void> {
  const stdin = ctx.stdin;
  stdin.arm();
  if (stdin.ready()) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      off();
      ctx.p.signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, STDIN_GRACE_MS);
    const off = stdin.onReady(done);
    ctx.p.signal.addEventListener('abort', done, { once: true });
  });
}

/** poll(pfd, 4, timeout): true once a descriptor has events, false when the timeout passed. */
async function pollWait(ctx: NcCtx, net: NetFd, open: boolean[], events: number[], revents: () => number[]): Promise<boolean> {
  const clock = ctx.clock;
  const timeout = ctx.o.timeout;
  const startV = clock.now();
  const startR = performance.now();
  for (;;) {
    ctx.checkSignal();
    if (revents().some((r) => r !== 0)) return true;
    if (timeout === 0) return false;
    const watchStdin = open[STDIN]! && (events[STDIN]! & POLLIN) !== 0;
    if (watchStdin) ctx.stdin.arm();
    const watchNet = open[NETIN]! || open[NETOUT]!;
    // While stdin may still bring data, -w runs on real time (see the top of this file).
    const real = clock.mode === 'virtual' && watchStdin;
    let left: number | undefined;
    if (timeout > 0) {
      left = timeout - (real ? performance.now() - startR : clock.now() - startV);
      if (left <= 0) return false;
    }
    const ac = new AbortController();
    const wake = () => ac.abort();
    ctx.p.signal.addEventListener('abort', wake, { once: true });
    const offStdin = watchStdin ? ctx.stdin.onReady(wake) : undefined;
    const realTimer = real && left !== undefined ? setTimeout(wake, left) : undefined;
    try {
      if (watchNet) {
        const mask = (open[NETIN] ? events[NETIN]! : 0) | (open[NETOUT] ? events[NETOUT]! : 0);
        await net.sock.poll(mask, { signal: ac.signal, timeoutMs: real ? undefined : left });
      } else if (!real && left !== undefined) {
        await clockSleep(clock, left, ac.signal);
      } else {
        await new Promise<void>((r) => ac.signal.addEventListener('abort', () => r(), { once: true }));
      }
    } finally {
      ctx.p.signal.removeEventListener('abort', wake);
      offStdin?.();
      if (realTimer) clearTimeout(realTimer);
    }
  }
}

/** The quit timer (-q), reached with both buffers empty: exit(0) at once for -q 0;
 *  otherwise close the socket and exit(0) when alarm(q) rings — unless poll()'s -w timeout
 *  comes first (every descriptor is gone by then), which ends readwrite(). */
async function delayExit(ctx: NcCtx, net: NetFd): Promise<void> {
  const q = ctx.o.qflag;
  if (q === 0) throw new NcExit(0);
  ctx.close(net.sock);
  const w = ctx.o.timeout;
  if (w >= 0 && w < q * 1000) {
    await clockSleep(ctx.clock, w, ctx.p.signal);
    ctx.checkSignal();
    return;
  }
  await clockSleep(ctx.clock, q * 1000, ctx.p.signal);
  ctx.checkSignal();
  throw new NcExit(0);
}

/** drainbuf() for the network: with -C or -i one line at a time (-C sends its end as CRLF,
 *  -i sleeps after it). Returns the bytes consumed from buf, -2 to try again, -1 on error. */
async function drainNet(ctx: NcCtx, net: NetFd, buf: Uint8Array, len: number): Promise<number> {
  const o = ctx.o;
  let oneline = o.iflag || o.Cflag ? 1 : 0;
  let n = len;
  if (oneline) {
    const lf = buf.subarray(0, len).indexOf(10);
    if (lf < 0) {
      oneline = 0;
    } else if (o.Cflag && (lf === 0 || buf[lf - 1] !== 13)) {
      n = lf;
      oneline = 2;
    } else {
      n = lf + 1;
    }
  }
  if (n > 0) {
    n = await net.write(buf.slice(0, n));
    if (n === -EAGAIN) return -2;
    if (n < 0) return -1;
  }
  if (oneline === 2) {
    const r = await net.sock.send(Uint8Array.of(13, 10));
    if (r !== 2) ctx.err(`write failed (${Math.max(0, r)}/2)`, -r);
    n++;
  }
  if (oneline > 0 && o.iflag) await ctx.sleep(o.iflag * 1000);
  return n;
}

/** atelnet(): refuses every option the peer offers or asks for (RFC 854). It looks at the
 *  whole buffer not yet written out, and answers on the network-in descriptor, which is -1
 *  once that side ended (write() then fails with EBADF). */
async function atelnet(ctx: NcCtx, net: NetFd | undefined, buf: Uint8Array): Promise<void> {
  if (buf.length < 3) return;
  const end = buf.length - 2;
  for (let i = 0; i < end; i++) {
    if (buf[i] !== IAC) continue;
    i++;
    let reply: number;
    if (buf[i] === WILL || buf[i] === WONT) reply = DONT;
    else if (buf[i] === DO || buf[i] === DONT) reply = WONT;
    else continue;
    i++;
    const r = net ? await net.sock.send(Uint8Array.of(IAC, reply, buf[i]!)) : -EBADF;
    if (r !== 3) ctx.warn('Write Error!', -r);
  }
}

