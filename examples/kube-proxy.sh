# A Kubernetes node as kube-proxy (iptables mode) sets it up: pods on the cni0 bridge, and the
# ClusterIP Service default/web (10.96.0.100:80) load-balanced by the nat table to two
# endpoints, web1 and web2 (port 8080). br_netfilter makes bridged traffic between pods cross
# iptables, so a reply from an endpoint on the same bridge is translated back.
# br_netfilter is built into some kernels and a module in others:
( sysctl -n net.bridge.bridge-nf-call-iptables >/dev/null 2>&1 || modprobe br_netfilter )
ip netns add node
ip netns add pod2
ip netns add web1
ip netns add web2
ip -n node link add cni0 type bridge
ip -n node addr add 10.244.1.1/24 dev cni0
ip -n node link set cni0 up
ip -n node link set lo up
n=1
for pod in pod2:10.244.1.2 web1:10.244.1.10 web2:10.244.1.11; do
	ns=${pod%%:*} addr=${pod#*:}
	ip -n node link add veth$n type veth peer name eth0 netns $ns
	ip -n node link set veth$n master cni0 up
	ip -n $ns addr add $addr/24 dev eth0
	ip -n $ns link set eth0 up
	ip -n $ns link set lo up
	ip -n $ns route add default via 10.244.1.1
	n=$((n + 1))
done
ip netns exec node sysctl -w net.ipv4.ip_forward=1
ip netns exec node sysctl -w net.bridge.bridge-nf-call-iptables=1
ip netns exec node iptables-restore --noflush <<'EOF'
*nat
:KUBE-SERVICES - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-SVC-WEB - [0:0]
:KUBE-SEP-WEB1 - [0:0]
:KUBE-SEP-WEB2 - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-SERVICES -d 10.96.0.100/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-WEB
-A KUBE-SVC-WEB ! -s 10.244.0.0/16 -d 10.96.0.100/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ
-A KUBE-SVC-WEB -m comment --comment "default/web -> 10.244.1.10:8080" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-WEB1
-A KUBE-SVC-WEB -m comment --comment "default/web -> 10.244.1.11:8080" -j KUBE-SEP-WEB2
-A KUBE-SEP-WEB1 -s 10.244.1.10/32 -m comment --comment "default/web" -j KUBE-MARK-MASQ
-A KUBE-SEP-WEB1 -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 10.244.1.10:8080
-A KUBE-SEP-WEB2 -s 10.244.1.11/32 -m comment --comment "default/web" -j KUBE-MARK-MASQ
-A KUBE-SEP-WEB2 -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 10.244.1.11:8080
COMMIT
EOF
ip netns exec pod2 ping -c 1 10.244.1.10
ip netns exec pod2 ping -c 1 -W 1 10.96.0.100
ip netns exec node iptables -t nat -L KUBE-SVC-WEB -n
ip netns exec node iptables -t nat -S KUBE-SERVICES
ip netns exec node iptables -t nat -L -n -v -x | grep -A3 'Chain PREROUTING'
ip netns exec node conntrack -L 2>&1 | sort
