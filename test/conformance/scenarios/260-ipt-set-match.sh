# The set match: a host dropping pings from sources in an ipset, its -L/-S forms, the options
# and their messages.
ip netns add h
ip netns add o
ip link add eth0 netns h type veth peer name eth0 netns o
ip -n h addr add 10.0.0.1/24 dev eth0
ip -n o addr add 10.0.0.2/24 dev eth0
ip -n h link set eth0 up
ip -n o link set eth0 up
ip netns exec h ipset create bad hash:ip
ip netns exec h ipset create pairs hash:ip,port
ip netns exec h iptables -A INPUT -p icmp -m set --match-set bad src -j DROP
ip netns exec o ping -c 1 -W 1 10.0.0.1
ip netns exec h ipset add bad 10.0.0.2
ip netns exec o ping -c 1 -W 1 10.0.0.1
ip netns exec h iptables -L INPUT -v -n -x
ip netns exec h ipset del bad 10.0.0.2
ip netns exec o ping -c 1 -W 1 10.0.0.1
ip netns exec h iptables -A INPUT -m set ! --match-set bad src,dst
ip netns exec h iptables -A INPUT -m set --match-set pairs dst,dst --return-nomatch ! --update-counters
ip netns exec h iptables -A INPUT -m set --match-set bad src --packets-gt 5 --bytes-lt 100
ip netns exec h iptables -A INPUT -m set --match-set bad src ! --packets-eq 3 ! --bytes-eq 7
ip netns exec h iptables -A INPUT -m set --match-set bad src --packets-lt 2 --bytes-gt 9
ip netns exec h iptables -S INPUT
ip netns exec h iptables -L INPUT -n
ip netns exec h iptables -A INPUT -m set --match-set nosuch src
ip netns exec h iptables -A INPUT -m set --match-set bad
ip netns exec h iptables -A INPUT -m set --match-set bad foo
ip netns exec h iptables -A INPUT -m set
ip netns exec h iptables -F INPUT
ip netns exec h ipset destroy bad
ip netns exec h ipset list -n
