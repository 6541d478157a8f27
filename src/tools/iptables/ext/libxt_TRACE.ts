// libxt_TRACE.c: -j TRACE takes no options and prints nothing of its own. iptables-nft 1.8.9
// sends it as `meta nftrace set 1`, which nf_tables accepts in any table (the x_tables target
// would be refused outside raw), so no table check here.
import { registerTarget } from './index.js';
import { xtExt } from './xtopt.js';

registerTarget(xtExt<Record<string, never>>({
  name: 'TRACE',
  options: [],
  init: () => ({}),
  parse() {},
  print: () => '',
  save: () => '',
}));
