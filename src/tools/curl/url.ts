// libcurl's URL parser (lib/urlapi.c of 7.88.1) for what the curl tool hands it: a URL with
// CURLU_GUESS_SCHEME and CURLU_NON_SUPPORT_SCHEME, so "host:port/path" becomes http:// and an
// unknown scheme parses (the transfer then fails with CURLE_UNSUPPORTED_PROTOCOL).
// Everything that does not parse is CURLE_URL_MALFORMAT for the tool.

/** A parsed URL (struct Curl_URL). */
export interface CurlUrl {
  scheme: string;
  user?: string;
  password?: string;
  /** The host as given (IPv4 numbers normalized, IPv6 inside its brackets). */
  host: string;
  /** The port written in the URL, if any. */
  port?: number;
  /** Path, '/' at least, with dot segments removed. */
  path: string;
  query?: string;
  fragment?: string;
}

/** Default ports of the schemes libcurl knows (Curl_builtin_scheme()). */
const SCHEME_PORTS: Record<string, number> = {
  dict: 2628, file: 0, ftp: 21, ftps: 990, gopher: 70, gophers: 70, http: 80, https: 443,
  imap: 143, imaps: 993, ldap: 389, ldaps: 636, mqtt: 1883, pop3: 110, pop3s: 995,
  rtmp: 1935, rtsp: 554, scp: 22, sftp: 22, smb: 445, smbs: 445, smtp: 25, smtps: 465,
  telnet: 23, tftp: 69,
};

export function defaultPort(scheme: string): number | undefined {
  return SCHEME_PORTS[scheme];
}

export function isBuiltinScheme(scheme: string): boolean {
  return scheme in SCHEME_PORTS;
}

/** Curl_is_absolute_url() in guessing mode: the scheme's length, or 0 when there is none
 *  (with guessing, "host:8080/" is a host and a port, so a scheme needs a '/' after ':'). */
function schemeLength(url: string): number {
  if (!/^[A-Za-z]/.test(url)) return 0;
  let i = 1;
  while (i < 40 && i < url.length && /[A-Za-z0-9+.-]/.test(url[i]!)) i++;
  return url[i] === ':' && url[i + 1] === '/' ? i : 0;
}

/** ipv4_normalize(): the forms inet_aton() takes (a, a.b, a.b.c, a.b.c.d; decimal, 0octal,
 *  0xhex) as a dotted quad, or undefined when the host is not such a number. */
export function ipv4Normalize(host: string): string | undefined {
  const parts = host.split('.');
  if (parts.length > 4) return undefined;
  const nums: number[] = [];
  for (const s of parts) {
    let v: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(s)) v = s.length === 2 ? 0 : parseInt(s.slice(2), 16);
    else if (/^0[0-7]*$/.test(s)) v = parseInt(s, 8);
    else if (/^[1-9][0-9]*$/.test(s)) v = Number(s);
    else return undefined;
    if (!Number.isFinite(v) || v > 0xffffffff) return undefined;
    nums.push(v);
  }
  let addr: number;
  const n = nums.length;
  for (let i = 0; i < n - 1; i++) if (nums[i]! > 255) return undefined;
  const last = nums[n - 1]!;
  const lastMax = [0xffffffff, 0xffffff, 0xffff, 0xff][n - 1]!;
  if (last > lastMax) return undefined;
  if (n === 1) addr = last;
  else if (n === 2) addr = nums[0]! * 2 ** 24 + last;
  else if (n === 3) addr = nums[0]! * 2 ** 24 + nums[1]! * 2 ** 16 + last;
  else addr = nums[0]! * 2 ** 24 + nums[1]! * 2 ** 16 + nums[2]! * 2 ** 8 + last;
  return [addr >>> 24, (addr >>> 16) & 255, (addr >>> 8) & 255, addr & 255].join('.');
}

/** dedotdotify(): RFC 3986 5.2.4 remove_dot_segments on the path. */
export function dedotdotify(path: string): string {
  if (!path.includes('.')) return path;
  const input = path.split('/');
  const out: string[] = [];
  for (let i = 0; i < input.length; i++) {
    const seg = input[i]!;
    const last = i === input.length - 1;
    if (seg === '.') {
      if (last) out.push('');
    } else if (seg === '..') {
      if (out.length > 1) out.pop();
      if (last) out.push('');
    } else out.push(seg);
  }
  let r = out.join('/');
  if (!r.startsWith('/') && path.startsWith('/')) r = '/' + r;
  return r;
}

