// libxt_owner.c (revision 1): --uid-owner, --gid-owner (ID, ID-ID or a name), --socket-exists;
// the kernel accepts it in OUTPUT and POSTROUTING only. Names come from Debian 12's default
// /etc/passwd and /etc/group (base-passwd).
import { XT_OWNER_GID, XT_OWNER_SOCKET, XT_OWNER_UID, type OwnerInfo } from '../../../kernel/netfilter/xt_owner.js';
import { NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING } from '../../../kernel/ipv4/ip_input.js';
import { registerMatch, type ExtCtx } from './index.js';
import { xtExt, strtoul } from './xtopt.js';
import { xtCheck } from './hooks.js';

const PASSWD: [string, number][] = [
  ['root', 0], ['daemon', 1], ['bin', 2], ['sys', 3], ['sync', 4], ['games', 5], ['man', 6], ['lp', 7], ['mail', 8],
  ['news', 9], ['uucp', 10], ['proxy', 13], ['www-data', 33], ['backup', 34], ['list', 38], ['irc', 39], ['_apt', 42],
  ['nobody', 65534],
];
const GROUP: [string, number][] = [
  ['root', 0], ['daemon', 1], ['bin', 2], ['sys', 3], ['adm', 4], ['tty', 5], ['disk', 6], ['lp', 7], ['mail', 8],
  ['news', 9], ['uucp', 10], ['man', 12], ['proxy', 13], ['kmem', 15], ['dialout', 20], ['fax', 21], ['voice', 22],
  ['cdrom', 24], ['floppy', 25], ['tape', 26], ['sudo', 27], ['audio', 29], ['dip', 30], ['www-data', 33],
  ['backup', 34], ['operator', 37], ['list', 38], ['irc', 39], ['src', 40], ['shadow', 42], ['utmp', 43],
  ['video', 44], ['sasl', 45], ['plugdev', 46], ['staff', 50], ['games', 60], ['users', 100], ['nogroup', 65534],
];

/** An id, an id range, or a user/group name. */
function parseId(opt: string, arg: string, names: [string, number][], ctx: ExtCtx): [number, number] {
  const n = names.find((x) => x[0] === arg);
  if (n) return [n[1], n[1]];
  const parts = arg.split('-');
  const v = parts.map((s) => strtoul(s));
  if (parts.length <= 2 && v.every((x) => x !== undefined && x <= 0xfffffffe)) return [v[0]!, v[v.length - 1]!];
  throw ctx.perr(`owner: Bad value for "--${opt}" option: "${arg}"`);
}

function item(m: OwnerInfo, label: string, flag: number, numeric: boolean): string {
  if (!(m.match & flag)) return '';
  let s = `${m.invert & flag ? ' !' : ''} ${label}`;
  if (flag === XT_OWNER_SOCKET) return s;
  const [lo, hi, names] = flag === XT_OWNER_UID ? [m.uidMin, m.uidMax, PASSWD] : [m.gidMin, m.gidMax, GROUP];
  if (lo !== hi) return `${s} ${lo}-${hi}`;
  const name = numeric ? undefined : names.find((x) => x[1] === lo)?.[0];
  s += ` ${name ?? lo}`;
  return s;
}

registerMatch(xtExt<OwnerInfo>({
  name: 'owner',
  options: [
    { name: 'uid-owner', invert: true },
    { name: 'gid-owner', invert: true },
    { name: 'socket-exists', noArg: true, invert: true },
  ],
  init: () => ({ uidMin: 0, uidMax: 0, gidMin: 0, gidMax: 0, match: 0, invert: 0 }),
  parse(opt, arg, inv, m, ctx) {
    const flag = opt === 'uid-owner' ? XT_OWNER_UID : opt === 'gid-owner' ? XT_OWNER_GID : XT_OWNER_SOCKET;
    if (flag === XT_OWNER_UID) [m.uidMin, m.uidMax] = parseId(opt, arg, PASSWD, ctx);
    if (flag === XT_OWNER_GID) [m.gidMin, m.gidMax] = parseId(opt, arg, GROUP, ctx);
    m.match |= flag;
    if (inv) m.invert |= flag;
  },
  fcheck(m, ctx) {
    if (!m.match) throw ctx.perr('owner: At least one of --uid-owner, --gid-owner or --socket-exists is required');
  },
  print: (m, numeric) => item(m, 'owner socket exists', XT_OWNER_SOCKET, numeric) +
    item(m, 'owner UID match', XT_OWNER_UID, numeric) + item(m, 'owner GID match', XT_OWNER_GID, numeric),
  save: (m) => item(m, '--socket-exists', XT_OWNER_SOCKET, true) + item(m, '--uid-owner', XT_OWNER_UID, true) +
    item(m, '--gid-owner', XT_OWNER_GID, true),
  check: (_m, { table, chain, family }) =>
    xtCheck.hooks(family, 'owner match', table, chain, [NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING]),
}));
