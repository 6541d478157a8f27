// mod-udp.c, the "default" method: every probe is a UDP datagram from a socket of its own,
// connected to the destination at port 33434 and up (one more per probe), with IP_TTL set
// to the hop and IP_RECVERR on; the ICMP error it draws (time exceeded from a router, port
// unreachable from the destination) comes back on that socket's error queue, naming its
// sender (SO_EE_OFFENDER). The sockets are watched together (poll.c's do_poll()).
import type { Netns } from '../../kernel/net_namespace.js';
import { Socket, AF_INET, SOCK_DGRAM, POLLIN, POLLERR } from '../../kernel/socket.js';
import { EAGAIN, EMSGSIZE, ENOBUFS } from '../../kernel/errno.js';
import { TraceError, type Probe, type TrModule } from './probe.js';
import type { Tracer } from './main.js';

/** DEF_START_PORT */
export const DEF_START_PORT = 33434;
/** DEF_UDP_PORT */
export const DEF_UDP_PORT = 53;

export class UdpModule implements TrModule {
  readonly headerLen = 8;
  private dst = 0;
  private currPort = 0;
  private data = new Uint8Array(0);
  /** The probe each open socket belongs to. */
  private readonly socks = new Map<Socket, Probe>();

  /** `fixed`: the "udp" method (-U), one destination port for every probe (udp_init()). */
  constructor(private readonly ns: Netns, private readonly tr: Tracer, private readonly fixed = false) {}

  /** udp_default_init() / udp_init() */
  init(dst: number, portSeq: number, dataLen: number): void {
    this.dst = dst;
    this.currPort = portSeq || (this.fixed ? DEF_UDP_PORT : DEF_START_PORT);
    this.data = new Uint8Array(dataLen);
    for (let i = 0; i < dataLen; i++) this.data[i] = 0x40 + (i & 0x3f);
  }

  /** udp_send_probe() */
  async sendProbe(pb: Probe, ttl: number): Promise<void> {
    const s = Socket.open(this.ns, AF_INET, SOCK_DGRAM);
    if (typeof s === 'number') throw new TraceError('socket', s);
    this.tr.tuneSocket(s);
    s.setsockopt('IP_TTL', ttl);
    const port = this.currPort & 0xffff;
    const e = await s.connect({ addr: this.dst, port });
    if (e) {
      s.close();
      throw new TraceError('connect', e);
    }
    s.setsockopt('IP_RECVERR', 1);
    pb.sendTime = this.tr.now();
    const n = await s.send(this.data);
    if (n < 0 && n !== -EMSGSIZE) {
      s.close();
      if (n === -ENOBUFS || n === -EAGAIN) {
        pb.sendTime = 0;
        return;
      }
      throw new TraceError('send', -n);
    }
    this.socks.set(s, pb);
    pb.seq = port;
    if (!this.fixed) this.currPort++;
  }

  /** udp_expire_probe() -> probe_done() */
  expireProbe(pb: Probe): void {
    this.done(pb);
  }

  private done(pb: Probe): void {
    for (const [s, p] of this.socks) {
      if (p !== pb) continue;
      s.close();
      this.socks.delete(s);
    }
    pb.seq = 0;
    pb.done = true;
  }

  async poll(ms: number, signal: AbortSignal): Promise<void> {
    const list = [...this.socks.keys()];
    if (list.length === 0) {
      await this.tr.sleep(ms, signal);
      return;
    }
    const masks = await Socket.pollAll(list, POLLIN | POLLERR, { signal, timeoutMs: ms });
    for (let i = 0; i < list.length; i++) {
      const m = masks[i]!;
      if (m & (POLLIN | POLLERR)) await this.recvProbe(list[i]!, (m & POLLERR) !== 0);
    }
  }

  /** udp_recv_probe() -> recv_reply() with udp_check_reply() */
  private async recvProbe(s: Socket, err: boolean): Promise<void> {
    const pb = this.socks.get(s);
    if (!pb) return;
    if (err) {
      const e = s.recvErr();
      if (typeof e === 'number') return;
      if (e.port !== pb.seq) return;
      pb.recvTime = this.tr.now();
      pb.received = true;
      pb.res = e.offender;
      this.tr.parseIcmpRes(pb, e.type, e.code, e.info);
    } else {
      const d = await s.recvfrom(1280, { timeoutMs: 0 });
      if (typeof d === 'number' || d.from.port !== pb.seq) return;
      pb.recvTime = this.tr.now();
      pb.received = true;
      pb.res = d.from.addr;
      pb.final = true;
    }
    this.done(pb);
  }

  close(): void {
    for (const s of this.socks.keys()) s.close();
    this.socks.clear();
  }
}
