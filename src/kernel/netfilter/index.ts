// The netfilter module: loads the IPv4 tables (each registers its hooks).
import './iptable_filter.js';
