# IPv6 routes: add, show, get, metrics and errors.
ip link add veth0 type veth peer name veth1
ip link set veth0 address 02:00:00:00:00:01
ip link set veth1 address 02:00:00:00:00:02
ip link set veth0 up
ip link set veth1 up
ip -6 addr add 2001:db8::1/64 dev veth0 nodad
sleep 3
ip -6 route add 2001:db8:1::/48 via 2001:db8::2
ip -6 route add 2001:db8:2::/48 via 2001:db8::3 metric 10
ip -6 route add 2001:db8:3::/48 dev veth0
ip -6 route add default via fe80::ff:fe00:2 dev veth0
ip -6 route add blackhole 2001:db8:4::/48
ip -6 route add unreachable 2001:db8:5::/48
ip -6 route add 2001:db8:6::/48 via 2001:db8::2 table 100
ip -6 route
ip -6 route show table 100
ip -6 route get 2001:db8:1::5
ip -6 route get 2001:db8:9::5
ip -6 route get 2001:db8:4::1
ip -j -6 route get 2001:db8:1::5
ip route add 2001:db8:7::/48 via 2001:db8::2
ip -6 route add 2001:db8:1::/48 via 2001:db8::2
ip -6 route add 2001:db8:8::/48 via 2001:db9::2
ip -6 route del 2001:db8:9::/48
ip -6 route del 2001:db8:1::/48
ip -6 route show 2001:db8:1::/48
ip -6 route flush table 100
ip -6 route show table 100
