// The netfilter module: connection tracking and NAT, the IPv4 tables (each registers its
// hooks) and the extensions.
import './nf_conntrack_core.js';
import './nf_conntrack_standalone.js';
import './iptable_raw.js';
import './iptable_mangle.js';
import './iptable_nat.js';
import './iptable_filter.js';
import './iptable_security.js';
import './xt_tcpudp.js';
import './ipt_icmp.js';
import './xt_comment.js';
import './ipt_REJECT.js';
import './xt_nat.js';
import './xt_conntrack.js';
import './xt_connmark.js';
import './xt_CT.js';
import './xt_mark.js';
import './xt_statistic.js';
import './xt_addrtype.js';
import './xt_multiport.js';
import './xt_iprange.js';
import './xt_mac.js';
import './xt_hl.js';
import './xt_length.js';
import './xt_pkttype.js';
import './xt_dscp.js';
