# A router namespace between two subnets: forwarding off, then on; TTL is decremented.
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n a addr add 192.168.1.10/24 dev eth0
ip -n b addr add 192.168.2.10/24 dev eth0
ip -n r addr add 192.168.1.1/24 dev ra
ip -n r addr add 192.168.2.1/24 dev rb
for ns in a b r; do ip -n $ns link set lo up; done
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n a route add default via 192.168.1.1
ip -n b route add default via 192.168.2.1
sleep 3
ip netns exec r sysctl net.ipv4.ip_forward
ip netns exec a ping -c 1 -W 2 192.168.2.10
ip netns exec a ping -c 1 -W 2 192.168.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec a ping -c 2 -i 0.2 -W 2 192.168.2.10
ip netns exec b ping -c 1 -W 2 192.168.1.10
ip -n r route
ip -n a route get 192.168.2.10
ip -n r route get 192.168.2.10 from 192.168.1.10 iif ra
ip -n r -4 neigh show dev rb
ip -n r -4 neigh show dev ra
ip netns exec r sysctl -w net.ipv4.conf.ra.forwarding=0
ip netns exec a ping -c 1 -W 2 192.168.2.10
ip netns exec b ping -c 1 -W 2 192.168.1.10
