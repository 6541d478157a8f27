# A mark set in mangle OUTPUT re-routes the packet through an fwmark policy rule.
ip netns add a
ip netns add b
ip netns add c
ip link add eth0 netns a type veth peer name eth0 netns b
ip link add eth1 netns a type veth peer name eth0 netns c
ip -n a addr add 10.0.1.1/24 dev eth0
ip -n a addr add 10.0.2.1/24 dev eth1
ip -n b addr add 10.0.1.2/24 dev eth0
ip -n c addr add 10.0.2.2/24 dev eth0
ip -n b addr add 10.9.9.9/32 dev lo
ip -n c addr add 10.9.9.9/32 dev lo
for ns in a b c; do ip -n $ns link set lo up; done
ip -n a link set eth0 up
ip -n a link set eth1 up
ip -n b link set eth0 up
ip -n c link set eth0 up
ip -n b route add default via 10.0.1.1
ip -n c route add default via 10.0.2.1
ip -n a route add 10.9.9.9 via 10.0.1.2
ip -n a route add 10.9.9.9 via 10.0.2.2 table 100
ip -n a rule add fwmark 0x1 lookup 100 pref 100
ip netns exec b iptables -A INPUT -p icmp
ip netns exec c iptables -A INPUT -p icmp
ip netns exec a ping -c 1 -W 2 10.9.9.9
ip netns exec a iptables -t mangle -A OUTPUT -d 10.9.9.9 -j MARK --set-mark 1
ip netns exec a ping -c 2 -i 0.2 -W 2 10.9.9.9
ip netns exec b iptables -L INPUT -v -x -n
ip netns exec c iptables -L INPUT -v -x -n
ip netns exec a iptables -t mangle -L OUTPUT -v -x -n
