// The ipset modules: ip_set core and the set types netsim has (net/netfilter/ipset/).
export * from './ip_set.js';
export * from './ip_set_core.js';
import './ip_set_hash_ip.js';
import './ip_set_hash_net.js';
import './ip_set_hash_ipport.js';
import './ip_set_hash_netiface.js';
import './ip_set_bitmap_port.js';
