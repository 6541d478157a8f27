// net/netfilter/xt_owner.c: the owner of a locally generated packet's socket (owner_mt()).
// netsim's packets carry no socket: an ICMP echo request leaving a namespace is taken to come
// from a ping socket of uid 0 / gid 0 (every emulated program runs as root); other locally
// generated packets (echo replies, ICMP errors) come from the kernel's control socket, which
// has no file; forwarded packets have no socket.
import { xtRegisterMatch } from './x_tables.js';
import type { SkBuff } from '../core/skbuff.js';
import type { NetDevice } from '../core/netdevice.js';

export const XT_OWNER_UID = 1, XT_OWNER_GID = 2, XT_OWNER_SOCKET = 4;

/** struct xt_owner_match_info */
export interface OwnerInfo {
  uidMin: number;
  uidMax: number;
  gidMin: number;
  gidMax: number;
  match: number;
  invert: number;
}

const ROOT = { uid: 0, gid: 0 };

/** The fsuid/fsgid of the file behind a locally generated packet's socket
 *  (sk->sk_socket->file->f_cred); undefined for a forwarded or received packet and for the
 *  kernel's own sockets, which have no file. `thoff` is the transport header's offset in `b`. */
export function skbSockCred(skb: SkBuff, indev: NetDevice | undefined, proto: number, b: Uint8Array,
  thoff: number): { uid: number; gid: number } | undefined {
  if (indev !== undefined || skb.iif !== 0) return undefined;
  // Echo requests (ICMP or ICMPv6) come from ping's socket.
  return (proto === 1 && b[thoff] === 8) || (proto === 58 && b[thoff] === 128) ? ROOT : undefined;
}

xtRegisterMatch<OwnerInfo>({
  name: 'owner',
  match(p, m) {
    const local = p.in === undefined && p.skb.iif === 0;
    if (!local) return ((m.match ^ m.invert) >>> 0) === 0;
    if (m.match & m.invert & XT_OWNER_SOCKET) return false;
    const cred = skbSockCred(p.skb, p.in, p.proto, p.buf, p.thoff);
    if (!cred) return ((m.match ^ m.invert) & (XT_OWNER_UID | XT_OWNER_GID)) === 0;
    const { uid, gid } = cred;
    if (m.match & XT_OWNER_UID) {
      if ((uid >= m.uidMin && uid <= m.uidMax) === ((m.invert & XT_OWNER_UID) !== 0)) return false;
    }
    if (m.match & XT_OWNER_GID) {
      if ((gid >= m.gidMin && gid <= m.gidMax) === ((m.invert & XT_OWNER_GID) !== 0)) return false;
    }
    return true;
  },
});
