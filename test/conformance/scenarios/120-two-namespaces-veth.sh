# The classic: two namespaces joined by a veth pair.
ip netns add ns1
ip netns add ns2
ip link add veth1 netns ns1 type veth peer name veth2 netns ns2
ip -n ns1 addr add 10.0.0.1/24 dev veth1
ip -n ns2 addr add 10.0.0.2/24 dev veth2
ip -n ns1 link set veth1 up
ip -n ns2 link set veth2 up
ip -n ns1 link set lo up
ip -n ns2 link set lo up
sleep 3
ip netns list
ip -n ns1 addr
ip -n ns2 -br addr
ip -n ns1 route
ip netns exec ns1 ping -c 2 -i 0.2 10.0.0.2
ip netns exec ns2 ping -c 1 10.0.0.1
ip -n ns1 neigh show
ip netns exec ns1 ping -c 1 -W 1 10.0.0.3
ip netns exec ns1 ping -c 1 -W 1 192.168.0.1
ip -n ns1 link show veth1
ip -n ns2 link show veth2
ip netns del ns2
sleep 3
ip -n ns1 link show
