# How ip6tables -S and ip6tables-save spell rules given in other forms; -C and -D find them by any spelling.
ip6tables -N X
ip6tables -A X -s 2001:DB8::A -j ACCEPT
ip6tables -A X -s 2001:0db8:0000:0000:0000:0000:0000:0001/64 -j ACCEPT
ip6tables -A X -s 2001:db8::1/0x40 -d ::ffff:10.1.2.3 -j ACCEPT
ip6tables -A X -s 2001:db8::/ffff:0:ffff:: -j ACCEPT
ip6tables -A X -s foo/0 -j ACCEPT
ip6tables -A X -s 2001:db8::1,2001:db8::2 -d fd00::1,fd00::2 -j ACCEPT
ip6tables -A X -p 6 --dport 22 -j ACCEPT
ip6tables -A X -p TCP --sport 1024: -j ACCEPT
ip6tables -A X -p icmpv6 --icmpv6-type ping -j ACCEPT
ip6tables -A X -p icmpv6 --icmpv6-type pong -j ACCEPT
ip6tables -A X -p ipv6-icmp --icmpv6-type NEIGHBOUR-S -j ACCEPT
ip6tables -A X -p icmpv6 -m ipv6-icmp ! --icmpv6-type neighbor-advertisement -j ACCEPT
ip6tables -A X -p icmpv6 -m icmpv6 --icmpv6-type 1/2:4 -j ACCEPT
ip6tables -A X -p icmpv6 --icmpv6-type 0x80 -j ACCEPT
ip6tables -A X -p icmpv6 --icmpv6-type 3/1 -j ACCEPT
ip6tables -A X -p icmpv6 --icmpv6-type 255/255 -j ACCEPT
ip6tables -A X -p mh -j ACCEPT
ip6tables -A X -p 0 -j ACCEPT
ip6tables -A X -p tcp -j REJECT --reject-with no
ip6tables -A X -p tcp -j REJECT --reject-with ADM
ip6tables -A X -p tcp -j REJECT --reject-with addr-unreach
ip6tables -A X -p tcp -j REJECT --reject-with port
ip6tables -A X -p tcp -j REJECT --reject-with tcp
ip6tables -A X -p tcp -j REJECT --reject-with policy-fail
ip6tables -A X -p tcp -j REJECT --reject-with reject-route
ip6tables -A X -m hl ! --hl-eq 64 -j RETURN
ip6tables -A X -m hl --hl-lt 5 -j RETURN
ip6tables -A X -m hl --hl-gt 5 -j RETURN
ip6tables -S X
ip6tables -L X
ip6tables -L X -n
ip6tables -C X -s 2001:db8::a/128 -j ACCEPT
ip6tables -C X -s 2001:db8:0::/64 -j ACCEPT
ip6tables -C X -s 2001:db8::3 -j ACCEPT
ip6tables -D X -s 2001:db8::2 -d fd00::1,fd00::2 -j ACCEPT
ip6tables -D X -p icmpv6 --icmpv6-type echo-request -j ACCEPT
ip6tables -D X -p tcp -j REJECT --reject-with icmp6-no-route
ip6tables -D X -p ipv6-icmp -m icmp6 --icmpv6-type 1/2 -j ACCEPT
ip6tables-save | grep -v '^#'
