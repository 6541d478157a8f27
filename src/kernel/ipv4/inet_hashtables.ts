// struct inet_sock and the port spaces of one namespace: net/ipv4/inet_hashtables.c and
// inet_connection_sock.c for TCP (bind buckets, the established and listening hashes,
// inet_csk_get_port(), __inet_hash_connect()), and udp_lib_get_port() for UDP. Each
// protocol has its own port space per namespace.
import type { Netns } from '../net_namespace.js';
import { Sock } from '../core/sock.js';
import { sysctlFields, sysctlInt } from '../sysctl.js';
import { inetAddrTypeDevTable } from './ip_output.js';
import { RTN_BROADCAST, RTN_LOCAL, RTN_MULTICAST } from './route_types.js';
import { EADDRINUSE, EADDRNOTAVAIL } from '../errno.js';

/** struct inet_sock: the addresses and IP-level options of an IPv4 socket. */
export abstract class InetSock extends Sock {
  /** inet_rcv_saddr: the address bound to (0 = any). */
  rcvSaddr = 0;
  /** inet_saddr: the source address used when sending. */
  saddr = 0;
  /** inet_num: the local port (host order, 0 = not bound yet). */
  num = 0;
  /** inet_daddr / inet_dport: the peer of a connected socket. */
  daddr = 0;
  dport = 0;
  /** IP_TTL: -1 = the route's default (net.ipv4.ip_default_ttl). */
  ttl = -1;
  /** IP_TOS */
  tos = 0;
  /** IP_MTU_DISCOVER: 0 DONT, 1 WANT, 2 DO (net.ipv4.ip_no_pmtu_disc picks the default). */
  pmtudisc = 1;
  /** IP_RECVERR */
  recverr = false;
  /** SO_BROADCAST */
  broadcast = false;
  /** Bound implicitly by connect()/sendto() rather than by bind() (the bucket's fastreuse -1). */
  autobound = false;
  /** bind() named the port (SOCK_BINDPORT_LOCK): disconnecting keeps it. */
  portLocked = false;

  abstract readonly protocol: number;
}

/** The sockets of one protocol in one namespace, by local port. */
export class PortSpace<S extends InetSock> {
  readonly byPort = new Map<number, S[]>();

  add(sk: S): void {
    const l = this.byPort.get(sk.num);
    if (l) l.push(sk);
    else this.byPort.set(sk.num, [sk]);
  }

  remove(sk: S): void {
    const l = this.byPort.get(sk.num);
    if (!l) return;
    const i = l.indexOf(sk);
    if (i >= 0) l.splice(i, 1);
    if (l.length === 0) this.byPort.delete(sk.num);
  }

  /** Every socket, in port order (what a /proc/net or sock_diag dump walks). */
  all(): S[] {
    const out: S[] = [];
    for (const port of [...this.byPort.keys()].sort((a, b) => a - b)) out.push(...this.byPort.get(port)!);
    return out;
  }
}

/** net.ipv4.ip_local_port_range, and ip_local_reserved_ports aside (not emulated). */
export function localPortRange(ns: Netns): [number, number] {
  const [lo, hi] = sysctlFields(ns, 'net.ipv4.ip_local_port_range').map(Number);
  return [lo!, hi!];
}

/** Whether two sockets on the same port would receive each other's traffic: their bound
 *  addresses and devices overlap (inet_bind_conflict(), udp_lib_lport_inuse()). */
function overlaps(a: InetSock, b: InetSock): boolean {
  if (a.boundIf && b.boundIf && a.boundIf !== b.boundIf) return false;
  return !a.rcvSaddr || !b.rcvSaddr || a.rcvSaddr === b.rcvSaddr;
}

/** inet_csk_get_port() / udp_lib_get_port() for an explicit port: EADDRINUSE when a
 *  socket already there conflicts. `shareable(other)` says whether SO_REUSEADDR (and the
 *  protocol's rules) let `sk` share the port with `other`. */
export function portConflict<S extends InetSock>(space: PortSpace<S>, sk: S, port: number,
  shareable: (other: S) => boolean): boolean {
  for (const o of space.byPort.get(port) ?? []) {
    if (o === sk || !overlaps(sk, o)) continue;
    if (!shareable(o)) return true;
  }
  return false;
}

/** inet_csk_find_open_port() / udp_lib_get_port(snum 0): a free port from the local range,
 *  from a random start. bind() tries odd ports first, leaving even ones to connect(). */
