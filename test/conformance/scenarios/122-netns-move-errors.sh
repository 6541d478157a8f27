# What cannot move between namespaces, and what moving does to a bridge port.
ip netns add other
ip link set lo netns other
ip link add br0 type bridge
ip link set br0 netns other
ip link add p0 type veth peer name p0b
ip link set p0 master br0
ip link set p0 netns other
ip -n other link show p0
bridge link
ip link add dup0 type veth peer name dup1
ip -n other link add dup0 type veth peer name dup2
ip link set dup0 netns other
ip link set dup0 netns other name dup9
ip link set dup1 netns nosuch
ip link set nosuch netns other
ip -n other -br link
