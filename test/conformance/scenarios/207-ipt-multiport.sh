# The multiport match: port lists and ranges, the 15-port limit, protocol checks, names.
iptables -A INPUT -p tcp -m multiport --sports 1,2,3
iptables -A INPUT -p udp -m multiport ! --dports 53,123:130 -j DROP
iptables -A INPUT -p tcp -m multiport --ports ssh,http,https -j ACCEPT
iptables -A INPUT -p tcp -m multiport --ports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
iptables -A INPUT -p tcp -m multiport --ports 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15
iptables -A INPUT -p tcp -m multiport --dports 1000:2000,8080
iptables -A INPUT -p sctp -m multiport --dports 80
iptables -A INPUT -p tcp -m multiport --destination-ports 22
iptables -A INPUT -p tcp -m multiport --source-ports 22
iptables -A INPUT -p tcp -m multiport --ports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16
iptables -A INPUT -p tcp -m multiport --ports 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15:16
iptables -A INPUT -m multiport --dports 80
iptables -A INPUT -p icmp -m multiport --dports 80
iptables -A INPUT ! -p tcp -m multiport --dports 80
iptables -A INPUT -p all -m multiport --dports 80
iptables -A INPUT -p tcp -m multiport --dports 80:70
iptables -A INPUT -p tcp -m multiport --dports 80:80
iptables -A INPUT -p tcp -m multiport --dports foo
iptables -A INPUT -p tcp -m multiport --dports 80,
iptables -A INPUT -p tcp -m multiport --dports 0:65535,:80
iptables -A INPUT -p tcp -m multiport --dports 80 --sports 90
iptables -A INPUT -p tcp -m multiport --ports 80 --dports 90
iptables -A INPUT -p tcp -m multiport --dports 80 --dports 90
iptables -A INPUT -p tcp -m multiport
iptables -L -n -v
iptables -L
iptables -S
iptables -D INPUT -p tcp -m multiport --ports 22,80,443 -j ACCEPT
iptables -S INPUT
