// net/netfilter/xt_multiport.c: up to 15 ports or port ranges (multiport_mt(),
// ports_match_v1()).
import { xtRegisterMatch, u16 } from './x_tables.js';

export const XT_MULTIPORT_SOURCE = 0, XT_MULTIPORT_DESTINATION = 1, XT_MULTIPORT_EITHER = 2;
export const XT_MULTI_PORTS = 15;

/** struct xt_multiport_v1: `pflags[i]` set means ports[i]..ports[i+1] is a range. */
export interface MultiportInfo {
  flags: number;
  ports: number[];
  pflags: boolean[];
  invert: boolean;
}

function portsMatch(m: MultiportInfo, src: number, dst: number): boolean {
  for (let i = 0; i < m.ports.length; i++) {
    const s = m.ports[i]!;
    if (m.pflags[i]) {
      const e = m.ports[++i]!;
      const inS = src >= s && src <= e, inD = dst >= s && dst <= e;
      if (m.flags === XT_MULTIPORT_SOURCE ? inS : m.flags === XT_MULTIPORT_DESTINATION ? inD : inS || inD) return !m.invert;
    } else {
      const hit = m.flags === XT_MULTIPORT_SOURCE ? src === s : m.flags === XT_MULTIPORT_DESTINATION ? dst === s : src === s || dst === s;
      if (hit) return !m.invert;
    }
  }
  return m.invert;
}

xtRegisterMatch<MultiportInfo>({
  name: 'multiport',
  match(p, m) {
    if (p.fragoff !== 0) return false;
    if (p.thoff + 4 > p.buf.length) {
      p.hotdrop = true;
      return false;
    }
    return portsMatch(m, u16(p.buf, p.thoff), u16(p.buf, p.thoff + 2));
  },
});
