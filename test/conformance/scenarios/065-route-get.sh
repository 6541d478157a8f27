# ip route get: source selection, longest-prefix match, from/iif/oif/mark, and -j.
ip link set lo up
ip link add veth0 type veth peer name veth1
ip link add veth2 type veth peer name veth3
for d in veth0 veth1 veth2 veth3; do ip link set $d up; done
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.5/24 dev veth0
ip addr add 10.0.1.1/24 dev veth2
sleep 3
ip route add 10.50.0.0/16 via 10.0.0.2
ip route add 10.50.1.0/24 via 10.0.1.2
ip route add 10.50.1.128/25 via 10.0.0.3 src 10.0.0.5
ip route add default via 10.0.0.254
ip route get 10.50.9.9
ip route get 10.50.1.9
ip route get 10.50.1.200
ip route get 8.8.8.8
ip route get 10.0.0.77
ip route get 10.0.0.1
ip route get 127.0.0.1
ip route get 10.0.0.255
ip route get 255.255.255.255
ip route get 8.8.8.8 from 10.0.1.1
ip route get 8.8.8.8 oif veth2
ip route get 8.8.8.8 mark 7
ip route get to 8.8.8.8 dev veth2
ip route get 10.0.1.9 from 10.0.0.9 iif veth1
sysctl -qw net.ipv4.ip_forward=1
ip route get 10.0.1.9 from 10.0.0.9 iif veth0
ip route get 10.0.0.1 from 10.0.1.9 iif veth2
ip -j route get 10.50.1.9
ip -j -p route get 10.50.1.200
ip -j route get 10.0.0.1
ip route get 10.0.0.0/24
ip route get
ip route get nosuch
ip route get 8.8.8.8 oif nosuch
ip -6 route get ::1
ip route get fibmatch 10.50.1.9
