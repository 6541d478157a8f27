# socat TCP-LISTEN with fork serves one client after another (an echo server through PIPE); a server that closes first keeps TIME_WAIT on its port: a new listener without reuseaddr fails to bind (Address already in use), and so does one with reuseaddr unless the socket in TIME_WAIT had SO_REUSEADDR too.
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
set -o pipefail
timeout 5 ip netns exec b socat TCP-LISTEN:7,fork,reuseaddr PIPE &
p=$!
/bin/sleep 0.3
echo first | ip netns exec a socat - TCP:10.0.0.2:7
echo second | ip netns exec a socat - TCP:10.0.0.2:7
echo third | ip netns exec a socat - TCP:10.0.0.2:7
kill $p
wait
echo data > $t/f
timeout 5 ip netns exec b socat -u OPEN:$t/f TCP-LISTEN:80 &
/bin/sleep 0.3
ip netns exec a socat -u TCP:10.0.0.2:80 -
wait
timeout 5 ip netns exec b socat -u OPEN:$t/f TCP-LISTEN:81,reuseaddr &
/bin/sleep 0.3
ip netns exec a socat -u TCP:10.0.0.2:81 -
wait
/bin/sleep 0.3
ip netns exec b ss -t -a -n sport = :80
ip netns exec b ss -t -a -n sport = :81
ip netns exec b socat -u OPEN:$t/f TCP-LISTEN:80 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
ip netns exec b socat -u OPEN:$t/f TCP-LISTEN:80,reuseaddr 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
ip netns exec b socat -u OPEN:$t/f TCP-LISTEN:81 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
timeout 5 ip netns exec b socat -u OPEN:$t/f TCP-LISTEN:81,reuseaddr 2> $t/err &
/bin/sleep 0.3
ip netns exec a socat -u TCP:10.0.0.2:81 -
wait
sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /' $t/err
rm -r $t
