// libxt_LOG.c: --log-level, --log-prefix (29 characters kept), --log-tcp-sequence,
// --log-tcp-options, --log-ip-options, --log-uid, --log-macdecode; and libxt_NFLOG.c:
// --nflog-group, --nflog-prefix, --nflog-size, --nflog-threshold (--nflog-range is accepted
// with a warning and, as iptables-nft does, not kept).
import {
  XT_LOG_IPOPT, XT_LOG_MACDECODE, XT_LOG_TCPOPT, XT_LOG_TCPSEQ, XT_LOG_UID, type LogInfo, type NflogInfo,
} from '../../../kernel/netfilter/xt_LOG.js';
import { registerTarget } from './index.js';
import { xtExt, parseUint } from './xtopt.js';
import { saveString } from './parse.js';

/** xt_log_names[]: the first name of a level is the one printed. */
const LOG_NAMES: [string, number][] = [
  ['alert', 1], ['crit', 2], ['debug', 7], ['emerg', 0], ['error', 3], ['info', 6], ['notice', 5], ['panic', 0],
  ['warn', 4], ['warning', 4],
];
const FLAGS: [number, string][] = [
  [XT_LOG_TCPSEQ, 'tcp-sequence'], [XT_LOG_TCPOPT, 'tcp-options'], [XT_LOG_IPOPT, 'ip-options'], [XT_LOG_UID, 'uid'],
  [XT_LOG_MACDECODE, 'macdecode'],
];

registerTarget(xtExt<LogInfo>({
  name: 'LOG',
  options: [
    { name: 'log-level' }, { name: 'log-prefix' }, { name: 'log-tcp-sequence', noArg: true },
    { name: 'log-tcp-options', noArg: true }, { name: 'log-ip-options', noArg: true }, { name: 'log-uid', noArg: true },
    { name: 'log-macdecode', noArg: true },
  ],
  init: () => ({ level: 4, logflags: 0, prefix: '' }),
  parse(opt, arg, _inv, t, ctx) {
    if (opt === 'log-level') {
      const n = LOG_NAMES.find((x) => x[0] === arg);
      if (n) t.level = n[1];
      else if (/^[0-7]$/.test(arg)) t.level = Number(arg);
      else throw ctx.perr(`log level "${arg}" unknown\n`);
    } else if (opt === 'log-prefix') {
      if (arg === '') throw ctx.perr('Argument must have a minimum length of 1 characters\n');
      t.prefix = arg.slice(0, 29);
    } else {
      t.logflags |= FLAGS.find((f) => `log-${f[1]}` === opt)![0];
    }
  },
  print(t, numeric) {
    let s = ' LOG';
    if (numeric) s += ` flags ${t.logflags} level ${t.level}`;
    else {
      const n = LOG_NAMES.find((x) => x[1] === t.level);
      s += n ? ` level ${n[0]}` : ` UNKNOWN level ${t.level}`;
      for (const [f, name] of FLAGS) if (t.logflags & f) s += ` ${name}`;
    }
    return s + (t.prefix ? ` prefix "${t.prefix}"` : '');
  },
  save(t) {
    let s = t.prefix ? ` --log-prefix${saveString(t.prefix)}` : '';
    if (t.level !== 4) s += ` --log-level ${t.level}`;
    for (const [f, name] of FLAGS) if (t.logflags & f) s += ` --log-${name}`;
    return s;
  },
}));

function nflogStr(t: NflogInfo, prefix: string): string {
  let s = t.prefix ? ` ${prefix}nflog-prefix${saveString(t.prefix)}` : '';
  if (t.group) s += ` ${prefix}nflog-group ${t.group}`;
  if (t.copyLen) s += ` ${prefix}nflog-size ${t.len}`;
  if (t.threshold !== 1) s += ` ${prefix}nflog-threshold ${t.threshold}`;
  return s;
}

registerTarget(xtExt<NflogInfo>({
  name: 'NFLOG',
  options: [
    { name: 'nflog-group' }, { name: 'nflog-prefix' }, { name: 'nflog-range', excl: ['nflog-size'] },
    { name: 'nflog-threshold' }, { name: 'nflog-size', excl: ['nflog-range'] },
  ],
  init: () => ({ group: 0, prefix: '', len: 0, threshold: 1, copyLen: false }),
  parse(opt, arg, _inv, t, ctx) {
    if (opt === 'nflog-group') t.group = parseUint('NFLOG', opt, arg, ctx, 0, 65535);
    else if (opt === 'nflog-prefix') t.prefix = arg.slice(0, 63);
    else if (opt === 'nflog-threshold') t.threshold = parseUint('NFLOG', opt, arg, ctx);
    else if (opt === 'nflog-size') {
      t.len = parseUint('NFLOG', opt, arg, ctx);
      t.copyLen = true;
    } else {
      // iptables also warns on stderr that --nflog-range never worked (not reproduced).
      parseUint('NFLOG', opt, arg, ctx);
    }
  },
  print: (t) => nflogStr(t, ''),
  save: (t) => nflogStr(t, '--'),
}));
