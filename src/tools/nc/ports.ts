// build_ports() and strtoport(): the destination port operands — a service name from
// /etc/services, a number, or a "lo-hi" range (either order) — as the list of decimal port
// strings nc tries one after the other, shuffled with -r.
import { getservbyname } from '../etc_services.js';
import { strtonum } from './options.js';

/** strtoport(): 1..65535, or "port number <why>: <text>". */
export function strtoport(s: string): number | string {
  const r = strtonum(s, 1, 65535);
  return r.errstr ? `port number ${r.errstr}: ${s}` : r.value;
}

/** build_ports(): the ports to try, or the error text nc exits with. */
export function buildPorts(args: string[], proto: string, random?: (n: number) => number): string[] | { error: string } {
  const list: string[] = [];
  for (const a of args) {
    const sv = getservbyname(a, proto);
    const dash = a.indexOf('-');
    if (sv !== undefined) {
      list.push(String(sv));
    } else if (/^[0-9]/.test(a) && dash >= 0) {
      // The high end is parsed first, so its error is the one reported.
      const hi = strtoport(a.slice(dash + 1));
      if (typeof hi === 'string') return { error: hi };
      const lo = strtoport(a.slice(0, dash));
      if (typeof lo === 'string') return { error: lo };
      const [from, to] = lo > hi ? [hi, lo] : [lo, hi];
      for (let p = from; p <= to; p++) list.push(String(p));
    } else {
      const p = strtoport(a);
      if (typeof p === 'string') return { error: p };
      list.push(String(p));
    }
  }
  // -r: a Fisher-Yates shuffle with arc4random_uniform().
  if (random) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = random(i + 1);
      if (j !== i) [list[i], list[j]] = [list[j]!, list[i]!];
    }
  }
  return list;
}
