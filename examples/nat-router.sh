# A router masquerading a private subnet (10.1.0.0/24) behind its outside address, and
# forwarding pings to that address inward with DNAT; conntrack shows both connections.
ip netns add a
ip netns add r
ip netns add b
ip link add va type veth peer name ra
ip link add vb type veth peer name rb
ip link set va netns a
ip link set ra netns r
ip link set rb netns r
ip link set vb netns b
ip -n a addr add 10.1.0.2/24 dev va
ip -n a link set va up
ip -n a route add default via 10.1.0.1
ip -n r addr add 10.1.0.1/24 dev ra
ip -n r link set ra up
ip -n r addr add 192.168.0.1/24 dev rb
ip -n r link set rb up
ip -n b addr add 192.168.0.2/24 dev vb
ip -n b link set vb up
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r iptables -t nat -A POSTROUTING -o rb -j MASQUERADE
ip netns exec r iptables -t nat -A PREROUTING -i rb -d 192.168.0.1 -p icmp -j DNAT --to-destination 10.1.0.2
ip netns exec a ping -c 2 -i 0.2 192.168.0.2
ip netns exec r conntrack -L 2>&1 | sort
ip netns exec b ping -c 1 192.168.0.1
ip netns exec r conntrack -L -o extended 2>&1 | sort
ip netns exec r iptables -t nat -L -n -v -x
ip netns exec r iptables -t nat -S
ip netns exec r conntrack -C
ip netns exec r conntrack -F
ip netns exec r conntrack -L 2>&1 | sort
