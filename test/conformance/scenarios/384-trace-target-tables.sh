# iptables-nft accepts -j TRACE in every table (it becomes `meta nftrace set 1`): listed and saved like any target; xtables-monitor's options and usage.
ip netns add b
ip netns exec b iptables -j TRACE -A INPUT
ip netns exec b iptables -t mangle -A PREROUTING -p tcp --dport 22 -j TRACE
ip netns exec b iptables -t nat -A OUTPUT -j TRACE
ip netns exec b iptables -t raw -A PREROUTING -j TRACE --log-prefix x
ip netns exec b iptables -t raw -N trace-me
ip netns exec b iptables -t raw -A trace-me -j TRACE
ip netns exec b iptables -t raw -A PREROUTING -i eth0 -j trace-me
ip netns exec b iptables -t raw -L -n -v
ip netns exec b iptables -t raw -L
ip netns exec b iptables-save | grep -v '^#'
ip netns exec b iptables -t mangle -C PREROUTING -p tcp --dport 22 -j TRACE
ip netns exec b iptables -t mangle -D PREROUTING -p tcp --dport 22 -j TRACE
ip netns exec b iptables -t mangle -S
xtables-monitor
xtables-monitor -h
xtables-monitor -V
xtables-monitor -x
xtables-monitor --trace --bogus
xtables-monitor --ipv6 extra
