# ip6tables' messages and exit codes for bad addresses, masks, protocols, options and extension arguments.
ip6tables -A INPUT -s 1.2.3.4 -j ACCEPT
ip6tables -A INPUT -s 2001:db8::zz -j ACCEPT
ip6tables -A INPUT -s 2001:db8::/129 -j ACCEPT
ip6tables -A INPUT -s 2001:db8::1/-1 -j ACCEPT
ip6tables -A INPUT -s 2001:db8::1/ -j ACCEPT
ip6tables -A INPUT -d [2001:db8::1] -j ACCEPT
ip6tables -A INPUT -s ::1,,::2 -j ACCEPT
ip6tables -A INPUT ! -s ::/0 -j ACCEPT
ip6tables -A INPUT -p foo
ip6tables -A INPUT ! -p all
ip6tables -A INPUT -p ipv6-frag -j ACCEPT
ip6tables -A INPUT -p ah
ip6tables -A INPUT -f -j DROP
ip6tables -4 -A INPUT -j ACCEPT
iptables -6 -A INPUT -j ACCEPT
ip6tables -6 -A INPUT -j ACCEPT
ip6tables -A INPUT -p icmp --icmp-type echo-request
ip6tables -A INPUT -m icmp --icmp-type 8
ip6tables -A INPUT -p icmpv6 --icmpv6-type foo
ip6tables -A INPUT -p icmpv6 --icmpv6-type echo
ip6tables -A INPUT -p icmpv6 --icmpv6-type 300
ip6tables -A INPUT -p icmpv6 --icmpv6-type 1/300
ip6tables -A INPUT -p icmpv6 --icmpv6-type 1x
ip6tables -A INPUT -p icmpv6 --icmpv6-type 1:3
ip6tables -A INPUT -p icmpv6 --icmpv6-type 1 --icmpv6-type 2
ip6tables -A INPUT -m icmp6
ip6tables -A INPUT -m icmp6 --icmpv6-type 1
ip6tables -A INPUT -p udp --icmpv6-type 1
ip6tables -A INPUT -j REJECT --reject-with icmp-port-unreachable
ip6tables -A INPUT -j REJECT --reject-with tcp-rst
ip6tables -A INPUT -j REJECT --reject-with tcp-reset
ip6tables -A INPUT ! -p tcp -j REJECT --reject-with tcp-reset
ip6tables -t mangle -A PREROUTING -j REJECT
ip6tables -A INPUT -j HL --hl-set 1
ip6tables -t mangle -A INPUT -j HL
ip6tables -t mangle -A INPUT -j HL --hl-dec 0
ip6tables -t mangle -A INPUT -j HL --hl-inc 3 --hl-set 4
ip6tables -A INPUT -m hl
ip6tables -A INPUT -m hl --hl-eq 1 --hl-lt 3
ip6tables -A INPUT -m hl ! --hl-lt 3
ip6tables -A INPUT -m hl --hl-gt 256
ip6tables -A INPUT -m ttl --ttl-eq 3
ip6tables -A INPUT -j TTL --ttl-set 1
ip6tables -A INPUT -c 1
ip6tables -A INPUT -c x 1
ip6tables -L -c 1 2
ip6tables -t foo -L
ip6tables -L FOO
ip6tables -X FOO
ip6tables -A INPUT -j NOPE
ip6tables -A INPUT -i ''
ip6tables -A INPUT -i abcdefghijklmnop
ip6tables -A INPUT -o 'a b' -j ACCEPT
ip6tables -A INPUT ! ! -s ::1
ip6tables -A INPUT -s ::1 -s ::2
ip6tables -A INPUT -j ACCEPT -g INPUT
ip6tables -A INPUT -g INPUT
ip6tables -A INPUT -j OUTPUT
ip6tables -R INPUT -j DROP
ip6tables -nvLINPUT
ip6tables -Q
ip6tables
ip6tables -A
ip6tables -S
