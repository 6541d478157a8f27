# -j TRACE in raw PREROUTING/OUTPUT: xtables-monitor --trace shows a ping's walk through the raw, mangle and filter tables of INPUT and OUTPUT, with rule handles.
# (/bin/sleep waits in wall time, so that the monitor started in the background is listening on netsim too.)
t=$(mktemp)
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -t raw -A PREROUTING -p icmp -j TRACE
ip netns exec b iptables -t mangle -A PREROUTING -p icmp -j MARK --set-mark 0x2a
ip netns exec b iptables -t mangle -A INPUT -p udp -j ACCEPT
ip netns exec b iptables -A INPUT -p tcp -j DROP
ip netns exec b iptables -A INPUT -s 10.0.0.0/24 -p icmp -m comment --comment "from a" -j ACCEPT
ip netns exec b iptables -t raw -A OUTPUT -p icmp --icmp-type echo-reply -j TRACE
ip netns exec b iptables -A OUTPUT -o eth0 -j ACCEPT
ip netns exec b xtables-monitor --trace > $t &
/bin/sleep 0.5
ip netns exec a ping -c 1 10.0.0.2 > /dev/null
/bin/sleep 0.5
kill %1
wait
cat $t
rm -f $t
