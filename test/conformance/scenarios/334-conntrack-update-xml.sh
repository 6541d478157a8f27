# conntrack -U changes the mark (value/mask), status bits and timeout of the entries its
# tuple options select, and -o xml prints entries as XML for -L, -G, -D and -U.
ip link set lo up
iptables -t raw -A PREROUTING -m conntrack --ctstate INVALID -j ACCEPT
conntrack -L -o xml
conntrack -I -p udp -s 1.1.1.1 -d 2.2.2.2 --sport 10 --dport 20 -t 50
conntrack -I -p udp -s 1.1.1.1 -d 2.2.2.3 --sport 10 --dport 20 -t 50
conntrack -I -p tcp -s 1.1.1.1 -d 2.2.2.4 --sport 1000 --dport 80 -t 100 --state ESTABLISHED -u ASSURED
conntrack -L -o xml 2>&1 | sort
conntrack -G -p tcp -s 1.1.1.1 -d 2.2.2.4 --sport 1000 --dport 80 -o xml
conntrack -U -p udp -m 5
conntrack -U -p udp -s 1.1.1.1 -d 2.2.2.2 --sport 10 --dport 20 -m 7
conntrack -U -p udp -s 1.1.1.1 -d 2.2.2.2 --sport 10 --dport 20 -m 7
conntrack -U -f ipv4 -p udp -m 5 > /dev/null
conntrack -L -p udp 2>&1 | sort
conntrack -U -s 1.1.1.1 -d 2.2.2.3 -m 0x3/0xf0
conntrack -U -f ipv4 -d 2.2.2.2 -u SEEN_REPLY
conntrack -U -f ipv4 -d 2.2.2.2 -u ASSURED -o xml
conntrack -U -f ipv4 -p tcp -t 200 -o extended
conntrack -U -f ipv4 -p tcp -m 9 -t 300 -o xml
conntrack -U -f ipv4 -u SEEN_REPLY -d 2.2.2.2
conntrack -U
conntrack -U -f ipv4 -u FOO
conntrack -L 2>&1 | sort
conntrack -U -f ipv4 -d 2.2.2.3 -t 0
conntrack -L 2>&1 | sort
conntrack -D -p tcp -o xml
conntrack -D -p tcp -o xml
conntrack -L -o xml,extended
