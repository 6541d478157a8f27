// libipset's print.c and the list/save callbacks of session.c: a set's header and members in
// the plain, save and xml output modes.
import type { IpSetAttrs, IpSetDump } from '../../kernel/netfilter/ipset/index.js';
import { type UserType, findUserType } from './types.js';
import { NFPROTO_IPV4, NFPROTO_IPV6 } from './parse.js';

export type OutputMode = 'plain' | 'save' | 'xml';

const FLAG_WITH_COUNTERS = 1 << 3, FLAG_WITH_COMMENT = 1 << 4, FLAG_WITH_SKBINFO = 1 << 6;
const FLAG_NOMATCH = 1 << 2, FLAG_WILDCARD = 1 << 7;

function familyName(f: number): string {
  return f === NFPROTO_IPV4 ? 'inet' : f === NFPROTO_IPV6 ? 'inet6' : 'unspec';
}

/** The create options of a header, as [keyword, value|undefined] in the type's print order. */
function headerOpts(s: IpSetDump): [string, string | undefined][] {
  const h = s.header;
  const o: [string, string | undefined][] = [];
  if (s.typename === 'bitmap:port') {
    o.push(['range', `${h.port}-${h.portTo}`]);
  } else {
    o.push(['family', familyName(s.family)], ['hashsize', String(h.hashsize)], ['maxelem', String(h.maxelem)]);
  }
  if (h.timeout !== undefined) o.push(['timeout', String(h.timeout)]);
  if (h.cadtFlags & FLAG_WITH_COUNTERS) o.push(['counters', undefined]);
  if (h.cadtFlags & FLAG_WITH_COMMENT) o.push(['comment', undefined]);
  if (h.cadtFlags & FLAG_WITH_SKBINFO) o.push(['skbinfo', undefined]);
  if (h.bucketsize !== undefined) {
    o.push(['bucketsize', String(h.bucketsize)], ['initval', `0x${(h.initval ?? 0).toString(16).padStart(8, '0')}`]);
  }
  return o;
}

/** The extension options of a member, in print order. */
function memberOpts(a: IpSetAttrs): [string, string | undefined][] {
  const o: [string, string | undefined][] = [];
  if (a.timeout !== undefined) o.push(['timeout', String(a.timeout)]);
  if ((a.cadtFlags ?? 0) & FLAG_NOMATCH) o.push(['nomatch', undefined]);
  if ((a.cadtFlags ?? 0) & FLAG_WILDCARD) o.push(['wildcard', undefined]);
  if (a.packets !== undefined) o.push(['packets', String(a.packets)]);
  if (a.bytes !== undefined) o.push(['bytes', String(a.bytes)]);
  if (a.comment !== undefined) o.push(['comment', `"${a.comment}"`]);
  if (a.skbmark !== undefined) {
    const mask = a.skbmarkmask ?? 0xffffffff;
    o.push(['skbmark', mask === 0xffffffff ? `0x${a.skbmark.toString(16)}` : `0x${a.skbmark.toString(16)}/0x${mask.toString(16)}`]);
  }
  if (a.skbprio !== undefined) o.push(['skbprio', `${(a.skbprio >>> 16).toString(16)}:${(a.skbprio & 0xffff).toString(16)}`]);
  if (a.skbqueue !== undefined) o.push(['skbqueue', String(a.skbqueue)]);
  return o;
}

function plainOpts(o: [string, string | undefined][]): string {
  return o.map(([k, v]) => (v === undefined ? ` ${k}` : ` ${k} ${v}`)).join('');
}

