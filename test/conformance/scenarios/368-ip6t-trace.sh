# ip6tables -j TRACE: xtables-monitor --trace shows an IPv6 packet (family 10, the IPv6 header) and the IPv6 rules it meets; -4 hides them.
# (/bin/sleep waits in wall time, so that the monitor started in the background is listening on netsim too.)
t=$(mktemp)
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:00:0a
ip -n b link set eth0 address 02:00:00:00:00:0b
ip -n a addr add 2001:db8::1/64 dev eth0 nodad
ip -n b addr add 2001:db8::2/64 dev eth0 nodad
ip netns exec a sysctl -qw net.ipv6.auto_flowlabels=0
ip netns exec b sysctl -qw net.ipv6.auto_flowlabels=0
ip -n a link set eth0 up
ip -n b link set eth0 up
/bin/sleep 2
ip netns exec b ip6tables -t raw -A PREROUTING -s 2001:db8::1 -p icmpv6 -j TRACE
ip netns exec b ip6tables -t mangle -A PREROUTING -p icmpv6 -j MARK --set-mark 0x2a
ip netns exec b ip6tables -A INPUT -s 2001:db8::1/128 -p icmpv6 -j ACCEPT
ip netns exec b ip6tables -t raw -A OUTPUT -d 2001:db8::1 -j TRACE
ip netns exec b ip6tables -A OUTPUT -o eth0 -j ACCEPT
ip netns exec b xtables-monitor --trace > $t &
/bin/sleep 0.5
ip netns exec a ping -6 -c 1 2001:db8::2 > /dev/null
/bin/sleep 0.5
kill %1
wait
cat $t
ip netns exec b xtables-monitor --trace -4 > $t &
/bin/sleep 0.5
ip netns exec a ping -6 -c 1 2001:db8::2 > /dev/null
/bin/sleep 0.5
kill %1
wait
cat $t
rm -f $t
