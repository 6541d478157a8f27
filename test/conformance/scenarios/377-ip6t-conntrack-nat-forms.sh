# ip6tables' forms of the conntrack, state, connmark, CONNMARK, CT, NOTRACK and NAT targets:
# IPv6 addresses, prefixes and masks, [ADDR]:PORT ranges, their listings and their errors.
ip6tables -A INPUT -m conntrack --ctstate NEW,UNTRACKED --ctorigsrc 2001:db8::/32 --ctorigdst ::1 --ctreplsrc fe80::1/64 --ctrepldst 2001:db8::1/128 --ctproto ipv6-icmp
ip6tables -A INPUT -m conntrack ! --ctorigsrc 2001:db8::1/ffff:ffff:: --ctorigsrcport 10:20 --ctdir REPLY
ip6tables -A INPUT -m conntrack --ctorigsrc 2001:db8::1/ffff:0:ffff:: --ctrepldst ::/0
ip6tables -A INPUT -m conntrack --ctorigdst 2001:db8::1/0x40 --ctstatus SEEN_REPLY,ASSURED
ip6tables -A INPUT -m state ! --state ESTABLISHED,RELATED
ip6tables -A INPUT -m connmark --mark 0x1/0xff
ip6tables -A INPUT -j CONNMARK --set-mark 5
ip6tables -A INPUT -j CONNMARK --restore-mark --mask 0xff
ip6tables -A OUTPUT -j CONNMARK --save-mark
ip6tables -A INPUT -m conntrack --ctorigsrc 1.2.3.4
ip6tables -A INPUT -m conntrack --ctorigsrc 2001:db8::1/129
ip6tables -A INPUT -m conntrack --ctorigsrc 2001:db8::1/
ip6tables -A INPUT -m conntrack --ctorigsrc fe80::x
ip6tables -A INPUT -m state --state BOGUS
ip6tables -S
ip6tables -L -n
ip6tables -L INPUT
ip6tables -t raw -A PREROUTING -p icmpv6 -j CT --notrack
ip6tables -t raw -A PREROUTING -j NOTRACK
ip6tables -t raw -A OUTPUT -j CT --zone 5
ip6tables -A INPUT -j NOTRACK
ip6tables -t raw -S
ip6tables -t raw -L -n
ip6tables -t nat -A POSTROUTING -o eth0 -j MASQUERADE
ip6tables -t nat -A POSTROUTING -p tcp -o eth0 -j MASQUERADE --to-ports 1000-2000 --random-fully
ip6tables -t nat -A POSTROUTING -j SNAT --to-source 2001:db8::1
ip6tables -t nat -A POSTROUTING -j SNAT --to-source 2001:db8::1-2001:db8::10
ip6tables -t nat -A POSTROUTING -p udp -j SNAT --to-source [2001:db8::1-2001:db8::10]:1000-2000 --persistent
ip6tables -t nat -A POSTROUTING -p udp -j SNAT --to-source [2001:db8::1]
ip6tables -t nat -A POSTROUTING -p udp -j SNAT --to-source 2001:db8::1:1000
ip6tables -t nat -A POSTROUTING -p tcp -j SNAT --to-source [::1]:10 --random --persistent --random-fully
ip6tables -t nat -A PREROUTING -p tcp -j DNAT --to-destination :8080
ip6tables -t nat -A PREROUTING -p tcp -j DNAT --to-destination [::]:8080
ip6tables -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination [2001:db8::5]:http
ip6tables -t nat -A PREROUTING -p tcp -j DNAT --to-destination [2001:db8::5]:80-90
ip6tables -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 8080
ip6tables -t nat -A OUTPUT -p udp -j REDIRECT --to-ports 53 --random
ip6tables -t nat -A PREROUTING -j NETMAP --to 2001:db8:1::/48
ip6tables -t nat -A POSTROUTING -j NETMAP --to 2001:db8:1::5/ffff:ffff::
ip6tables -t nat -A POSTROUTING -j NETMAP --to 2001:db8:1::5
ip6tables -t nat -S
ip6tables -t nat -L -n
ip6tables -t nat -L POSTROUTING
ip6tables -t nat -A POSTROUTING -j MASQUERADE --to-ports 1000
ip6tables -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 10:20
ip6tables -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 0x10x
ip6tables -t nat -A POSTROUTING -j SNAT --to-source [2001:db8::1]:1000
ip6tables -t nat -A POSTROUTING -p udp -j SNAT --to-source [2001:db8::1
ip6tables -t nat -A POSTROUTING -p udp -j SNAT --to-source 1.2.3.4
ip6tables -t nat -A POSTROUTING -j SNAT --to-source 2001:db8::5-
ip6tables -t nat -A POSTROUTING -p tcp -j SNAT --to-source [2001:db8::5]:70000
ip6tables -t nat -A POSTROUTING -p tcp -j SNAT --to-source [2001:db8::5]:20-10
ip6tables -t nat -A POSTROUTING -p tcp -j SNAT --to-source [2001:db8::5]:10x
ip6tables -t nat -A POSTROUTING -p tcp -j SNAT --to-source [2001:db8::5]:10-20x
ip6tables -t nat -A POSTROUTING -j SNAT
ip6tables -t nat -A POSTROUTING -j NETMAP --to 2001:db8::/129
ip6tables -t nat -A POSTROUTING -j NETMAP --to 10.0.0.0/8
ip6tables -t nat -A POSTROUTING -p tcp -j DNAT --to-destination [2001:db8::1]:1000
ip6tables -t nat -A INPUT -p tcp -j REDIRECT
ip6tables -A FORWARD -j MASQUERADE
ip6tables -t nat -A PREROUTING -j NETMAP
