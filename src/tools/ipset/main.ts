// ipset v7.17 (protocol 7), as Debian 12 ships it: src/ipset.c and libipset's ipset.c
// (command line parsing, restore mode), session.c (commands, restore aggregation, error
// reports) and errcode.c (kernel error numbers to messages), talking to the emulated
// kernel's ip_set core (kernel/netfilter/ipset).
import type { Process, Tool } from '../process.js';
import type { Netns } from '../../kernel/net_namespace.js';
import {
  type IpSetAttrs, ipSetCreate, ipSetDestroy, ipSetFlush, ipSetRename, ipSetSwap, ipSetHeader,
  ipSetDump, ipSetAd, ipSetUtest,
  IPSET_ERR_PROTOCOL, IPSET_ERR_FIND_TYPE, IPSET_ERR_MAX_SETS, IPSET_ERR_INVALID_NETMASK,
  IPSET_ERR_INVALID_MARKMASK, IPSET_ERR_INVALID_FAMILY, IPSET_ERR_BUSY, IPSET_ERR_EXIST_SETNAME2,
  IPSET_ERR_REFERENCED, IPSET_ERR_TYPE_MISMATCH, IPSET_ERR_INVALID_CIDR, IPSET_ERR_TIMEOUT,
  IPSET_ERR_IPADDR_IPV4, IPSET_ERR_IPADDR_IPV6, IPSET_ERR_COUNTER, IPSET_ERR_COMMENT, IPSET_ERR_EXIST,
  IPSET_ERR_SKBINFO, IPSET_ERR_TYPE_SPECIFIC, IPSET_ERR_PRIVATE, IPSET_FLAG_EXIST,
  IPSET_FLAG_WITH_COUNTERS, IPSET_FLAG_WITH_COMMENT, IPSET_FLAG_WITH_SKBINFO, IPSET_FLAG_WITH_FORCEADD,
  IPSET_FLAG_NOMATCH, IPSET_FLAG_PHYSDEV, IPSET_FLAG_IFACE_WILDCARD,
} from '../../kernel/netfilter/ipset/index.js';
import { type IpsetData, SessionError, syntaxErr, newData, NFPROTO_IPV4, NFPROTO_UNSPEC } from './parse.js';
import { type UserType, type Keyword, findUserType } from './types.js';
import { type OutputMode, formatDump } from './print.js';
import { HELP_MAIN, HELP_TYPES, HELP_TYPE } from './help.js';

const PROG = 'ipset';
const VERSION = '7.17';
const IPSET_PROTOCOL = 7;
const TRY = "Try `ipset help' for more information.\n";

/** enum ipset_err_type exit statuses */
const IPSET_OTHER_PROBLEM = 1, IPSET_PARAMETER_PROBLEM = 2;

type Cmd = 'create' | 'add' | 'del' | 'test' | 'destroy' | 'list' | 'save' | 'restore' | 'flush' |
  'rename' | 'swap' | 'help' | 'version' | 'quit';

/** ipset_commands[]: names (prefixes match), and the arguments each takes. Order matters. */
const COMMANDS: { cmd: Cmd; names: string[]; arg: 'none' | 'optional' | 'two' }[] = [
  { cmd: 'create', names: ['create', 'new', '-N'], arg: 'two' },
  { cmd: 'add', names: ['add', '-A'], arg: 'two' },
  { cmd: 'del', names: ['del', '-D'], arg: 'two' },
  { cmd: 'test', names: ['test', '-T'], arg: 'two' },
  { cmd: 'destroy', names: ['destroy', 'x', '-X'], arg: 'optional' },
  { cmd: 'list', names: ['list', '-L'], arg: 'optional' },
  { cmd: 'save', names: ['save', '-S'], arg: 'optional' },
  { cmd: 'restore', names: ['restore', '-R'], arg: 'none' },
  { cmd: 'flush', names: ['flush', '-F'], arg: 'optional' },
  { cmd: 'rename', names: ['rename', 'e', '-E'], arg: 'two' },
  { cmd: 'swap', names: ['swap', 'w', '-W'], arg: 'two' },
  { cmd: 'help', names: ['help', '-h', '-H'], arg: 'optional' },
  { cmd: 'version', names: ['version', '-v', '-V'], arg: 'none' },
  { cmd: 'quit', names: ['quit'], arg: 'none' },
];