function xmlOpts(o: [string, string | undefined][]): string {
  return o.map(([k, v]) => (v === undefined ? `<${k}/>` : `<${k}>${v}</${k}>`)).join('');
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The rank of a protocol in a sorted hash:ip,port listing (as ipset 7.17 orders them:
 *  portless protocols first, highest number first, then tcp, udp, icmp, sctp, udplite). */
function protoRank(p: number): [number, number] {
  const order = [6, 17, 1, 132, 136, 58];
  const i = order.indexOf(p);
  return i < 0 ? [0, 255 - p] : [i + 1, 0];
}

/** -sorted: members ordered by address (or port), then prefix length, longest first, then
 *  protocol and port (ICMP type/codes by name); otherwise in the kernel's order. */
function sortMembers(members: IpSetAttrs[]): IpSetAttrs[] {
  const key = (a: IpSetAttrs): number[] => {
    if (!a.ip) return [a.port ?? 0];
    const k = [...a.ip, 255 - (a.cidr ?? 255)];
    if (a.proto !== undefined) {
      const [r, q] = protoRank(a.proto);
      k.push(r, q, a.proto === 1 || a.proto === 58 ? 0 : a.port ?? 0);
    }
    return k;
  };
  return members.slice().sort((x, y) => {
    const a = key(x), b = key(y);
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    if (a.length !== b.length) return a.length - b.length;
    // ICMP type/codes: by their printed form ("3/77" before "echo-request")
    if (x.proto === 1 || x.proto === 58) {
      const t = findUserType('hash:ip,port')!;
      const sx = t.printElem(x, 0), sy = t.printElem(y, 0);
      return sx < sy ? -1 : sx > sy ? 1 : 0;
    }
    return 0;
  });
}

export interface ListOpts {
  mode: OutputMode;
  /** -name: set names only. */
  names: boolean;
  /** -terse: headers only. */
  terse: boolean;
  sorted: boolean;
}

/** The output of a LIST/SAVE dump (the callbacks list_create(), list_adt(), ...). */
export function formatDump(sets: IpSetDump[], o: ListOpts): string {
  let out = '';
  if (o.names) {
    for (const s of sets) out += `${s.name}\n`;
    return out;
  }
  if (o.mode === 'xml') out += '<ipsets>\n';
  sets.forEach((s, i) => {
    const t = findUserType(s.typename) as UserType;
    let members = s.members ?? [];
    if (o.sorted) members = sortMembers(members);
    const h = s.header;
    if (o.mode === 'save') {
      out += `create ${s.name} ${s.typename}${plainOpts(headerOpts(s))}\n`;
      if (!o.terse) for (const m of members) out += `add ${s.name} ${t.printElem(m, s.family)}${plainOpts(memberOpts(m))}\n`;
      return;
    }
    if (o.mode === 'xml') {
      out += `<ipset name="${xmlEscape(s.name)}">\n<type>${s.typename}</type>\n<revision>${s.revision}</revision>\n`;
      out += `<header>${xmlOpts(headerOpts(s))}\n<memsize>${h.memsize}</memsize>\n<references>${h.references}</references>\n`;
      out += `<numentries>${h.elements}</numentries>\n</header>\n`;
      if (!o.terse) {
        out += '<members>\n';
        for (const m of members) {
          const opts = memberOpts(m).map(([k, v]): [string, string | undefined] => [k, v === undefined ? v : xmlEscape(v)]);
          out += `<member><elem>${xmlEscape(t.printElem(m, s.family))}</elem>${xmlOpts(opts)}</member>\n`;
        }
        out += '</members>\n';
      }
      out += '</ipset>\n';
      return;
    }
    if (i > 0) out += '\n';
    out += `Name: ${s.name}\nType: ${s.typename}\nRevision: ${s.revision}\nHeader:${plainOpts(headerOpts(s))}\n`;
    out += `Size in memory: ${h.memsize}\nReferences: ${h.references}\nNumber of entries: ${h.elements}\n`;
    if (!o.terse) {
      out += 'Members:\n';
      for (const m of members) out += `${t.printElem(m, s.family)}${plainOpts(memberOpts(m))}\n`;
    }
  });
  if (o.mode === 'xml') out += '</ipsets>\n';
  return out;
}
