// net/netfilter/ipset/ip_set_bitmap_port.c and ip_set_bitmap_gen.h: the bitmap:port type
// (revision 3): one bit per port of a fixed range, with the extensions of each port kept in an
// array beside the bitmap.
import type { TimerHandle } from '../../clock.js';
import {
  type IpSetAttrs, type IpSetHeader, type ElemExt, type ReqExt, IPSET_ERR_PROTOCOL, IPSET_ERR_EXIST,
  IPSET_ERR_BITMAP_RANGE, IPSET_FLAG_EXIST, IPSET_NO_TIMEOUT, EINVAL, NFPROTO_UNSPEC,
  newElemExt, ipSetElemLen, ipSetTimeoutExpired, ipSetTimeoutGet, ipsetGcPeriod,
} from './ip_set.js';
import {
  type IpSet, type IpSetType, type IpSetVariant, ipSetTypeRegister, ipSetGetExtensions, ipSetInitUext,
  ipSetInitKext, ipSetEexist, ipSetInitExtensions, ipSetExtDestroy, ipSetMatchExtensions,
  ipSetPutExtensions, ipSetPutFlags,
} from './ip_set_core.js';
import { ipSetGetPort } from './ip_set_hash_ipport.js';

/** sizeof(struct bitmap_port): members pointer, ports, elements, memsize, gc timer, set. */
const SIZEOF_BITMAP_PORT = 72;

/** struct bitmap_port */
interface BitmapPort {
  members: Uint8Array;
  firstPort: number;
  lastPort: number;
  elements: number;
  /** BITS_TO_LONGS(elements) * sizeof(unsigned long) */
  memsize: number;
  /** Extension data of each port, kept across delete (as the kernel's array is). */
  ext: (ElemExt | undefined)[];
  /** set->elements */
  count: number;
  gc: TimerHandle | undefined;
}

function testBit(m: BitmapPort, id: number): boolean {
  return (m.members[id >> 3]! & (1 << (id & 7))) !== 0;
}
function setBit(m: BitmapPort, id: number, v: boolean): void {
  if (v) m.members[id >> 3]! |= 1 << (id & 7);
  else m.members[id >> 3]! &= ~(1 << (id & 7));
}

function getExt(m: BitmapPort, id: number): ElemExt {
  let e = m.ext[id];
  if (!e) {
    e = newElemExt();
    m.ext[id] = e;
  }
  return e;
}

function expired(set: IpSet, m: BitmapPort, id: number): boolean {
  return set.extensions.timeout && ipSetTimeoutExpired(set.ns, getExt(m, id).timeout);
}

/** mtype_add() */
function mtypeAdd(set: IpSet, m: BitmapPort, id: number, ext: ReqExt, flags: number): number {
  const x = getExt(m, id);
  if (testBit(m, id)) {
    if (expired(set, m, id)) {
      m.count--;
    } else if (!(flags & IPSET_FLAG_EXIST)) {
      return -IPSET_ERR_EXIST;
    } else {
      m.count--;
    }
    // Element is re-added, cleanup extensions
    ipSetExtDestroy(set, x);
  }
  setBit(m, id, true);
  ipSetInitExtensions(set, x, ext);
  m.count++;
  return 0;
}

/** mtype_del() */
function mtypeDel(set: IpSet, m: BitmapPort, id: number): number {
  if (!testBit(m, id)) return -IPSET_ERR_EXIST;
  setBit(m, id, false);
  const x = getExt(m, id);
  ipSetExtDestroy(set, x);
  m.count--;
  if (set.extensions.timeout && ipSetTimeoutExpired(set.ns, x.timeout)) return -IPSET_ERR_EXIST;
  return 0;
}

/** mtype_test() */
function mtypeTest(set: IpSet, m: BitmapPort, id: number, ext: ReqExt, flags: number, mext?: ReqExt): number {
  if (!testBit(m, id)) return 0;
  return ipSetMatchExtensions(set, ext, flags, getExt(m, id), mext) ? 1 : 0;
}

function adt(set: IpSet, m: BitmapPort, a: 'add' | 'del' | 'test', id: number, ext: ReqExt, flags: number, mext?: ReqExt): number {
  if (a === 'add') return mtypeAdd(set, m, id, ext, flags);
  if (a === 'del') return mtypeDel(set, m, id);
  return mtypeTest(set, m, id, ext, flags, mext);
}

