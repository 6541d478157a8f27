// xioopen(): an address string to an opened address side. "KEYWORD:param:param,opt,opt=val";
// "-" is STDIO; a word with a slash is a GOPEN file; "a!!b" reads from a and writes to b.
// The address table (addresses[] of xioopen.c) gives each keyword its parameter count and
// option groups; socat's build here has no EXEC/SYSTEM (no processes to run), no UNIX, SSL,
// PTY, raw IP or the other socket families, so those keywords are unknown, as in a socat
// built without them.
import { parseOpts, OptSet } from './opts.js';
import { applyCommon, openStdFd, openStdio } from './xio_stdio.js';
import { openCreate, openGopen, openOpen } from './xio_file.js';
import { openNamedPipe, openPipe } from './xio_pipe.js';
import { openTcpConnect, openTcpListen } from './xio_tcp.js';
import { openUdpConnect, openUdpListen, openUdpRecv, openUdpRecvfrom, openUdpSendto } from './xio_udp.js';
import { XIO_RDONLY, XIO_WRONLY, type SocatProc, type XioFile } from './xio.js';

/** What opening an address may do besides returning it: fork a child per connection. */
export interface OpenCtx {
  /** Starts a child process; run() hands it the connection and lets it go on. */
  fork?: (parent: SocatProc) => { proc: SocatProc; run(f: XioFile): void };
}

type Opener = (proc: SocatProc, params: string[], rw: number, opts: OptSet, ctx: OpenCtx) => Promise<XioFile> | XioFile;

interface AddrDesc {
  /** Parameter counts accepted (PIPE takes 0 or 1). */
  params: number[];
  groups: string[];
  open: Opener;
  /** File addresses count the keyword in "wrong number of parameters" (argc). */
  countKeyword?: boolean;
}

const STDGROUPS = ['FD', 'FIFO', 'CHR', 'BLK', 'REG', 'SOCKET', 'TERMIOS', 'UNIX', 'IP4', 'IP6', 'UDP', 'TCP', 'SCTP'];
const TCP_CONNECT = ['FD', 'SOCKET', 'CHILD', 'RETRY', 'IP4', 'IP6', 'TCP'];
const TCP_LISTEN = ['FD', 'SOCKET', 'LISTEN', 'CHILD', 'RETRY', 'RANGE', 'IP4', 'IP6', 'TCP'];
const UDP_CONNECT = ['FD', 'SOCKET', 'IP4', 'IP6', 'UDP'];
const UDP_DATAGRAM = ['FD', 'SOCKET', 'RANGE', 'IP4', 'IP6', 'UDP'];
const UDP_LISTEN = ['FD', 'SOCKET', 'LISTEN', 'CHILD', 'RANGE', 'IP4', 'IP6', 'UDP'];
const UDP_RECVFROM = ['FD', 'SOCKET', 'CHILD', 'RANGE', 'IP4', 'IP6', 'UDP'];

/** The groups of an IPv4- or IPv6-only variant. */
function only(groups: string[], v: 'IP4' | 'IP6'): string[] {
  return groups.filter((g) => g !== (v === 'IP4' ? 'IP6' : 'IP4'));
}

const ADDRESSES = new Map<string, AddrDesc>();

function def(names: string[], d: AddrDesc): void {
  for (const n of names) ADDRESSES.set(n, d);
}

