# ip -all netns exec / delete.
ip netns add one
ip netns add two
ip netns add three
ip -all netns exec ip -br link
ip -all netns exec ip link set lo up
ip -all netns exec ip -br addr show lo
ip -all netns exec sh -c 'exit 1'
echo "exit $?"
ip -all netns delete
ip netns list
ip -all netns exec ip link
