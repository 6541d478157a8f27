# A moved device keeps its ifindex unless the target namespace already uses it.
ip netns add ns
ip -n ns link add x0 type veth peer name x1
ip -n ns link add y0 type veth peer name y1
ip -n ns -br link
ip link add h0 type veth peer name h1
ip link add h2 type veth peer name h3
ip -br link
ip link set h2 netns ns
ip -n ns link show h2
ip link set h3 netns ns
ip -n ns link show h3
ip link show h0
ip -n ns -br link