type EnvOpt = 'output' | 'sorted' | 'quiet' | 'resolve' | 'exist' | 'name' | 'terse' | 'file';
const ENVOPTS: { opt: EnvOpt; names: string[]; arg: boolean }[] = [
  { opt: 'output', names: ['-o', '-output'], arg: true },
  { opt: 'sorted', names: ['-s', '-sorted'], arg: false },
  { opt: 'quiet', names: ['-q', '-quiet'], arg: false },
  { opt: 'resolve', names: ['-r', '-resolve'], arg: false },
  { opt: 'exist', names: ['-!', '-exist'], arg: false },
  { opt: 'name', names: ['-n', '-name'], arg: false },
  { opt: 'terse', names: ['-t', '-terse'], arg: false },
  { opt: 'file', names: ['-f', '-file'], arg: true },
];

/** ipset_match_cmd(): a prefix of a command name or alias (two leading dashes ignored). */
function matchCmd(arg: string, names: string[]): boolean {
  const skip = arg.startsWith('--') ? 2 : 0;
  const a = arg.slice(skip);
  if (a.length === 0 || arg === '-') return false;
  return names.some((n) => n.startsWith(a));
}

/** ipset_match_envopt(): exact, one leading dash of two ignored. */
function matchEnvopt(arg: string, names: string[]): boolean {
  const a = arg.startsWith('--') ? arg.slice(1) : arg;
  return names.includes(a);
}

/** ipset_match_option(): exact, two leading dashes ignored. */
function matchOption(arg: string, names: string[]): boolean {
  const a = arg.startsWith('--') ? arg.slice(2) : arg;
  return names.includes(a);
}

/** A custom_error() with a status: printed as is (PARAMETER_PROBLEM adds the hint). */
class CustomError extends Error {
  constructor(readonly status: number, readonly text: string) {
    super(text);
  }
}
const paramErr = (t: string) => new CustomError(IPSET_PARAMETER_PROBLEM, t);

/** errcode.c: core_errcode_table and the type-specific tables. */
const CORE_ERRORS: [number, Cmd | 0, string][] = [
  [2, 0, 'The set with the given name does not exist'],
  [90, 0, 'Kernel error received: message could not be created'],
  [IPSET_ERR_PROTOCOL, 0, 'Kernel error received: ipset protocol error'],
  [17, 'create', 'Set cannot be created: set with the same name already exists'],
  [IPSET_ERR_FIND_TYPE, 0, 'Kernel error received: set type not supported'],
  [IPSET_ERR_MAX_SETS, 0, 'Kernel error received: maximal number of sets reached, cannot create more.'],
  [IPSET_ERR_INVALID_NETMASK, 0, 'The value of the netmask parameter is invalid'],
  [IPSET_ERR_INVALID_MARKMASK, 0, 'The value of the markmask parameter is invalid'],
  [IPSET_ERR_INVALID_FAMILY, 0, 'Protocol family not supported by the set type'],
  [IPSET_ERR_BUSY, 'destroy', 'Set cannot be destroyed: it is in use by a kernel component'],
  [IPSET_ERR_EXIST_SETNAME2, 'rename', 'Set cannot be renamed: a set with the new name already exists'],
  [IPSET_ERR_REFERENCED, 'rename', 'Set cannot be renamed: it is in use by another system'],
  [IPSET_ERR_EXIST_SETNAME2, 'swap', 'Sets cannot be swapped: the second set does not exist'],
  [IPSET_ERR_TYPE_MISMATCH, 'swap', 'The sets cannot be swapped: their type does not match'],
  [IPSET_ERR_INVALID_CIDR, 0, 'The value of the CIDR parameter of the IP address is invalid'],
  [IPSET_ERR_TIMEOUT, 0, 'Timeout cannot be used: set was created without timeout support'],
  [IPSET_ERR_IPADDR_IPV4, 0, 'An IPv4 address is expected, but not received'],
  [IPSET_ERR_IPADDR_IPV6, 0, 'An IPv6 address is expected, but not received'],
  [IPSET_ERR_COUNTER, 0, 'Packet/byte counters cannot be used: set was created without counter support'],
  [IPSET_ERR_COMMENT, 0, 'Comment cannot be used: set was created without comment support'],
  [IPSET_ERR_SKBINFO, 0, 'Skbinfo mapping cannot be used: set was created without skbinfo support'],
  [IPSET_ERR_EXIST, 'add', "Element cannot be added to the set: it's already added"],
  [IPSET_ERR_EXIST, 'del', "Element cannot be deleted from the set: it's not added"],
];
const BITMAP_ERRORS: [number, Cmd | 0, string][] = [
  [IPSET_ERR_TYPE_SPECIFIC, 0, 'Element is out of the range of the set'],
  [IPSET_ERR_TYPE_SPECIFIC + 1, 'create', 'The range you specified exceeds the size limit of the set type'],
];
const HASH_ERRORS: [number, Cmd | 0, string][] = [
  [IPSET_ERR_TYPE_SPECIFIC, 0, 'Hash is full, cannot add more elements'],
  [IPSET_ERR_TYPE_SPECIFIC + 1, 0, 'Null-valued element, cannot be stored in a hash type of set'],
  [IPSET_ERR_TYPE_SPECIFIC + 2, 0, 'Invalid protocol specified'],
  [IPSET_ERR_TYPE_SPECIFIC + 3, 0, 'Protocol missing, but must be specified'],
  [IPSET_ERR_TYPE_SPECIFIC + 4, 0, 'Range is not supported in the "net" component of the element'],
  [IPSET_ERR_TYPE_SPECIFIC + 5, 0, 'Invalid range, covers the whole address space'],
];

