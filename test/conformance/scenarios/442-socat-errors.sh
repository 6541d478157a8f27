# socat's error lines (timestamp and pid replaced by sed) and exit status: connection refused, network unreachable, a bad address, a wrong parameter count, a missing address, an unknown option, a file that cannot be opened, and -d -d's notices of a refused connect.
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
ip netns exec a socat - TCP:10.0.0.2:81 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
ip netns exec a socat - TCP:10.9.0.2:81 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
ip netns exec a socat -d -d - TCP:10.0.0.2:81 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
socat - TCP4:10.0.0.2 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
socat - FOO:1 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
socat - 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
socat - TCP:10.0.0.2:80,nosuchopt 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
socat -u OPEN:/nonexistent/file - 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
ip netns exec a socat - TCP:10.0.0.2:abc 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
ip netns exec a socat - TCP-LISTEN:80,bind=10.0.0.9 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
socat -Z 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /'
rm -r $t
