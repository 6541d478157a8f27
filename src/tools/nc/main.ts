// nc(1), OpenBSD netcat as Debian 12 ships it (netcat-openbsd 1.219-1): main() of netcat.c.
// After the command line (options.ts), either listen mode (listen.ts) or the client loop
// below, which connects to each port in turn (directly or through a proxy), says so with
// -v, and relays stdin and stdout over the connection unless -z only probes. SIGINT runs
// quit(): nc exits 0; any other signal kills it. Whatever sockets it holds are closed when
// it ends, as the kernel closes a dead process's descriptors.
import type { Process, Tool } from '../process.js';
import { getservbyport } from '../etc_services.js';
import { ENOTSOCK } from '../../kernel/errno.js';
import { NcCtx, NcExit } from './ctx.js';
import { AF_UNIX, parseCommandLine } from './options.js';
import { buildPorts } from './ports.js';
import { protoName } from './sockopts.js';
import { remoteConnect, udptest } from './connect.js';
import { socksConnect } from './socks.js';
import { listenMode } from './listen.js';
import { NetFd, readwrite } from './readwrite.js';

export const nc: Tool = async (p: Process) => {
  const progname = (p.argv[0] ?? 'nc').split('/').pop() || 'nc';
  const cl = parseCommandLine(p.argv, progname, p.env.POSIXLY_CORRECT !== undefined);
  if (cl.kind === 'exit') {
    p.stderr(cl.stderr);
    return cl.status;
  }
  const ctx = new NcCtx(p, cl.o);
  try {
    if (cl.o.lflag) return await listenMode(ctx, cl.host, cl.ports?.[0]);
    // unix_connect(): this kernel has no AF_UNIX sockets.
    if (cl.o.family === AF_UNIX) ctx.errx('create unix socket failed');
    return await clientMode(ctx, cl.host!, cl.ports!);
  } catch (e) {
    if (e instanceof NcExit) return e.status;
    throw e;
  } finally {
    ctx.closeAll();
  }
};
nc.catches = ['SIGINT'];

/** The client half of main(): every port of the list in turn; 0 once one connected. */
async function clientMode(ctx: NcCtx, host: string, uport: string[]): Promise<number> {
  const o = ctx.o;
  const p = ctx.p;
  const proto = protoName(ctx);
  const random = p.kernel.random;
  const ports = buildPorts(uport, proto, o.rflag ? (n) => random.int(0, n - 1) : undefined);
  if (!Array.isArray(ports)) ctx.errx(ports.error);
  let ret = 1;
  let s: NetFd | undefined;
  for (const port of ports) {
    if (s) ctx.close(s.sock);
    s = undefined;
    let ipaddr = '';
    if (o.xflag) {
      const t = await socksConnect(ctx, host, port);
      if (t) s = new NetFd(t);
    } else {
      const c = await remoteConnect(ctx, host, port, o.family);
      if (c) {
        s = new NetFd(c.s);
        ipaddr = c.ipaddr;
      }
    }
    if (!s) continue;
    ret = 0;
    if (o.vflag) {
      // For UDP, make sure we are connected.
      if (o.uflag && !(await udptest(ctx, s.sock))) {
        ret = 1;
        continue;
      }
      // Don't look up port if -n.
      const sv = o.nflag ? undefined : getservbyport(Number(port), proto);
      // Three unbuffered writes, as the three fprintf(stderr) calls make them.
      p.stderr(`Connection to ${host}`);
      // if we aren't connecting thru a proxy and there is something to report, print IP
      if (!o.nflag && !o.xflag && host !== ipaddr) p.stderr(` (${ipaddr})`);
      p.stderr(` ${port} port [${proto}/${sv ?? '*'}] succeeded!\n`);
    }
    if (o.Fflag) {
      // fdpass(): sendmsg(SCM_RIGHTS) on stdout, which is a file or a pipe here.
      ctx.err('sendmsg', ENOTSOCK);
    } else if (!o.zflag) {
      await readwrite(ctx, s);
    }
  }
  if (s) ctx.close(s.sock);
  return ret;
}
