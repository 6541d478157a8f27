// Normalization of scenario outputs before comparison (DESIGN.md, "The oracle
// is the real kernel"). It rewrites ONLY what is random on a real machine:
//
//  - MAC addresses, renumbered by order of first appearance to <mac-N>
//    (00:00:00:00:00:00, ff:ff:ff:ff:ff:ff and every multicast/group address
//    are kept; so is any MAC named in `keep`, e.g. one the scenario sets);
//    the same MAC written by iproute2 as part of a bridge id, where octets
//    lose their leading zero ("8000.e:4f:33:da:d7:af"), maps to the same N;
//  - IPv6 link-local addresses derived from a MAC (EUI-64), rewritten to
//    fe80::<eui-N> with N the number of the MAC they derive from, and the
//    solicited-node multicast groups of those addresses (ff02::1:ffXX:XXXX and
//    33:33:ff:XX:XX:XX) when their low 24 bits are those of a random MAC;
//  - round-trip times of ping (time=0.045 ms, the rtt min/avg/max/mdev line,
//    ipg/ewma, and "time 1001ms" in the statistics line);
//  - ping identifiers (ident=, "id N," in tcpdump, id= in conntrack), by order;
//  - timestamps in iptables-save comments;
//  - conntrack's countdown column (and <timeout> and the connection's <id> in its XML);
//  - ephemeral ports (32768-60999) after sport=/dport=, in ADDR.PORT and
//    ADDR:PORT forms and in nc -v's "Connection received on ADDR PORT", by
//    order of appearance;
//  - the NUD states that depend on timing (REACHABLE, STALE, DELAY, PROBE) are
//    folded into <NUD>;
//  - UUIDs such as /proc/sys/kernel/random/boot_id, by order of appearance;
//  - the initval of an ipset hash set created without one: the kernel draws it with
//    get_random_bytes() (ipset list/save print it); an initval the scenario gives is kept;
//  - IP IDs (LOG's ID=, tcpdump -v's "id N, offset"), numbered by first appearance;
//  - TCP initial sequence numbers in tcpdump lines (secure_tcp_seq() hashes the
//    connection with a per-boot key and adds a clock): the absolute "seq N" of
//    a SYN or SYN-ACK becomes <isn-K> by first appearance, and an "ack N" whose
//    N is such an ISN + 1 (the SYN-ACK's, a RST's answering a SYN) <isn-K>+1;
//    the relative numbers tcpdump prints after that are kept;
//  - the pid in xtables-monitor -e's NEWGEN lines (the committing process's);
//  - TCP timestamps in tcpdump lines ("TS val N ecr M": tcp_time_stamp plus a
//    random per-connection offset, tcp_v4_init_ts_off()): <ts>; an ecr of 0 is kept.
//
// Everything else (ifindexes, ordering, spacing, flags, error messages, exit
// codes) is compared as is.

export interface NormalizeOptions {
  /**
   * Strings that are deterministic although they look random: MAC addresses
   * and port numbers the scenario itself writes (see literalsOf()). They are
   * left untouched.
   */
  keep?: Iterable<string>;
}

