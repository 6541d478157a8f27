# A nat table whose rules only count does not make its namespace track connections, and its
# chains are not walked; a rule that needs conntrack elsewhere turns both on.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -t nat -A PREROUTING
ip netns exec b iptables -t nat -A POSTROUTING
ip netns exec a ping -c 1 10.0.0.2 > /dev/null
ip netns exec b conntrack -L
ip netns exec b iptables -t nat -L -v -n
ip netns exec b iptables -A INPUT -m state --state NEW
ip netns exec a ping -c 1 10.0.0.2 > /dev/null
ip netns exec b conntrack -C
ip netns exec b iptables -t nat -L PREROUTING -v -n
ip netns exec b iptables -D INPUT -m state --state NEW
ip netns exec b conntrack -F
ip netns exec a ping -c 1 10.0.0.2 > /dev/null
ip netns exec b conntrack -C
ip netns exec b iptables -t nat -L PREROUTING -v -n
