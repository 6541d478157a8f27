# statistic nth counts packets per rule; probability 1 always and 0 never matches.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -N NTH
ip netns exec b iptables -A INPUT -p icmp -j NTH
ip netns exec b iptables -A NTH -m statistic --mode nth --every 3 --packet 0
ip netns exec b iptables -A NTH -m statistic --mode nth --every 3 --packet 2
ip netns exec b iptables -A NTH -m statistic --mode nth ! --every 2 --packet 1
ip netns exec b iptables -A NTH -m statistic --mode random --probability 1
ip netns exec b iptables -A NTH -m statistic --mode random --probability 0
ip netns exec b iptables -A NTH -m statistic --mode random ! --probability 0
ip netns exec a ping -c 7 -i 0.2 -W 2 10.0.0.2
ip netns exec b iptables -L NTH -v -x -n
ip netns exec b iptables -I NTH 1 -m statistic --mode nth --every 2 --packet 0 -j RETURN
ip netns exec a ping -c 4 -i 0.2 -W 2 10.0.0.2
ip netns exec b iptables -L NTH -v -x -n
ip netns exec b iptables -S NTH
