# net-tools route: route -n, -ee, adding and deleting routes with it.
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
sleep 3
route -n
ip route add default via 10.0.0.254
ip route add 172.16.0.0/16 via 10.0.0.2 metric 5
ip route add 172.17.0.1 dev veth0
ip route add blackhole 172.18.0.0/16
ip route add unreachable 172.19.0.0/16
ip route add 172.20.0.0/16 via 10.0.0.3 table 100
route -n
route -ne
route -nee
route add -net 192.168.50.0/24 gw 10.0.0.5
route add -host 192.168.51.7 dev veth0
route add -net 192.168.52.0 netmask 255.255.255.0 gw 10.0.0.6 metric 9
route -n
ip route
route del -net 192.168.50.0/24
route del -net 192.168.50.0/24
route add -net 192.168.53.0/24 gw 10.99.0.1
