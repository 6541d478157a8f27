# NAT targets in the wrong place, or with bad arguments.
iptables -t nat -A PREROUTING -j SNAT --to-source 1.2.3.4
iptables -t nat -A POSTROUTING -j DNAT --to-destination 1.2.3.4
iptables -t filter -A FORWARD -j MASQUERADE
iptables -t nat -A POSTROUTING -j SNAT
iptables -t nat -A PREROUTING -j DNAT --to-destination 1.2.3.4:80
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.2.3.4:80-70
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.2.3.400
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.2.3.9-1.2.3.1
iptables -t nat -A POSTROUTING -j MASQUERADE --to-ports 1024
iptables -t nat -A POSTROUTING -p udp -j MASQUERADE --to-ports 1024-2048 --random
iptables -t nat -A OUTPUT -p tcp -j REDIRECT --to-ports 8080
iptables -t nat -A INPUT -j REDIRECT
iptables -t nat -A PREROUTING -j NETMAP --to 10.0.0.0/24
iptables -t nat -A PREROUTING -j NETMAP
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.2.3.4 --to-destination 1.2.3.5
iptables -t nat -A POSTROUTING -o eth0 -j SNAT --to-source 1.2.3.4-1.2.3.8 --persistent
iptables -t nat -A PREROUTING -j ACCEPT
iptables -t nat -P PREROUTING DROP
iptables -t nat -S
