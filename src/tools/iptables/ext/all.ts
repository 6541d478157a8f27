// Every extension iptables can load.
import './libxt_tcp.js';
import './libipt_icmp.js';
import './libxt_comment.js';
import './libipt_REJECT.js';