const HEX = '[0-9a-fA-F]';
// A MAC address: six 2-digit groups, not part of a longer hex/colon run.
const MAC_RE = `(?<![0-9A-Fa-f:.])${HEX}{2}(?::${HEX}{2}){5}(?![0-9A-Fa-f:])`;
// A bridge id as iproute2 prints it: PRIO.MAC with octets printed by %x.
const BRIDGE_ID_RE = `(?<![0-9A-Fa-f:.])(${HEX}{4})\\.(${HEX}{1,2}(?::${HEX}{1,2}){5})(?![0-9A-Fa-f:])`;
// An EUI-64 link-local address: fe80::[g1:]ZZff:feBB:CCDD.
const LL_RE = `(?<![0-9A-Fa-f:])fe80::(?:(${HEX}{1,4}):)?(${HEX}{0,2})ff:fe(${HEX}{2}):(${HEX}{1,4})(?![0-9A-Fa-f:])`;
// Solicited-node multicast, IPv6 and MAC forms.
const SNM6_RE = `(?<![0-9A-Fa-f:])ff02::1:ff(${HEX}{2}):(${HEX}{1,4})(?![0-9A-Fa-f:])`;
const SNM_MAC_RE = `(?<![0-9A-Fa-f:.])33:33:ff:(${HEX}{2}):(${HEX}{2}):(${HEX}{2})(?![0-9A-Fa-f:])`;
const UUID_RE = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
// A MAC as ether_ntoa() prints it (octets without leading zeros), after xtables-monitor's
// MACSRC= / MACDST=.
const NTOA_MAC_RE = `(?<=\\bMAC(?:SRC|DST)=)${HEX}{1,2}(?::${HEX}{1,2}){5}(?![0-9A-Fa-f:])`;

const EPHEMERAL_MIN = 32768;
const EPHEMERAL_MAX = 60999;

function canonMac(octets: number[]): string {
  return octets.map((o) => o.toString(16).padStart(2, '0')).join(':');
}

function parseMac(text: string): number[] {
  return text.split(':').map((h) => parseInt(h, 16));
}

/** Keeps MACs that are not random: zero, broadcast, multicast (group bit). */
function isFixedMac(octets: number[]): boolean {
  if (octets.every((o) => o === 0)) return true;
  return (octets[0]! & 1) === 1; // multicast, including ff:ff:ff:ff:ff:ff
}

/** The MAC an EUI-64 link-local address was derived from, or undefined. */
function macOfLinkLocal(g1: string | undefined, zz: string, bb: string, ccdd: string): number[] {
  const first = g1 === undefined ? 0 : parseInt(g1, 16);
  const b2 = zz === '' ? 0 : parseInt(zz, 16);
  const low = parseInt(ccdd, 16);
  return [((first >> 8) & 0xff) ^ 0x02, first & 0xff, b2, parseInt(bb, 16), (low >> 8) & 0xff, low & 0xff];
}

/**
 * MACs (canonical form) and ephemeral-range port numbers that appear literally
 * in a scenario script: they were chosen by the author and are not random.
 */
export function literalsOf(script: string): string[] {
  const out = new Set<string>();
  for (const m of script.matchAll(new RegExp(MAC_RE, 'g'))) out.add(canonMac(parseMac(m[0])));
  for (const m of script.matchAll(/\b\d{5}\b/g)) {
    const n = Number(m[0]);
    if (n >= EPHEMERAL_MIN && n <= EPHEMERAL_MAX) out.add(m[0]);
  }
  for (const m of script.matchAll(/\binitval\s+(0[xX][0-9a-fA-F]+|\d+)\b/g)) {
    out.add(`initval:0x${(Number(m[1]!) >>> 0).toString(16).padStart(8, '0')}`);
  }
  return [...out];
}

