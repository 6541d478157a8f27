# Running commands inside a namespace; ip netns identify.
ip netns add alpha
ip netns add beta
ip netns exec alpha ip link show
ip netns exec alpha ip netns identify
ip netns exec beta ip netns identify
ip netns identify
ip netns exec alpha bash -c 'ip link set lo up; ip addr show lo'
ip netns exec alpha ip -br addr
ip netns exec beta ip -br addr
ip netns exec alpha ip netns exec beta ip netns identify
ip netns exec alpha sh -c 'exit 3'
echo "status $?"
ip netns exec alpha false
ip netns pids beta
