# connlimit counts the connections (ICMP echo flows here) seen with each masked address:
# per source, per destination, per /24; new flows over the limit are dropped, and flows
# that left the connection table stop counting.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n a addr add 10.0.0.3/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -A INPUT -p icmp -m connlimit --connlimit-above 1
ip netns exec b iptables -A INPUT -p icmp -m connlimit --connlimit-above 1 --connlimit-daddr
ip netns exec b iptables -A INPUT -p icmp -m connlimit --connlimit-above 2 --connlimit-mask 24 -j DROP
ip netns exec a ping -c 1 10.0.0.2
ip netns exec a ping -c 2 -i 0.3 10.0.0.2
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec a ping -c 1 -W 1 -I 10.0.0.3 10.0.0.2
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec b conntrack -L 2>&1 | sort
ip netns exec b conntrack -F
ip netns exec a ping -c 2 -i 0.3 10.0.0.2
ip netns exec a ping -c 1 -I 10.0.0.3 10.0.0.2
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec b iptables -R INPUT 3 -p icmp -m connlimit --connlimit-upto 2 --connlimit-mask 24 -j ACCEPT
ip netns exec b iptables -A INPUT -p icmp -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -L INPUT -v -n -x
