# Route types: blackhole, unreachable, prohibit, throw, local, broadcast, and what ping says.
ip link add veth0 type veth peer name veth1
ip link set veth0 up
ip link set veth1 up
ip link set lo up
ip addr add 10.0.0.1/24 dev veth0
sleep 3
ip route add blackhole 198.51.100.0/24
ip route add unreachable 198.51.101.0/24
ip route add prohibit 198.51.102.0/24
ip route add throw 198.51.103.0/24
ip route add local 198.51.104.0/24 dev lo
ip route add broadcast 10.0.0.127 dev veth0 table local
ip route add blackhole default table 50
ip route add unreachable 198.51.105.0/24 metric 10
ip route add blackhole 198.51.106.0/24 dev veth0
ip route show
ip route show type blackhole
ip route show type unreachable
ip route show table local type local
ip route show table all type broadcast
ip route show table 50
ping -c 1 -W 1 198.51.100.1
ping -c 1 -W 1 198.51.101.1
ping -c 1 -W 1 198.51.102.1
ping -c 1 -W 1 198.51.103.1
ping -c 1 -W 1 198.51.104.77
ip route get 198.51.100.1
ip route get 198.51.101.1
ip route get 198.51.102.1
ip route get 198.51.103.1
ip route get 198.51.104.77
ip route add nat 198.51.107.0/24 via 10.0.0.2
ip route add multicast 239.0.0.0/8 dev veth0
ip route add anycast 198.51.108.0/24 dev veth0
ip route add bogus 198.51.109.0/24
