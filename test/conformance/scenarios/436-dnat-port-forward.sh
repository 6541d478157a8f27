# Port forwarding on a router: DNAT of 203.0.113.1:8080 to a server inside at 192.168.1.2:80; the outside client reaches it with nc and curl, the server sees the client's own address, conntrack shows the translated reply tuple, and the router's own port 8080 stays closed from inside.
t=$(mktemp -d)
ip netns add inside
ip netns add router
ip netns add outside
ip link add eth0 netns inside type veth peer name in0 netns router
ip link add eth0 netns outside type veth peer name out0 netns router
ip -n inside link set eth0 address 02:00:00:00:01:02
ip -n router link set in0 address 02:00:00:00:01:01
ip -n router link set out0 address 02:00:00:00:02:01
ip -n outside link set eth0 address 02:00:00:00:02:02
for n in inside router outside; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip -n inside addr add 192.168.1.2/24 dev eth0
ip -n router addr add 192.168.1.1/24 dev in0
ip -n router addr add 203.0.113.1/24 dev out0
ip -n outside addr add 203.0.113.2/24 dev eth0
ip -n inside link set eth0 up
ip -n outside link set eth0 up
ip -n router link set in0 up
ip -n router link set out0 up
ip -n inside route add default via 192.168.1.1
ip netns exec router sysctl -qw net.ipv4.ip_forward=1
ip netns exec router iptables -t nat -A PREROUTING -i out0 -p tcp --dport 8080 -j DNAT --to-destination 192.168.1.2:80
timeout 5 ip netns exec inside nc -l -v -n 80 > $t/srv 2>&1 < /dev/null &
/bin/sleep 0.3
( echo forwarded; /bin/sleep 0.3 ) | ip netns exec outside nc -N 203.0.113.1 8080
wait
cat $t/srv
ip netns exec router conntrack -L -p tcp
ip netns exec inside nc -z -v -n 192.168.1.1 8080
mkdir $t/www
echo 'served from inside' > $t/www/index.html
ip netns exec inside python3 -m http.server 80 --bind 192.168.1.2 --directory $t/www > /dev/null 2> $t/log &
p=$!
( for i in $(seq 50); do ip netns exec router nc -z 192.168.1.2 80 && exit 0; /bin/sleep 0.1; done; exit 1 )
ip netns exec outside curl -sS http://203.0.113.1:8080/
ip netns exec outside curl -sS -o /dev/null -w '%{http_code} %{remote_ip}:%{remote_port}\n' http://203.0.113.1:8080/missing
kill $p
wait
sed -E 's/\[[^]]*\]/[DATE]/' $t/log
ip netns exec router iptables -t nat -L PREROUTING -v -n -x
rm -r $t
