// -w/--write-out (src/tool_writeout.c of curl 7.88.1): %{variable}, %header{name}, %%, the
// \r \n \t escapes, %{json} and %{header_json}, %{stdout}/%{stderr} switching streams and
// %{onerror} ending the output of a successful transfer.

/** What the write-out variables report about one transfer (curl_easy_getinfo()). */
export interface TransferInfo {
  /** The URL as given on the command line. */
  url: string;
  urlEffective: string;
  urlnum: number;
  responseCode: number;
  httpConnect: number;
  /** CURLINFO_HTTP_VERSION as write-out prints it: "0", "1", "1.1". */
  httpVersion: string;
  contentType: string | undefined;
  errormsg: string | undefined;
  exitcode: number;
  filenameEffective: string | undefined;
  localIp: string;
  localPort: number;
  remoteIp: string;
  remotePort: number;
  method: string;
  numConnects: number;
  numHeaders: number;
  numRedirects: number;
  redirectUrl: string | undefined;
  referer: string | undefined;
  /** "HTTP" once connected, undefined before. */
  scheme: string | undefined;
  sizeDownload: number;
  sizeHeader: number;
  sizeRequest: number;
  sizeUpload: number;
  speedDownload: number;
  speedUpload: number;
  /** Microseconds. */
  timeAppconnect: number;
  timeConnect: number;
  timeNamelookup: number;
  timePretransfer: number;
  timeRedirect: number;
  timeStarttransfer: number;
  timeTotal: number;
  /** The last response's headers, in order. */
  headers: [string, string][];
}

export const CURL_VERSION_INFO = 'libcurl/7.88.1 OpenSSL/3.0.19 zlib/1.2.13 brotli/1.0.9 zstd/1.5.4 libidn2/2.3.3 ' +
  'libpsl/0.21.2 (+libidn2/2.3.3) libssh2/1.10.0 nghttp2/1.52.0 librtmp/2.3 OpenLDAP/2.5.13';

type Kind = 'str' | 'int' | 'time' | 'code' | 'special';

/** The variables, in the (alphabetical) order of curl's table, which %{json} follows. */
const VARS: [string, Kind, (i: TransferInfo) => string | number | undefined][] = [
  ['certs', 'str', () => ''],
  ['content_type', 'str', (i) => i.contentType],
  ['errormsg', 'str', (i) => i.errormsg],
  ['exitcode', 'int', (i) => i.exitcode],
  ['filename_effective', 'str', (i) => i.filenameEffective],
  ['ftp_entry_path', 'str', () => undefined],
  ['header_json', 'special', () => undefined],
  ['http_code', 'code', (i) => i.responseCode],
  ['http_connect', 'code', (i) => i.httpConnect],
  ['http_version', 'str', (i) => i.httpVersion],
  ['json', 'special', () => undefined],
  ['local_ip', 'str', (i) => i.localIp],
  ['local_port', 'int', (i) => i.localPort],
  ['method', 'str', (i) => i.method],
  ['num_certs', 'int', () => 0],
  ['num_connects', 'int', (i) => i.numConnects],
  ['num_headers', 'int', (i) => i.numHeaders],
  ['num_redirects', 'int', (i) => i.numRedirects],
  ['onerror', 'special', () => undefined],
  ['proxy_ssl_verify_result', 'int', () => 0],
  ['redirect_url', 'str', (i) => i.redirectUrl],
  ['referer', 'str', (i) => i.referer],
  ['remote_ip', 'str', (i) => i.remoteIp],
  ['remote_port', 'int', (i) => i.remotePort],
  ['response_code', 'code', (i) => i.responseCode],
  ['scheme', 'str', (i) => i.scheme],
  ['size_download', 'int', (i) => i.sizeDownload],
  ['size_header', 'int', (i) => i.sizeHeader],
  ['size_request', 'int', (i) => i.sizeRequest],
  ['size_upload', 'int', (i) => i.sizeUpload],
  ['speed_download', 'int', (i) => i.speedDownload],
  ['speed_upload', 'int', (i) => i.speedUpload],
  ['ssl_verify_result', 'int', () => 0],
  ['stderr', 'special', () => undefined],
  ['stdout', 'special', () => undefined],
  ['time_appconnect', 'time', (i) => i.timeAppconnect],
  ['time_connect', 'time', (i) => i.timeConnect],
  ['time_namelookup', 'time', (i) => i.timeNamelookup],
  ['time_pretransfer', 'time', (i) => i.timePretransfer],
  ['time_redirect', 'time', (i) => i.timeRedirect],
  ['time_starttransfer', 'time', (i) => i.timeStarttransfer],
  ['time_total', 'time', (i) => i.timeTotal],
  ['url', 'str', (i) => i.url],
  ['url_effective', 'str', (i) => i.urlEffective],
  ['urlnum', 'int', (i) => i.urlnum],
];
const BY_NAME = new Map(VARS.map((v) => [v.at(0) as string, v]));

