# limit's token bucket, recent lists and the owner of local packets, on pings.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -A INPUT -p icmp -m limit --limit 1/sec --limit-burst 2 -j ACCEPT
ip netns exec b iptables -A INPUT -p icmp -j DROP
ip netns exec a ping -c 6 -i 0.3 -W 1 10.0.0.2
ip netns exec b iptables -L INPUT -v -x -n
ip netns exec b iptables -F
ip netns exec b iptables -A INPUT -p icmp -m recent --name ping --rcheck --seconds 60 --hitcount 3 -j DROP
ip netns exec b iptables -A INPUT -p icmp -m recent --name ping --set
ip netns exec a ping -c 4 -i 0.2 -W 1 10.0.0.2
ip netns exec b iptables -L INPUT -v -x -n
ip netns exec b iptables -I INPUT -p icmp -m recent --name ping --remove
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2
ip netns exec b iptables -L INPUT -v -x -n
ip netns exec a iptables -A OUTPUT -m owner --uid-owner 0
ip netns exec a iptables -A OUTPUT -m owner --gid-owner root
ip netns exec a iptables -A OUTPUT -m owner ! --uid-owner 0
ip netns exec a iptables -A OUTPUT -m owner --socket-exists
ip netns exec a iptables -A OUTPUT -m owner ! --socket-exists
ip netns exec b iptables -F
ip netns exec b iptables -A OUTPUT -m owner --uid-owner 0
ip netns exec b iptables -A OUTPUT -m owner --socket-exists
ip netns exec b iptables -A OUTPUT -m owner ! --socket-exists
ip netns exec b iptables -A OUTPUT -m owner ! --uid-owner 0
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -L OUTPUT -v -x -n
ip netns exec b iptables -L OUTPUT -v -x -n
