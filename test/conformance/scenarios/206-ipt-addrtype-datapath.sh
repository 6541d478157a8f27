# addrtype on received and local packets: LOCAL, BROADCAST, UNICAST from the local table.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 brd + dev eth0
ip -n b addr add 10.0.0.2/24 brd + dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n b link set lo up
ip netns exec b iptables -A INPUT -m addrtype --dst-type LOCAL
ip netns exec b iptables -A INPUT -m addrtype --dst-type BROADCAST
ip netns exec b iptables -A INPUT -m addrtype --src-type UNICAST --dst-type LOCAL
ip netns exec b iptables -A INPUT -m addrtype --src-type LOCAL
ip netns exec b iptables -A INPUT -m addrtype --dst-type LOCAL --limit-iface-in
ip netns exec b iptables -A INPUT -m addrtype ! --dst-type LOCAL
ip netns exec b iptables -A OUTPUT -m addrtype --src-type LOCAL --dst-type LOCAL
ip netns exec b iptables -A OUTPUT -m addrtype --dst-type UNICAST --limit-iface-out
ip netns exec b iptables -A OUTPUT -m addrtype --dst-type LOCAL --limit-iface-out
ip netns exec a ping -c 2 -i 0.2 -W 2 10.0.0.2
ip netns exec b ping -c 1 -W 2 127.0.0.1
ip netns exec b ping -c 1 -W 2 10.0.0.2
ip netns exec a ping -c 1 -W 1 -b 10.0.0.255
ip netns exec b iptables -L -v -x -n
