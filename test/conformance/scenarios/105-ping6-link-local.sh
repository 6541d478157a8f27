# IPv6 link-local ping between two namespaces, with -I and with %dev.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:00:0a
ip -n b link set eth0 address 02:00:00:00:00:0b
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a link set lo up
sleep 3
ip -n a -6 addr show dev eth0
ip -n b -6 addr show dev eth0
ip netns exec a ping -6 -c 1 -I eth0 fe80::ff:fe00:b
ip netns exec a ping -c 1 fe80::ff:fe00:b%eth0
ip netns exec a ping -6 -c 1 -W 1 fe80::ff:fe00:b
ip netns exec a ping -6 -c 1 ::1
ip -n a -6 neigh show dev eth0
ip -n a -6 route show table all
ip netns exec a ping -6 -c 1 -W 1 -I eth0 ff02::1
