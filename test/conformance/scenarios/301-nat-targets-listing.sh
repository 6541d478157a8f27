# The nat table's targets as -S, -L and iptables-save print them, and their errors.
iptables -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.0.0.2:8080
iptables -t nat -A PREROUTING -p udp -j DNAT --to 10.0.0.3-10.0.0.5:100-200 --random --persistent
iptables -t nat -A PREROUTING -d 1.2.3.0/24 -j NETMAP --to 5.6.7.0/24
iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE
iptables -t nat -A POSTROUTING -p tcp -o eth0 -j MASQUERADE --to-ports 1000-2000 --random-fully
iptables -t nat -A POSTROUTING -s 1.2.3.0/24 -j SNAT --to-source 10.0.0.2
iptables -t nat -A POSTROUTING -p udp -j SNAT --to-source 10.0.0.2-10.0.0.9:2000-3000 --random-fully
iptables -t nat -A OUTPUT -p tcp -j REDIRECT --to-ports 3128
iptables -t nat -A OUTPUT -p tcp -d 10.96.0.1 -j DNAT --to-destination :6443
iptables -t nat -S
iptables -t nat -L
iptables -t nat -L -n --line-numbers
iptables-save -t nat | grep -v '^#'
iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE --to-ports 1000-2000
iptables -t nat -A INPUT -j DNAT --to 1.2.3.4
iptables -t nat -A PREROUTING -j MASQUERADE
iptables -A INPUT -j DNAT --to 1.2.3.4
iptables -t nat -A OUTPUT -j DROP
iptables -t nat -P OUTPUT DROP
iptables -t nat -A PREROUTING -j DNAT --to 1.2.3
iptables -t nat -D PREROUTING 1
iptables -t nat -S PREROUTING
