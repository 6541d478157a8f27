# socat between two namespaces: TCP-LISTEN writing the received stream to a file (CREATE), a TCP client reading stdin (-), STDIO, both directions in one connection, and -u/-U for one direction.
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
timeout 5 ip netns exec b socat -u TCP-LISTEN:80 CREATE:$t/recv &
/bin/sleep 0.3
printf 'one\ntwo\n' | ip netns exec a socat - TCP:10.0.0.2:80
echo "exit $?"
wait
cat $t/recv
echo from-b | timeout 5 ip netns exec b socat TCP-LISTEN:81 STDIO > $t/b81 &
/bin/sleep 0.3
( echo from-a; /bin/sleep 0.3 ) | ip netns exec a socat STDIO TCP4:10.0.0.2:81
wait
cat $t/b81
echo ignored | timeout 5 ip netns exec b socat -U CREATE:$t/rev TCP-LISTEN:82 &
/bin/sleep 0.3
echo reverse | ip netns exec a socat -u - TCP:10.0.0.2:82
wait
cat $t/rev
printf 'line\n' > $t/in
timeout 5 ip netns exec b socat -u TCP-LISTEN:83 OPEN:$t/opened,creat,append &
/bin/sleep 0.3
ip netns exec a socat -u OPEN:$t/in TCP:10.0.0.2:83
wait
timeout 5 ip netns exec b socat -u TCP-LISTEN:83 OPEN:$t/opened,creat,append &
/bin/sleep 0.3
ip netns exec a socat -u FILE:$t/in TCP:10.0.0.2:83
wait
cat $t/opened
rm -r $t
