# The kernel's automatic routes for addresses: local and broadcast in table local, connected in main.
ip link add veth0 type veth peer name veth1
ip link set veth0 address 02:00:00:00:00:01
ip link set veth1 address 02:00:00:00:00:02
ip addr add 10.0.0.1/24 dev veth0
ip route show table local
ip route show
ip link set veth0 up
ip route show
ip link set veth1 up
sleep 3
ip route show
ip route show table local
ip route show table all
ip -4 route show table all
ip addr add 10.0.0.129/25 dev veth0
ip addr add 10.5.0.1/32 dev veth0
ip addr add 10.6.0.1/31 dev veth0
ip route show table all type local
ip route show table local type broadcast
ip route
ip link set veth1 down
ip route show
ip route show table local
ip link set veth0 down
ip route show
ip route show table local
ip addr flush dev veth0
ip route show table all
