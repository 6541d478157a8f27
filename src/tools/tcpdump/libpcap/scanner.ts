// libpcap's scanner.l (1.10): the tokens of a pcap-filter expression. Flex picks the longest
// match and, between matches of one length, the rule listed first; keywords are
// case-sensitive, so "HOST" is a name. Numbers are C-style (0x hex, 0 octal) and must fit in
// 32 bits; the named constants (tcpflags, icmp-echo, ...) are numbers too.
import { FilterError } from './errors.js';
import { parseIPv6 } from '../../../wire/inet.js';

export type Tok =
  | { t: 'kw'; k: string; text: string }
  | { t: 'num'; v: number; text: string }
  | { t: 'id'; s: string; text: string }
  | { t: 'hid'; s: string; text: string }
  | { t: 'hid6'; s: string; text: string }
  | { t: 'eid'; s: string; text: string }
  | { t: 'aid'; s: string; text: string }
  | { t: 'op'; s: string; text: string }
  | { t: 'lexerr'; text: string }
  | { t: 'eof'; text: string };

/** Keywords -> the token the grammar sees (aliases fold into one name). */
const KEYWORDS: Record<string, string> = {
  dst: 'dst', src: 'src',
  link: 'link', ether: 'link', ppp: 'link', slip: 'link', fddi: 'link', tr: 'link', wlan: 'link',
  arp: 'arp', rarp: 'rarp', ip: 'ip', sctp: 'sctp', tcp: 'tcp', udp: 'udp', icmp: 'icmp',
  igmp: 'igmp', igrp: 'igrp', pim: 'pim', vrrp: 'vrrp', carp: 'carp', radio: 'radio',
  ip6: 'ip6', icmp6: 'icmp6', ah: 'ah', esp: 'esp',
  atalk: 'atalk', aarp: 'aarp', decnet: 'decnet', lat: 'lat', sca: 'sca', moprc: 'moprc', mopdl: 'mopdl',
  iso: 'iso', esis: 'esis', 'es-is': 'esis', isis: 'isis', 'is-is': 'isis', l1: 'l1', l2: 'l2',
  iih: 'iih', lsp: 'lsp', snp: 'snp', csnp: 'csnp', psnp: 'psnp', clnp: 'clnp', stp: 'stp',
  ipx: 'ipx', netbeui: 'netbeui',
  host: 'host', net: 'net', mask: 'mask', port: 'port', portrange: 'portrange', proto: 'proto',
  protochain: 'protochain', gateway: 'gateway',
  type: 'type', subtype: 'subtype', direction: 'dir', dir: 'dir',
  address1: 'addr1', addr1: 'addr1', address2: 'addr2', addr2: 'addr2', address3: 'addr3',
  addr3: 'addr3', address4: 'addr4', addr4: 'addr4', ra: 'ra', ta: 'ta',
  less: 'less', greater: 'greater', byte: 'byte', broadcast: 'broadcast', multicast: 'multicast',
  and: 'and', '&&': 'and', or: 'or', '||': 'or', not: '!',
  len: 'len', length: 'len', inbound: 'inbound', outbound: 'outbound', ifindex: 'ifindex',
  vlan: 'vlan', mpls: 'mpls', pppoed: 'pppoed', pppoes: 'pppoes', geneve: 'geneve',
  lane: 'lane', llc: 'llc', metac: 'metac', bcc: 'bcc', oam: 'oam', oamf4: 'oamf4',
  oamf4ec: 'oamf4ec', oamf4sc: 'oamf4sc', sc: 'sc', ilmic: 'ilmic', vpi: 'vpi', vci: 'vci',
  connectmsg: 'connectmsg', metaconnect: 'metaconnect',
  on: 'pf_ifname', ifname: 'pf_ifname', rset: 'pf_rset', ruleset: 'pf_rset', rnr: 'pf_rnr',
  rulenum: 'pf_rnr', srnr: 'pf_srnr', subrulenum: 'pf_srnr', reason: 'pf_reason', action: 'pf_action',
  fisu: 'fisu', lssu: 'lssu', lsu: 'lssu', msu: 'msu', hfisu: 'hfisu', hlssu: 'hlssu', hmsu: 'hmsu',
  sio: 'sio', opc: 'opc', dpc: 'dpc', sls: 'sls', hsio: 'hsio', hopc: 'hopc', hdpc: 'hdpc', hsls: 'hsls',
};

