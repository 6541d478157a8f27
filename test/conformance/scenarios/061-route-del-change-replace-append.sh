# Modifying routes: del, change, replace, append, prepend.
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
sleep 3
ip route add 172.16.0.0/16 via 10.0.0.2
ip route change 172.16.0.0/16 via 10.0.0.3
ip route show 172.16.0.0/16
ip route change 172.17.0.0/16 via 10.0.0.3
ip route replace 172.17.0.0/16 via 10.0.0.4
ip route replace 172.17.0.0/16 via 10.0.0.5 metric 10
ip route show
ip route append 172.18.0.0/16 via 10.0.0.6
ip route append 172.18.0.0/16 via 10.0.0.7
ip route prepend 172.18.0.0/16 via 10.0.0.8
ip route show 172.18.0.0/16
ip route add 172.18.0.0/16 via 10.0.0.9
ip route del 172.18.0.0/16 via 10.0.0.7
ip route show 172.18.0.0/16
ip route del 172.18.0.0/16
ip route show 172.18.0.0/16
ip route del 172.17.0.0/16
ip route show
ip route del 172.17.0.0/16 via 10.0.0.5 metric 10
ip route delete 172.16.0.0/16 via 10.0.0.99
ip route del 172.16.0.0/16 dev veth1
ip route del 172.16.0.0/16 proto static
ip route del 172.16.0.0/16 metric 5
ip route del 172.16.0.0/16 via 10.0.0.3
ip route show
