# ip route flush with selectors.
ip link add veth0 type veth peer name veth1
ip link add veth2 type veth peer name veth3
for d in veth0 veth1 veth2 veth3; do ip link set $d up; done
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.1.1/24 dev veth2
sleep 3
ip route add 172.16.1.0/24 via 10.0.0.2
ip route add 172.16.2.0/24 via 10.0.0.2 proto static
ip route add 172.16.3.0/24 via 10.0.1.2
ip route add 172.17.1.0/24 via 10.0.1.2 proto static
ip route add 172.18.0.0/16 via 10.0.1.2 table 10
ip route flush proto static
ip route
ip route flush dev veth2
ip route
ip route flush root 172.16.0.0/12
ip route
ip route flush table 10
ip route show table 10
ip -s route flush table main
ip route
ip route flush cache
ip -4 route show table all
ip -6 route show table all | grep -v "^local fe80"
