# A traced ping through a router with MASQUERADE: raw PREROUTING, mangle and filter FORWARD, nat POSTROUTING (first packet only), and the reply un-NATed.
# (/bin/sleep waits in wall time, so that the monitor started in the background is listening on netsim too.)
t=$(mktemp)
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns r
ip link add eth1 netns r type veth peer name eth0 netns b
ip -n a addr add 192.168.1.2/24 dev eth0
ip -n r addr add 192.168.1.1/24 dev eth0
ip -n r addr add 203.0.113.1/24 dev eth1
ip -n b addr add 203.0.113.2/24 dev eth0
ip -n a link set eth0 up
ip -n r link set eth0 up
ip -n r link set eth1 up
ip -n b link set eth0 up
ip -n a route add default via 192.168.1.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r iptables -t raw -A PREROUTING -p icmp -j TRACE
ip netns exec r iptables -t mangle -A FORWARD -i eth0 -j MARK --set-mark 0x5
ip netns exec r iptables -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
ip netns exec r iptables -A FORWARD -i eth0 -o eth1 -j ACCEPT
ip netns exec r iptables -P FORWARD DROP
ip netns exec r iptables -t nat -A POSTROUTING -o eth1 -j MASQUERADE
ip netns exec r xtables-monitor --trace > $t &
/bin/sleep 0.5
ip netns exec a ping -c 1 203.0.113.2 > /dev/null
/bin/sleep 0.5
kill %1
wait
cat $t
rm -f $t
ip netns exec r iptables -t nat -S
