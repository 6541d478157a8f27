// Python 3.11's mimetypes module as http.server uses it: the built-in table, overridden by
// the system's mime.types files (mimetypes.knownfiles, read from the real filesystem as
// Python reads them), and guess_type()'s suffix and encoding handling.
import { readFileSync, statSync } from 'node:fs';

/** mimetypes._types_map_default (3.11), without the leading dots. */
const TYPES_DEFAULT: Record<string, string> = {
  js: 'application/javascript', mjs: 'application/javascript', json: 'application/json',
  webmanifest: 'application/manifest+json', doc: 'application/msword', dot: 'application/msword',
  wiz: 'application/msword', nq: 'application/n-quads', nt: 'application/n-triples',
  bin: 'application/octet-stream', a: 'application/octet-stream', dll: 'application/octet-stream',
  exe: 'application/octet-stream', o: 'application/octet-stream', obj: 'application/octet-stream',
  so: 'application/octet-stream', oda: 'application/oda', pdf: 'application/pdf',
  p7c: 'application/pkcs7-mime', ps: 'application/postscript', ai: 'application/postscript',
  eps: 'application/postscript', trig: 'application/trig', m3u: 'application/vnd.apple.mpegurl',
  m3u8: 'application/vnd.apple.mpegurl', xls: 'application/vnd.ms-excel', xlb: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint', pot: 'application/vnd.ms-powerpoint',
  ppa: 'application/vnd.ms-powerpoint', pps: 'application/vnd.ms-powerpoint',
  pwz: 'application/vnd.ms-powerpoint', wasm: 'application/wasm', bcpio: 'application/x-bcpio',
  cpio: 'application/x-cpio', csh: 'application/x-csh', dvi: 'application/x-dvi', gtar: 'application/x-gtar',
  hdf: 'application/x-hdf', h5: 'application/x-hdf5', latex: 'application/x-latex', mif: 'application/x-mif',
  cdf: 'application/x-netcdf', nc: 'application/x-netcdf', p12: 'application/x-pkcs12',
  pfx: 'application/x-pkcs12', ram: 'application/x-pn-realaudio', pyc: 'application/x-python-code',
  pyo: 'application/x-python-code', sh: 'application/x-sh', shar: 'application/x-shar',
  swf: 'application/x-shockwave-flash', sv4cpio: 'application/x-sv4cpio', sv4crc: 'application/x-sv4crc',
  tar: 'application/x-tar', tcl: 'application/x-tcl', tex: 'application/x-tex',
  texi: 'application/x-texinfo', texinfo: 'application/x-texinfo', roff: 'application/x-troff',
  t: 'application/x-troff', tr: 'application/x-troff', man: 'application/x-troff-man',
  me: 'application/x-troff-me', ms: 'application/x-troff-ms', ustar: 'application/x-ustar',
  src: 'application/x-wais-source', xsl: 'application/xml', rdf: 'application/xml', wsdl: 'application/xml',
  xpdl: 'application/xml', zip: 'application/zip', '3gp': 'audio/3gpp', '3gpp': 'audio/3gpp',
  '3g2': 'audio/3gpp2', '3gpp2': 'audio/3gpp2', aac: 'audio/aac', adts: 'audio/aac', loas: 'audio/aac',
  ass: 'audio/aac', au: 'audio/basic', snd: 'audio/basic', mp3: 'audio/mpeg', mp2: 'audio/mpeg',
  opus: 'audio/opus', aif: 'audio/x-aiff', aifc: 'audio/x-aiff', aiff: 'audio/x-aiff',
  ra: 'audio/x-pn-realaudio', wav: 'audio/x-wav', avif: 'image/avif', bmp: 'image/bmp', gif: 'image/gif',
  ief: 'image/ief', jpg: 'image/jpeg', jpe: 'image/jpeg', jpeg: 'image/jpeg', heic: 'image/heic',
  heif: 'image/heif', png: 'image/png', svg: 'image/svg+xml', tiff: 'image/tiff', tif: 'image/tiff',
  ico: 'image/vnd.microsoft.icon', ras: 'image/x-cmu-raster', pnm: 'image/x-portable-anymap',
  pbm: 'image/x-portable-bitmap', pgm: 'image/x-portable-graymap', ppm: 'image/x-portable-pixmap',
  rgb: 'image/x-rgb', xbm: 'image/x-xbitmap', xpm: 'image/x-xpixmap', xwd: 'image/x-xwindowdump',
  eml: 'message/rfc822', mht: 'message/rfc822', mhtml: 'message/rfc822', nws: 'message/rfc822',
  css: 'text/css', csv: 'text/csv', html: 'text/html', htm: 'text/html', n3: 'text/n3', txt: 'text/plain',
  bat: 'text/plain', c: 'text/plain', h: 'text/plain', ksh: 'text/plain', pl: 'text/plain',
  srt: 'text/plain', rtx: 'text/richtext', tsv: 'text/tab-separated-values', vtt: 'text/vtt',
  py: 'text/x-python', etx: 'text/x-setext', sgm: 'text/x-sgml', sgml: 'text/x-sgml', vcf: 'text/x-vcard',
  xml: 'text/xml', mp4: 'video/mp4', mpeg: 'video/mpeg', m1v: 'video/mpeg', mpa: 'video/mpeg',
  mpe: 'video/mpeg', mpg: 'video/mpeg', mov: 'video/quicktime', qt: 'video/quicktime', webm: 'video/webm',
  avi: 'video/x-msvideo', movie: 'video/x-sgi-movie',
};

