# A neighbour that never answers: INCOMPLETE, FAILED, and ping's "Destination Host Unreachable".
ip link set lo up
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
sleep 3
ping -c 1 -W 1 10.0.0.99
ip neigh show 10.0.0.99
sleep 3
ip neigh show 10.0.0.99
ping -c 1 -W 5 10.0.0.98
ip neigh show 10.0.0.98
ping -c 1 -i 5 -w 6 10.0.0.97
echo "exit status: $?"
ip -4 neigh show nud failed | sort
arp -n 10.0.0.98
ip neigh flush dev veth0
ip -4 neigh show nud all