/** The named numbers (scanner.l's icmptype ... tcp-cwr rules). */
export const NAMED_NUMBERS: Record<string, number> = {
  icmptype: 0, icmpcode: 1,
  'icmp-echoreply': 0, 'icmp-unreach': 3, 'icmp-sourcequench': 4, 'icmp-redirect': 5, 'icmp-echo': 8,
  'icmp-routeradvert': 9, 'icmp-routersolicit': 10, 'icmp-timxceed': 11, 'icmp-paramprob': 12,
  'icmp-tstamp': 13, 'icmp-tstampreply': 14, 'icmp-ireq': 15, 'icmp-ireqreply': 16,
  'icmp-maskreq': 17, 'icmp-maskreply': 18,
  icmp6type: 0, icmp6code: 1,
  'icmp6-destinationunreach': 1, 'icmp6-packettoobig': 2, 'icmp6-timeexceeded': 3,
  'icmp6-parameterproblem': 4, 'icmp6-echo': 128, 'icmp6-echoreply': 129,
  'icmp6-multicastlistenerquery': 130, 'icmp6-multicastlistenerreportv1': 131,
  'icmp6-multicastlistenerdone': 132, 'icmp6-routersolicit': 133, 'icmp6-routeradvert': 134,
  'icmp6-neighborsolicit': 135, 'icmp6-neighboradvert': 136, 'icmp6-redirect': 137,
  'icmp6-routerrenum': 138, 'icmp6-nodeinformationquery': 139, 'icmp6-nodeinformationresponse': 140,
  'icmp6-ineighbordiscoverysolicit': 141, 'icmp6-ineighbordiscoveryadvert': 142,
  'icmp6-multicastlistenerreportv2': 143, 'icmp6-homeagentdiscoveryrequest': 144,
  'icmp6-homeagentdiscoveryreply': 145, 'icmp6-mobileprefixsolicit': 146,
  'icmp6-mobileprefixadvert': 147, 'icmp6-certpathsolicit': 148, 'icmp6-certpathadvert': 149,
  'icmp6-multicastrouteradvert': 151, 'icmp6-multicastroutersolicit': 152,
  'icmp6-multicastrouterterm': 153,
  tcpflags: 13, 'tcp-fin': 0x01, 'tcp-syn': 0x02, 'tcp-rst': 0x04, 'tcp-push': 0x08,
  'tcp-ack': 0x10, 'tcp-urg': 0x20, 'tcp-ece': 0x40, 'tcp-cwr': 0x80,
};

const OPS2 = ['>=', '<=', '!=', '==', '<<', '>>', '&&', '||'];
const OPS1 = '+-*/%:[]!<>()&|^=';

