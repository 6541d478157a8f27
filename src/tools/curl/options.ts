// The curl tool's command line (src/tool_getparam.c of curl 7.88.1): long options matched
// by unambiguous prefix, "--no-" for boolean ones, bundled short options whose argument is
// the rest of the word or the next word, URLs anywhere, "--" ending the options.
// Options this emulation does not act on are still known, so that they are accepted (with
// their argument) and count when a prefix is checked for ambiguity.

/** Every long option of curl 7.88.1 ("x|name" has the short letter x; "=" takes an argument). */
const TABLE = 'abstract-unix-socket=,alt-svc=,anyauth,a|append,aws-sigv4=,basic,cacert=,capath=,E|cert=,' +
  'cert-status,cert-type=,ciphers=,compressed,compressed-ssh,K|config=,connect-timeout=,connect-to=,' +
  'C|continue-at=,b|cookie=,c|cookie-jar=,create-dirs,create-file-mode=,crlf,crlfile=,curves=,d|data=,' +
  'data-ascii=,data-binary=,data-raw=,data-urlencode=,delegation=,digest,q|disable,disable-eprt,' +
  'disable-epsv,disallow-username-in-url,dns-interface=,dns-ipv4-addr=,dns-ipv6-addr=,dns-servers=,' +
  'doh-cert-status,doh-insecure,doh-url=,D|dump-header=,egd-file=,engine=,etag-compare=,etag-save=,' +
  'expect100-timeout=,f|fail,fail-early,fail-with-body,false-start,F|form=,form-escape,form-string=,' +
  'ftp-account=,ftp-alternative-to-user=,ftp-create-dirs,ftp-method=,ftp-pasv,P|ftp-port=,ftp-pret,' +
  'ftp-skip-pasv-ip,ftp-ssl-ccc,ftp-ssl-ccc-mode=,ftp-ssl-control,G|get,g|globoff,' +
  'happy-eyeballs-timeout-ms=,haproxy-protocol,I|head,H|header=,h|help,hostpubmd5=,hostpubsha256=,' +
  'hsts=,http0.9,0|http1.0,http1.1,http2,http2-prior-knowledge,http3,http3-only,ignore-content-length,' +
  'i|include,k|insecure,interface=,4|ipv4,6|ipv6,json=,j|junk-session-cookies,keepalive-time=,key=,' +
  'key-type=,krb=,libcurl=,limit-rate=,l|list-only,local-port=,L|location,location-trusted,' +
  'login-options=,mail-auth=,mail-from=,mail-rcpt=,mail-rcpt-allowfails,M|manual,max-filesize=,' +
  'max-redirs=,m|max-time=,metalink,negotiate,n|netrc,netrc-file=,netrc-optional,:|next,no-alpn,' +
  'N|no-buffer,no-clobber,no-keepalive,no-npn,no-progress-meter,no-sessionid,noproxy=,ntlm,ntlm-wb,' +
  'oauth2-bearer=,o|output=,output-dir=,Z|parallel,parallel-immediate,parallel-max=,pass=,path-as-is,' +
  'pinnedpubkey=,post301,post302,post303,preproxy=,#|progress-bar,proto=,proto-default=,proto-redir=,' +
  'x|proxy=,proxy-anyauth,proxy-basic,proxy-cacert=,proxy-capath=,proxy-cert=,proxy-cert-type=,' +
  'proxy-ciphers=,proxy-crlfile=,proxy-digest,proxy-header=,proxy-insecure,proxy-key=,proxy-key-type=,' +
  'proxy-negotiate,proxy-ntlm,proxy-pass=,proxy-pinnedpubkey=,proxy-service-name=,' +
  'proxy-ssl-allow-beast,proxy-ssl-auto-client-cert,proxy-tls13-ciphers=,proxy-tlsauthtype=,' +
  'proxy-tlspassword=,proxy-tlsuser=,proxy-tlsv1,U|proxy-user=,proxy1.0=,p|proxytunnel,pubkey=,' +
  'Q|quote=,random-file=,r|range=,rate=,raw,e|referer=,J|remote-header-name,O|remote-name,' +
  'remote-name-all,R|remote-time,remove-on-error,X|request=,request-target=,resolve=,retry=,' +
  'retry-all-errors,retry-connrefused,retry-delay=,retry-max-time=,sasl-authzid=,sasl-ir,' +
  'service-name=,S|show-error,s|silent,socks4=,socks4a=,socks5=,socks5-basic,socks5-gssapi,' +
  'socks5-gssapi-nec,socks5-gssapi-service=,socks5-hostname=,Y|speed-limit=,y|speed-time=,ssl,' +
  'ssl-allow-beast,ssl-auto-client-cert,ssl-no-revoke,ssl-reqd,ssl-revoke-best-effort,2|sslv2,' +
  '3|sslv3,stderr=,styled-output,suppress-connect-headers,tcp-fastopen,tcp-nodelay,' +
  't|telnet-option=,tftp-blksize=,tftp-no-options,z|time-cond=,tls-max=,tls13-ciphers=,tlsauthtype=,' +
  'tlspassword=,tlsuser=,1|tlsv1,tlsv1.0,tlsv1.1,tlsv1.2,tlsv1.3,tr-encoding,trace=,trace-ascii=,' +
  'trace-time,unix-socket=,T|upload-file=,url=,url-query=,B|use-ascii,u|user=,A|user-agent=,' +
  'v|verbose,V|version,w|write-out=,xattr';

