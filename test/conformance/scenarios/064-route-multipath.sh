# Multipath routes with nexthop groups and weights.
ip link add veth0 type veth peer name veth1
ip link add veth2 type veth peer name veth3
ip link set veth0 up
ip link set veth1 up
ip link set veth2 up
ip link set veth3 up
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.1.1/24 dev veth2
sleep 3
ip route add 203.0.113.0/24 nexthop via 10.0.0.2 nexthop via 10.0.1.2
ip route add 203.0.114.0/24 nexthop via 10.0.0.2 weight 3 nexthop via 10.0.1.2 dev veth2 weight 1
ip route add 203.0.115.0/24 nexthop dev veth0 nexthop dev veth2
ip route show
ip -j route show 203.0.114.0/24
ip -j -p route show 203.0.114.0/24
ip route append 203.0.113.0/24 nexthop via 10.0.0.3
ip route show 203.0.113.0/24
ip route add 203.0.116.0/24 nexthop via 10.0.0.2 weight 0
ip route add 203.0.116.0/24 nexthop via 10.0.0.2 weight 257
ip route add 203.0.116.0/24 nexthop via 10.9.9.9
ip route add 203.0.116.0/24 nexthop
ip route replace 203.0.113.0/24 via 10.0.0.9
ip route show
ip route del 203.0.114.0/24
ip route show
