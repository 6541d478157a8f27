# With lo down, a failed ARP resolution gives no ICMP error back to ping: only loss.
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
sleep 3
ping -c 1 -W 5 10.0.0.98
ip neigh show 10.0.0.98
ip link set lo up
ping -c 1 -W 5 10.0.0.97