/** strerror() of the errnos the kernel side can return here. */
const STRERROR: Record<number, string> = {
  22: 'Invalid argument', 34: 'Numerical result out of range', 11: 'Resource temporarily unavailable',
  12: 'Cannot allocate memory', 16: 'Device or resource busy', 1: 'Operation not permitted',
};

/** ipset_errcode() */
function errcodeText(cmd: Cmd, err: number, typename: string | undefined): string {
  let table = CORE_ERRORS;
  if (err >= IPSET_ERR_TYPE_SPECIFIC && typename) {
    if (typename.startsWith('bitmap:')) table = BITMAP_ERRORS;
    else if (typename.startsWith('hash:')) table = HASH_ERRORS;
  }
  for (const t of [table, CORE_ERRORS]) {
    let generic: string | undefined;
    for (const [code, c, msg] of t) {
      if (code !== err) continue;
      if (c === cmd) return msg;
      if (c === 0 && generic === undefined) generic = msg;
    }
    if (generic !== undefined) return generic;
  }
  if (err < IPSET_ERR_PRIVATE) return `Kernel error received: ${STRERROR[err] ?? `Unknown error ${err}`}`;
  return `Undecoded error ${err} received from kernel`;
}

/** A kernel error: reported through the session like ipset_errcode() (with a line number in
 *  restore mode). */
class KernelErr extends SessionError {
  constructor(text: string, readonly lineno: number) {
    super(text);
  }
}

interface Pending {
  cmd: 'add' | 'del';
  setname: string;
  typename: string;
  elems: IpSetAttrs[];
}

/** struct ipset_session (with struct ipset's restore state). */
class Session {
  envopts = new Set<EnvOpt>();
  mode: OutputMode | undefined;
  /** Restore mode: the line being parsed (0: not restoring). */
  restoreLine = 0;
  pending: Pending | undefined;
  out = '';
  constructor(readonly p: Process, readonly ns: Netns) {}

  get exist(): boolean {
    return this.envopts.has('exist');
  }
}

/** stdout is block-buffered on a pipe: what a command prints reaches the reader only when 4 KiB
 *  have gathered or at exit, after anything written to stderr meanwhile. */
function writeOut(s: Session, text: string): void {
  s.out += text;
  while (s.out.length >= 4096) {
    s.p.stdout(s.out.slice(0, 4096));
    s.out = s.out.slice(4096);
  }
}

