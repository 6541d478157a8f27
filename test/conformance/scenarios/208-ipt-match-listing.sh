# iprange, mac, ttl, length, pkttype: listing, -S, parse errors, the kernel refusing mac in OUTPUT.
iptables -A INPUT -m iprange --src-range 1.2.3.4-1.2.3.9
iptables -A INPUT -m iprange ! --dst-range 10.0.0.1-10.0.0.255 ! --src-range 1.1.1.1-1.1.1.1
iptables -A INPUT -m iprange --src-range 1.2.3.4
iptables -A INPUT -m iprange --src-range foo
iptables -A INPUT -m iprange --src-range 1.2.3.4-
iptables -A INPUT -m iprange
iptables -A INPUT -m mac --mac-source 00:11:22:33:44:55
iptables -A INPUT -m mac ! --mac-source 0:1:2:3:4:5
iptables -A INPUT -m mac --mac-source 00:11:22:33:44
iptables -A INPUT -m mac --mac-source 00:11:22:33:44:zz
iptables -A INPUT -m mac
iptables -A OUTPUT -m mac --mac-source 00:11:22:33:44:55
iptables -t mangle -A POSTROUTING -m mac --mac-source 00:11:22:33:44:55
iptables -t mangle -A PREROUTING -m mac --mac-source AA:BB:cc:dd:ee:ff
iptables -A INPUT -m ttl --ttl-eq 5
iptables -A INPUT -m ttl ! --ttl-eq 5
iptables -A INPUT -m ttl --ttl-lt 5
iptables -A INPUT -m ttl --ttl-gt 250
iptables -A INPUT -m ttl ! --ttl-lt 5
iptables -A INPUT -m ttl --ttl-eq 256
iptables -A INPUT -m ttl --ttl-eq 5 --ttl-lt 3
iptables -A INPUT -m ttl
iptables -A INPUT -m length --length 100:200
iptables -A INPUT -m length ! --length 100
iptables -A INPUT -m length --length :200
iptables -A INPUT -m length --length 100:
iptables -A INPUT -m length --length 200:100
iptables -A INPUT -m length --length 70000
iptables -A INPUT -m length
iptables -A INPUT -m pkttype --pkt-type broadcast
iptables -A INPUT -m pkttype ! --pkt-type unicast
iptables -A INPUT -m pkttype --pkt-type multicast
iptables -A INPUT -m pkttype --pkt-type host
iptables -A INPUT -m pkttype --pkt-type otherhost
iptables -A INPUT -m pkttype --pkt-type BROADCAST
iptables -A INPUT -m pkttype --pkt-type foo
iptables -A INPUT -m pkttype
iptables -L -n
iptables -L
iptables -S
iptables -A INPUT -m iprange --src-range 1.2.3
iptables -A INPUT -m iprange --src-range 1.2.3.4-1.2.3.5-1.2.3.6
iptables -A INPUT -m ttl --ttl 9
iptables -A INPUT -m length --length 1:2:3
iptables -A INPUT -m pkttype --pkt-type mcast
iptables -t mangle -S
