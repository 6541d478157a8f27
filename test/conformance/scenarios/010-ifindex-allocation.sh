# ifindex allocation: increasing per namespace, never reused at once, kept on a move.
ip link add a0 type veth peer name a1
ip link add b0 type veth peer name b1
ip -br link
ip link del a0
ip link add c0 type veth peer name c1
ip -o link | cut -d: -f1,2
ip netns add ns
ip -n ns -o link | cut -d: -f1,2
ip link set c1 netns ns
ip -n ns -o link | cut -d: -f1,2
ip -n ns link add d0 type veth peer name d1
ip -n ns -o link | cut -d: -f1,2
cat /sys/class/net/b0/ifindex
cat /sys/class/net/b0/iflink
