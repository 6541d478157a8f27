# nc -l in one namespace receives what nc sends from another over a veth: -N shuts the connection down after stdin's EOF, both sides then exit; data flows both ways; the -l PORT and -l -p PORT forms; -q 0 quits at stdin's EOF; -d reads no stdin.
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
timeout 5 ip netns exec b nc -l -p 80 > $t/1 &
/bin/sleep 0.3
echo hello | ip netns exec a nc -N 10.0.0.2 80
echo "client exit $?"
wait %1
echo "server exit $?"
cat $t/1
echo reply | timeout 5 ip netns exec b nc -N -l 8080 > $t/2 &
/bin/sleep 0.3
printf 'line1\nline2\n' | ip netns exec a nc -N 10.0.0.2 8080
wait
cat $t/2
timeout 5 ip netns exec b nc -l 81 > $t/3 &
/bin/sleep 0.3
echo quit | ip netns exec a nc -q 0 10.0.0.2 81
echo "client exit $?"
wait
cat $t/3
echo from-server | timeout 5 ip netns exec b nc -N -l 82 > $t/4 &
/bin/sleep 0.3
ip netns exec a nc -d 10.0.0.2 82
echo "client exit $?"
wait
cat $t/4
rm -r $t
