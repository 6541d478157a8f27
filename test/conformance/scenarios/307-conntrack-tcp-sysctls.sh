# The TCP tracker's sysctls once a rule uses conntrack: defaults, ranges, writes.
iptables -A INPUT -m conntrack --ctstate INVALID -j DROP
sysctl net.netfilter | grep nf_conntrack_tcp
sysctl -w net.netfilter.nf_conntrack_tcp_be_liberal=2
sysctl -w net.netfilter.nf_conntrack_tcp_be_liberal=1
sysctl -w net.netfilter.nf_conntrack_tcp_loose=0
sysctl -w net.netfilter.nf_conntrack_tcp_ignore_invalid_rst=-1
sysctl -w net.netfilter.nf_conntrack_tcp_max_retrans=256
sysctl -w net.netfilter.nf_conntrack_tcp_max_retrans=255
sysctl -w net.netfilter.nf_conntrack_tcp_timeout_unacknowledged=100
sysctl -w net.netfilter.nf_conntrack_tcp_timeout_max_retrans=0
sysctl net.netfilter.nf_conntrack_tcp_be_liberal net.netfilter.nf_conntrack_tcp_loose net.netfilter.nf_conntrack_tcp_max_retrans
cat /proc/sys/net/netfilter/nf_conntrack_tcp_timeout_unacknowledged /proc/sys/net/netfilter/nf_conntrack_tcp_timeout_max_retrans
ip netns add other
ip netns exec other iptables -A INPUT -m state --state INVALID -j DROP
ip netns exec other sysctl net.netfilter.nf_conntrack_tcp_be_liberal net.netfilter.nf_conntrack_tcp_loose net.netfilter.nf_conntrack_tcp_timeout_unacknowledged
