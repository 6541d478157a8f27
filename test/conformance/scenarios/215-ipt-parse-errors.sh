# iptables' messages and exit codes for malformed commands.
iptables -A
iptables -A INPUT -p tcpx
iptables -A INPUT -s 10.0.0.300
iptables -A INPUT -s 10.0.0.0/33
iptables -A INPUT -d 1.2.3.4/255.0.255.0 -j ACCEPT
iptables -A INPUT -p tcp --dport 70000
iptables -A INPUT -p tcp --dport 80:70
iptables -A INPUT --dport 80
iptables -A INPUT -p udp --tcp-flags SYN SYN
iptables -A INPUT -j NOSUCHTARGET
iptables -A INPUT -m nosuchmatch
iptables -A INPUT -i
iptables -A INPUT -i eth0 -o eth1 -j ACCEPT
iptables -A OUTPUT -i eth0 -j ACCEPT
iptables -A INPUT ! -p
iptables -A INPUT -p icmp --icmp-type bogus
iptables -A INPUT -s 1.2.3.4 -s 5.6.7.8
iptables -A INPUT -p tcp ! --syn ! --dport 22
iptables -Q INPUT
iptables -A INPUT -j ACCEPT extra
iptables -t bogus -L
iptables -L NOSUCH
iptables -D INPUT 1
iptables -A INPUT -j ACCEPT -j DROP
iptables -A INPUT -g INPUT
iptables -A INPUT -j REJECT --reject-with tcp-reset --reject-with icmp-host-prohibited
ip6tables -A INPUT -j REJECT --reject-with no-route --reject-with no-route
iptables -S
