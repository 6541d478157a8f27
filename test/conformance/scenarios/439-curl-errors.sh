# curl's errors and exit codes: refused (7), no route (7), a connect timeout to a silently dropping port (28), an idle server and --max-time (28), a bad URL (3), an unknown scheme (1), no URL at all (2); the milliseconds in the messages are removed with sed.
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
ip netns exec a curl -sS http://10.0.0.2:81/ 2>&1 | sed -E 's/after [0-9]+ ms/after N ms/'
ip netns exec a curl -s http://10.0.0.2:81/
ip netns exec a curl -sS http://10.9.0.2/ 2>&1 | sed -E 's/after [0-9]+ ms/after N ms/'
ip netns exec a curl -sS --connect-timeout 1 http://10.0.0.2/ 2>&1 | sed -E 's/after [0-9]+ ms/after N ms/'
timeout 5 ip netns exec b nc -l 8080 > $t/req < /dev/null &
/bin/sleep 0.3
ip netns exec a curl -sS --max-time 1 http://10.0.0.2:8080/x 2>&1 | sed -E 's/after [0-9]+ milliseconds/after N milliseconds/'
wait
sed 's/\r$//' $t/req
ip netns exec a curl -sS http://10.0.0.2:99999/
ip netns exec a curl -sS foo://10.0.0.2/
ip netns exec a curl -sS
ip netns exec a curl -s -o /dev/null -w '%{http_code} %{exitcode}\n' http://10.0.0.2:81/
rm -r $t