// ---------------------------------------------------------------------------------------
// Parsing of a command's arguments (ipset_parse_argv and call_parser)

/** call_parser(): the type's keywords for this command; `family` parses only the family. */
function callParser(args: string[], kws: Keyword[], d: IpsetData, familyPass: boolean, famForParse: number): void {
  if (kws.length === 0 && args.length > 0) throw paramErr(`Unknown argument: \`${args[0]}'`);
  let i = 0;
  while (i < args.length) {
    const a = args[i]!;
    const k = kws.find((x) => matchOption(a, x.names));
    if (!k) throw paramErr(`Unknown argument: \`${a}'`);
    i++;
    const doParse = familyPass === (k.opt === 'family');
    if (k.hasArg) {
      if (i >= args.length) throw paramErr(`Missing mandatory argument of option \`${k.names[0]}'`);
      if (doParse) k.parse(d, args[i]!, famForParse);
      i++;
    } else if (doParse) {
      k.parse(d, a, famForParse);
    }
  }
}

/** check_mandatory() */
function checkMandatory(t: UserType, cmd: 'create' | 'add' | 'del' | 'test', d: IpsetData): void {
  const given = new Set(d.given);
  if (given.has('cidr')) given.add('ip_to');
  const missing = t.need[cmd].filter((o) => !given.has(o));
  if (missing.length === 0) return;
  for (const k of t[cmd]) {
    if (missing.includes(k.opt)) throw paramErr(`Mandatory option \`${k.names[0]}' is missing`);
  }
}

const CMD_NAME: Record<string, string> = { create: 'create', add: 'add', del: 'del', test: 'test' };

/** check_allowed(): element ranges the type/family/command doesn't take. */
function checkAllowed(t: UserType, cmd: 'add' | 'del' | 'test', d: IpsetData, family: number): void {
  const allowed = new Set(t.ranges(cmd, family));
  if (allowed.has('ip_to')) allowed.add('cidr');
  const fam = family === NFPROTO_IPV4 ? 'inet' : family === 10 ? 'inet6' : 'unspec';
  const what: [string, string][] = [['cidr', 'IP/CIDR range'], ['ip_to', 'FROM-TO IP range'], ['port_to', 'FROM-TO port range']];
  for (const [opt, text] of what) {
    if (d.given.has(opt) && !allowed.has(opt)) {
      throw new CustomError(IPSET_OTHER_PROBLEM,
        `${text} is not allowed in command ${CMD_NAME[cmd]} with set type ${t.name} and family ${fam}`);
    }
  }
}

/** ipset_parse_elem(): splits the element into its dimensions. */
function parseElem(t: UserType, d: IpsetData, str: string, family: number): void {
  const parts = str.split(',');
  if (t.dimension === 1) {
    if (parts.length > 1) throw syntaxErr(`Elem separator in ${str}, but settype ${t.name} supports none.`);
    t.elem(d, 0, str, family);
    return;
  }
  if (parts.length < 2 || parts[1] === '') throw syntaxErr(`Second element is missing from ${str}.`);
  if (parts.length > 2) throw syntaxErr(`Two elem separators in ${str}, but settype ${t.name} supports one.`);
  t.elem(d, 0, parts[0]!, family);
  t.elem(d, 1, parts[1]!, family);
}

/** The ADT attributes of the session data (addattr_adt()). */
function adtAttrs(d: IpsetData, lineno: number): IpSetAttrs {
  const a: IpSetAttrs = {};
  if (d.ip) a.ip = d.ip;
  if (d.ipTo) a.ipTo = d.ipTo;
  if (d.cidr !== undefined) a.cidr = d.cidr;
  if (d.port !== undefined) a.port = d.port;
  if (d.portTo !== undefined) a.portTo = d.portTo;
  if (d.proto !== undefined) a.proto = d.proto;
  if (d.iface !== undefined) a.iface = d.iface;
  let f = 0;
  if (d.nomatch) f |= IPSET_FLAG_NOMATCH;
  if (d.physdev) f |= IPSET_FLAG_PHYSDEV;
  if (d.wildcard) f |= IPSET_FLAG_IFACE_WILDCARD;
  if (f) a.cadtFlags = f;
  if (d.timeout !== undefined) a.timeout = d.timeout;
  if (d.packets !== undefined) a.packets = d.packets;
  if (d.bytes !== undefined) a.bytes = d.bytes;
  if (d.comment !== undefined) a.comment = d.comment;
  if (d.skbmark !== undefined) {
    a.skbmark = d.skbmark;
    a.skbmarkmask = d.skbmarkmask;
  }
  if (d.skbprio !== undefined) a.skbprio = d.skbprio;
  if (d.skbqueue !== undefined) a.skbqueue = d.skbqueue;
  if (lineno) a.lineno = lineno;
  return a;
}

