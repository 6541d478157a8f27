# A MAC that moves to another bridge port: the learned entry follows it.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1
sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip link add br0 type bridge
ip link set br0 address 02:00:00:00:00:b0
ip link set br0 up
ip addr add 10.0.0.254/24 dev br0
for n in x y; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip netns exec $n sysctl -qw net.ipv6.conf.default.disable_ipv6=1
  ip link add p$n type veth peer name eth0 netns $n
  ip link set p$n master br0 up
  ip -n $n link set eth0 up
done
ip -n x link set eth0 address 02:00:00:00:00:aa
ip -n x addr add 10.0.0.1/24 dev eth0
sleep 3
ip netns exec x ping -c 1 -W 1 10.0.0.254
bridge fdb show br br0 | grep 02:00:00:00:00:aa
ip -n x addr del 10.0.0.1/24 dev eth0
ip -n x link set eth0 address 02:00:00:00:00:ab
ip -n y link set eth0 address 02:00:00:00:00:aa
ip -n y addr add 10.0.0.1/24 dev eth0
ip netns exec y ping -c 1 -W 1 10.0.0.254
bridge fdb show br br0 | grep 02:00:00:00:00:aa
ip neigh show 10.0.0.1
