# The raw table exempts packets from tracking: NOTRACK / CT --notrack, and the UNTRACKED state.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -t raw -A PREROUTING -p icmp -j CT --notrack
ip netns exec b iptables -A INPUT -m conntrack --ctstate UNTRACKED -j ACCEPT
ip netns exec b iptables -A INPUT -m state --state UNTRACKED
ip netns exec b iptables -t raw -A OUTPUT -p icmp -j NOTRACK
ip netns exec a ping -c 2 -i 0.2 10.0.0.2
ip netns exec b conntrack -L
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec b iptables -t raw -S
ip netns exec b iptables -t raw -L -n
ip netns exec b iptables -A INPUT -j CT --notrack
ip netns exec b iptables -t mangle -A PREROUTING -j NOTRACK