def(['stdio', '-'], { params: [0], groups: STDGROUPS, open: (proc, _a, rw) => openStdio(proc, rw) });
def(['stdin'], { params: [0], groups: STDGROUPS, open: (proc, _a, rw) => openStdFd(proc, 0, rw) });
def(['stdout'], { params: [0], groups: STDGROUPS, open: (proc, _a, rw) => openStdFd(proc, 1, rw) });
def(['stderr'], { params: [0], groups: STDGROUPS, open: (proc, _a, rw) => openStdFd(proc, 2, rw) });
def(['pipe', 'echo', 'fifo'], {
  params: [0, 1], groups: ['FD', 'FIFO', 'NAMED', 'OPEN'],
  open: (proc, a, rw, opts) => (a.length ? openNamedPipe(proc, a[0]!, rw, opts) : openPipe(proc, rw)),
});
def(['open', 'file'], {
  params: [1], countKeyword: true, groups: ['FD', 'FIFO', 'CHR', 'BLK', 'REG', 'NAMED', 'OPEN', 'TERMIOS'],
  open: (proc, a, rw, opts) => openOpen(proc, a[0]!, rw, opts),
});
def(['create', 'creat'], {
  params: [1], countKeyword: true, groups: ['FD', 'REG', 'NAMED'],
  open: (proc, a, rw, opts) => openCreate(proc, a[0]!, rw, opts),
});
def(['gopen'], {
  params: [1], countKeyword: true, groups: ['FD', 'FIFO', 'CHR', 'BLK', 'REG', 'SOCKET', 'NAMED', 'OPEN', 'TERMIOS', 'UNIX'],
  open: (proc, a, rw, opts) => openGopen(proc, a[0]!, rw, opts),
});
for (const [v, fam, suffixes] of [['', 0, ['']], ['4', 2, ['4']], ['6', 10, ['6']]] as const) {
  const g = (groups: string[]) => (v === '' ? groups : only(groups, v === '4' ? 'IP4' : 'IP6'));
  const sfx = suffixes[0];
  def([`tcp${sfx}`, `tcp${sfx}-connect`, `inet${sfx}`], {
    params: [2], groups: g(TCP_CONNECT), open: (proc, a, rw, opts) => openTcpConnect(proc, a[0]!, a[1]!, fam, rw, opts),
  });
  def([`tcp${sfx}-listen`, `tcp${sfx}-l`, `inet${sfx}-listen`, `inet${sfx}-l`], {
    params: [1], groups: g(TCP_LISTEN), open: (proc, a, rw, opts, ctx) => openTcpListen(proc, a[0]!, fam, rw, opts, ctx),
  });
  def([`udp${sfx}`, `udp${sfx}-connect`], {
    params: [2], groups: g(UDP_CONNECT), open: (proc, a, rw, opts) => openUdpConnect(proc, a[0]!, a[1]!, fam, rw, opts),
  });
  def([`udp${sfx}-listen`, `udp${sfx}-l`], {
    params: [1], groups: g(UDP_LISTEN), open: (proc, a, rw, opts) => openUdpListen(proc, a[0]!, rw, opts),
  });
  def([`udp${sfx}-sendto`, `udp${sfx}-send`], {
    params: [2], groups: g(UDP_CONNECT), open: (proc, a, rw, opts) => openUdpSendto(proc, a[0]!, a[1]!, fam, rw, opts, false),
  });
  def([`udp${sfx}-datagram`, `udp${sfx}-dgram`], {
    params: [2], groups: g(UDP_DATAGRAM), open: (proc, a, rw, opts) => openUdpSendto(proc, a[0]!, a[1]!, fam, rw, opts, true),
  });
  def([`udp${sfx}-recv`], {
    params: [1], groups: g(UDP_DATAGRAM),
    open: async (proc, a, rw, opts) => {
      const f = await openUdpRecv(proc, a[0]!, fam, rw, opts);
      f.writable = false;
      return f;
    },
  });
  def([`udp${sfx}-recvfrom`], {
    params: [1], groups: g(UDP_RECVFROM), open: (proc, a, rw, opts) => openUdpRecvfrom(proc, a[0]!, fam, rw, opts),
  });
}

/** Splits at `sep` outside brackets, honouring backslash escapes (xio's nestlex()). */
export function splitTokens(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      continue;
    }
    if (c === '[' || c === '(' || c === '{') depth++;
    else if ((c === ']' || c === ')' || c === '}') && depth > 0) depth--;
    if (c === sep && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

/** xioopen(): an address, "!!" dual forms included. */
export async function xioOpen(proc: SocatProc, address: string, rw: number, ctx: OpenCtx): Promise<XioFile> {
  const dual = address.indexOf('!!');
  if (dual >= 0) {
    const r = await openSingle(proc, address.slice(0, dual), XIO_RDONLY, ctx);
    const w = await openSingle(proc, address.slice(dual + 2), XIO_WRONLY, ctx);
    return dualXio(r, w, rw);
  }
  return openSingle(proc, address, rw, ctx);
}

/** xioopen_single(): keyword, parameters, options, then the type's open function. */
async function openSingle(proc: SocatProc, address: string, rw: number, ctx: OpenCtx): Promise<XioFile> {
  const [head = '', ...optTokens] = splitTokens(address, ',');
  const parts = splitTokens(head, ':');
  const keyword = parts[0]!;
  let desc = ADDRESSES.get(keyword.toLowerCase());
  let params = parts.slice(1);
  if (!desc) {
    if (keyword.includes('/')) {
      desc = ADDRESSES.get('gopen')!;
      params = [head];
    } else {
      proc.diag.error(`unknown device/address "${keyword}"`);
      throw new Error('unreachable');
    }
  }
  if (!desc.params.includes(params.length)) {
    const given = desc.countKeyword ? params.length + 1 : params.length;
    proc.diag.error(`${keyword}: wrong number of parameters (${given} instead of ${desc.params[desc.params.length - 1]})`);
  }
  const groups = [...desc.groups, 'APPL', 'PROCESS'];
  const opts = new OptSet(parseOpts(proc.diag, optTokens, groups, proc.opts.ignoreGroups));
  const f = await desc.open(proc, params, rw, opts, ctx);
  applyCommon(proc, f, opts);
  return f;
}

/** A dual address: reads from one side, writes to the other (XIO_TAG_DUAL). */
function dualXio(r: XioFile, w: XioFile, rw: number): XioFile {
  return {
    rfd: r.rfd, wfd: w.wfd,
    readable: rw !== XIO_WRONLY && r.readable,
    writable: rw !== XIO_RDONLY && w.writable,
    lineterm: r.lineterm,
    ignoreeof: r.ignoreeof,
    readbytes: r.readbytes,
    escape: r.escape,
    coolWrite: w.coolWrite,
    read: (max) => r.read(max),
    write: (d) => w.write(d),
    shutdownWrite: () => w.shutdownWrite(),
    close: () => {
      r.close();
      w.close();
    },
  };
}

