// What iptables and ip6tables share (iptables/xshared.c, nft-shared.h): the parameter-problem
// errors, and struct nft_family_ops — the family's half of the command line and of the
// listings (nft-ipv4.c, nft-ipv6.c): how -s/-d are parsed, saved and listed.
import type { IptEntry } from '../../kernel/netfilter/x_tables.js';

/** Replaced by the program's name and version when the message is printed. */
export const PROG = '\u0000';

/** xtables_error(PARAMETER_PROBLEM, ...): exit 2 with the "Try" hint. */
export class ParamError extends Error {
  constructor(readonly text: string, readonly status = 2, readonly hint = true, readonly kernel = false) {
    super(text);
  }
  /** The message as `prog` ("iptables v1.8.9 (nf_tables)") prints it, without the hint. */
  format(prog: string): string {
    return this.text.replace('\u0000', prog);
  }
}
/** An error the kernel (or libiptc-style layer) reports: "iptables: ...", exit 1. */
export const kerr = (text: string, status = 1): ParamError => new ParamError(text, status, false, true);
export const perr = (text: string): ParamError => new ParamError(`${PROG}: ${text}`);

/** The "Try" line of a program (exit_tryhelp()). */
export const tryHelp = (prog: string): string => `Try \`${prog} -h' or '${prog} --help' for more information.\n`;

/** The emulated /etc/hosts as getaddrinfo() and getnameinfo() read it (files only: the
 *  emulated machines have no DNS). */
export interface Hosts {
  /** The addresses of a name, as written in the file. */
  byName(name: string): string[];
  /** The first name of an address (written as the file writes it). */
  byAddr(addr: string): string | undefined;
}

let lastHosts: { text: string; hosts: Hosts } | undefined;

/** A Hosts over the text of an /etc/hosts file (the last one kept: every -s of a long
 *  iptables-restore asks). */
export function hostsOf(text: string): Hosts {
  if (lastHosts?.text === text) return lastHosts.hosts;
  const entries: { addr: string; names: string[] }[] = [];
  for (const line of text.split('\n')) {
    const w = line.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (w.length >= 2) entries.push({ addr: w[0]!, names: w.slice(1) });
  }
  const hosts: Hosts = {
    byName: (n) => entries.filter((e) => e.names.includes(n)).map((e) => e.addr),
    byAddr: (a) => entries.find((e) => e.addr === a)?.names[0],
  };
  lastHosts = { text, hosts };
  return hosts;
}

/** struct nft_family_ops (the part of it netsim needs). `A` is one parsed -s/-d value: an
 *  address and its mask. */
export interface NftFamilyOps<A = unknown> {
  /** NFPROTO_IPV4 or NFPROTO_IPV6. */
  af: number;
  /** The program: "iptables" or "ip6tables". */
  prog: string;
  /** -s / -d not given: any address. */
  any: A;
  /** xtables_ipparse_multiple() / xtables_ip6parse_multiple(): the comma-separated value of
   *  -s or -d, each address masked. */
  parseAddrs(v: string, hosts?: Hosts): A[];
  /** Gives rule `e` its source or destination. */
  setAddr(e: IptEntry, src: boolean, a: A): void;
  /** Whether the rule's source (destination) mask is all zeros. */
  anyAddr(e: IptEntry, src: boolean): boolean;
  /** The rule's addresses as -S and iptables-save write them (" -s A/L -d B/L", "! " for an
   *  inverted one; nothing for a zero mask). */
  saveAddrs(e: IptEntry): string;
  /** -L's text for the source or destination (without the padding): "anywhere" for a zero
   *  mask unless numeric. */
  listAddr(e: IptEntry, src: boolean, numeric: boolean, hosts?: Hosts): string;
}
