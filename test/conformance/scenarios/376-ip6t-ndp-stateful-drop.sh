# Neighbour discovery under a stateful DROP policy: NS/NA are never tracked (UNTRACKED, not
# ESTABLISHED), so "ctstate ESTABLISHED,RELATED" alone lets no NA in and pings fail until
# UNTRACKED ICMPv6 is accepted too.
ip netns add h
ip netns add o
ip link add eth0 netns h type veth peer name eth0 netns o
ip -n h link set eth0 address 02:00:00:00:00:01
ip -n o link set eth0 address 02:00:00:00:00:02
ip -n h addr add 2001:db8::1/64 dev eth0 nodad
ip -n o addr add 2001:db8::2/64 dev eth0 nodad
ip -n o neigh add 2001:db8::1 lladdr 02:00:00:00:00:01 dev eth0 nud permanent
ip -n h link set eth0 up
ip -n o link set eth0 up
sleep 2
ip netns exec h ip6tables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec h ip6tables -A INPUT -m conntrack --ctstate UNTRACKED
ip netns exec h ip6tables -A INPUT -m state --state NEW
ip netns exec h ip6tables -P INPUT DROP
ip netns exec h ping -6 -c 1 -W 1 2001:db8::2
sleep 3
ip netns exec h ip6tables -L INPUT -v -x -n
ip -n h -6 neigh show dev eth0
ip netns exec h conntrack -L -f ipv6 2>&1 | sed 's/ id=[0-9]*//g'
ip netns exec h ip6tables -I INPUT 2 -p icmpv6 -m conntrack --ctstate UNTRACKED -j ACCEPT
ip netns exec h ping -6 -c 1 -W 1 2001:db8::2
ip netns exec h ip6tables -L INPUT -v -x -n
ip -n h -6 neigh show dev eth0
ip netns exec h conntrack -L -f ipv6 2>&1 | sed 's/ id=[0-9]*//g' | sort