/** Microseconds as "S.UUUUUU". */
function formatTime(us: number): string {
  const t = Math.max(0, Math.floor(us));
  return `${Math.floor(t / 1e6)}.${String(t % 1e6).padStart(6, '0')}`;
}

/** jsonWriteString(): a JSON string with curl's escapes. */
function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** ourWriteOutJSON() */
function json(i: TransferInfo): string {
  const parts: string[] = [];
  for (const [name, kind, get] of VARS) {
    if (kind === 'special') continue;
    const v = get(i);
    let text: string;
    if (kind === 'time') text = formatTime(v as number);
    else if (kind === 'int' || kind === 'code') text = String(v);
    else text = v === undefined ? 'null' : jsonString(String(v));
    parts.push(`${jsonString(name)}:${text}`);
  }
  parts.push(`"curl_version":${jsonString(CURL_VERSION_INFO)}`);
  return `{${parts.join(',')}}`;
}

/** headerJSON(): every header of the last response, names lowercased, values in arrays. */
function headerJson(i: TransferInfo): string {
  const order: string[] = [];
  const values = new Map<string, string[]>();
  for (const [n, v] of i.headers) {
    const k = n.toLowerCase();
    if (!values.has(k)) {
      values.set(k, []);
      order.push(k);
    }
    values.get(k)!.push(v);
  }
  const lines = order.map((k) => `${jsonString(k)}:[${values.get(k)!.map(jsonString).join(',')}]`);
  return `{${lines.join(',\n')}\n}`;
}

/** ourWriteOut(): writes the expanded format. `out` receives text per stream; warnings are
 *  stderr lines of their own. */
export function writeOut(fmt: string, info: TransferInfo, out: (stream: 'stdout' | 'stderr', text: string) => void,
  warn: (text: string) => void): void {
  let stream: 'stdout' | 'stderr' = 'stdout';
  let pending = '';
  const emit = (s: string) => { pending += s; };
  const flush = () => {
    if (pending) out(stream, pending);
    pending = '';
  };
  let i = 0;
  while (i < fmt.length) {
    const ch = fmt[i]!;
    if (ch === '%' && i + 1 < fmt.length) {
      const next = fmt[i + 1]!;
      if (next === '%') {
        emit('%');
        i += 2;
        continue;
      }
      if (next === '{') {
        const end = fmt.indexOf('}', i + 2);
        if (end < 0) {
          emit('%{');
          i += 2;
          continue;
        }
        const name = fmt.slice(i + 2, end);
        i = end + 1;
        const v = BY_NAME.get(name);
        if (!v) {
          flush();
          warn(`curl: unknown --write-out variable: '${name}'\n`);
          continue;
        }
        const [, kind, get] = v;
        if (kind === 'special') {
          if (name === 'onerror') {
            if (info.exitcode === 0) break;
          } else if (name === 'stdout' || name === 'stderr') {
            flush();
            stream = name;
          } else if (name === 'json') emit(json(info));
          else if (name === 'header_json') emit(headerJson(info));
          continue;
        }
        const val = get(info);
        if (kind === 'time') emit(formatTime(val as number));
        else if (kind === 'code') emit(String(val).padStart(3, '0'));
        else if (val !== undefined) emit(String(val));
        continue;
      }
      if (fmt.startsWith('header{', i + 1)) {
        const end = fmt.indexOf('}', i + 8);
        if (end < 0) {
          emit('%header{');
          i += 8;
          continue;
        }
        const want = fmt.slice(i + 8, end).toLowerCase();
        const vals = info.headers.filter(([n]) => n.toLowerCase() === want).map(([, val]) => val);
        if (vals.length) emit(vals.join(', '));
        i = end + 1;
        continue;
      }
      emit('%' + next);
      i += 2;
      continue;
    }
    if (ch === '\\' && i + 1 < fmt.length) {
      const next = fmt[i + 1]!;
      emit(next === 'r' ? '\r' : next === 'n' ? '\n' : next === 't' ? '\t' : '\\' + next);
      i += 2;
      continue;
    }
    emit(ch);
    i++;
  }
  flush();
}
