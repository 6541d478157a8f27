# The TTL and DSCP targets: mangle only, listing, -S, parse errors.
iptables -t mangle -A PREROUTING -j TTL --ttl-set 3
iptables -t mangle -A PREROUTING -j TTL --ttl-dec 1
iptables -t mangle -A PREROUTING -j TTL --ttl-inc 2
iptables -t mangle -A PREROUTING -j TTL --ttl-inc 0
iptables -t mangle -A PREROUTING -j TTL --ttl-dec 0
iptables -t mangle -A PREROUTING -j TTL --ttl-set 0
iptables -t mangle -A PREROUTING -j TTL --ttl-set 256
iptables -t mangle -A PREROUTING -j TTL
iptables -t mangle -A PREROUTING -j TTL --ttl-set 3 --ttl-inc 1
iptables -t mangle -A PREROUTING -j TTL ! --ttl-set 3
iptables -A INPUT -j TTL --ttl-set 3
iptables -t raw -A PREROUTING -j TTL --ttl-set 3
iptables -t mangle -A POSTROUTING -j DSCP --set-dscp 3
iptables -t mangle -A POSTROUTING -j DSCP --set-dscp-class AF41
iptables -t mangle -A POSTROUTING -j DSCP --set-dscp 64
iptables -t mangle -A POSTROUTING -j DSCP --set-dscp-class XX
iptables -t mangle -A POSTROUTING -j DSCP
iptables -t mangle -A POSTROUTING -j DSCP --set-dscp 1 --set-dscp-class EF
iptables -A OUTPUT -j DSCP --set-dscp 1
iptables -t mangle -L -n
iptables -t mangle -L
iptables -t mangle -S
iptables -S
