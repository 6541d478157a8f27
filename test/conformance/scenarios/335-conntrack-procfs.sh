# /proc/net/nf_conntrack (ct_seq_show(): family, protocol, countdown, tuples, mark, zone,
# use) and /proc/net/stat/nf_conntrack (ct_cpu_seq_show(): one row per CPU) next to
# conntrack -L, with ICMP traffic, accounting and a connection mark.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b cat /proc/net/nf_conntrack
ip netns exec b cat /proc/net/stat/nf_conntrack
ip netns exec b iptables -A INPUT -m conntrack --ctstate NEW
ip netns exec a ping -c 2 -i 0.2 10.0.0.2
ip netns exec b cat /proc/net/nf_conntrack
ip netns exec b conntrack -I -p udp -s 1.1.1.1 -d 2.2.2.2 --sport 10 --dport 20 -t 50
ip netns exec b conntrack -I -p tcp -s 1.1.1.1 -d 2.2.2.2 --sport 1000 --dport 80 -t 100 --state ESTABLISHED -u ASSURED -m 7
ip netns exec b cat /proc/net/nf_conntrack | sort
ip netns exec b cat /proc/net/stat/nf_conntrack | cut -d' ' -f1
ip netns exec b sysctl -w net.netfilter.nf_conntrack_acct=1
ip netns exec b iptables -t mangle -A PREROUTING -p icmp -j CONNMARK --set-mark 0x42
ip netns exec a ping -c 3 -i 0.2 10.0.0.2
ip netns exec b cat /proc/net/nf_conntrack | sort
ip netns exec b conntrack -L -p icmp 2>&1 | sort
ip netns exec b conntrack -F
ip netns exec b cat /proc/net/nf_conntrack
ip netns exec b cat /proc/net/stat/nf_conntrack | cut -d' ' -f1
