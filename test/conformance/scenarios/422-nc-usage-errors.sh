# nc's own errors: usage text without a port or with -l and a host, 'missing port number', invalid and too large ports, an unknown or incomplete option, -h; all exit 1 before any socket is made.
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
nc
nc 10.0.0.2
ip netns exec a nc -l
nc -z
nc 10.0.0.2 abc
nc 10.0.0.2 70000
nc 10.0.0.2 0
nc 10.0.0.2 90-80
nc -l -p 80 10.0.0.2 80
nc -Q 10.0.0.2 80
nc -w
nc -w abc 10.0.0.2 80
nc -s 10.0.0.9 -z 10.0.0.2 80
nc -u -l
nc -h 2>&1 | head -n 8
nc -h > /dev/null 2>&1
echo "exit $?"
rm -r $t
