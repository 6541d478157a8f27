# veth created with its peer directly in another namespace.
ip netns add ns2
ip link add veth1 type veth peer name veth2 netns ns2
ip link show veth1
ip -n ns2 link show veth2
ip -d link show veth1
ip -j link show veth1
ip -n ns2 -j link show veth2
ip netns list
ip netns del ns2
sleep 3
ip link show veth1
ip link show
