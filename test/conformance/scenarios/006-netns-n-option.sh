# ip -n NAME / -netns NAME as a shortcut for ip netns exec.
ip netns add left
ip -n left link
ip -netns left link show lo
ip -n left link set lo up
ip -n left addr show
ip -n left -4 route show table local
ip -n nosuch link
ip -n left -n left link show lo
ip -n
ip -n left link add vl type veth peer name vr
ip -n left -br link
ip link
