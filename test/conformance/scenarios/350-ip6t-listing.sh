# ip6tables -L in its forms (numeric, verbose, exact, line numbers), -S and ip6tables-save: addresses, masks, protocols.
ip6tables -A INPUT -s 2001:db8::1 -p icmpv6 --icmpv6-type echo-request -j ACCEPT
ip6tables -A INPUT -s 2001:db8::/32 -d fe80::1/64 -i eth0 -j DROP
ip6tables -A INPUT -p tcp --dport 22 -j ACCEPT
ip6tables -A INPUT -p udp -s fd00::/8 --sport 53 -j ACCEPT
ip6tables -A INPUT ! -s ::1 ! -i lo -j DROP
ip6tables -A INPUT -s 2001:db8:1234:5678:9abc:def0:1234:5678/64 -d 2001:db8:1234:5678:9abc:def0:1234:5678 -j ACCEPT
ip6tables -A INPUT -s 2001:db8::/ffff:ffff:0:ffff:: -j ACCEPT
ip6tables -A INPUT -p ipv6-icmp -j ACCEPT
ip6tables -A INPUT -p 58 -j ACCEPT
ip6tables -A INPUT -p all -j ACCEPT
ip6tables -A INPUT -p esp -j ACCEPT
ip6tables -A INPUT -p mh -j ACCEPT
ip6tables -A INPUT -p 255
ip6tables -A OUTPUT -o lo ! -p udp -j REJECT
ip6tables -A OUTPUT -o eth+ -d ff02::/16 -j ACCEPT
ip6tables -A FORWARD -i veth0 -o veth1 -j ACCEPT
ip6tables -L
ip6tables -L -n
ip6tables -L INPUT -v
ip6tables -L INPUT -v -n
ip6tables -L OUTPUT -n -v -x --line-numbers
ip6tables -L INPUT 3 -n
ip6tables -S
ip6tables -S INPUT 2
ip6tables -S OUTPUT -v
ip6tables-save | grep -v '^#'
iptables-save
