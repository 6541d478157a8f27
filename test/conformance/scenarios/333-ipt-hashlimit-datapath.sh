# hashlimit's token bucket per source address on the world's clock: a burst, then the
# rate; each source has its own bucket, shown in /proc/net/ipt_hashlimit/NAME.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n a addr add 10.0.0.3/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -A INPUT -p icmp -m hashlimit --hashlimit-upto 1/sec --hashlimit-burst 2 --hashlimit-mode srcip --hashlimit-name pings -j ACCEPT
ip netns exec b iptables -A INPUT -p icmp -m hashlimit --hashlimit-above 10/min --hashlimit-burst 1 --hashlimit-mode dstip,srcip --hashlimit-srcmask 24 --hashlimit-name over
ip netns exec b iptables -A INPUT -p icmp -j DROP
ip netns exec b cat /proc/net/ipt_hashlimit/pings
ip netns exec a ping -c 5 -i 0.3 10.0.0.2
ip netns exec a ping -c 2 -i 0.3 -I 10.0.0.3 10.0.0.2
ip netns exec b iptables -L INPUT -v -n -x
ip netns exec b cat /proc/net/ipt_hashlimit/pings | cut -d' ' -f2,4,5 | sort
ip netns exec b cat /proc/net/ipt_hashlimit/over | cut -d' ' -f2,4,5 | sort
sleep 2
ip netns exec a ping -c 1 10.0.0.2
ip netns exec b iptables -L INPUT -v -n -x
