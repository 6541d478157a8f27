// tcpdump's print-icmp6.c: ICMPv6, with neighbour discovery and MLD. With -v the checksum
// comes first ("[icmp6 sum ok]"), ND messages give their length early and list their
// options on lines of their own, and the trailing length is left out.
import { Buf, Trunc, bittok2str, hex, inCksum, inCksumShouldbe, ip6addrString, macString, portString, tok2str, type Ndo } from './netdissect.js';
import type { IpHdr } from './print-ip.js';
import { hexPrint } from './print-ether.js';
import { pseudoHeaderSum6 } from '../../wire/checksum.js';

const TYPES: Record<number, string> = {
  1: 'destination unreachable', 2: 'packet too big', 3: 'time exceeded', 4: 'parameter problem',
  128: 'echo request', 129: 'echo reply', 130: 'multicast listener query', 131: 'multicast listener report',
  132: 'multicast listener done', 133: 'router solicitation', 134: 'router advertisement',
  135: 'neighbor solicitation', 136: 'neighbor advertisement', 137: 'redirect', 138: 'router renumbering',
  139: 'who-are-you request', 140: 'who-are-you reply', 141: 'inverse neighbor solicitation',
  142: 'inverse neighbor advertisement', 143: 'multicast listener report v2', 144: 'home agent discovery request',
  145: 'home agent discovery reply', 146: 'mobile router solicitation', 147: 'mobile router advertisement',
};
const UNREACH_CODES: Record<number, string> = {
  0: 'unreachable route', 1: 'unreachable prohibited', 2: 'beyond scope', 3: 'unreachable address', 4: 'unreachable port',
};
const OPT_NAMES: Record<number, string> = {
  1: 'source link-address', 2: 'destination link-address', 3: 'prefix info', 4: 'redirected header',
  5: 'mtu', 7: 'advertisement interval', 8: 'homeagent information', 24: 'route info', 25: 'rdnss', 31: 'dnssl',
};
const NA_FLAGS: [number, string][] = [[0x80000000, 'router'], [0x40000000, 'solicited'], [0x20000000, 'override']];
const RA_FLAGS: [number, string][] = [[0x80, 'managed'], [0x40, 'other stateful'], [0x20, 'home agent']];
const PI_FLAGS: [number, string][] = [[0x80, 'onlink'], [0x40, 'auto'], [0x20, 'router']];
const MLDV2_RECORD: Record<number, string> = {
  1: 'is_in', 2: 'is_ex', 3: 'to_in', 4: 'to_ex', 5: 'allow', 6: 'block',
};

function lifetime(v: number): string {
  return v === 0xffffffff ? 'infinity' : `${v}s`;
}

/** icmp6_opt_print() */
function optPrint(ndo: Ndo, p: Buf, resid: number): void {
  let o = 0;
  while (resid > 0 && p.has(o, 2)) {
    const type = p.u8(o), len = p.u8(o + 1);
    if (len === 0 || !p.has(o, len * 8)) {
      ndo.out += '[ndp opt]';
      return;
    }
    ndo.out += `\n\t  ${tok2str(OPT_NAMES, 'unknown', type)} option (${type}), length ${len * 8} (${len}): `;
    switch (type) {
      case 1: case 2: {
        // print_lladdr(): the address bytes, trailing padding included
        let l = len * 8 - 2;
        while (l > 6 && p.u8(o + 2 + l - 1) === 0) l--;
        ndo.out += macString(p.bytes(o + 2, l));
        break;
      }
      case 3:
        ndo.out += `${ip6addrString(ndo, p.bytes(o + 16, 16))}/${p.u8(o + 2)}${len !== 4 ? 'badlen' : ''}, ` +
          `Flags [${bittok2str(PI_FLAGS, 'none', p.u8(o + 3))}], valid time ${lifetime(p.u32(o + 4))}` +
          `, pref. time ${lifetime(p.u32(o + 8))}`;
        break;
      case 5:
        ndo.out += ` ${p.u32(o + 4)}${len !== 1 ? 'bad option length' : ''}`;
        break;
      case 25: {
        ndo.out += ` lifetime ${p.u32(o + 4)}s,`;
        for (let i = 0; i < (len - 1) / 2; i++) ndo.out += ` addr: ${ip6addrString(ndo, p.bytes(o + 8 + 16 * i, 16))}`;
        break;
      }
      default:
        if (ndo.vflag <= 1) {
          ndo.out += hexPrint('\n\t  ', p.bytes(o + 2, len * 8 - 2), 0);
          return;
        }
        break;
    }
    // an additional hex dump with -vv
    if (ndo.vflag > 1) ndo.out += hexPrint('\n\t    ', p.bytes(o + 2, len * 8 - 2), 0);
    o += len * 8;
    resid -= len * 8;
  }
}

