# The packet loggers: net.netfilter.nf_log.N names each family's logger per namespace (only
# a registered one, or NONE), /proc/net/netfilter/nf_log shows it and every registered one.
ip netns add x
cat /proc/net/netfilter/nf_log
ip netns exec x sysctl -a 2>/dev/null | grep '^net.netfilter.nf_log'
ip netns exec x sysctl -w net.netfilter.nf_log.2=NONE
ip netns exec x cat /proc/net/netfilter/nf_log
cat /proc/net/netfilter/nf_log | head -3
ip netns exec x sysctl -w net.netfilter.nf_log.2=nf_log_ipv6
ip netns exec x sysctl -w net.netfilter.nf_log.2=nf_log_ipv4
ip netns exec x sysctl -w net.netfilter.nf_log.10=nfnetlink_log
ip netns exec x cat /proc/sys/net/netfilter/nf_log/2
ip netns exec x sysctl net.netfilter.nf_log.11
