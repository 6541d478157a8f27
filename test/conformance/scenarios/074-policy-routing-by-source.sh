# Policy routing by source address: two uplinks, replies leave by the link they came in on.
ip link set lo up
for i in 1 2; do
  ip netns add isp$i
  ip link add up$i type veth peer name eth0 netns isp$i
  ip addr add 100.64.$i.2/24 dev up$i
  ip link set up$i up
  ip -n isp$i addr add 100.64.$i.1/24 dev eth0
  ip -n isp$i link set eth0 up
  ip -n isp$i link set lo up
  ip -n isp$i addr add 203.0.113.$i/32 dev lo
  ip -n isp$i route add default via 100.64.$i.2
done
sleep 3
ip route add default via 100.64.1.1
ip route add default via 100.64.2.1 table 102
ip route add 100.64.2.0/24 dev up2 table 102
ip rule add from 100.64.2.2 table 102 pref 1000
ip rule
ip route show table all | grep -v '^local\|^broadcast\|^fe80\|^multicast\|^ff00'
ip route get 203.0.113.2
ip route get 203.0.113.2 from 100.64.2.2
ip route get 203.0.113.1 from 100.64.2.2
ping -c 1 -W 1 203.0.113.1
ping -c 1 -W 1 203.0.113.2
ping -c 1 -W 1 -I 100.64.2.2 203.0.113.2
ping -c 1 -W 1 -I up2 203.0.113.2
ip rule del pref 1000
ip route get 203.0.113.2 from 100.64.2.2
