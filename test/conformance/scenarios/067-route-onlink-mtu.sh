# onlink gateways, route metrics like mtu/advmss, and the scope of gateways.
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
sleep 3
ip route add 192.0.2.0/24 via 172.31.0.1 dev veth0
ip route add 192.0.2.0/24 via 172.31.0.1 dev veth0 onlink
ip route add 192.0.3.0/24 via 172.31.0.1 onlink
ip route add 192.0.4.0/24 via 10.0.0.2 mtu 1400
ip route add 192.0.5.0/24 via 10.0.0.2 mtu lock 1300 advmss 1200
ip route add 192.0.6.0/24 via 10.0.0.2 initcwnd 10 window 65535
ip route add 192.0.7.0/24 via 10.0.0.2 mtu 100000
ip route show
ip route get 192.0.2.7
ip route get 192.0.4.7
ip -j route show 192.0.5.0/24
ip route add 192.0.8.0/24 via 192.0.4.1
ip route add 192.0.9.0/24 dev veth0 scope link
ip route add 192.0.10.0/24 via 192.0.9.1
ip route show
