# Moving a veth end with ip link set X netns Y (and back).
ip netns add red
ip netns add blue
ip link add r0 type veth peer name b0
ip link set r0 netns red
ip link set b0 netns blue
ip link
ip -n red link
ip -n blue link
ip -n red link set r0 netns blue
ip -n blue link
ip -n blue link set r0 netns red
ip -n blue link set b0 name eth0
ip -n blue link show eth0
ip -n blue link set r0 netns nosuch
ip -n red link set r0 netns blue
ip -n red link show r0
