# The conntrack tool on IPv6 entries: create, list (both families, -f, -s with a prefix),
# get, update, delete, /proc/net/nf_conntrack's full IPv6 form, and its family errors.
ip link set lo up
ip6tables -t raw -A PREROUTING -m conntrack --ctstate INVALID -j ACCEPT
conntrack -I -p udp -s 2001:db8::1 -d 2001:db8::2 --sport 10 --dport 20 -t 50
conntrack -I -p tcp -s 2001:db8:1::5 -d 2001:db8::2 --sport 1000 --dport 80 -t 100 --state ESTABLISHED
conntrack -I -p icmpv6 -s fe80::1 -d ff02::1 --icmpv6-type 128 --icmpv6-code 0 --icmpv6-id 7 -t 30
conntrack -I -p udp -s 10.0.0.1 -d 10.0.0.2 --sport 10 --dport 20 -t 50
conntrack -I -p udp -s 2001:db8::1 -d 2001:db8::2 --sport 10 --dport 20 -t 50
conntrack -L 2>&1 | sort -k4
conntrack -L -f ipv6 2>&1 | sort -k4
conntrack -L -f ipv4
conntrack -L -o extended 2>&1 | sort -k6
conntrack -L -s 2001:db8::/64 2>&1 | sort -k4
conntrack -L -s 2001:db8::1
conntrack -L -d ff02::1 -p icmpv6 --icmpv6-type 128
conntrack -L -p icmpv6 --icmpv6-id 7
cat /proc/net/nf_conntrack | sort -k6
conntrack -C
conntrack -G -p tcp -s 2001:db8:1::5 -d 2001:db8::2 --sport 1000 --dport 80
conntrack -G -p tcp -s 2001:db8:1::5 -d 2001:db8::2 --sport 1001 --dport 80
conntrack -U -s 2001:db8:1::5 -m 7
conntrack -L -f ipv6 -m 7
conntrack -D -f ipv6 -p udp
conntrack -D -s 2001:db8::9
conntrack -L 2>&1 | sort -k4
conntrack -I -p udp -s 2001:db8::1 -d 10.0.0.2 --sport 10 --dport 20 -t 50
conntrack -I -f ipv6 -p udp -s 2001:db8::1 -d 2001:db8::2 --sport 10 --dport 20 -t 50
conntrack -I -p icmpv6 -s 2001:db8::1 -d 2001:db8::2 --icmpv6-type 135 --icmpv6-code 0 --icmpv6-id 1 -t 30
conntrack -L -f ipv6 -s 10.0.0.1
conntrack -L -f ipv6 -f ipv4
conntrack -L -f inet6
conntrack -L -s 2001:db8::1/129
conntrack -L -r 2001:db8::1/64
conntrack -L -s 2001:db8::x
conntrack -L -p icmpv6 --icmp-type 128
conntrack -F
conntrack -C