const variant: IpSetVariant = {
  /** bitmap_port_uadt() */
  uadt(set, a, what, flags) {
    const m = set.data as BitmapPort;
    if (a.port === undefined) return -IPSET_ERR_PROTOCOL;
    let port = a.port;
    if (port < m.firstPort || port > m.lastPort) return -IPSET_ERR_BITMAP_RANGE;
    const ext = ipSetInitUext(set);
    const ret = ipSetGetExtensions(set, a, ext);
    if (ret) return ret;
    if (what === 'test') return adt(set, m, what, port - m.firstPort, ext, flags);
    let portTo = port;
    if (a.portTo !== undefined) {
      portTo = a.portTo;
      if (port > portTo) {
        [port, portTo] = [portTo, port];
        if (port < m.firstPort) return -IPSET_ERR_BITMAP_RANGE;
      }
      if (portTo > m.lastPort) return -IPSET_ERR_BITMAP_RANGE;
    }
    let r = 0;
    for (; port <= portTo; port++) {
      r = adt(set, m, what, port - m.firstPort, ext, flags);
      if (r && !ipSetEexist(r, flags)) return r;
      r = 0;
    }
    return r;
  },
  /** bitmap_port_kadt() */
  kadt(set, pkt, what, opt) {
    const m = set.data as BitmapPort;
    const pp = ipSetGetPort(pkt, opt.dirs[0] ?? false);
    if (!pp) return -EINVAL;
    if (pp[0] < m.firstPort || pp[0] > m.lastPort) return -IPSET_ERR_BITMAP_RANGE;
    const ext = ipSetInitKext(set, pkt, opt);
    return adt(set, m, what, pp[0] - m.firstPort, ext, opt.cmdflags, ext);
  },
  /** mtype_head() */
  head(set): IpSetHeader {
    const m = set.data as BitmapPort;
    const hdr: IpSetHeader = {
      port: m.firstPort, portTo: m.lastPort, cadtFlags: 0, references: set.ref,
      memsize: SIZEOF_BITMAP_PORT + m.memsize + m.elements * set.dsize + set.extSize, elements: m.count,
    };
    ipSetPutFlags(set, hdr);
    return hdr;
  },
  /** mtype_list() */
  list(set) {
    const m = set.data as BitmapPort;
    const out: IpSetAttrs[] = [];
    for (let id = 0; id < m.elements; id++) {
      if (!testBit(m, id) || expired(set, m, id)) continue;
      const a: IpSetAttrs = { port: m.firstPort + id };
      const x = getExt(m, id);
      ipSetPutExtensions(set, x, a, ipSetTimeoutGet(set.ns, x.timeout));
      out.push(a);
    }
    return out;
  },
  /** mtype_flush() */
  flush(set) {
    const m = set.data as BitmapPort;
    for (let id = 0; id < m.elements; id++) if (testBit(m, id)) ipSetExtDestroy(set, getExt(m, id));
    m.members.fill(0);
    m.count = 0;
  },
  destroy(set) {
    const m = set.data as BitmapPort;
    m.gc?.cancel();
    m.gc = undefined;
  },
  /** mtype_same_set() */
  sameSet(a, b) {
    const x = a.data as BitmapPort, y = b.data as BitmapPort;
    return x.firstPort === y.firstPort && x.lastPort === y.lastPort && a.timeout === b.timeout &&
      JSON.stringify(a.extensions) === JSON.stringify(b.extensions);
  },
};

/** mtype_gc(): clears the expired ports every IPSET_GC_PERIOD(timeout) seconds. */
function gcInit(set: IpSet, m: BitmapPort): void {
  const clock = set.ns.kernel.clock;
  const period = ipsetGcPeriod(set.timeout) * 1000;
  const run = (): void => {
    for (let id = 0; id < m.elements; id++) {
      if (!testBit(m, id) || !expired(set, m, id)) continue;
      setBit(m, id, false);
      ipSetExtDestroy(set, getExt(m, id));
      m.count--;
    }
    m.gc = clock.setTimeout(period, run);
  };
  m.gc = clock.setTimeout(period, run);
}

export const bitmapPortType: IpSetType = {
  name: 'bitmap:port',
  family: NFPROTO_UNSPEC,
  revisionMin: 0,
  revisionMax: 3,
  /** bitmap_port_create() */
  create(_ns, set, a) {
    if (a.port === undefined || a.portTo === undefined) return -IPSET_ERR_PROTOCOL;
    let first = a.port, last = a.portTo;
    if (first > last) [first, last] = [last, first];
    const elements = last - first + 1;
    set.dsize = ipSetElemLen(set.extensions, 0, 0);
    const m: BitmapPort = {
      members: new Uint8Array(Math.ceil(elements / 8)), firstPort: first, lastPort: last, elements,
      memsize: Math.ceil(elements / 64) * 8, ext: [], count: 0, gc: undefined,
    };
    set.data = m;
    set.variant = variant;
    set.family = NFPROTO_UNSPEC;
    set.timeout = IPSET_NO_TIMEOUT;
    if (a.timeout !== undefined) {
      set.timeout = Math.min(a.timeout, Math.floor(0xffffffff / 1000));
      gcInit(set, m);
    }
    return 0;
  },
};

ipSetTypeRegister(bitmapPortType);
