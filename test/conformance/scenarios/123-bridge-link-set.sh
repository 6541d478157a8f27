# bridge link set: cost, priority, learning, flood, hairpin; shown by bridge -d link.
ip link add br0 type bridge
ip link add p0 type veth peer name p0b
ip link set p0 address 02:00:00:00:00:10
ip link set p0 master br0
bridge link show dev p0
bridge link set dev p0 cost 10 priority 3
bridge link set dev p0 learning off flood off
bridge link set dev p0 hairpin on
bridge link show dev p0
bridge -d link show dev p0
bridge -j link show dev p0
bridge -j -p link show dev p0
bridge link set dev p0 cost 0
bridge link set dev p0 state 3
bridge link set dev p0 bogus on
bridge link set dev nosuch cost 5
bridge link set dev p0b cost 5
bridge link show dev nosuch