/** ipset_commit(): sends the aggregated ADD/DEL of restore mode. */
function commit(s: Session): void {
  const pend = s.pending;
  if (!pend) return;
  s.pending = undefined;
  const r = ipSetAd(s.ns, pend.setname, pend.cmd, pend.elems, s.exist ? IPSET_FLAG_EXIST : 0);
  if (r.ret < 0) throw new KernelErr(errcodeText(pend.cmd, -r.ret, pend.typename), r.lineno);
}

/** ipset_type_get() for ADD/DEL/TEST: the set's type and family from the kernel. */
function setType(s: Session, name: string): [UserType, number] {
  const h = ipSetHeader(s.ns, name);
  if (typeof h === 'number') throw new KernelErr(errcodeText('add', -h, undefined), s.restoreLine);
  const t = findUserType(h.typename);
  if (!t) throw new SessionError('Kernel error received: set type not supported');
  return [t, h.family];
}

function parseSetname(name: string): string {
  if (Buffer.byteLength(name) > 31) throw syntaxErr(`setname '${name}' is longer than 31 characters`);
  return name;
}

/** One command line (ipset_parse_argv()). Throws CustomError / SessionError on failure;
 *  returns the exit status otherwise. */
function parseArgv(s: Session, argv0: string[]): number {
  const argv = argv0.slice();
  // First: the environment options, wherever they are
  for (const o of ENVOPTS) {
    for (let i = 1; i < argv.length;) {
      if (!matchEnvopt(argv[i]!, o.names)) {
        i++;
        continue;
      }
      argv.splice(i, 1);
      if (o.arg) {
        if (i + 1 > argv.length) throw paramErr(`Missing mandatory argument to option ${o.names[0]}`);
        const v = argv[i]!;
        if (o.opt === 'output') {
          if (v === 'plain' || v === 'save' || v === 'xml') s.mode = v;
          else throw syntaxErr(`unknown output mode '${v}'`);
        } else {
          throw paramErr('-file option is not supported here');
        }
        argv.splice(i, 1);
      } else {
        s.envopts.add(o.opt);
      }
    }
  }
  // Second: the command
  let cmd: Cmd | undefined;
  let arg0: string | undefined, arg1: string | undefined;
  if (argv.length > 1) {
    const c = COMMANDS.find((x) => matchCmd(argv[1]!, x.names));
    if (c) {
      if (s.restoreLine !== 0 && (c.cmd === 'restore' || c.cmd === 'version' || c.cmd === 'help')) {
        throw paramErr(`Command \`${c.names[0]}' is invalid in restore mode.`);
      }
      argv.splice(1, 1);
      cmd = c.cmd;
      if (c.arg === 'two' || c.arg === 'optional') {
        if (c.arg === 'two' && argv.length < 2) throw paramErr(`Missing mandatory argument to command ${c.names[0]}`);
        arg0 = argv[1];
        if (argv.length >= 2) argv.splice(1, 1);
      }
      if (c.arg === 'two') {
        if (argv.length < 2) throw paramErr(`Missing second mandatory argument to command ${c.names[0]}`);
        arg1 = argv[1];
        argv.splice(1, 1);
      }
    }
  }
  // Third: help, version
  if (cmd === undefined) {
    if (argv.length > 1) throw paramErr(`No command specified: unknown argument ${argv[1]}`);
    throw paramErr('No command specified.');
  }
  if (cmd === 'version') {
    writeOut(s, `${PROG} v${VERSION}, protocol version: ${IPSET_PROTOCOL}\n`);
    return 0;
  }
  if (cmd === 'help') {
    writeOut(s, HELP_MAIN);
    if (!s.envopts.has('quiet')) {
      if (arg0 !== undefined) {
        const t = findUserType(arg0);
        const text = t ? HELP_TYPE[t.name] : undefined;
        if (!text) throw paramErr(`Unknown settype: \`${arg0}'`);
        writeOut(s, text);
      } else {
        writeOut(s, HELP_TYPES);
      }
    }
    return 0;
  }
  if (cmd === 'quit') return 0;
  const rest = argv.slice(1);
  const flags = s.exist ? IPSET_FLAG_EXIST : 0;
  switch (cmd) {
    case 'create': {
      const d = newData();
      d.setname = parseSetname(arg0!);
      const t = findUserType(arg1!);
      if (!t) throw syntaxErr(`typename '${arg1}' is unknown`);
      // Parse create options: first the family, then all of them
      callParser(rest, t.create, d, true, NFPROTO_UNSPEC);
      let family = t.family === 'unspec' ? NFPROTO_UNSPEC : d.family ?? NFPROTO_IPV4;
      if (t.family === 'ipv46' && family === NFPROTO_UNSPEC) family = NFPROTO_IPV4;
      callParser(rest, t.create, d, false, family);
      checkMandatory(t, 'create', d);
      commit(s);
      let cadt = 0;
      if (d.counters) cadt |= IPSET_FLAG_WITH_COUNTERS;
      if (d.withComment) cadt |= IPSET_FLAG_WITH_COMMENT;
      if (d.skbinfo) cadt |= IPSET_FLAG_WITH_SKBINFO;
      if (d.forceadd) cadt |= IPSET_FLAG_WITH_FORCEADD;
      const ret = ipSetCreate(s.ns, {
        name: d.setname, typename: t.name, revision: t.revision, family, flags,
        data: {
          hashsize: d.hashsize, maxelem: d.maxelem, timeout: d.timeout, cadtFlags: cadt || undefined,
          initval: d.initval, bucketsize: d.bucketsize, port: d.port, portTo: d.portTo,
        },
      });
      if (ret < 0) throw new KernelErr(errcodeText('create', -ret, t.name), s.restoreLine);
      return 0;
    }
    case 'add':
    case 'del':
    case 'test': {
      const d = newData();
      d.setname = parseSetname(arg0!);
      const [t, family] = setType(s, d.setname);
      parseElem(t, d, arg1!, family);
      callParser(rest, t[cmd], d, false, family);
      checkMandatory(t, cmd, d);
      checkAllowed(t, cmd, d, family);
      if (cmd === 'test') {
        commit(s);
        const ret = ipSetUtest(s.ns, d.setname, adtAttrs(d, 0));
        // The element as the session data prints it: no flags (physdev:, nomatch) in it
        const elem = t.printElem({ ...adtAttrs(d, 0), cadtFlags: undefined }, family);
        if (ret === 0) {
          if (!s.envopts.has('quiet')) s.p.stderr(`Warning: ${elem} is in set ${d.setname}.\n`);
          return 0;
        }
        if (ret === -IPSET_ERR_EXIST) {
          if (!s.envopts.has('quiet')) s.p.stderr(`${elem} is NOT in set ${d.setname}.\n`);
          return 1;
        }
        throw new KernelErr(errcodeText(cmd, -ret, t.name), s.restoreLine);
      }
      const attrs = adtAttrs(d, s.restoreLine);
      if (s.restoreLine !== 0) {
        // may_aggregate_ad(): same command and set as the buffered ones
        if (!(s.pending && s.pending.cmd === cmd && s.pending.setname === d.setname)) commit(s);
        if (!s.pending) s.pending = { cmd, setname: d.setname, typename: t.name, elems: [] };
        s.pending.elems.push(attrs);
        return 0;
      }
      const r = ipSetAd(s.ns, d.setname, cmd, [attrs], flags);
      if (r.ret < 0) throw new KernelErr(errcodeText(cmd, -r.ret, t.name), 0);
      return 0;
    }
    case 'restore':
      if (rest.length > 0) throw paramErr(`Unknown argument ${rest[0]}`);
      return -1;
    default:
      break;
  }
  // destroy, flush, list, save, rename, swap
  if (arg0 !== undefined) parseSetname(arg0);
  if (cmd === 'rename' || cmd === 'swap') parseSetname(arg1!);
  if (rest.length > 0) throw paramErr(`Unknown argument ${rest[0]}`);
  commit(s);
  let ret = 0;
  if (cmd === 'destroy') ret = ipSetDestroy(s.ns, arg0);
  else if (cmd === 'flush') ret = ipSetFlush(s.ns, arg0);
  else if (cmd === 'rename') ret = ipSetRename(s.ns, arg0!, arg1!);
  else if (cmd === 'swap') ret = ipSetSwap(s.ns, arg0!, arg1!);
  else {
    const names = s.envopts.has('name');
    const terse = s.envopts.has('terse');
    const dump = ipSetDump(s.ns, arg0, !(names || terse));
    if (typeof dump === 'number') {
      ret = dump;
    } else {
      const mode = s.mode ?? (cmd === 'save' ? 'save' : 'plain');
      writeOut(s, formatDump(dump, { mode, names, terse, sorted: s.envopts.has('sorted') }));
    }
  }
  if (ret < 0) throw new KernelErr(errcodeText(cmd, -ret, undefined), s.restoreLine);
  return 0;
}

