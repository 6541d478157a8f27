# -L without -n (names for well-known addresses and ports), -x, --line-numbers, -v.
iptables -A INPUT -s 127.0.0.1 -p tcp --dport 22 -j ACCEPT
iptables -A INPUT -d 0.0.0.0/0 -p udp --sport 53 -j ACCEPT
iptables -A INPUT -i lo -c 123456789 987654321 -j ACCEPT
iptables -A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT
iptables -A INPUT -p icmp --icmp-type echo-request -j ACCEPT
iptables -A INPUT ! -s 10.0.0.0/8 -j DROP
iptables -L INPUT
iptables -L INPUT -v
iptables -L INPUT -v -x
iptables -L INPUT -n --line-numbers -v
iptables -L -n
iptables -vnL INPUT
iptables -nL INPUT --line-numbers
