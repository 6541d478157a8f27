// include/uapi/linux/errqueue.h and net/ipv4/ip_sockglue.c's ip_icmp_error()/ip_local_error():
// what a socket with IP_RECVERR finds on its error queue.

export const SO_EE_ORIGIN_LOCAL = 1, SO_EE_ORIGIN_ICMP = 2;

/** An entry of a socket's error queue: struct sock_extended_err, with what
 *  recvmsg(MSG_ERRQUEUE) returns beside it (msg_name and the data). */
export interface SockExtendedErr {
  /** ee_errno */
  errno: number;
  /** ee_origin: SO_EE_ORIGIN_ICMP, or SO_EE_ORIGIN_LOCAL for an error of our own stack. */
  origin: number;
  /** ee_type / ee_code: the ICMP message's (0 for local errors). */
  type: number;
  code: number;
  /** ee_info: the next-hop MTU of "fragmentation needed" (or a local EMSGSIZE), else 0. */
  info: number;
  /** SO_EE_OFFENDER(): the source of the ICMP message (0 for local errors). */
  offender: number;
  /** msg_name: the destination address (and port, 0 for raw sockets) of the datagram the
   *  error is about. */
  target: number;
  port: number;
  /** The data: that datagram as far as the ICMP message quoted it, from its transport header. */
  payload: Uint8Array;
}
