# -C and -D by rule specification compare canonical forms, not spellings.
iptables -A FORWARD -p tcp -m tcp --dport 22 -j ACCEPT
iptables -A FORWARD -s 10.0.0.0/8 -j DROP
iptables -C FORWARD -p 6 --dport ssh -j ACCEPT
iptables -C FORWARD -p tcp --dport 23 -j ACCEPT
iptables -C FORWARD -s 10.1.2.3/255.0.0.0 -j DROP
iptables -C FORWARD -s 10.0.0.0/8
iptables -C NOSUCH -j DROP
iptables -D FORWARD -s 10.0.0.0/8 -j ACCEPT
iptables -D FORWARD -s 10.9.9.9/8 -j DROP
iptables -D FORWARD -p tcp --dport 22
iptables -D FORWARD -p tcp --dport 22 -j ACCEPT
iptables -S FORWARD
iptables -D FORWARD -p tcp --dport 22 -j ACCEPT
