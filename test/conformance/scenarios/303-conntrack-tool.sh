# The conntrack tool on a namespace's table: create, list with filters, get, delete, count,
# flush, statistics, and its errors.
ip link set lo up
iptables -t raw -A PREROUTING -m conntrack --ctstate INVALID -j ACCEPT
conntrack -I -p udp -s 1.1.1.1 -d 2.2.2.2 --sport 10 --dport 20 -t 50
conntrack -I -p tcp -s 1.1.1.1 -d 2.2.2.2 --sport 1000 --dport 80 -t 100 --state ESTABLISHED
conntrack -I -p udp -s 1.1.1.1 -d 2.2.2.2 --sport 10 --dport 20 -t 50
conntrack -L 2>&1 | sort
conntrack -L -p udp
conntrack -L -s 1.1.1.1 --dport 20
conntrack -C
conntrack -G -p udp -s 1.1.1.1 -d 2.2.2.2 --sport 10 --dport 20
conntrack -G -p udp -s 1.1.1.1 -d 2.2.2.2 --sport 11 --dport 20
conntrack -D -p udp
conntrack -D -p udp
conntrack -L -o extended 2>&1 | sort
conntrack -F
conntrack -C
conntrack -S
conntrack -X
conntrack -L -p foo
conntrack -L -o bogus
