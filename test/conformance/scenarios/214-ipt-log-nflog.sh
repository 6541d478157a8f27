# LOG and NFLOG: levels, flags, prefixes, listing, -S; packets go on to the next rule.
iptables -A INPUT -j LOG
iptables -A INPUT -j LOG --log-prefix "x: " --log-level 7
iptables -A INPUT -j LOG --log-level info --log-tcp-sequence --log-tcp-options --log-ip-options --log-uid
iptables -A INPUT -j LOG --log-level alert --log-macdecode
iptables -A INPUT -j LOG --log-level 8
iptables -A INPUT -j LOG --log-level foo
iptables -A INPUT -j LOG --log-prefix 0123456789012345678901234567890
iptables -A INPUT -j LOG --log-prefix ""
iptables -A INPUT -j NFLOG
iptables -A INPUT -j NFLOG --nflog-size 128
iptables -A INPUT -j NFLOG --nflog-group 70000
iptables -L -n
iptables -L
iptables -S
iptables -A INPUT -j NFLOG --nflog-prefix "a b" --nflog-group 65535 --nflog-threshold 10
iptables -S INPUT
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -A INPUT -p icmp -j NFLOG --nflog-group 5
ip netns exec b iptables -A INPUT -p icmp -j LOG --log-prefix "netsim-test-214: "
ip netns exec b iptables -A INPUT -p icmp -j DROP
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2
ip netns exec b iptables -L INPUT -v -x -n
