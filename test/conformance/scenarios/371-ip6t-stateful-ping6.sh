# A stateful IPv6 host: only what it started comes back in (ctstate ESTABLISHED,RELATED), NDP
# let in as UNTRACKED; a ping from outside is refused; the rules' counters and conntrack -L.
ip netns add h
ip netns add o
ip link add eth0 netns h type veth peer name eth0 netns o
ip -n h link set eth0 address 02:00:00:00:00:01
ip -n o link set eth0 address 02:00:00:00:00:02
ip -n h addr add 2001:db8::1/64 dev eth0 nodad
ip -n o addr add 2001:db8::2/64 dev eth0 nodad
ip -n h link set eth0 up
ip -n o link set eth0 up
ip -n h link set lo up
sleep 2
ip netns exec h ip6tables -A INPUT -i lo -j ACCEPT
ip netns exec h ip6tables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec h ip6tables -A INPUT -p icmpv6 -m conntrack --ctstate UNTRACKED -j ACCEPT
ip netns exec h ip6tables -A INPUT -m state --state INVALID -j DROP
ip netns exec h ip6tables -A INPUT -m conntrack --ctstate NEW -p icmpv6 --icmpv6-type echo-request
ip netns exec h ip6tables -P INPUT DROP
ip netns exec h ping -6 -c 2 -i 0.2 -W 2 2001:db8::2
ip netns exec h ping -6 -c 1 -W 2 ::1
ip netns exec o ping -6 -c 1 -W 1 2001:db8::1
ip netns exec h ip6tables -L INPUT -v -x -n
ip netns exec h ip6tables -S INPUT
ip netns exec h conntrack -L -f ipv6 2>&1 | sort -k4
ip netns exec h conntrack -L -f ipv4
ip netns exec h conntrack -C
ip netns exec h ping -c 1 -W 1 127.0.0.1 > /dev/null
ip netns exec h conntrack -L -f ipv4
ip netns exec o conntrack -L