const SUFFIX_MAP: Record<string, string> = {
  '.svgz': '.svg.gz', '.tgz': '.tar.gz', '.taz': '.tar.gz', '.tz': '.tar.gz', '.tbz2': '.tar.bz2', '.txz': '.tar.xz',
};

const ENCODINGS_MAP: Record<string, string> = { '.gz': 'gzip', '.Z': 'compress', '.bz2': 'bzip2', '.xz': 'xz', '.br': 'br' };

const KNOWN_FILES = [
  '/etc/mime.types', '/etc/httpd/mime.types', '/etc/httpd/conf/mime.types', '/etc/apache/mime.types',
  '/etc/apache2/mime.types', '/usr/local/etc/httpd/conf/mime.types', '/usr/local/lib/netscape/mime.types',
  '/usr/local/etc/httpd/conf/mime.types', '/usr/local/etc/mime.types',
];

let strictTypes: Map<string, string> | undefined;

/** mimetypes.init(): the defaults, then every known file that exists (MimeTypes.readfp()). */
function typesMap(): Map<string, string> {
  if (strictTypes) return strictTypes;
  const m = new Map<string, string>();
  for (const [ext, type] of Object.entries(TYPES_DEFAULT)) m.set('.' + ext, type);
  for (const file of KNOWN_FILES) {
    let text: string;
    try {
      if (!statSync(file).isFile()) continue;
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      let words = line.split(/\s+/).filter(Boolean);
      const hash = words.findIndex((w) => w.startsWith('#'));
      if (hash >= 0) words = words.slice(0, hash);
      if (words.length < 2) continue;
      for (const suff of words.slice(1)) m.set('.' + suff, words[0]!);
    }
  }
  strictTypes = m;
  return m;
}

/** posixpath.splitext() */
export function splitext(p: string): [string, string] {
  const slash = p.lastIndexOf('/');
  const dot = p.lastIndexOf('.');
  if (dot <= slash) return [p, ''];
  // Leading dots of the file name do not start an extension.
  let i = slash + 1;
  while (i < dot && p[i] === '.') i++;
  if (i === dot) return [p, ''];
  return [p.slice(0, dot), p.slice(dot)];
}

/** mimetypes.guess_type(path) with strict=True: [type, encoding]. */
export function guessType(path: string): [string | undefined, string | undefined] {
  let [base, ext] = splitext(path);
  while (SUFFIX_MAP[ext.toLowerCase()] !== undefined) [base, ext] = splitext(base + SUFFIX_MAP[ext.toLowerCase()]!);
  let encoding: string | undefined;
  if (ENCODINGS_MAP[ext] !== undefined) {
    encoding = ENCODINGS_MAP[ext];
    [base, ext] = splitext(base);
  }
  return [typesMap().get(ext.toLowerCase()), encoding];
}
