# A kube-proxy-like ClusterIP: pods on the cni0 bridge of a node whose nat table DNATs 10.96.0.100:80 to the one endpoint 10.244.1.10:8080 (br_netfilter makes the bridged packets cross iptables); a client pod reaches it with nc and with curl (python3 -m http.server behind it), the endpoint sees the client pod's address, and conntrack shows the translated reply tuple; the node itself, with no route to the ClusterIP range, cannot reach it.
# br_netfilter is built into some kernels and a module in others:
( sysctl -n net.bridge.bridge-nf-call-iptables >/dev/null 2>&1 || modprobe br_netfilter )
set -o pipefail
t=$(mktemp -d)
ip netns add node
ip netns add client
ip netns add web1
ip -n node link add cni0 type bridge
ip -n node link set cni0 address 02:00:00:00:01:01
ip -n node addr add 10.244.1.1/24 dev cni0
ip -n node link set cni0 up
n=1
for pod in client:10.244.1.2 web1:10.244.1.10; do
	ns=${pod%%:*} addr=${pod#*:}
	ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip -n node link add veth$n type veth peer name eth0 netns $ns
	ip -n node link set veth$n master cni0 up
	ip -n $ns addr add $addr/24 dev eth0
	ip -n $ns link set eth0 up
	ip -n $ns link set lo up
	ip -n $ns route add default via 10.244.1.1
	n=$((n + 1))
done
ip netns exec node sysctl -qw net.ipv4.ip_forward=1
ip netns exec node sysctl -qw net.bridge.bridge-nf-call-iptables=1
ip netns exec node iptables-restore --noflush <<'RULES'
*nat
:KUBE-SERVICES - [0:0]
:KUBE-SVC-WEB - [0:0]
:KUBE-SEP-WEB1 - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A KUBE-SERVICES -d 10.96.0.100/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-WEB
-A KUBE-SVC-WEB -m comment --comment "default/web -> 10.244.1.10:8080" -j KUBE-SEP-WEB1
-A KUBE-SEP-WEB1 -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 10.244.1.10:8080
COMMIT
RULES
timeout 5 ip netns exec web1 nc -l -v -n 8080 > $t/nc 2>&1 < /dev/null &
/bin/sleep 0.3
( echo via-clusterip; /bin/sleep 0.3 ) | ip netns exec client nc -N 10.96.0.100 80
wait
cat $t/nc
ip netns exec client nc -z -v -n 10.96.0.100 81
mkdir $t/www
echo 'web1 says hello' > $t/www/index.html
ip netns exec web1 python3 -m http.server 8080 --bind 10.244.1.10 --directory $t/www > /dev/null 2> $t/log &
p=$!
( for i in $(seq 50); do ip netns exec web1 nc -z 10.244.1.10 8080 && exit 0; /bin/sleep 0.1; done; exit 1 )
ip netns exec client curl -sS http://10.96.0.100/
ip netns exec client curl -sS -o /dev/null -w '%{http_code} %{remote_ip}:%{remote_port}\n' http://10.96.0.100/index.html
ip netns exec node curl -sS http://10.96.0.100/ 2>&1 | sed -E 's/after [0-9]+ ms/after N ms/'
kill $p
wait
sed -E 's/\[[0-9]{2}\/[A-Z][a-z]{2}\/[0-9]{4} [0-9:]{8}\]/[DATE]/' $t/log
ip netns exec node iptables -t nat -L KUBE-SERVICES -v -n -x
ip netns exec node conntrack -L -p tcp 2>&1 | sort
rm -r $t
