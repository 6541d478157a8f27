# /proc/net/tcp and /proc/net/udp for a listener, a bound UDP socket, an established connection on both ends and a TIME_WAIT (the client port fixed with -p); the inode and socket address columns, TIME_WAIT's timer and UDP's hash-slot number (salted per namespace) are replaced by sed.
t=$(mktemp -d)
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:0a:01
ip -n b link set eth0 address 02:00:00:00:0b:01
for n in a b; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
timeout 5 ip netns exec b nc -l 80 > /dev/null < /dev/null &
timeout 5 ip netns exec b nc -u -l 53 > /dev/null &
p=$!
/bin/sleep 0.3
ip netns exec b cat /proc/net/tcp | sed -E 's/ [0-9]+ ([0-9]+) [0-9a-f]{16}/ <inode> \1 <sk>/'
ip netns exec b cat /proc/net/udp | sed -E 's/^ *[0-9]+:/<sl>:/; s/ [0-9]+ ([0-9]+) [0-9a-f]{16}/ <inode> \1 <sk>/'
( echo hi; /bin/sleep 1 ) | ip netns exec a nc -N -p 40000 10.0.0.2 80 &
c=$!
/bin/sleep 0.5
ip netns exec a cat /proc/net/tcp | sed -E 's/ [0-9]+ ([0-9]+) [0-9a-f]{16}/ <inode> \1 <sk>/'
ip netns exec b cat /proc/net/tcp | sed -E 's/ [0-9]+ ([0-9]+) [0-9a-f]{16}/ <inode> \1 <sk>/'
wait $c
ip netns exec a cat /proc/net/tcp | sed -E 's/ [0-9]+ ([0-9]+) [0-9a-f]{16}/ <inode> \1 <sk>/; s/ 03:[0-9A-F]{8} / 03:<when> /'
kill $p
wait
ip netns exec a cat /proc/net/udp
rm -r $t
