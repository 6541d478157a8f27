// Every extension iptables can load.
import './libxt_tcp.js';
import './libipt_icmp.js';
import './libxt_comment.js';
import './libipt_REJECT.js';
import './libxt_mark.js';
import './libxt_statistic.js';
import './libxt_addrtype.js';
import './libxt_multiport.js';
import './libxt_conntrack.js';
import './libxt_NAT.js';
import './libxt_connmark.js';
import './libxt_CT.js';
