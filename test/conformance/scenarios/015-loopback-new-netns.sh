# Loopback in a new namespace: DOWN, no addresses; up gives 127.0.0.1/8 and ::1.
ip netns add n1
ip -n n1 link show lo
ip -n n1 addr show lo
ip -n n1 route show table all
ip netns exec n1 ping -c 1 -W 1 127.0.0.1
ip -n n1 link set lo up
ip -n n1 addr show lo
ip -n n1 route show table local
ip -n n1 -6 route show table local
ip -n n1 route show
ip netns exec n1 ping -c 2 -i 0.2 127.0.0.1
ip netns exec n1 ping -c 1 127.0.0.53
ip -n n1 link set lo down
ip -n n1 addr show lo
ip -n n1 route show table local
