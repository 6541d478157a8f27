# Error cases for ip route.
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
sleep 3
ip route add 10.1.0.0/16 via 10.9.9.9
ip route add 10.1.0.0/16 via 10.0.0.1
ip route add 10.1.0.0/16 via 10.0.0.0
ip route add 10.1.0.0/16 via 10.0.0.255
ip route add 10.1.0.0/16 via 10.0.0.2 dev veth1
ip route add 10.1.0.1/16 via 10.0.0.2
ip route add 10.1.0.0/33 via 10.0.0.2
ip route add 10.1.0.0/16 via 300.0.0.2
ip route add 10.1.0.0/16 via
ip route add 10.1.0.0/16
ip route add via 10.0.0.2
ip route add 10.1.0.0/16 dev nosuch
ip route add 10.1.0.0/16 via 10.0.0.2 table nosuch
ip route add 10.1.0.0/16 via 10.0.0.2 metric abc
ip route add 10.1.0.0/16 via 10.0.0.2 proto nosuch
ip route add 10.1.0.0/16 via 10.0.0.2 scope nosuch
ip route add 10.1.0.0/16 via 10.0.0.2 src 10.9.9.9
ip route add 10.1.0.0/16 via 10.0.0.2 foo
ip route add 10.1.0.0/16 via 10.0.0.2
ip route add 10.1.0.0/16 via 10.0.0.2
ip route add 10.1.0.0/16 via 10.0.0.3
ip route del 10.2.0.0/16
ip route del 10.1.0.0/16 via 10.0.0.99
ip route del 10.1.0.0/16 table 77
ip route flush nosuch
ip route frobnicate
ip route show table
ip route show table foo
ip route add 2001:db8::/64 via 10.0.0.2
ip -6 route add 10.1.0.0/16 via 10.0.0.2
ip route add 10.3.0.0/16 via fe80::1 dev veth0
ip route
