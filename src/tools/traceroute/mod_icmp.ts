// mod-icmp.c (-I): ICMP echo requests from one raw socket, connected to the destination,
// with the TTL changed as the hop does and IP_RECVERR on. An echo reply ends the trace; a
// router's time exceeded comes back on the error queue quoting our request, whose
// identifier and sequence number say which probe it was.
import type { Netns } from '../../kernel/net_namespace.js';
import { rawSocket, udpConnectProbe, SO_EE_ORIGIN_ICMP, type RawSocket } from '../../kernel/ipv4/ping.js';
import { EAGAIN, EMSGSIZE, ENOBUFS } from '../../kernel/errno.js';
import { TraceError, type Probe, type TrModule } from './probe.js';
import type { Tracer } from './main.js';

const ICMP_ECHO = 8, ICMP_ECHOREPLY = 0;

/** in_csum() */
function inCsum(b: Uint8Array): number {
  let s = 0;
  for (let i = 0; i + 1 < b.length; i += 2) s += (b[i]! << 8) | b[i + 1]!;
  if (b.length & 1) s += b[b.length - 1]! << 8;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

export class IcmpModule implements TrModule {
  readonly headerLen = 8;
  private sock: RawSocket | undefined;
  private dst = 0;
  private seq = 1;
  private ident = 0;
  private lastTtl = 0;
  private data = new Uint8Array(8);

  constructor(private readonly ns: Netns, private readonly tr: Tracer) {}

  /** icmp_init(): the raw way (root), connected so that only the destination's packets count. */
  init(dst: number, portSeq: number, dataLen: number): void {
    this.dst = dst;
    if (portSeq) this.seq = portSeq & 0xffff;
    this.data = new Uint8Array(8 + dataLen);
    for (let i = 8; i < this.data.length; i++) this.data[i] = 0x40 + (i & 0x3f);
    const s = rawSocket(this.ns, 1);
    this.sock = s;
    this.tr.tuneRaw(s);
    const c = udpConnectProbe(this.ns, dst, { oif: s.boundIf, tos: s.tos });
    if (typeof c === 'number') throw new TraceError('connect', c);
    s.recverr = true;
    this.ident = this.tr.pid & 0xffff;
  }

  /** icmp_send_probe() */
  async sendProbe(pb: Probe, ttl: number): Promise<void> {
    const s = this.sock!;
    if (ttl !== this.lastTtl) {
      s.setTtl(ttl);
      this.lastTtl = ttl;
    }
    const d = this.data;
    d[0] = ICMP_ECHO;
    d[1] = 0;
    d[2] = d[3] = 0;
    d[4] = this.ident >> 8;
    d[5] = this.ident & 0xff;
    d[6] = this.seq >> 8;
    d[7] = this.seq & 0xff;
    const ck = inCsum(d);
    d[2] = ck >> 8;
    d[3] = ck & 0xff;
    pb.sendTime = this.tr.now();
    const e = s.sendto(this.dst, d.slice());
    if (e && e !== EMSGSIZE) {
      if (e === ENOBUFS || e === EAGAIN) {
        pb.sendTime = 0;
        return;
      }
      throw new TraceError('send', e);
    }
    pb.seq = this.seq;
    this.seq = (this.seq + 1) & 0xffff;
  }

  expireProbe(pb: Probe): void {
    pb.seq = 0;
    pb.done = true;
  }

  async poll(ms: number, signal: AbortSignal): Promise<void> {
    const s = this.sock!;
    await this.tr.waitFor(ms, signal, () => s.rcvQueue.length > 0 || s.errQueue.length > 0, (fn) => { s.onWake = fn; });
    for (let e = s.recvErr(); e; e = s.recvErr()) {
      if (e.origin !== SO_EE_ORIGIN_ICMP || e.target !== this.dst) continue;
      const pb = this.check(e.payload, true);
      if (!pb) continue;
      pb.recvTime = this.tr.now();
      pb.received = true;
      pb.res = e.offender;
      this.tr.parseIcmpRes(pb, e.type, e.code, e.info);
      this.done(pb);
    }
    s.err = 0;
    for (let d = s.recv(); d; d = s.recv()) {
      const b = d.data;
      if (d.from !== this.dst) continue;
      const hl = (b[0]! & 0x0f) * 4;
      const pb = this.check(b.subarray(hl), false);
      if (!pb) continue;
      pb.recvTime = this.tr.now();
      pb.received = true;
      pb.recvTtl = b[8]!;
      pb.res = d.from;
      this.done(pb);
    }
  }

  /** icmp_check_reply(): the probe an echo reply (or a quoted echo request) is about. */
  private check(icmp: Uint8Array, err: boolean): Probe | undefined {
    if (icmp.length < 8) return undefined;
    const id = (icmp[4]! << 8) | icmp[5]!;
    const seq = (icmp[6]! << 8) | icmp[7]!;
    if (id !== this.ident) return undefined;
    const pb = this.tr.probeBySeq(seq);
    if (!pb) return undefined;
    if (!err) {
      if (icmp[0] !== ICMP_ECHOREPLY) return undefined;
      pb.final = true;
    }
    return pb;
  }

  private done(pb: Probe): void {
    pb.seq = 0;
    pb.done = true;
  }

  close(): void {
    if (this.sock) this.sock.onWake = undefined;
    this.sock?.close();
  }
}
