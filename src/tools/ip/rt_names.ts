// iproute2's lib/rt_names.c: the names of routing tables, protocols, scopes, realms, dsfield
// values and device groups, read from /etc/iproute2 as the real tool reads them (the files
// live in the emulated machine's Kernel.files; a Debian system's defaults when absent), and
// rtnl_rtntype_n2a()/a2n().
import type { Kernel } from '../../kernel/kernel.js';
import { matches, invarg } from '../lib/args.js';

// The /etc/iproute2 files of a Debian system with iproute2 6.1 (generated from the real ones).
export const IPROUTE2_FILES: Record<string, string> = {
  "/etc/iproute2/rt_tables": "#\n# reserved values\n#\n255\tlocal\n254\tmain\n253\tdefault\n0\tunspec\n#\n# local\n#\n#1\tinr.ruhep\n",
  "/etc/iproute2/rt_protos": "#\n# Reserved protocols.\n#\n0\tunspec\n1\tredirect\n2\tkernel\n3\tboot\n4\tstatic\n8\tgated\n9\tra\n10\tmrt\n11\tzebra\n12\tbird\n13\tdnrouted\n14\txorp\n15\tntk\n16\tdhcp\n18\tkeepalived\n42\tbabel\n99\topenr\n186\tbgp\n187\tisis\n188\tospf\n189\trip\n192\teigrp\n",
  "/etc/iproute2/rt_scopes": "#\n# reserved values\n#\n0\tglobal\n255\tnowhere\n254\thost\n253\tlink\n#\n# pseudo-reserved\n#\n200\tsite\n",
  "/etc/iproute2/rt_dsfield": "# Differentiated field values\n# These include the DSCP and unused bits\n0x0\tdefault\n# Newer RFC2597 values\n0x28\tAF11\n0x30\tAF12\n0x38\tAF13\n0x48\tAF21\n0x50\tAF22\n0x58\tAF23\n0x68\tAF31\n0x70\tAF32\n0x78\tAF33\n0x88\tAF41\n0x90\tAF42\n0x98\tAF43\n# Older values RFC2474\n0x20\tCS1\n0x40\tCS2\n0x60\tCS3\n0x80\tCS4\n0xA0\tCS5\n0xC0\tCS6\n0xE0\tCS7\n# RFC 2598\n0xB8\tEF\n",
  "/etc/iproute2/rt_realms": "#\n# reserved values\n#\n0\tcosmos\n#\n# local\n#\n#1\tinr.ac\n#2\tinr.ruhep\n#3\tfreenet\n#4\tradio-msu\n#5\trussia\n#6\tinternet\n",
  "/etc/iproute2/group": "# device group names\n0\tdefault\n",
};

/** Installs the default /etc/iproute2 files into a machine (those it does not have yet). */
export function installIproute2Files(k: Kernel): void {
  for (const [path, text] of Object.entries(IPROUTE2_FILES)) if (!k.files.has(path)) k.files.set(path, text);
}

function readFile(k: Kernel, path: string): string | undefined {
  return k.files.get(path) ?? IPROUTE2_FILES[path];
}

/** fread_id_name(): "ID NAME" lines; '#' comments; ids in decimal or 0x hex. */
function parseIdNames(text: string | undefined): [number, string][] {
  const out: [number, string][] = [];
  if (!text) return out;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^[ \t]+/, '');
    if (line === '' || line[0] === '#') continue;
    const m = /^(0x[0-9a-fA-F]+|[-+]?\d+)[ \t\n\r\f\v]+(\S+)/.exec(line);
    if (!m) break; // "Database ... is corrupted": the rest is ignored
    const id = m[1]!.startsWith('0x') ? parseInt(m[1]!.slice(2), 16) : parseInt(m[1]!, 10);
    if (id < 0) continue;
    out.push([id, m[2]!]);
  }
  return out;
}

/** A config file plus the *.conf files of its ".d" directory. */
function readWithDir(k: Kernel, base: string): [number, string][] {
  const out = parseIdNames(readFile(k, base));
  const dir = base + '.d/';
  const extra = [...k.files.keys()].filter((p) => p.startsWith(dir) && p.endsWith('.conf') && !p.slice(dir.length).includes('/')).sort();
  for (const p of extra) out.push(...parseIdNames(k.files.get(p)));
  return out;
}

/** strtoul(arg, &end, base) accepting the whole string, as the a2n fallbacks use it. */
export function strtoulFull(s: string, base: 0 | 10 | 16): number | undefined {
  const m = /^[ \t\n\r\f\v]*([+-]?)(.*)$/.exec(s)!;
  let body = m[2]!;
  let b: number = base;
  if ((b === 0 || b === 16) && /^0[xX][0-9a-fA-F]/.test(body)) {
    body = body.slice(2);
    b = 16;
  } else if (b === 0) b = body.startsWith('0') ? 8 : 10;
  const digits = b === 16 ? /^[0-9a-fA-F]+$/ : b === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!digits.test(body)) return undefined;
  let v = BigInt(0);
  for (const c of body) v = v * BigInt(b) + BigInt(parseInt(c, b));
  if (m[1] === '-') v = (BigInt(1) << BigInt(64)) - v;
  if (v > BigInt('0xffffffffffffffff')) return undefined;
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

