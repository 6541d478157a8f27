// libxt_TCPMSS.c (IPv4): --set-mss VALUE (0-65515) or --clamp-mss-to-pmtu; the last one
// given wins.
import { XT_TCPMSS_CLAMP_PMTU, tcpmssCheck, type TcpmssInfo } from '../../../kernel/netfilter/xt_TCPMSS.js';
import { registerTarget } from './index.js';
import { NFPROTO_IPV4 } from '../../../kernel/netfilter/core.js';
import { xtExt, parseUint } from './xtopt.js';
import { chainHooks } from './hooks.js';

registerTarget(xtExt<TcpmssInfo>({
  name: 'TCPMSS',
  family: NFPROTO_IPV4,
  options: [{ name: 'set-mss' }, { name: 'clamp-mss-to-pmtu', noArg: true }],
  init: () => ({ mss: 0 }),
  parse(opt, arg, _inv, t, ctx) {
    t.mss = opt === 'set-mss' ? parseUint('TCPMSS', opt, arg, ctx, 0, XT_TCPMSS_CLAMP_PMTU - 20) : XT_TCPMSS_CLAMP_PMTU;
  },
  fcheck(_t, ctx, seen) {
    if (!seen.length) throw ctx.perr('TCPMSS target: At least one parameter is required');
  },
  print: (t) => (t.mss === XT_TCPMSS_CLAMP_PMTU ? ' TCPMSS clamp to PMTU' : ` TCPMSS set ${t.mss}`),
  save: (t) => (t.mss === XT_TCPMSS_CLAMP_PMTU ? ' --clamp-mss-to-pmtu' : ` --set-mss ${t.mss}`),
  check: (t, c) => tcpmssCheck(t, chainHooks(c.table, c.chain), c.entry.proto, c.entry.invProto),
}));
