// libxt_mac.c: --mac-source XX:XX:XX:XX:XX:XX; the kernel accepts it only in PREROUTING,
// INPUT and FORWARD.
import type { MacInfo } from '../../../kernel/netfilter/xt_mac.js';
import { NF_INET_FORWARD, NF_INET_LOCAL_IN, NF_INET_PRE_ROUTING } from '../../../kernel/ipv4/ip_input.js';
import { registerMatch } from './index.js';
import { xtExt } from './xtopt.js';
import { xtCheck } from './hooks.js';

const macStr = (a: number[]) => a.map((x) => x.toString(16).padStart(2, '0')).join(':');

registerMatch(xtExt<MacInfo>({
  name: 'mac',
  options: [{ name: 'mac-source', mand: true, invert: true }],
  init: () => ({ srcaddr: [0, 0, 0, 0, 0, 0], invert: false }),
  parse(_opt, arg, inv, m, ctx) {
    // xtables_parse_mac()
    const parts = arg.split(':');
    if (arg.length > 17 || parts.length !== 6 || parts.some((x) => !/^[0-9a-fA-F]{1,2}$/.test(x))) {
      throw ctx.perr('Invalid MAC address specified.');
    }
    m.srcaddr = parts.map((x) => parseInt(x, 16));
    m.invert = inv;
  },
  print: (m) => ` MAC ${m.invert ? '! ' : ''}${macStr(m.srcaddr)}`,
  save: (m) => `${m.invert ? ' !' : ''} --mac-source ${macStr(m.srcaddr)}`,
  check: (_m, { table, chain, family }) =>
    xtCheck.hooks(family, 'mac match', table, chain, [NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_FORWARD]),
}));
