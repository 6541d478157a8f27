#!/bin/bash
# Policy routing: traffic from one source, and traffic with a firewall mark, each use
# their own table and uplink.
ip netns add gw
ip link add isp1 type veth peer name up1 netns gw
ip link add isp2 type veth peer name up2 netns gw
ip addr add 203.0.113.2/24 dev isp1
ip addr add 198.51.100.2/24 dev isp2
ip link set isp1 up
ip link set isp2 up
ip -n gw link set up1 up
ip -n gw link set up2 up
ip route add default via 203.0.113.1
ip route add default via 198.51.100.1 table 100
ip route add default via 198.51.100.1 table 200
ip addr add 10.9.1.1/32 dev lo
ip link set lo up
ip rule add from 10.9.0.0/16 lookup 100 priority 1000
ip rule add fwmark 0x2 lookup 200 priority 1001
ip rule
ip route show table 100
ip route get 8.8.8.8
ip route get 8.8.8.8 from 10.9.1.1
ip route get 8.8.8.8 mark 2
ip -j route get 8.8.8.8 mark 2
