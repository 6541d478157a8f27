# FDB learning on a bridge, seen with bridge fdb show.
sysctl -qw net.ipv6.conf.all.disable_ipv6=1
sysctl -qw net.ipv6.conf.default.disable_ipv6=1
ip link add br0 type bridge
ip link set br0 up
for n in a b; do
  ip netns add $n
  ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip netns exec $n sysctl -qw net.ipv6.conf.default.disable_ipv6=1
  ip link add v$n type veth peer name eth0 netns $n
  ip link set v$n master br0 up
done
ip -n a link set eth0 address 02:00:00:00:00:01
ip -n b link set eth0 address 02:00:00:00:00:02
ip -n a addr add 192.168.1.1/24 dev eth0
ip -n b addr add 192.168.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
sleep 3
bridge fdb show br br0
ip netns exec a ping -c 1 -W 1 192.168.1.2
bridge fdb show br br0
bridge fdb show dev va
bridge fdb show br br0 | grep -v permanent
bridge -j fdb show br br0
