// The netfilter module: the IPv4 tables (each registers its hooks) and the extensions.
import './iptable_raw.js';
import './iptable_mangle.js';
import './iptable_filter.js';
import './iptable_security.js';
import './xt_tcpudp.js';
import './ipt_icmp.js';
import './xt_comment.js';
import './ipt_REJECT.js';
import './xt_mark.js';
import './xt_statistic.js';
import './xt_addrtype.js';
import './xt_multiport.js';