/** mldv2_report_print() */
function mldv2Report(ndo: Ndo, p: Buf): void {
  const ngroups = p.u16(6);
  ndo.out += `, ${ngroups} group record(s)`;
  if (!ndo.vflag) return;
  let o = 8;
  for (let i = 0; i < ngroups; i++) {
    const rtype = p.u8(o), auxlen = p.u8(o + 1), nsrcs = p.u16(o + 2);
    ndo.out += ` [gaddr ${ip6addrString(ndo, p.bytes(o + 4, 16))} ${tok2str(MLDV2_RECORD, ' [invalid]', rtype)}`;
    if (ndo.vflag === 1) ndo.out += `, ${nsrcs} source(s)`;
    else {
      ndo.out += ' {';
      for (let j = 0; j < nsrcs; j++) ndo.out += ` ${ip6addrString(ndo, p.bytes(o + 20 + 16 * j, 16))}`;
      ndo.out += ' }';
    }
    ndo.out += ']';
    o += 20 + 16 * nsrcs + auxlen * 4;
  }
}

/** The transport header quoted in an error (get_upperlayer()). */
function upperLayer(p: Buf): { prot: number; dport: number } | undefined {
  let nh = p.u8(6);
  let o = 40;
  for (let i = 0; i < 16; i++) {
    switch (nh) {
      case 6: case 17:
        return p.has(o, 4) ? { prot: nh, dport: p.u16(o + 2) } : undefined;
      case 0: case 60: case 43: {
        const next = p.u8(o);
        o += (p.u8(o + 1) + 1) * 8;
        nh = next;
        break;
      }
      case 44:
        if (p.u16(o + 2) & 0xfff8) return undefined;
        nh = p.u8(o);
        o += 8;
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** icmp6_print() */
export function icmp6Print(ndo: Ndo, p: Buf, length: number, ip: IpHdr, fragmented: boolean): void {
  ndo.protocol = 'icmp6';
  const type = p.u8(0), code = p.u8(1);
  if (ndo.vflag && !fragmented) {
    const sum = p.u16(2);
    if (p.has(0, length)) {
      const c = inCksum(p.bytes(0, length), pseudoHeaderSum6(ip.h.bytes(8, 16), ip.h.bytes(24, 16), 58, length));
      ndo.out += c !== 0 ? `[bad icmp6 cksum 0x${hex(sum, 4)} -> 0x${hex(inCksumShouldbe(sum, c), 4)}!] ` : '[icmp6 sum ok] ';
    }
  }
  ndo.out += `ICMP6, ${tok2str(TYPES, 'unknown icmp6 type (%u)', type)}`;
  if (ndo.vflag && [133, 134, 135, 136, 137, 145, 147].includes(type)) ndo.out += `, length ${length}`;
  const oip = p.sub(8);
  switch (type) {
    case 1: {
      ndo.out += `, ${tok2str(UNREACH_CODES, 'unknown unreach code (%u)', code)}`;
      switch (code) {
        case 0: case 1: case 3: ndo.out += ` ${ip6addrString(ndo, oip.bytes(24, 16))}`; break;
        case 2: ndo.out += ` ${ip6addrString(ndo, oip.bytes(24, 16))}, source address ${ip6addrString(ndo, oip.bytes(8, 16))}`; break;
        case 4: {
          const u = upperLayer(oip);
          if (!u) throw new Trunc();
          const d = ip6addrString(ndo, oip.bytes(24, 16));
          ndo.out += u.prot === 6 ? `, ${d} tcp port ${portString(ndo, u.dport, 'tcp')}`
            : u.prot === 17 ? `, ${d} udp port ${portString(ndo, u.dport, 'udp')}`
              : `, ${d} protocol ${u.prot} port ${u.dport} unreachable`;
          break;
        }
      }
      break;
    }
    case 2: ndo.out += `, mtu ${p.u32(4)}`; break;
    case 3:
      if (code === 0) ndo.out += ` for ${ip6addrString(ndo, oip.bytes(24, 16))}`;
      else if (code === 1) ndo.out += ' (reassembly)';
      else ndo.out += `, unknown code (${code})`;
      break;
    case 4:
      ndo.out += code === 0 ? `, erroneous - octet ${p.u32(4)}` : code === 1 ? `, next header - octet ${p.u32(4)}`
        : code === 2 ? `, option - octet ${p.u32(4)}` : `, code-#${code}`;
      break;
    case 128: case 129:
      ndo.out += `, id ${p.u16(4)}, seq ${p.u16(6)}`;
      break;
    case 130:
      if (length === 24) ndo.out += mld1(ndo, p);
      else if (length >= 28) ndo.out += ` v2${mld2Query(ndo, p)}`;
      else ndo.out += ` unknown-version (len ${length}) `;
      break;
    case 131: case 132:
      ndo.out += mld1(ndo, p);
      break;
    case 133:
      if (ndo.vflag) optPrint(ndo, p.sub(8), length - 8);
      break;
    case 134:
      if (ndo.vflag) {
        const flags = p.u8(5);
        const pref = ['medium', 'high', 'rsv', 'low'][(flags >> 3) & 3];
        ndo.out += `\n\thop limit ${p.u8(4)}, Flags [${bittok2str(RA_FLAGS, 'none', flags)}], pref ${pref}, ` +
          `router lifetime ${p.u16(6)}s, reachable time ${p.u32(8)}ms, retrans timer ${p.u32(12)}ms`;
        optPrint(ndo, p.sub(16), length - 16);
      }
      break;
    case 135:
      ndo.out += `, who has ${ip6addrString(ndo, p.bytes(8, 16))}`;
      if (ndo.vflag) optPrint(ndo, p.sub(24), length - 24);
      break;
    case 136:
      ndo.out += `, tgt is ${ip6addrString(ndo, p.bytes(8, 16))}`;
      if (ndo.vflag) {
        ndo.out += `, Flags [${bittok2str(NA_FLAGS, 'none', p.u32(4))}]`;
        optPrint(ndo, p.sub(24), length - 24);
      }
      break;
    case 137:
      ndo.out += `, ${ip6addrString(ndo, p.bytes(24, 16))} to ${ip6addrString(ndo, p.bytes(8, 16))}`;
      if (ndo.vflag) optPrint(ndo, p.sub(40), length - 40);
      break;
    case 143:
      mldv2Report(ndo, p);
      break;
    default:
      ndo.out += `, length ${length}`;
      return;
  }
  if (!ndo.vflag) ndo.out += `, length ${length}`;
}

/** mld6_print() */
function mld1(ndo: Ndo, p: Buf): string {
  const s = ` max resp delay: ${p.u16(4)} addr: ${ip6addrString(ndo, p.bytes(8, 16))}`;
  return s;
}

/** mldv2_query_print() */
function mld2Query(ndo: Ndo, p: Buf): string {
  const mrc = p.u16(4);
  let s = mrc < 32768 ? ` [max resp delay=${mrc}]` : ` [max resp delay=${((mrc & 0x0fff) | 0x1000) << (((mrc & 0x7000) >> 12) + 3)}]`;
  const g = p.bytes(8, 16);
  if (g.some((b) => b !== 0)) s += ` [gaddr ${ip6addrString(ndo, g)}`;
  else s += '';
  if (g.some((b) => b !== 0)) {
    const n = p.u16(26);
    s += n ? ` ${n} source(s)]` : ']';
  }
  return s;
}
