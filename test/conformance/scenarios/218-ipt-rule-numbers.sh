# Rule positions: -I with a number, -R, -D by number, and their bounds.
iptables -A INPUT -s 10.0.0.1 -j ACCEPT
iptables -A INPUT -s 10.0.0.2 -j ACCEPT
iptables -I INPUT 2 -s 10.0.0.3 -j ACCEPT
iptables -I INPUT -s 10.0.0.4 -j ACCEPT
iptables -I INPUT 6 -s 10.0.0.5 -j ACCEPT
iptables -I INPUT 5 -s 10.0.0.6 -j ACCEPT
iptables -I INPUT 0 -s 10.0.0.7 -j ACCEPT
iptables -L INPUT -n --line-numbers
iptables -R INPUT 2 -s 10.0.0.8 -j DROP
iptables -R INPUT 9 -s 10.0.0.9 -j DROP
iptables -R INPUT -s 10.0.0.9 -j DROP
iptables -D INPUT 9
iptables -D INPUT 0
iptables -D INPUT x
iptables -D INPUT 3
iptables -S INPUT
iptables -S INPUT 2
iptables -S INPUT 9
iptables -L INPUT 1 -n
iptables -L INPUT 9 -n
