// <linux/if.h>, <linux/if_arp.h>: interface flags, ARPHRD types, operstates.

export const IFF_UP = 0x1, IFF_BROADCAST = 0x2, IFF_DEBUG = 0x4, IFF_LOOPBACK = 0x8,
  IFF_POINTOPOINT = 0x10, IFF_NOTRAILERS = 0x20, IFF_RUNNING = 0x40, IFF_NOARP = 0x80,
  IFF_PROMISC = 0x100, IFF_ALLMULTI = 0x200, IFF_MASTER = 0x400, IFF_SLAVE = 0x800,
  IFF_MULTICAST = 0x1000, IFF_PORTSEL = 0x2000, IFF_AUTOMEDIA = 0x4000, IFF_DYNAMIC = 0x8000,
  IFF_LOWER_UP = 0x10000, IFF_DORMANT = 0x20000, IFF_ECHO = 0x40000;

export const ARPHRD_ETHER = 1, ARPHRD_NONE = 0xfffe, ARPHRD_LOOPBACK = 772, ARPHRD_VOID = 0xffff;

/** RFC 2863 operational states (IF_OPER_*), in their numeric order. */
export const OPERSTATES = ['UNKNOWN', 'NOTPRESENT', 'DOWN', 'LOWERLAYERDOWN', 'TESTING', 'DORMANT', 'UP'] as const;
export type OperState = (typeof OPERSTATES)[number];

export const IFNAMSIZ = 16;

/** dev_valid_name() */
export function devValidName(name: string): boolean {
  if (name.length === 0 || Buffer.byteLength(name) >= IFNAMSIZ) return false;
  if (name === '.' || name === '..') return false;
  for (const c of name) if (c === '/' || c === ':' || /\s/.test(c)) return false;
  return true;
}
