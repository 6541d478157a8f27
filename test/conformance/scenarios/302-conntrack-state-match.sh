# A host that accepts only what it started (ctstate ESTABLISHED,RELATED) and pings from
# outside being refused; the conntrack and state matches' listing forms.
ip netns add h
ip netns add o
ip link add eth0 netns h type veth peer name eth0 netns o
ip -n h addr add 10.0.0.1/24 dev eth0
ip -n o addr add 10.0.0.2/24 dev eth0
ip -n h link set eth0 up
ip -n o link set eth0 up
ip -n h link set lo up
ip netns exec h iptables -A INPUT -i lo -j ACCEPT
ip netns exec h iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec h iptables -A INPUT -m state --state INVALID -j DROP
ip netns exec h iptables -A INPUT -m conntrack --ctstate NEW -p icmp -j REJECT
ip netns exec h iptables -P INPUT DROP
ip netns exec h ping -c 2 -i 0.2 10.0.0.2
ip netns exec o ping -c 1 -W 1 10.0.0.1
ip netns exec h iptables -L INPUT -v -n -x
ip netns exec h iptables -S INPUT
ip netns exec h conntrack -L -p icmp
ip netns exec h iptables -A INPUT -m conntrack ! --ctstate NEW --ctproto udp --ctorigsrc 10.0.0.0/8 --ctorigdstport 53 --ctstatus ASSURED,SEEN_REPLY --ctdir REPLY
ip netns exec h iptables -A INPUT -m conntrack --ctstate SNAT,DNAT,UNTRACKED --ctexpire 10:20
ip netns exec h iptables -A INPUT -m state ! --state NEW,RELATED
ip netns exec h iptables -S INPUT
ip netns exec h iptables -L INPUT -n
ip netns exec h iptables -A INPUT -m conntrack --ctstate BOGUS
ip netns exec h iptables -A INPUT -m state --state FOO
ip netns exec h iptables -A INPUT -m conntrack
