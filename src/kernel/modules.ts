// Loads the protocol families and drivers, each registering its per-namespace set-up and
// notifiers, in the order Linux initialises them: IPv4 before loopback comes up.
import './ipv4/devinet.js';
import './ipv4/igmp.js';
import './ipv4/arp.js';
import './ipv4/udp.js';
import './ipv4/tcp_ipv4.js';
import './ipv4/tcp_udp_proc.js';
import './ipv6/af_inet6.js';
import './procfs.js';
import './ipv6/route.js';
import './drivers/loopback.js';
import './drivers/dummy.js';
import './drivers/veth.js';
import './drivers/ether.js';
import './bridge/br.js';
import './netfilter/index.js';
