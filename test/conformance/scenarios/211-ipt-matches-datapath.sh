# ttl, length, tos, dscp, pkttype, mac and iprange on pings through a router; TTL and DSCP rewrite.
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n a link set eth0 address 02:00:00:00:00:0a
ip -n r link set ra address 02:00:00:00:00:01
ip -n a addr add 192.168.1.10/24 dev eth0
ip -n b addr add 192.168.2.10/24 dev eth0
ip -n r addr add 192.168.1.1/24 dev ra
ip -n r addr add 192.168.2.1/24 dev rb
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n a route add default via 192.168.1.1
ip -n b route add default via 192.168.2.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r iptables -A FORWARD -i ra -m ttl --ttl-eq 63
ip netns exec r iptables -A FORWARD -i ra -m ttl --ttl-lt 10
ip netns exec r iptables -A FORWARD -i ra -m length --length 84
ip netns exec r iptables -A FORWARD -i ra -m length ! --length 0:100
ip netns exec r iptables -A FORWARD -i ra -m tos --tos 0x10/0x3f
ip netns exec r iptables -A FORWARD -i ra -m dscp --dscp-class AF41
ip netns exec r iptables -A FORWARD -i ra -m pkttype --pkt-type unicast
ip netns exec r iptables -A FORWARD -i ra -m mac --mac-source 02:00:00:00:00:0a
ip netns exec r iptables -A FORWARD -i ra -m mac ! --mac-source 02:00:00:00:00:0a
ip netns exec r iptables -A FORWARD -i ra -m iprange --src-range 192.168.1.1-192.168.1.20 --dst-range 192.168.2.10-192.168.2.10
ip netns exec r iptables -A FORWARD -i rb -m mac --mac-source 02:00:00:00:00:0a
ip netns exec r iptables -A FORWARD -i rb -m iprange ! --dst-range 192.168.1.0-192.168.1.255
ip netns exec a ping -c 1 -W 2 192.168.2.10
ip netns exec a ping -c 1 -W 2 -t 5 192.168.2.10
ip netns exec a ping -c 1 -W 2 -s 200 192.168.2.10
ip netns exec a ping -c 1 -W 2 -Q 0x10 192.168.2.10
ip netns exec a ping -c 1 -W 2 -Q 0x88 192.168.2.10
ip netns exec r iptables -L FORWARD -v -x -n
ip netns exec r iptables -t mangle -A PREROUTING -i ra -j TTL --ttl-set 1
ip netns exec a ping -c 1 -W 2 192.168.2.10
ip netns exec r iptables -t mangle -R PREROUTING 1 -i ra -j TTL --ttl-inc 10
ip netns exec b iptables -A INPUT -m ttl --ttl-eq 73
ip netns exec a iptables -t mangle -A OUTPUT -j DSCP --set-dscp-class EF
ip netns exec b iptables -A INPUT -m dscp --dscp 46
ip netns exec b iptables -A INPUT -m tos --tos 0xb8
ip netns exec a ping -c 2 -i 0.2 -W 2 192.168.2.10
ip netns exec b iptables -L INPUT -v -x -n
ip netns exec r iptables -t mangle -L -v -x -n
