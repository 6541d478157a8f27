// C printf() for the formats the real tools use ("%-16s", "%u", "%5.2f", "%llu", "%x"),
// so output code can follow the original sources line by line.

export function sprintf(fmt: string, ...args: unknown[]): string {
  let out = '';
  let ai = 0;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    if (fmt[i + 1] === '%') {
      out += '%';
      i++;
      continue;
    }
    let j = i + 1;
    let flags = '';
    while ('-+ 0#'.includes(fmt[j]!)) flags += fmt[j++];
    let width = '';
    if (fmt[j] === '*') {
      width = String(args[ai++]);
      j++;
    } else while (fmt[j]! >= '0' && fmt[j]! <= '9') width += fmt[j++];
    let prec = -1;
    if (fmt[j] === '.') {
      j++;
      let p = '';
      if (fmt[j] === '*') {
        p = String(args[ai++]);
        j++;
      } else while (fmt[j]! >= '0' && fmt[j]! <= '9') p += fmt[j++];
      prec = Number(p || 0);
    }
    while ('hlLqjzt'.includes(fmt[j]!)) j++;
    const conv = fmt[j]!;
    i = j;
    const a = args[ai++];
    let s: string;
    switch (conv) {
      case 's':
        s = String(a ?? '(null)');
        if (prec >= 0) s = s.slice(0, prec);
        break;
      case 'c':
        s = typeof a === 'number' ? String.fromCharCode(a) : String(a);
        break;
      case 'd': case 'i': case 'u': {
        const n = typeof a === 'bigint' ? a : BigInt(Math.trunc(Number(a)));
        s = (n < 0n ? -n : n).toString();
        if (prec >= 0) s = s.padStart(prec, '0');
        if (n < 0n) s = '-' + s;
        else if (flags.includes('+')) s = '+' + s;
        else if (flags.includes(' ')) s = ' ' + s;
        break;
      }
      case 'x': case 'X': case 'o': {
        const n = typeof a === 'bigint' ? a : BigInt(Math.trunc(Number(a)) >>> 0 === Number(a) ? Number(a) >>> 0 : Math.trunc(Number(a)));
        s = n.toString(conv === 'o' ? 8 : 16);
        if (conv === 'X') s = s.toUpperCase();
        if (prec >= 0) s = s.padStart(prec, '0');
        if (flags.includes('#') && n !== 0n) s = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + s;
        break;
      }
      case 'f': case 'F':
        s = Number(a).toFixed(prec < 0 ? 6 : prec);
        break;
      case 'e':
        s = Number(a).toExponential(prec < 0 ? 6 : prec).replace(/e([+-])(\d)$/, 'e$10$2');
        break;
      case 'g':
        s = String(Number(Number(a).toPrecision(prec < 0 ? 6 : prec || 1)));
        break;
      default:
        s = '';
    }
    const w = Number(width || 0);
    if (s.length < w) {
      if (flags.includes('-')) s = s.padEnd(w);
      else if (flags.includes('0') && conv !== 's' && prec < 0) {
        const sign = /^[+\- ]/.test(s) ? s[0]! : '';
        s = sign + s.slice(sign.length).padStart(w - sign.length, '0');
      } else s = s.padStart(w);
    }
    out += s;
  }
  return out;
}
