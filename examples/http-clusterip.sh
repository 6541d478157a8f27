# An HTTP request from a pod to a ClusterIP Service, as kube-proxy (iptables mode) routes it:
# pod2 asks http://10.96.0.100/ and the node's nat table sends the connection to one of the
# two endpoints, web1 or web2, each running `python3 -m http.server 8080`. tcpdump in pod2
# writes the conversation to a pcap file (tshark and Wireshark read it; set PCAP to keep it)
# and reads it back: pod2 only ever sees the Service's address, conntrack on the node shows
# the translation.
# br_netfilter is built into some kernels and a module in others:
( sysctl -n net.bridge.bridge-nf-call-iptables >/dev/null 2>&1 || modprobe br_netfilter )
t=$(mktemp -d)
pcap=${PCAP:-$t/http.pcap}
ip netns add node
ip netns add pod2
ip netns add web1
ip netns add web2
ip -n node link add cni0 type bridge
ip -n node addr add 10.244.1.1/24 dev cni0
ip -n node link set cni0 up
n=1
for pod in pod2:10.244.1.2 web1:10.244.1.10 web2:10.244.1.11; do
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
ip netns exec node iptables-restore --noflush <<'EOF'
*nat
:KUBE-SERVICES - [0:0]
:KUBE-SVC-WEB - [0:0]
:KUBE-SEP-WEB1 - [0:0]
:KUBE-SEP-WEB2 - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A KUBE-SERVICES -d 10.96.0.100/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-WEB
-A KUBE-SVC-WEB -m comment --comment "default/web -> 10.244.1.10:8080" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-WEB1
-A KUBE-SVC-WEB -m comment --comment "default/web -> 10.244.1.11:8080" -j KUBE-SEP-WEB2
-A KUBE-SEP-WEB1 -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 10.244.1.10:8080
-A KUBE-SEP-WEB2 -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 10.244.1.11:8080
COMMIT
EOF
# Both endpoints serve the same page, as replicas of one Deployment do.
mkdir $t/www
echo 'hello from the web Service' > $t/www/index.html
for web in web1:10.244.1.10 web2:10.244.1.11; do
	ip netns exec ${web%%:*} python3 -m http.server 8080 --bind ${web#*:} --directory $t/www > /dev/null 2>&1 &
done
# Wait until both servers accept connections.
( for addr in 10.244.1.10 10.244.1.11; do
	for i in $(seq 50); do ip netns exec pod2 nc -z $addr 8080 && break; /bin/sleep 0.1; done
done )
ip netns exec pod2 tcpdump -i eth0 -nn -w $pcap -c 5 'tcp port 80' 2> /dev/null &
/bin/sleep 0.5
ip netns exec pod2 curl -sS -w '%{http_code} from %{remote_ip}:%{remote_port}\n' http://10.96.0.100/
wait %3
kill %1 %2
wait
# What pod2 saw: the handshake, the request and its acknowledgement, all with the Service.
tcpdump -r $pcap -nn 2> /dev/null | sed -E 's/^[0-9:.]+ //'
# What the node did: the connection's reply tuple names the endpoint that served it.
ip netns exec node conntrack -L -p tcp --orig-dst 10.96.0.100 2>/dev/null | sed -E 's/10\.244\.1\.1[01]/ENDPOINT/g; s/^tcp +6 [0-9]+ /tcp 6 /'
rm -r $t