/** build_argv(): a restore line (with its newline, when it had one) split at blanks; "double
 *  quotes" keep blanks. As in ipset, an argument still quoted when the line ends in a newline
 *  is dropped; one still quoted at the very end of the input is an error. */
function buildArgv(line: string): string[] {
  const out: string[] = [];
  let arg = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    const more = i + 1 < line.length;
    if (ch === '"') {
      quoted = !quoted;
      if (more) continue;
    } else if (ch === ' ' || ch === '\r' || ch === '\n' || ch === '\t') {
      if (quoted) {
        arg += ch;
        continue;
      }
    } else {
      arg += ch;
      if (more) continue;
    }
    if (!more && quoted) throw paramErr('Missing close quote!');
    if (arg === '') continue;
    out.push(arg);
    arg = '';
  }
  return [PROG, ...out];
}

/** The report of a failed command: "ipset v7.17: ..." (with "Error in line N: " for session
 *  errors in restore mode), the hint for parameter problems; returns the exit status. */
function report(s: Session, e: unknown): number {
  const quiet = s.envopts.has('quiet');
  if (e instanceof CustomError) {
    if (!quiet) {
      s.p.stderr(`${PROG} v${VERSION}: ${e.text}\n`);
      if (e.status === IPSET_PARAMETER_PROBLEM) s.p.stderr(TRY);
    }
    return e.status;
  }
  if (e instanceof SessionError) {
    const line = e instanceof KernelErr ? e.lineno : s.restoreLine;
    if (!quiet) s.p.stderr(`${PROG} v${VERSION}: ${line ? `Error in line ${line}: ` : ''}${e.text}\n`);
    return IPSET_OTHER_PROBLEM;
  }
  throw e;
}

/** ipset_parse_stream(): restore from stdin, line by line; the first failure ends it. */
async function restore(s: Session): Promise<number> {
  const text = await s.p.readStdin();
  const lines = text.split(/(?<=\n)/);
  for (const raw of lines) {
    s.restoreLine++;
    const c = raw.replace(/^\s+/, '');
    if (c === '' || c.startsWith('#')) continue;
    if (c === 'COMMIT\n' || c === 'COMMIT\r\n') {
      commit(s);
      continue;
    }
    parseArgv(s, buildArgv(c));
  }
  // implicit "COMMIT" at EOF
  commit(s);
  return 0;
}

export const ipset: Tool = async (p: Process) => {
  const s = new Session(p, p.netns);
  let status: number;
  try {
    status = parseArgv(s, [PROG, ...p.argv.slice(1)]);
    if (status === -1) {
      s.restoreLine = 0;
      status = await restore(s);
    }
  } catch (e) {
    status = report(s, e);
  }
  if (s.out) p.stdout(s.out);
  return status;
};
