# MARK in mangle PREROUTING, the mark match in filter INPUT: the counters follow the pings.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -t mangle -A PREROUTING -p icmp --icmp-type echo-request -j MARK --set-mark 0x10
ip netns exec b iptables -t mangle -A PREROUTING -m mark --mark 0x10 -j MARK --or-mark 0x4000
ip netns exec b iptables -A INPUT -m mark --mark 0x4000/0x4000
ip netns exec b iptables -A INPUT -m mark --mark 0x4010
ip netns exec b iptables -A INPUT -m mark ! --mark 0
ip netns exec b iptables -A INPUT -m mark --mark 0
ip netns exec a ping -c 2 -i 0.2 -W 2 10.0.0.2
ip netns exec b iptables -L INPUT -v -x -n
ip netns exec b iptables -t mangle -L PREROUTING -v -x -n
ip netns exec b iptables -I INPUT -m mark --mark 0x10/0xff -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t mangle -R PREROUTING 2 -m mark --mark 0x10 -j MARK --xor-mark 0x10
ip netns exec a ping -c 1 -W 2 10.0.0.2
ip netns exec b iptables -L INPUT -v -x -n --line-numbers
ip netns exec a iptables -t mangle -A OUTPUT -j MARK --set-mark 0x7
ip netns exec a iptables -A OUTPUT -m mark --mark 7 -j ACCEPT
ip netns exec a ping -c 1 -W 2 10.0.0.2
ip netns exec a iptables -L OUTPUT -v -x -n
