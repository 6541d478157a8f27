# Rules matched by input interface, output interface, and TOS, checked with ip route get.
ip link set lo up
ip link add veth0 type veth peer name veth1
ip link add veth2 type veth peer name veth3
for d in veth0 veth1 veth2 veth3; do ip link set $d up; done
ip addr add 10.1.0.1/24 dev veth0
ip addr add 10.2.0.1/24 dev veth2
sysctl -qw net.ipv4.ip_forward=1
sleep 3
ip route add 172.16.0.0/16 via 10.1.0.2
ip route add 172.16.0.0/16 via 10.2.0.2 table 50
ip route add 172.16.0.0/16 via 10.2.0.3 table 60
ip rule add iif veth0 table 50 pref 10
ip rule add tos 0x10 table 60 pref 20
ip rule add oif veth2 table 50 pref 30
ip route get 172.16.1.1
ip route get 172.16.1.1 from 10.1.0.9 iif veth0
ip route get 172.16.1.1 from 10.2.0.9 iif veth2
ip route get 172.16.1.1 tos 0x10
ip route get 172.16.1.1 oif veth2
ip rule add from 10.2.0.9 iif veth2 table 60 pref 5
ip route get 172.16.1.1 from 10.2.0.9 iif veth2
ip rule add iif nosuch table 70 pref 40
ip rule
