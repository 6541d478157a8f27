# CONNMARK saves a packet's mark in its connection and restores it on the replies; the
# connmark match sees it; conntrack -L shows the connection's mark.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -t mangle -A PREROUTING -p icmp -j CONNMARK --set-mark 0x7
ip netns exec b iptables -t mangle -A OUTPUT -j CONNMARK --restore-mark
ip netns exec b iptables -A OUTPUT -m mark --mark 0x7 -j ACCEPT
ip netns exec b iptables -A INPUT -m connmark --mark 0x7/0xff -j ACCEPT
ip netns exec a ping -c 2 -i 0.2 10.0.0.2
ip netns exec b conntrack -L
ip netns exec b iptables -L -v -n -x
ip netns exec b iptables -t mangle -A POSTROUTING -j CONNMARK --save-mark
ip netns exec b iptables -t mangle -A POSTROUTING -j CONNMARK --save-mark --mask 0xff
ip netns exec b iptables -t mangle -A POSTROUTING -j CONNMARK --restore-mark --nfmask 0xf --ctmask 0xf0
ip netns exec b iptables -t mangle -A POSTROUTING -j CONNMARK --set-xmark 0x1/0x3
ip netns exec b iptables -t mangle -A POSTROUTING -j CONNMARK --and-mark 0xf
ip netns exec b iptables -t mangle -A POSTROUTING -j CONNMARK --or-mark 0x10
ip netns exec b iptables -t mangle -A POSTROUTING -j CONNMARK --xor-mark 0x10
ip netns exec b iptables -t mangle -A POSTROUTING -m connmark ! --mark 0x1
ip netns exec b iptables -t mangle -S
ip netns exec b iptables -t mangle -L -n
ip netns exec b iptables -t mangle -A POSTROUTING -j CONNMARK