interface OptDef {
  name: string;
  letter?: string;
  arg: boolean;
}

const OPTS: OptDef[] = TABLE.split(',').map((e) => {
  const bar = e.indexOf('|');
  const letter = bar > 0 ? e.slice(0, bar) : undefined;
  let name = bar > 0 ? e.slice(bar + 1) : e;
  const arg = name.endsWith('=');
  if (arg) name = name.slice(0, -1);
  return { name, letter, arg };
});
const BY_NAME = new Map(OPTS.map((o) => [o.name, o]));
const BY_LETTER = new Map(OPTS.filter((o) => o.letter).map((o) => [o.letter!, o]));

/** Options that are not booleans although they take no argument ("--no-" refuses them). */
const NOT_BOOL = new Set(['next', 'manual', 'version', 'help', 'disable']);

/** What the command line asks for, per URL group (-: / --next starts a new one). */
export interface CurlConfig {
  urls: { url: string; outfile?: string; remoteName: boolean }[];
  /** -o / -O given before their URLs: paired with URLs in order. */
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  include: boolean;
  head: boolean;
  fail: boolean;
  failWithBody: boolean;
  location: boolean;
  maxRedirs: number;
  request?: string;
  headers: string[];
  data?: string;
  get: boolean;
  userAgent?: string;
  referer?: string;
  user?: string;
  connectTimeoutMs: number;
  maxTimeMs: number;
  writeOut?: string;
  dumpHeader?: string;
  httpVersion: '1.0' | '1.1';
  pathAsIs: boolean;
  noBuffer: boolean;
  noProgress: boolean;
  progressBar: boolean;
  ipv6Only: boolean;
  iface?: string;
  resolve: string[];
  localPort?: string;
  help: boolean;
  version: boolean;
  remoteNameAll: boolean;
}

/** A command-line error: "curl: option X: <text>" and exit 2. */
export class ParamError extends Error {
  constructor(readonly option: string, readonly text: string) {
    super(text);
  }
}

/** str2udouble(): seconds as a fraction, to whole milliseconds. */
function seconds(opt: string, s: string): number {
  if (!/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s)) throw new ParamError(opt, 'expected a proper numerical parameter');
  const v = Number(s);
  if (v < 0) throw new ParamError(opt, 'expected a positive numerical parameter');
  if (v > 9223372036854775) throw new ParamError(opt, 'too large number');
  return Math.floor(v * 1000);
}

/** str2num(): a whole number. */
function wholeNumber(opt: string, s: string): number {
  if (!/^\s*-?\d+$/.test(s)) throw new ParamError(opt, 'expected a proper numerical parameter');
  return Number(s);
}

export function defaultConfig(): CurlConfig {
  return {
    urls: [], silent: false, showError: false, verbose: false, include: false, head: false,
    fail: false, failWithBody: false, location: false, maxRedirs: 50, headers: [], get: false,
    connectTimeoutMs: 0, maxTimeMs: 0, httpVersion: '1.1', pathAsIs: false, noBuffer: false,
    noProgress: false, progressBar: false, ipv6Only: false, resolve: [], help: false, version: false,
    remoteNameAll: false,
  };
}

/** Reads a -d argument: "@file" is the file's contents without CR/LF, "@-" standard input. */
export type DataReader = (name: string) => string | undefined;

