# socat's connect-timeout against a port whose SYNs are dropped, and a refused connect with connect-timeout; the error lines with timestamp and pid replaced; TCP4-LISTEN with range= closing the connection of a client outside the range (a warning with -d) and listening on.
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
ip netns exec b iptables -A INPUT -p tcp --dport 80 -j DROP
ip netns exec a socat - TCP:10.0.0.2:80,connect-timeout=1 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
ip netns exec a socat - TCP:10.0.0.2:81,connect-timeout=1 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
timeout 2 ip netns exec b socat -d TCP4-LISTEN:82,range=10.0.0.3/32 - > $t/1 2>&1 &
/bin/sleep 0.3
echo hi | ip netns exec a socat - TCP:10.0.0.2:82
wait
sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /' $t/1
rm -r $t
