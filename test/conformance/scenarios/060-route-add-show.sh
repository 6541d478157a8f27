# ip route add with via, dev, src, metric, proto, scope; and how show prints them.
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip addr add 10.0.0.1/24 dev veth0
ip addr add 10.0.0.100/24 dev veth0
sleep 3
ip route add 192.168.10.0/24 via 10.0.0.254
ip route add 192.168.11.0/24 via 10.0.0.254 dev veth0
ip route add 192.168.12.0/24 dev veth0
ip route add 192.168.13.0/24 via 10.0.0.254 src 10.0.0.100
ip route add 192.168.14.0/24 via 10.0.0.254 metric 50
ip route add 192.168.14.0/24 via 10.0.0.253 metric 100
ip route add 192.168.15.0/24 via 10.0.0.254 proto static
ip route add 192.168.16.0/24 dev veth0 scope host
ip route add 192.168.17.1 via 10.0.0.254
ip route add 192.168.18.0/24 via 10.0.0.254 proto 99
ip route add 192.168.19.0/24 via 10.0.0.254 proto boot
ip route add default via 10.0.0.254
ip route add 0.0.0.0/0 via 10.0.0.253 metric 200
ip route show
ip route list
ip route show 192.168.14.0/24
ip route show root 192.168.0.0/16
ip route show match 192.168.14.7
ip route show exact 192.168.14.0/24
ip route show proto static
ip route show proto kernel
ip route show scope link
ip route show via 10.0.0.254
ip route show dev veth0 metric 100
ip route show default
ip route show table main type unicast