// The patterns of scanner.l, anchored (y flag) at the scan position.
const B = '[0-9A-Fa-f][0-9A-Fa-f]?';
const B2 = '[0-9A-Fa-f]{4}';
const N = '(?:0[Xx][0-9A-Fa-f]+|[0-9]+)';
const RE_MAC = new RegExp(`(?:${B}:${B}:${B}:${B}:${B}:${B}|${B}-${B}-${B}-${B}-${B}-${B}|${B}\\.${B}\\.${B}\\.${B}\\.${B}\\.${B}|${B2}\\.${B2}\\.${B2}|${B2}${B2}${B2})`, 'y');
const RE_N = new RegExp(N, 'y');
const RE_HID = new RegExp(`${N}(?:\\.${N}){1,3}`, 'y');
const RE_V6 = /[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(?:\.[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+|[0-9A-Fa-f])?/y;
const RE_BOGUS_MAC = new RegExp(`${B}:+(?:${B}:+)+`, 'y');
const RE_AID = new RegExp(`\\$${B}`, 'y');
const RE_ID = /[A-Za-z0-9](?:[-_.A-Za-z0-9]*[.A-Za-z0-9])?/y;
const RE_ESC = /\\[^ !()\n\t]+/y;

function matchAt(re: RegExp, s: string, i: number): string | undefined {
  re.lastIndex = i;
  const m = re.exec(s);
  return m ? m[0] : undefined;
}

/** stou(): a C number, or an error for octal digits 8/9 and values past 32 bits. */
function stou(text: string): number {
  let base = 10;
  let digits = text;
  if (text.startsWith('0x') || text.startsWith('0X')) {
    base = 16;
    digits = text.slice(2);
  } else if (text.length > 1 && text[0] === '0') {
    base = 8;
    digits = text.slice(1);
  }
  let v = 0;
  for (const c of digits) {
    const d = parseInt(c, 16);
    if (base === 8 && d > 7) throw new FilterError(`number ${text} contains non-octal digit`);
    v = v * base + d;
    if (v > 0xffffffff) throw new FilterError(`number ${text} overflows 32 bits`);
  }
  return v;
}

/** A candidate match: its length, the rule's rank (lower first on ties), and its token. */
type Cand = [number, number, () => Tok];

/** The tokens of `s` (a LEX_ERROR token stops the parse as yacc sees it). */
export function scan(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const cands: Cand[] = [];
    // keywords (ranked first, in scanner.l's order they precede every pattern)
    const word = matchAt(RE_ID, s, i);
    if (word !== undefined && KEYWORDS[word] !== undefined) {
      cands.push([word.length, 0, () => ({ t: 'kw', k: KEYWORDS[word]!, text: word })]);
    }
    for (const k of ['es-is', 'is-is']) {
      if (s.startsWith(k, i)) cands.push([k.length, 0, () => ({ t: 'kw', k: KEYWORDS[k]!, text: k })]);
    }
    const two = s.slice(i, i + 2);
    if (OPS2.includes(two)) {
      cands.push([2, 1, () => (two === '&&' || two === '||' ? { t: 'kw', k: KEYWORDS[two]!, text: two } : { t: 'op', s: two === '==' ? '=' : two, text: two })]);
    }
    // '!' is the grammar's token for `not` too
    if (OPS1.includes(c)) cands.push([1, 1, () => (c === '!' ? { t: 'kw', k: '!', text: c } : { t: 'op', s: c, text: c })]);
    const aid = matchAt(RE_AID, s, i);
    if (aid) cands.push([aid.length, 2, () => ({ t: 'aid', s: aid, text: aid })]);
    const mac = matchAt(RE_MAC, s, i);
    if (mac) cands.push([mac.length, 3, () => ({ t: 'eid', s: mac, text: mac })]);
    const n = matchAt(RE_N, s, i);
    if (n) cands.push([n.length, 4, () => ({ t: 'num', v: stou(n), text: n })]);
    const hid = matchAt(RE_HID, s, i);
    if (hid) cands.push([hid.length, 5, () => ({ t: 'hid', s: hid, text: hid })]);
    const v6 = longestV6(matchAt(RE_V6, s, i));
    if (v6) cands.push([v6.length, 6, () => ({ t: 'hid6', s: v6, text: v6 })]);
    const bogus = matchAt(RE_BOGUS_MAC, s, i);
    if (bogus) {
      cands.push([bogus.length, 7, () => {
        throw new FilterError(`bogus ethernet address ${bogus}`);
      }]);
    }
    if (word !== undefined && NAMED_NUMBERS[word] !== undefined) {
      cands.push([word.length, 8, () => ({ t: 'num', v: NAMED_NUMBERS[word]!, text: word })]);
    }
    if (word !== undefined) cands.push([word.length, 9, () => ({ t: 'id', s: word, text: word })]);
    const esc = matchAt(RE_ESC, s, i);
    if (esc) cands.push([esc.length, 10, () => ({ t: 'id', s: esc.slice(1), text: esc })]);
    if (cands.length === 0) {
      out.push({ t: 'lexerr', text: c });
      break;
    }
    cands.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const [len, , make] = cands[0]!;
    const tok = make();
    out.push(tok);
    if (tok.t === 'lexerr') break;
    i += len;
  }
  out.push({ t: 'eof', text: '' });
  return out;
}

/** The V6 rules of scanner.l match exactly the textual IPv6 addresses: the longest prefix
 *  of a run of hex digits, colons and dots that inet_pton(AF_INET6) accepts. */
function longestV6(run: string | undefined): string | undefined {
  if (!run || !run.includes(':')) return undefined;
  for (let n = run.length; n >= 2; n--) {
    const t = run.slice(0, n);
    if (parseIPv6(t) !== undefined) return t;
  }
  return undefined;
}
