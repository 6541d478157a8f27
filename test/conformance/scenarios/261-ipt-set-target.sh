# The SET target: sources added to a set by one rule and deleted by another, --exist and
# --timeout, the -L/-S forms and the messages.
ip netns add h
ip netns add o
ip link add eth0 netns h type veth peer name eth0 netns o
ip -n h addr add 10.0.0.1/24 dev eth0
ip -n o addr add 10.0.0.2/24 dev eth0
ip -n h link set eth0 up
ip -n o link set eth0 up
ip netns exec h ipset create seen hash:ip
ip netns exec h ipset create gone hash:ip
ip netns exec h ipset add gone 10.0.0.2
ip netns exec h iptables -A INPUT -p icmp -j SET --add-set seen src
ip netns exec h iptables -A INPUT -p icmp -j SET --del-set gone src
ip netns exec o ping -c 1 -W 1 10.0.0.1
ip netns exec h ipset test seen 10.0.0.2
ip netns exec h ipset test gone 10.0.0.2
ip netns exec h ipset create tmo hash:ip timeout 100
ip netns exec h iptables -A INPUT -j SET --add-set tmo src,dst --exist --timeout 600
ip netns exec h iptables -A INPUT -j SET --add-set seen src --del-set gone dst
ip netns exec h iptables -S INPUT
ip netns exec h iptables -L INPUT -n
ip netns exec h iptables -A INPUT -j SET
ip netns exec h iptables -A INPUT -j SET --add-set nosuch src
ip netns exec h iptables -A INPUT -j SET --add-set seen
ip netns exec h iptables -F INPUT
ip netns exec h ipset destroy seen
