# ARP resolution by ping, seen with ip neigh and arp -n on both sides.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:00:0a
ip -n b link set eth0 address 02:00:00:00:00:0b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
sleep 3
ip -n a neigh show
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip -n a neigh show
ip -n b neigh show
ip -n a -4 neigh show nud reachable
ip -n a -j neigh show
ip netns exec a arp -n
ip netns exec b arp -n
ip netns exec a arp -a
ip netns exec a ip neigh flush dev eth0
ip -n a neigh show
ip netns exec a arp -n
