# The addrtype match: type lists, inversion, limit-iface checks, parse errors.
iptables -A INPUT -m addrtype --dst-type LOCAL -j ACCEPT
iptables -A INPUT -m addrtype --src-type LOCAL,UNICAST
iptables -A INPUT -m addrtype ! --src-type LOCAL ! --dst-type BROADCAST,MULTICAST
iptables -A INPUT -m addrtype --dst-type UNSPEC,UNICAST,LOCAL,BROADCAST,ANYCAST,MULTICAST,BLACKHOLE,UNREACHABLE,PROHIBIT,THROW,NAT,XRESOLVE
iptables -A INPUT -m addrtype --dst-type local
iptables -A INPUT -m addrtype --dst-type loc,Multi
iptables -A INPUT -m addrtype --src-type LOCAL --limit-iface-in
iptables -A INPUT -m addrtype --dst-type FOO
iptables -A INPUT -m addrtype --dst-type FOO,LOCAL
iptables -A INPUT -m addrtype --dst-type LOCAL,
iptables -A INPUT -m addrtype --dst-type ,LOCAL
iptables -A INPUT -m addrtype
iptables -A INPUT -m addrtype --limit-iface-in
iptables -A INPUT -m addrtype --limit-iface-in --limit-iface-out --dst-type LOCAL
iptables -A INPUT -m addrtype --src-type LOCAL --src-type UNICAST
iptables -A OUTPUT -m addrtype --limit-iface-in --dst-type LOCAL
iptables -A INPUT -m addrtype --limit-iface-out --dst-type LOCAL
iptables -A OUTPUT -m addrtype --limit-iface-out --dst-type LOCAL
iptables -A FORWARD -m addrtype --limit-iface-out --dst-type LOCAL
iptables -A FORWARD -m addrtype --limit-iface-in ! --dst-type LOCAL
iptables -L -n -v
iptables -L
iptables -S
