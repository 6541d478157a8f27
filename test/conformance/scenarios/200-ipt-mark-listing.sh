# The mark match and the MARK target: listing, -S, iptables-save, parse errors.
iptables -A INPUT -m mark --mark 5
iptables -A INPUT -m mark ! --mark 0x5/0xff -j ACCEPT
iptables -A INPUT -m mark --mark 0xffffffff/0xffffffff -j DROP
iptables -A INPUT -m mark --mark 010
iptables -A INPUT -m mark --mark foo
iptables -A INPUT -m mark --mark 5/
iptables -A INPUT -m mark --mark 0x100000000
iptables -A INPUT -m mark
iptables -A INPUT -m mark --mark 1 --mark 2
iptables -t mangle -A PREROUTING -j MARK --set-mark 0x10
iptables -t mangle -A PREROUTING -j MARK --set-mark 0x10/0xf0
iptables -t mangle -A PREROUTING -j MARK --set-xmark 0x4000/0x4000
iptables -t mangle -A PREROUTING -j MARK --set-xmark 0x3/0x5
iptables -t mangle -A PREROUTING -j MARK --or-mark 0x4000
iptables -t mangle -A PREROUTING -j MARK --and-mark 0x4000
iptables -t mangle -A PREROUTING -j MARK --xor-mark 0x4000
iptables -t mangle -A PREROUTING -j MARK --set-mark 0
iptables -t mangle -A PREROUTING -j MARK --or-mark 0
iptables -t mangle -A OUTPUT -j MARK
iptables -t mangle -A OUTPUT -j MARK --set-mark 1 --or-mark 2
iptables -t mangle -A OUTPUT -j MARK --set-mark foo
iptables -t mangle -A OUTPUT -j MARK ! --set-mark 1
iptables -t mangle -A OUTPUT -j MARK --or-mark 1/2
iptables -A FORWARD -j MARK --set-mark 1
iptables -L -n -v
iptables -L
iptables -S
iptables -t mangle -L -n
iptables -t mangle -L PREROUTING
iptables -t mangle -S
iptables-save
iptables -C INPUT -m mark --mark 0x5
iptables -D INPUT -m mark ! --mark 5/0xff -j ACCEPT
iptables -t mangle -D PREROUTING -j MARK --set-xmark 0x4000/0x4000
iptables -t mangle -S PREROUTING
