# ip rule add with from/to/iif/oif/fwmark/mask/tos/priority/table/lookup/not.
ip link add veth0 type veth peer name veth1
ip rule add from 10.0.0.0/24 table 100
ip rule add to 192.168.0.0/16 lookup 101
ip rule add from 10.0.1.5 to 10.0.2.0/24 table 102 priority 500
ip rule add iif veth0 table 103
ip rule add oif veth1 table 104 pref 600
ip rule add fwmark 0x1 table 105
ip rule add fwmark 0x10/0xf0 table 106
ip rule add fwmark 7 lookup 107
ip rule add tos 0x10 table 108
ip rule add dsfield 0x08 table 109
ip rule add not from 10.0.0.0/8 table 110
ip rule add from all table 111 prio 1000
ip rule add ipproto tcp dport 80 table 112
ip rule add sport 1000-2000 table 113
ip rule add uidrange 1000-2000 table 114
ip rule add iif lo table 115
ip rule add from 10.9.0.0/16 table main priority 10
ip rule add blackhole from 10.8.0.0/16
ip rule add unreachable to 10.7.0.0/16
ip rule add prohibit iif veth1
ip rule
ip -j rule show priority 500
ip rule show table 105
ip rule show fwmark 0x1
ip rule show iif veth0
ip rule show from 10.0.0.0/24
