# ICMP errors in the kernel log: each quotes the datagram it is about in brackets.
# Port unreachable and host prohibited from REJECT, net unreachable from a router without
# a route, fragmentation needed (with the next hop's MTU) for a ping too big to forward.
sysctl -e -q -w net.netfilter.nf_log_all_netns=1
t=$RANDOM$RANDOM
ip netns add a
ip netns add r
ip netns add b
ip link add va netns a type veth peer name ra netns r
ip link add vb netns b type veth peer name rb netns r
ip -n a link set va address 02:00:00:00:0a:01
ip -n r link set ra address 02:00:00:00:0a:02
ip -n r link set rb address 02:00:00:00:0b:02 mtu 1400
ip -n b link set vb address 02:00:00:00:0b:01 mtu 1400
ip -n a addr add 10.1.0.2/24 dev va
ip -n a link set va up
ip -n a route add default via 10.1.0.1
ip -n r addr add 10.1.0.1/24 dev ra
ip -n r link set ra up
ip -n r addr add 10.2.0.1/24 dev rb
ip -n r link set rb up
ip -n b addr add 10.2.0.2/24 dev vb
ip -n b link set vb up
ip -n b route add default via 10.2.0.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec a iptables -A INPUT -p icmp -j LOG --log-prefix "a-$t: " --log-ip-options
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -j REJECT
ip netns exec b iptables -A OUTPUT -p icmp -j LOG --log-prefix "b-$t: " --log-level error
ip netns exec a ping -c 1 -W 1 10.2.0.2
sleep 1
ip netns exec b iptables -R INPUT 1 -p icmp --icmp-type echo-request -j REJECT --reject-with icmp-host-prohibited
ip netns exec a ping -c 1 -W 1 10.2.0.2
sleep 1
ip netns exec a ping -c 1 -W 1 10.9.0.1
sleep 1
ip netns exec b iptables -F INPUT
ip netns exec a ping -c 1 -W 1 -M do -s 1472 10.2.0.2
dmesg | grep -- "-$t" | sed "s/-$t//"
dmesg -l err -x | grep -c -- "-$t"
