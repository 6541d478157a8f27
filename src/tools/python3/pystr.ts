// The few Python string functions http.server's output depends on: repr(), str.split(),
// html.escape(), urllib.parse.quote()/unquote(), posixpath.normpath(), and the log's
// control-character escaping (BaseHTTPRequestHandler._control_char_table).

/** Whether a code point is printable for repr() (str.isprintable()), in the Latin-1 range
 *  a request line decoded as iso-8859-1 has, and beyond for file names. */
function isPrintable(c: number): boolean {
  if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xad) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u.test(String.fromCodePoint(c)) || c === 0x20;
}

/** repr() of a str. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (isPrintable(c)) out += ch;
    else if (c <= 0xff) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c <= 0xffff) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + quote;
}

/** str.split() without arguments: runs of whitespace, no empty words. */
export function pySplit(s: string): string[] {
  return s.split(/[\s\x1c-\x1f\x85]+/u).filter((w) => w !== '');
}

/** html.escape(s, quote=False) */
export function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** urllib.parse.quote(s) with safe='/': UTF-8, unreserved characters kept. */
export function urlQuote(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(b);
    if (/[A-Za-z0-9_.\-~/]/.test(ch)) out += ch;
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** urllib.parse.unquote(s): %XX sequences decoded as UTF-8; invalid UTF-8 becomes U+FFFD
 *  (errors='replace'), malformed escapes stay as written. */
export function urlUnquote(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = Buffer.from(run.split('%').slice(1).map((h) => parseInt(h, 16)));
    return new TextDecoder('utf-8').decode(bytes);
  });
}

/** posixpath.normpath() */
export function normpath(p: string): string {
  if (p === '') return '.';
  const initial = p.startsWith('/') ? (p.startsWith('//') && !p.startsWith('///') ? 2 : 1) : 0;
  const out: string[] = [];
  for (const comp of p.split('/')) {
    if (comp === '' || comp === '.') continue;
    if (comp !== '..' || (!initial && !out.length) || (out.length && out[out.length - 1] === '..')) out.push(comp);
    else if (out.length) out.pop();
  }
  const r = '/'.repeat(initial) + out.join('/');
  return r || '.';
}

/** log_message()'s translate(): C0 and C1 controls as \xNN, backslashes doubled. */
export function escapeControls(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out;
}