/** The table database: builtins local/main/default, then the files, newest entry first
 *  within a hash bucket (id & 255). */
export class RtNames {
  private tables: [number, string][][] = [];
  private protos: (string | undefined)[] = [];
  private scopes: (string | undefined)[] = [];
  private realms: (string | undefined)[] = [];
  private dsfield: (string | undefined)[] = [];
  private groups: [number, string][] = [];

  constructor(k: Kernel) {
    for (let i = 0; i < 256; i++) this.tables.push([]);
    this.tables[253]!.push([253, 'default']);
    this.tables[254]!.push([254, 'main']);
    this.tables[255]!.push([255, 'local']);
    for (const [id, name] of readWithDir(k, '/etc/iproute2/rt_tables')) this.tables[id & 255]!.unshift([id, name]);
    const protoBuiltin: Record<number, string> = {
      0: 'unspec', 1: 'redirect', 2: 'kernel', 3: 'boot', 4: 'static', 8: 'gated', 9: 'ra', 10: 'mrt', 11: 'zebra',
      12: 'bird', 13: 'dnrouted', 14: 'xorp', 15: 'ntk', 16: 'dhcp', 18: 'keepalived', 42: 'babel', 186: 'bgp',
      187: 'isis', 188: 'ospf', 189: 'rip', 192: 'eigrp',
    };
    for (const [id, n] of Object.entries(protoBuiltin)) this.protos[Number(id)] = n;
    for (const [id, name] of readWithDir(k, '/etc/iproute2/rt_protos')) if (id < 256) this.protos[id] = name;
    const scopeBuiltin: Record<number, string> = { 0: 'global', 255: 'nowhere', 254: 'host', 253: 'link', 200: 'site' };
    for (const [id, n] of Object.entries(scopeBuiltin)) this.scopes[Number(id)] = n;
    for (const [id, name] of parseIdNames(readFile(k, '/etc/iproute2/rt_scopes'))) if (id < 256) this.scopes[id] = name;
    this.realms[0] = 'cosmos';
    for (const [id, name] of parseIdNames(readFile(k, '/etc/iproute2/rt_realms'))) if (id < 256) this.realms[id] = name;
    for (const [id, name] of parseIdNames(readFile(k, '/etc/iproute2/rt_dsfield'))) if (id < 256) this.dsfield[id] = name;
    this.groups = parseIdNames(readFile(k, '/etc/iproute2/group'));
  }

  /** rtnl_rttable_n2a() */
  tableName(id: number, numeric = false): string {
    const e = this.tables[id & 255]!.find((x) => x[0] === id);
    return !numeric && e ? e[1] : String(id >>> 0);
  }

  /** rtnl_rttable_a2n() */
  tableId(arg: string): number | undefined {
    for (let i = 0; i < 256; i++) {
      const e = this.tables[i]!.find((x) => x[1] === arg);
      if (e) return e[0];
    }
    if (arg === '') return undefined;
    const v = strtoulFull(arg, 0);
    if (v === undefined || v > 0xffffffff) return undefined;
    return v;
  }

  /** rtnl_rtprot_n2a() */
  protoName(id: number, numeric = false): string {
    if (id < 0 || id >= 256 || numeric) return String(id);
    return this.protos[id] ?? String(id);
  }

  /** rtnl_rtprot_a2n() */
  protoId(arg: string): number | undefined {
    const i = this.protos.indexOf(arg);
    if (i >= 0) return i;
    const v = strtoulFull(arg, 0);
    return v === undefined || v > 255 || arg === '' ? undefined : v;
  }

  /** A `protocol` selector of a listing: a name or number, or "all" (mask 0). */
  protoSelector(arg: string): { protocol: number; mask: number } {
    const prot = this.protoId(arg);
    if (prot !== undefined) return { protocol: prot, mask: -1 };
    if (arg !== 'all') throw invarg('invalid "protocol"\n', arg);
    return { protocol: 0, mask: 0 };
  }

  /** rtnl_rtscope_n2a() */
  scopeName(id: number, numeric = false): string {
    if (id < 0 || id >= 256 || numeric) return String(id);
    return this.scopes[id] ?? String(id);
  }

  /** rtnl_rtscope_a2n() */
  scopeId(arg: string): number | undefined {
    const i = this.scopes.indexOf(arg);
    if (i >= 0) return i;
    const v = strtoulFull(arg, 0);
    return v === undefined || v > 255 || arg === '' ? undefined : v;
  }

  /** rtnl_rtrealm_n2a() */
  realmName(id: number, numeric = false): string {
    if (id < 0 || id >= 256 || numeric) return String(id);
    return this.realms[id] ?? String(id);
  }

