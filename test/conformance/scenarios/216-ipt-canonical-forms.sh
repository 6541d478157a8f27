# How iptables -S and iptables-save spell rules given in other forms.
iptables -N X
iptables -A X -p 6 --dport 22 -j ACCEPT
iptables -A X -p TCP -m tcp --sport 1024: -j ACCEPT
iptables -A X -p udp --dport :1023 -j ACCEPT
iptables -A X -p tcp --dport ssh -j ACCEPT
iptables -A X -p tcp --dport 443:443 -j ACCEPT
iptables -A X -s 10.1.2.3/255.255.255.0 -j RETURN
iptables -A X -s 10.1.2.3/24 -d 0/0 -j RETURN
iptables -A X ! -s 192.168.0.0/16 ! -d 10.0.0.1 -j DROP
iptables -A X -i eth+ ! -o veth+ -j ACCEPT
iptables -A X -p all -j ACCEPT
iptables -A X -p icmp --icmp-type echo-request -j ACCEPT
iptables -A X -p icmp --icmp-type 3/4 -j ACCEPT
iptables -A X -p icmp --icmp-type any -j ACCEPT
iptables -A X -p tcp --tcp-flags SYN,ACK,FIN,RST SYN -j ACCEPT
iptables -A X -p tcp --tcp-flags ALL NONE -j DROP
iptables -A X -p tcp --syn -j ACCEPT
iptables -A X -p tcp ! --syn -j ACCEPT
iptables -A X -p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT
iptables -A X -p udp -m multiport ! --sports 53,67 -j ACCEPT
iptables -A X -m comment --comment "two words" -j ACCEPT
iptables -A X -m comment --comment 'quote"inside' -j ACCEPT
iptables -A X -s 1.2.3.4,5.6.7.8 -j ACCEPT
iptables -A X -f -j DROP
iptables -A X -p 47 -j ACCEPT
iptables -A X -p sctp -j ACCEPT
iptables -S X
iptables-save | grep -v '^#'
iptables -L X -n