export function normalize(text: string, options: NormalizeOptions = {}): string {
  const keep = new Set<string>();
  for (const k of options.keep ?? []) {
    keep.add(/^[0-9a-fA-F:]+$/.test(k) && k.includes(':') ? canonMac(parseMac(k)) : k);
  }

  // --- MACs and what derives from them ------------------------------------
  // Pass 1: number the random MACs by order of first appearance, whichever
  // form they appear in (plain, bridge id, or behind an EUI-64 address).
  const macNumber = new Map<string, number>();
  const note = (octets: number[]) => {
    if (octets.some((o) => Number.isNaN(o) || o > 255)) return;
    const c = canonMac(octets);
    if (isFixedMac(octets) || keep.has(c) || macNumber.has(c)) return;
    macNumber.set(c, macNumber.size + 1);
  };
  const anyMacForm = new RegExp(`${BRIDGE_ID_RE}|${LL_RE}|(${MAC_RE})|(${NTOA_MAC_RE})`, 'g');
  for (const m of text.matchAll(anyMacForm)) {
    if (m[2] !== undefined) note(parseMac(m[2]));
    else if (m[5] !== undefined) note(macOfLinkLocal(m[3], m[4] ?? '', m[5], m[6]!));
    else if (m[7] !== undefined) note(parseMac(m[7]));
    else if (m[8] !== undefined) note(parseMac(m[8]));
  }
  // Low 24 bits of each random MAC, for solicited-node groups.
  const low24 = new Map<string, number>();
  for (const [c, n] of macNumber) low24.set(c.slice(9), n);

  const lookup = (octets: number[]): number | undefined => macNumber.get(canonMac(octets));

  let out = text;
  // Solicited-node groups first (their MAC form is multicast, so MAC_RE
  // would keep it; their IPv6 form is not a link-local address).
  out = out.replace(new RegExp(SNM_MAC_RE, 'g'), (all, a: string, b: string, c: string) => {
    const n = low24.get(canonMac([a, b, c].map((h) => parseInt(h, 16))));
    return n === undefined ? all : `33:33:ff:<low24-mac-${n}>`;
  });
  out = out.replace(new RegExp(SNM6_RE, 'g'), (all, a: string, bc: string) => {
    const v = parseInt(bc, 16);
    const n = low24.get(canonMac([parseInt(a, 16), (v >> 8) & 0xff, v & 0xff]));
    return n === undefined ? all : `ff02::1:ff<low24-mac-${n}>`;
  });
  out = out.replace(new RegExp(BRIDGE_ID_RE, 'g'), (all, prio: string, mac: string) => {
    const n = lookup(parseMac(mac));
    return n === undefined ? all : `${prio}.<mac-${n}>`;
  });
  out = out.replace(new RegExp(LL_RE, 'g'), (all, g1: string | undefined, zz: string | undefined, bb: string, ccdd: string) => {
    const n = lookup(macOfLinkLocal(g1, zz ?? '', bb, ccdd));
    return n === undefined ? all : `fe80::<eui-${n}>`;
  });
  out = out.replace(new RegExp(MAC_RE, 'g'), (all) => {
    const n = lookup(parseMac(all));
    return n === undefined ? all : `<mac-${n}>`;
  });
  out = out.replace(new RegExp(NTOA_MAC_RE, 'g'), (all) => {
    const n = lookup(parseMac(all));
    return n === undefined ? all : `<mac-${n}>`;
  });

  // --- ping ------------------------------------------------------------------
  out = out.replace(/\btime=\d+(?:\.\d+)? ms\b/g, 'time=<rtt> ms');
  out = out.replace(/^(rtt|round-trip) min\/avg\/max\/mdev = [\d.\/]+ ms/gm, '$1 min/avg/max/mdev = <rtt> ms');
  out = out.replace(/\bipg\/ewma [\d.\/]+ ms/g, 'ipg/ewma <rtt> ms');
  out = out.replace(/(packet loss, time )\d+ms/g, '$1<time>ms');

  // ping identifiers: ident=N (ping -v), "id N," (tcpdump), id=N (conntrack)
  const ids = new Map<string, number>();
  const idOf = (v: string) => {
    if (!ids.has(v)) ids.set(v, ids.size + 1);
    return `<id-${ids.get(v)}>`;
  };
  out = out.replace(/\bident=(\d+)/g, (_a, v: string) => `ident=${idOf(v)}`);
  out = out.replace(/(\becho (?:request|reply), id )(\d+)/g, (_a, p: string, v: string) => p + idOf(v));
  out = out.replace(/(?<=\btype=(?:8|0|128|129) code=0 )id=(\d+)/g, (_a, v: string) => `id=${idOf(v)}`);
  // and in the kernel log lines of the LOG target (nf_log_syslog: TYPE=8 CODE=0 ID=N SEQ=1)
  out = out.replace(/(?<=\bTYPE=(?:8|0|128|129) CODE=0 )ID=(\d+)/g, (_a, v: string) => `ID=${idOf(v)}`);

  // --- iptables-save comments -----------------------------------------------
  out = out.replace(/^(# (?:Generated by .*? on|Completed on) ).*$/gm, '$1<date>');

  // --- conntrack countdown -------------------------------------------------
  out = out.replace(
    /^((?:\s*\[[A-Z]+\]\s+)?(?:ipv[46]\s+\d+\s+)?(?:tcp|udp|udplite|icmp|icmpv6|sctp|dccp|gre|unknown)\s+\d+\s+)\d+(?=\s)/gm,
    '$1<ttl>',
  );
  // ... and its XML form, with the connection id (a hash of the entry's address)
  out = out.replace(/<timeout>\d+<\/timeout>/g, '<timeout><ttl></timeout>');
  out = out.replace(/<id>\d+<\/id>/g, '<id><ct-id></id>');

  // --- TCP sequence numbers and timestamps (tcpdump) -------------------------
  // Initial sequence numbers are random (secure_tcp_seq()): those of SYNs and
  // SYN-ACKs, numbered by first appearance; an ack of ISN + 1 refers to them.
  const isns = new Map<number, number>();
  for (const m of out.matchAll(/Flags \[S[.EW]*\], seq (\d+)\b/g)) {
    const v = Number(m[1]!);
    if (!isns.has(v)) isns.set(v, isns.size + 1);
  }
  if (isns.size > 0) {
    out = out.replace(/(Flags \[S[.EW]*\], seq )(\d+)\b/g, (_a, p: string, v: string) => `${p}<isn-${isns.get(Number(v))}>`);
    out = out.replace(/(Flags \[[^\]]*\], (?:seq [^,]*, )?ack )(\d+)\b/g, (all, p: string, v: string) => {
      const n = isns.get((Number(v) + 0xffffffff) % 0x100000000);
      return n === undefined ? all : `${p}<isn-${n}>+1`;
    });
  }
  // TCP timestamps: the clock plus a random per-connection offset.
  out = out.replace(/\bTS val \d+ ecr (\d+)/g, (_a, ecr: string) => `TS val <ts> ecr ${ecr === '0' ? '0' : '<ts>'}`);

  // --- ephemeral ports -------------------------------------------------------
  const ports = new Map<string, number>();
  const portOf = (v: string): string | undefined => {
    const n = Number(v);
    if (n < EPHEMERAL_MIN || n > EPHEMERAL_MAX || keep.has(v)) return undefined;
    if (!ports.has(v)) ports.set(v, ports.size + 1);
    return `<port-${ports.get(v)}>`;
  };
  out = out.replace(/\b([sd]port=|[SD]PT=)(\d+)\b/g, (all, p: string, v: string) => {
    const r = portOf(v);
    return r === undefined ? all : p + r;
  });
  out = out.replace(/\b(\d{1,3}(?:\.\d{1,3}){3})([.:])(\d{5})\b/g, (all, a: string, sep: string, v: string) => {
    const r = portOf(v);
    return r === undefined ? all : a + sep + r;
  });
  // nc -v's "Connection received on ADDR PORT" (OpenBSD netcat's report_sock())
  out = out.replace(/(\bConnection received on \S+ )(\d{5})$/gm, (all, a: string, v: string) => {
    const r = portOf(v);
    return r === undefined ? all : a + r;
  });
  out = out.replace(/(\]):(\d{5})\b/g, (all, a: string, v: string) => {
    const r = portOf(v);
    return r === undefined ? all : `${a}:${r}`;
  });

  // --- the kernel log --------------------------------------------------------
  // printk timestamps (dmesg's "[ 5.123456]") are the machine's uptime.
  out = out.replace(/\[ *\d+\.\d{6}\]/g, '[<ktime>]');
  // The IP header's ID in LOG lines ("TTL=64 ID=12345"): __ip_select_ident() draws it from
  // per-destination counters advanced by random amounts. Numbered by first appearance, so
  // that one packet seen at several hooks keeps one number; 0 (DF packets of connected
  // sockets and resets) is kept.
  const ipids = new Map<string, number>();
  out = out.replace(/(\bTTL=\d+ )ID=([1-9]\d*)\b/g, (_a, p: string, v: string) => {
    if (!ipids.has(v)) ipids.set(v, ipids.size + 1);
    return `${p}ID=<ipid-${ipids.get(v)}>`;
  });
  // ... and in tcpdump -v's IPv4 header "(tos 0x0, ttl 64, id 12345, offset 0, ...".
  out = out.replace(/(\(tos 0x[0-9a-f]+(?:,[A-Z0-9()]+)?, (?:ttl \d+, )?id )([1-9]\d*)(?=, offset )/g, (_a, p: string, v: string) => {
    if (!ipids.has(v)) ipids.set(v, ipids.size + 1);
    return `${p}<ipid-${ipids.get(v)}>`;
  });
  // IPv6 flow labels (FLOWLBL=N): ip6_make_flowlabel() hashes the flow with a per-boot key.
  const flows = new Map<string, number>();
  out = out.replace(/\bFLOWLBL=([1-9]\d*)\b/g, (_a, v: string) => {
    if (!flows.has(v)) flows.set(v, flows.size + 1);
    return `FLOWLBL=<flow-${flows.get(v)}>`;
  });

  // --- nf_tables trace (xtables-monitor --trace) ------------------------------
  // The trace id hashes the skb's address (trace_fill_id()): numbered by first
  // appearance, so that one packet keeps its number across hooks. (The IP ids of
  // its PACKET lines are the LOG lines' "TTL=64 ID=N" above.)
  const traceIds = new Map<string, number>();
  out = out.replace(/^(PACKET: \d+ | TRACE: \d+ )([0-9a-f]{8})(?= )/gm, (_a, p: string, v: string) => {
    if (!traceIds.has(v)) traceIds.set(v, traceIds.size + 1);
    return `${p}<trace-${traceIds.get(v)}>`;
  });

  // The committing process's pid in xtables-monitor -e's NEWGEN lines.
  out = out.replace(/^(NEWGEN: GENID=\d+ PID=)\d+(?= NAME=)/gm, '$1<pid>');

  // --- NUD states that depend on timing --------------------------------------
  out = out.replace(/\b(REACHABLE|STALE|DELAY|PROBE)\b/g, '<NUD>');

  // --- ipset hash initval (random unless the scenario chose it) ---------------
  out = out.replace(/(\binitval |<initval>)(0x[0-9a-f]{8})\b/g, (all, p: string, v: string) =>
    (keep.has(`initval:${v}`) ? all : `${p}<initval>`));

  // --- UUIDs (boot_id, ...) --------------------------------------------------
  const uuids = new Map<string, number>();
  out = out.replace(UUID_RE, (u) => {
    const k = u.toLowerCase();
    if (!uuids.has(k)) uuids.set(k, uuids.size + 1);
    return `<uuid-${uuids.get(k)}>`;
  });

  return out;
}

// Command line, for record.sh --check and for debugging:
//   node dist/test/conformance/normalize.js [--script SCENARIO.sh] FILE
// prints FILE normalized (keeping the literals of SCENARIO.sh).
const argv1 = typeof process !== 'undefined' ? process.argv[1] : undefined;
if (argv1 !== undefined && import.meta.url === (await import('node:url')).pathToFileURL(argv1).href) {
  const fs = await import('node:fs');
  const args = process.argv.slice(2);
  let keep: string[] = [];
  if (args[0] === '--script' && args[1] !== undefined) {
    keep = literalsOf(fs.readFileSync(args[1], 'utf8'));
    args.splice(0, 2);
  }
  if (args.length !== 1) {
    process.stderr.write('usage: normalize.js [--script SCENARIO.sh] FILE\n');
    process.exit(2);
  }
  process.stdout.write(normalize(fs.readFileSync(args[0]!, 'utf8'), { keep }));
}
