# A host firewall with a default-drop INPUT policy: loopback and replies to the host's own
# traffic pass, the admin network may ping, pings from the guest network to its own side are
# rejected with an ICMP error, and everything else is dropped by the policy and counted.
ip netns add host
ip netns add admin
ip netns add guest
ip link add eth0 netns host type veth peer name eth0 netns admin
ip link add eth1 netns host type veth peer name eth0 netns guest
ip -n host addr add 10.0.1.1/24 dev eth0
ip -n host addr add 10.0.2.1/24 dev eth1
ip -n admin addr add 10.0.1.2/24 dev eth0
ip -n guest addr add 10.0.2.2/24 dev eth0
for ns in host admin guest; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip -n host link set eth1 up
ip -n guest route add default via 10.0.2.1
ip netns exec host iptables-restore <<'EOF'
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -i lo -j ACCEPT
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT -m conntrack --ctstate INVALID -j DROP
-A INPUT -s 10.0.1.0/24 -p icmp -m icmp --icmp-type 8 -j ACCEPT
-A INPUT -s 10.0.2.0/24 -d 10.0.2.1/32 -p icmp -j REJECT --reject-with icmp-host-prohibited
-A INPUT -p tcp -m tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT
COMMIT
EOF
ip netns exec admin ping -c 2 -i 0.2 10.0.1.1
ip netns exec guest ping -c 2 -i 0.2 10.0.2.1
ip netns exec guest ping -c 2 -i 0.2 -W 1 10.0.1.1
ip netns exec host ping -c 1 10.0.2.2
ip netns exec host ping -c 1 127.0.0.1
ip netns exec host iptables -L INPUT -v -n -x --line-numbers
ip netns exec host iptables-save -c | grep -v '^#'
ip netns exec host conntrack -L 2>&1 | sort