/** Characters hostname_check() refuses in a host name. */
const BAD_HOST_CHARS = /[ \r\n\t/:#?!@{}[\]\\$'"^`*<>=;,+&()%]/;

/** parseurl(): a CurlUrl, or undefined for a malformed URL. */
export function parseUrl(input: string, pathAsIs = false): CurlUrl | undefined {
  // junkscan(): no control codes or spaces anywhere.
  if (input.length === 0 || /[\x00-\x20\x7f]/.test(input)) return undefined;
  let rest: string;
  let scheme: string;
  const slen = schemeLength(input);
  if (slen) {
    scheme = input.slice(0, slen).toLowerCase();
    let p = slen + 1;
    let slashes = 0;
    while (input[p] === '/' && slashes < 4) {
      p++;
      slashes++;
    }
    if (slashes < 1 || slashes > 3) return undefined;
    rest = input.slice(p);
  } else {
    rest = input;
    scheme = '';
  }
  // The authority ends at the first '/', '?' or '#'.
  const end = rest.search(/[/?#]/);
  let authority = end < 0 ? rest : rest.slice(0, end);
  let tail = end < 0 ? '' : rest.slice(end);
  if (!authority) return undefined;
  let user: string | undefined;
  let password: string | undefined;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const login = authority.slice(0, at);
    authority = authority.slice(at + 1);
    const c = login.indexOf(':');
    if (c >= 0) {
      user = login.slice(0, c);
      password = login.slice(c + 1);
    } else user = login;
  }
  let host: string;
  let portStr: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return undefined;
    host = authority.slice(0, close + 1);
    const after = authority.slice(close + 1);
    if (after && !after.startsWith(':')) return undefined;
    if (after) portStr = after.slice(1);
    if (!/^\[[0-9a-fA-F:.]+(%25[A-Za-z0-9]+)?\]$/.test(host)) return undefined;
  } else {
    const c = authority.lastIndexOf(':');
    host = c >= 0 ? authority.slice(0, c) : authority;
    if (c >= 0) portStr = authority.slice(c + 1);
    if (!host || BAD_HOST_CHARS.test(host)) return undefined;
    host = ipv4Normalize(host) ?? host;
  }
  let port: number | undefined;
  if (portStr !== undefined && portStr !== '') {
    if (!/^[0-9]+$/.test(portStr)) return undefined;
    port = Number(portStr);
    if (port > 0xffff) return undefined;
  }
  if (!scheme) {
    // guess_scheme: by the host name's first label, as curl does for ftp.example.com
    const lower = host.toLowerCase();
    scheme = 'http';
    for (const s of ['ftp', 'dict', 'ldap', 'imap', 'smtp', 'pop3']) {
      if (lower.startsWith(s + '.')) scheme = s;
    }
  }
  let fragment: string | undefined;
  const hash = tail.indexOf('#');
  if (hash >= 0) {
    fragment = tail.slice(hash + 1);
    tail = tail.slice(0, hash);
  }
  let query: string | undefined;
  const q = tail.indexOf('?');
  if (q >= 0) {
    query = tail.slice(q + 1);
    tail = tail.slice(0, q);
  }
  let path = tail || '/';
  if (!pathAsIs) path = dedotdotify(path);
  return { scheme, user, password, host, port, path, query, fragment };
}

/** The port a connection goes to. */
export function urlPort(u: CurlUrl): number {
  return u.port ?? defaultPort(u.scheme) ?? 0;
}

/** The URL as curl_url_get(CURLUPART_URL) gives it back (scheme, host, port only when not
 *  the scheme's default, path, query; no fragment). */
export function formatUrl(u: CurlUrl): string {
  const login = u.user !== undefined ? u.user + (u.password !== undefined ? ':' + u.password : '') + '@' : '';
  const port = u.port !== undefined && u.port !== defaultPort(u.scheme) ? `:${u.port}` : '';
  return `${u.scheme}://${login}${u.host}${port}${u.path}${u.query !== undefined ? '?' + u.query : ''}`;
}

/** The request target of an HTTP request line: path and query. */
export function requestTarget(u: CurlUrl): string {
  return u.path + (u.query !== undefined ? '?' + u.query : '');
}

/** A Location header resolved against the URL it came from (curl_url_set() of a relative
 *  URL onto the current one, as the redirect code does). */
export function resolveLocation(base: CurlUrl, loc: string): CurlUrl | undefined {
  if (schemeLength(loc)) return parseUrl(loc);
  if (loc.startsWith('//')) return parseUrl(`${base.scheme}:${loc}`);
  let path: string;
  let query: string | undefined;
  let fragment: string | undefined;
  let rel = loc;
  const hash = rel.indexOf('#');
  if (hash >= 0) {
    fragment = rel.slice(hash + 1);
    rel = rel.slice(0, hash);
  }
  const q = rel.indexOf('?');
  if (q >= 0) {
    query = rel.slice(q + 1);
    rel = rel.slice(0, q);
  }
  if (rel.startsWith('/')) path = rel;
  else if (rel === '') {
    path = base.path;
    if (q < 0) query = base.query;
  } else path = base.path.slice(0, base.path.lastIndexOf('/') + 1) + rel;
  if (/[\x00-\x20\x7f]/.test(path)) return undefined;
  return { ...base, path: dedotdotify(path), query, fragment };
}