  /** rtnl_rtrealm_a2n() */
  realmId(arg: string): number | undefined {
    const i = this.realms.indexOf(arg);
    if (i >= 0) return i;
    const v = strtoulFull(arg, 0);
    return v === undefined || v > 255 || arg === '' ? undefined : v;
  }

  /** rtnl_dsfield_n2a() */
  dsfieldName(id: number, numeric = false): string {
    if (id < 0 || id >= 256) return String(id);
    if (!numeric && this.dsfield[id]) return this.dsfield[id]!;
    return '0x' + id.toString(16).padStart(2, '0');
  }

  /** rtnl_dsfield_a2n(): names, else hexadecimal. */
  dsfieldId(arg: string): number | undefined {
    const i = this.dsfield.indexOf(arg);
    if (i >= 0) return i;
    const v = strtoulFull(arg, 16);
    return v === undefined || v > 255 || arg === '' ? undefined : v;
  }

  /** get_rt_realms_or_raw() */
  realmsArg(arg: string): number | undefined {
    const raw = strtoulFull(arg, 0);
    if (raw !== undefined && raw <= 0xffffffff && arg !== '') return raw;
    let realms = 0;
    const slash = arg.indexOf('/');
    let rest = arg;
    if (slash >= 0) {
      const from = this.realmId(arg.slice(0, slash));
      if (from === undefined) return undefined;
      realms = from << 16;
      rest = arg.slice(slash + 1);
    }
    if (rest) {
      const to = this.realmId(rest);
      if (to === undefined) return undefined;
      realms |= to;
    }
    return realms >>> 0;
  }

  /** rtnl_group_n2a() */
  groupName(id: number): string {
    const e = this.groups.find((x) => x[0] === id);
    return e ? e[1] : String(id);
  }

  /** rtnl_group_a2n() */
  groupId(arg: string): number | undefined {
    const e = this.groups.find((x) => x[1] === arg);
    if (e) return e[0];
    const v = strtoulFull(arg, 0);
    return v === undefined || v > 0x7fffffff || arg === '' ? undefined : v;
  }
}

const RTN_NAMES = ['none', 'unicast', 'local', 'broadcast', 'anycast', 'multicast', 'blackhole', 'unreachable',
  'prohibit', 'throw', 'nat', 'xresolve'];

/** rtnl_rtntype_n2a() */
export function rtntypeName(id: number): string {
  return RTN_NAMES[id] ?? String(id);
}

/** rtnl_rtntype_a2n(): note the prefix matches ("b" is broadcast, "u" unreachable). */
export function rtntypeId(arg: string): number | undefined {
  if (arg === 'local') return 2;
  if (arg === 'nat') return 10;
  if (matches(arg, 'broadcast') || arg === 'brd') return 3;
  if (matches(arg, 'anycast')) return 4;
  if (matches(arg, 'multicast')) return 5;
  if (matches(arg, 'prohibit')) return 8;
  if (matches(arg, 'unreachable')) return 7;
  if (matches(arg, 'blackhole')) return 6;
  if (matches(arg, 'xresolve')) return 11;
  if (matches(arg, 'unicast')) return 1;
  if (arg === 'throw') return 9;
  const v = strtoulFull(arg, 0);
  return v === undefined || v > 255 || arg === '' ? undefined : v;
}

/** inet_proto_a2n()/n2a() for the protocols rules and route get take. */
const PROTOS: Record<string, number> = {
  ip: 0, hopopt: 0, icmp: 1, igmp: 2, ggp: 3, ipencap: 4, st: 5, tcp: 6, egp: 8, igp: 9, pup: 12, udp: 17,
  hmp: 20, 'xns-idp': 22, rdp: 27, 'iso-tp4': 29, dccp: 33, xtp: 36, ddp: 37, 'idpr-cmtp': 38, ipv6: 41,
  'ipv6-route': 43, 'ipv6-frag': 44, idrp: 45, rsvp: 46, gre: 47, esp: 50, ah: 51, skip: 57, 'ipv6-icmp': 58,
  'ipv6-nonxt': 59, 'ipv6-opts': 60, rspf: 73, vmtp: 81, eigrp: 88, ospf: 89, 'ax.25': 93, ipip: 94,
  etherip: 97, encap: 98, pim: 103, ipcomp: 108, vrrp: 112, l2tp: 115, isis: 124, sctp: 132, fc: 133,
  'mobility-header': 135, udplite: 136, 'mpls-in-ip': 137, manet: 138, hip: 139, shim6: 140, wesp: 141,
  rohc: 142, ethernet: 143, mptcp: 262,
};

export function inetProtoId(arg: string): number | undefined {
  if (arg in PROTOS) return PROTOS[arg];
  const v = strtoulFull(arg, 0);
  return v === undefined || v > 255 || arg === '' ? undefined : v;
}

export function inetProtoName(id: number): string {
  for (const [n, v] of Object.entries(PROTOS)) if (v === id && n !== 'hopopt' && n !== 'ip') return n;
  if (id === 0) return 'ip';
  return String(id);
}
