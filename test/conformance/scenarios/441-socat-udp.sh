# socat over UDP: UDP-LISTEN takes the first datagram's sender as its peer and answers it, a UDP client sends stdin as a datagram and prints the answer; UDP-RECV only receives; socat to a closed UDP port fails with Connection refused on its next read (sed replaces its timestamp, pid and buffer address).
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
echo answer | timeout 5 ip netns exec b socat UDP-LISTEN:5000 STDIO > $t/b &
/bin/sleep 0.3
( echo question; /bin/sleep 0.5 ) | ip netns exec a socat -t 1 - UDP:10.0.0.2:5000
wait
cat $t/b
timeout 2 ip netns exec b socat -u UDP-RECV:5001 STDOUT > $t/r &
/bin/sleep 0.3
echo d1 | ip netns exec a socat -u - UDP:10.0.0.2:5001
echo d2 | ip netns exec a socat -u - UDP-SENDTO:10.0.0.2:5001
wait
cat $t/r
( echo x; /bin/sleep 0.5; echo y ) | ip netns exec a socat - UDP:10.0.0.2:5002 2>&1 | sed -E 's/^.* socat\[[0-9]+\] /socat[PID] /; s/0x[0-9a-f]+/0xBUFFER/'
rm -r $t
