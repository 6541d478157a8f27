# A traced packet that no rule accepts meets the DROP policy of INPUT; TRACE set in mangle PREROUTING traces from there on; a RETURN in a built-in chain goes to the policy.
# (/bin/sleep waits in wall time, so that the monitor started in the background is listening on netsim too.)
t=$(mktemp)
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -t raw -A PREROUTING -j ACCEPT
ip netns exec b iptables -t mangle -A PREROUTING -p icmp -j TRACE
ip netns exec b iptables -t mangle -A PREROUTING -j MARK --set-mark 7
ip netns exec b iptables -A INPUT -p udp -j ACCEPT
ip netns exec b iptables -A INPUT -p icmp -m mark --mark 7 -j RETURN
ip netns exec b iptables -A INPUT -p icmp -j ACCEPT
ip netns exec b iptables -P INPUT DROP
ip netns exec b xtables-monitor -t > $t &
/bin/sleep 0.5
ip netns exec a ping -c 1 -W 1 10.0.0.2
/bin/sleep 0.5
kill %1
wait
cat $t
rm -f $t
ip netns exec b iptables -L INPUT -v -n