export function findOpenPort<S extends InetSock>(ns: Netns, space: PortSpace<S>, sk: S,
  shareable: (other: S) => boolean, parity: 0 | 1 = 1): number {
  const [lo, hi] = localPortRange(ns);
  const n = hi - lo + 1;
  const start = ns.kernel.random.int(0, n - 1);
  for (const want of [parity, 1 - parity]) {
    for (let i = 0; i < n; i++) {
      const port = lo + ((start + i) % n);
      if ((port & 1) !== want && n > 1) continue;
      if (!portConflict(space, sk, port, shareable)) return port;
    }
  }
  return 0;
}

/** Binds `sk` to `port` (0: any free one) in `space`; returns 0 or the errno. */
export function inetGetPort<S extends InetSock>(ns: Netns, space: PortSpace<S>, sk: S, port: number,
  shareable: (other: S) => boolean): number {
  if (port === 0) {
    port = findOpenPort(ns, space, sk, shareable);
    if (!port) return EADDRINUSE;
  } else if (portConflict(space, sk, port, shareable)) {
    return EADDRINUSE;
  }
  sk.num = port;
  space.add(sk);
  return 0;
}

/** INET_TABLE_PERTURB_SIZE: table_perturb[] entries (one per low bits of the port offset). */
const TABLE_PERTURB_SIZE = 1 << 16;

/** Per machine (boot): net_secret for the port offset hash and table_perturb[], whose entries
 *  start random (get_random_sleepable_once()) and advance after every connect. */
const connectState = new WeakMap<object, { secret: [number, number]; perturb: Map<number, number> }>();

function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** secure_ipv4_port_ephemeral(): a keyed hash of (saddr, daddr, dport), as two 32-bit halves:
 *  the low one picks the table_perturb[] slot, the high one is the offset into the range. */
function portOffset(secret: [number, number], saddr: number, daddr: number, dport: number): [number, number] {
  const h = (seed: number) => mix32(mix32(mix32(seed ^ saddr) ^ daddr) ^ dport);
  return [h(secret[0]), h(secret[1])];
}

/** __inet_hash_connect(): an ephemeral port for a connecting socket. As in Linux, the search
 *  starts at an offset hashed from (saddr, daddr, dport) plus that hash's table_perturb[]
 *  slot, ports of the range's low parity first, and the slot then moves on by 2 plus a small
 *  random step: connections to one destination get increasing ports. A port is usable when
 *  nothing bind()s it and the 4-tuple it would make is unique (`unique(port)`,
 *  check_established()). */
export function inetHashConnect<S extends InetSock>(ns: Netns, space: PortSpace<S>,
  unique: (port: number) => boolean, saddr = 0, daddr = 0, dport = 0): number {
  const [lo, hi] = localPortRange(ns);
  const rnd = ns.kernel.random;
  let st = connectState.get(ns.kernel);
  if (!st) {
    st = { secret: [rnd.u32(), rnd.u32()], perturb: new Map() };
    connectState.set(ns.kernel, st);
  }
  const [low32, high32] = portOffset(st.secret, saddr, daddr, dport);
  const index = low32 & (TABLE_PERTURB_SIZE - 1);
  let perturb = st.perturb.get(index);
  if (perturb === undefined) {
    perturb = rnd.u32();
    st.perturb.set(index, perturb);
  }
  const high = hi + 1;
  let remaining = high - lo;
  if (remaining > 1) remaining &= ~1;
  let offset = (((perturb + high32) >>> 0) % remaining) & ~1;
  for (;;) {
    let port = lo + offset;
    for (let i = 0; i < remaining; i += 2, port += 2) {
      if (port >= high) port -= remaining;
      const there = space.byPort.get(port);
      if (there && there.some((o) => !o.autobound)) continue;
      if (!unique(port)) continue;
      const step = Math.max(i, rnd.int(0, 7) * 2);
      st.perturb.set(index, (perturb + step + 2) >>> 0);
      return port;
    }
    offset++;
    if (!(offset & 1) || remaining <= 1) return 0;
  }
}

/** inet_addr_valid_or_nonlocal(): bind() takes a local, broadcast or multicast address,
 *  or any address under net.ipv4.ip_nonlocal_bind. Returns 0 or EADDRNOTAVAIL. */
export function inetBindAddrCheck(ns: Netns, addr: number): number {
  if (addr === 0 || sysctlInt(ns, 'net.ipv4.ip_nonlocal_bind')) return 0;
  const t = inetAddrTypeDevTable(ns, undefined, addr);
  return t === RTN_LOCAL || t === RTN_MULTICAST || t === RTN_BROADCAST ? 0 : EADDRNOTAVAIL;
}