/** parse_args(): argv without argv[0]. Throws ParamError for a bad command line. */
export function parseArgs(args: string[], readData: DataReader): CurlConfig {
  const c = defaultConfig();
  const outfiles: { file?: string; remote: boolean }[] = [];
  const datas: string[] = [];
  let stop = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (stop || !a.startsWith('-') || a === '-') {
      c.urls.push({ url: a, remoteName: false });
      continue;
    }
    if (a === '--') {
      stop = true;
      continue;
    }
    // Errors name the whole word as given (getparameter()'s caller prints orig_opt).
    const nextArg = (opt: string): string => {
      if (i + 1 >= args.length) throw new ParamError(opt, 'requires parameter');
      return args[++i]!;
    };
    if (a.startsWith('--')) {
      let name = a.slice(2);
      let toggle = true;
      let def = lookupLong(name, a);
      if (!def && name.startsWith('no-')) {
        const d2 = lookupLong(name.slice(3), a);
        if (d2) {
          if (d2.arg || NOT_BOOL.has(d2.name)) throw new ParamError(a, "used '--no-' for option that isn't a boolean");
          def = d2;
          toggle = false;
          name = name.slice(3);
        }
      }
      if (!def) throw new ParamError(a, 'is unknown');
      apply(def, toggle, def.arg ? nextArg(a) : undefined, a);
      continue;
    }
    // A bundle of short options.
    for (let j = 1; j < a.length; j++) {
      const letter = a[j]!;
      const def = BY_LETTER.get(letter);
      if (!def) throw new ParamError(a, 'is unknown');
      if (def.arg) {
        const rest = a.slice(j + 1);
        apply(def, true, rest !== '' ? rest : nextArg(a), a);
        break;
      }
      apply(def, true, undefined, a);
    }
  }

  function lookupLong(name: string, shown: string): OptDef | undefined {
    const exact = BY_NAME.get(name);
    if (exact) return exact;
    const hits = OPTS.filter((o) => o.name.startsWith(name));
    if (hits.length > 1) throw new ParamError(shown, 'is ambiguous');
    return hits[0];
  }

  function apply(def: OptDef, on: boolean, v: string | undefined, shown: string): void {
    switch (def.name) {
      case 'silent': c.silent = on; break;
      case 'show-error': c.showError = on; break;
      case 'verbose': c.verbose = on; break;
      case 'include': c.include = on; break;
      case 'head': c.head = on; break;
      case 'fail': c.fail = on; break;
      case 'fail-with-body': c.failWithBody = on; break;
      case 'location': case 'location-trusted': c.location = on; break;
      case 'max-redirs': c.maxRedirs = wholeNumber(shown, v!); break;
      case 'request': c.request = v; break;
      case 'header': c.headers.push(v!); break;
      case 'data': case 'data-ascii': case 'data-binary': case 'data-raw': case 'data-urlencode': {
        let d = v!;
        if (def.name === 'data-urlencode') d = urlencodeData(d);
        else if (def.name !== 'data-raw' && d.startsWith('@')) {
          const got = readData(d.slice(1));
          d = got === undefined ? '' : def.name === 'data-binary' ? got : got.replace(/[\r\n]/g, '');
        }
        datas.push(d);
        break;
      }
      case 'get': c.get = on; break;
      case 'user-agent': c.userAgent = v; break;
      case 'referer': c.referer = v; break;
      case 'user': c.user = v; break;
      case 'connect-timeout': c.connectTimeoutMs = seconds(shown, v!); break;
      case 'max-time': c.maxTimeMs = seconds(shown, v!); break;
      case 'write-out': c.writeOut = v!.startsWith('@') ? readData(v!.slice(1)) ?? '' : v; break;
      case 'dump-header': c.dumpHeader = v; break;
      case 'http1.0': c.httpVersion = '1.0'; break;
      case 'http1.1': c.httpVersion = '1.1'; break;
      case 'path-as-is': c.pathAsIs = on; break;
      case 'no-buffer': c.noBuffer = on; break;
      case 'no-progress-meter': c.noProgress = on; break;
      case 'progress-bar': c.progressBar = on; break;
      case 'ipv4': c.ipv6Only = false; break;
      case 'ipv6': c.ipv6Only = on; break;
      case 'interface': c.iface = v; break;
      case 'resolve': c.resolve.push(v!); break;
      case 'local-port': c.localPort = v; break;
      case 'help': c.help = true; break;
      case 'version': c.version = true; break;
      case 'output': outfiles.push({ file: v, remote: false }); break;
      case 'remote-name': outfiles.push({ remote: true }); break;
      case 'remote-name-all': c.remoteNameAll = on; break;
      case 'url': c.urls.push({ url: v!, remoteName: false }); break;
      default: break; // known to curl, not acted on here
    }
  }

  // -o and -O pair with the URLs in the order given (struct getout).
  for (let k = 0; k < c.urls.length; k++) {
    const o = outfiles[k];
    if (o) {
      c.urls[k]!.outfile = o.file;
      c.urls[k]!.remoteName = o.remote;
    } else if (c.remoteNameAll) c.urls[k]!.remoteName = true;
  }
  if (datas.length) c.data = datas.join('&');
  return c;
}

/** --data-urlencode's forms: "content", "=content", "name=content" (content encoded). */
function urlencodeData(s: string): string {
  const enc = (t: string) => encodeURIComponent(t).replace(/[!'()*~]/g, (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase());
  const eq = s.indexOf('=');
  if (eq < 0) return enc(s);
  if (eq === 0) return enc(s.slice(1));
  return s.slice(0, eq) + '=' + enc(s.slice(eq + 1));
}
