# sysctl: read, write, -n, -q, -w, errors; and the same values in /proc/sys.
sysctl net.ipv4.ip_forward
sysctl -n net.ipv4.ip_forward
cat /proc/sys/net/ipv4/ip_forward
sysctl -w net.ipv4.ip_forward=1
cat /proc/sys/net/ipv4/ip_forward
sysctl -q -w net.ipv4.ip_forward=0
sysctl net.ipv4.ip_forward
sysctl net.ipv4.ip_forward=1
sysctl -w net/ipv4/ip_forward=0
sysctl net/ipv4/ip_forward
sysctl net.ipv4.ip_local_port_range
sysctl -w net.ipv4.ip_local_port_range="20000 30000"
sysctl net.ipv4.ip_local_port_range
cat /proc/sys/net/ipv4/ip_local_port_range
sysctl net.ipv4.ip_default_ttl net.ipv4.conf.all.rp_filter net.ipv4.conf.default.rp_filter
sysctl net.ipv4.nope
sysctl -w net.ipv4.nope=1
sysctl -q net.ipv4.nope
sysctl -w net.ipv4.ip_forward
sysctl -w net.ipv4.ip_forward=abc
sysctl -n -e net.ipv4.nope
sysctl -w net.ipv4.ip_default_ttl=0
sysctl -w net.ipv4.ip_default_ttl=300
sysctl net.ipv4.ip_default_ttl
cat /proc/sys/net/ipv4/nope
sysctl net.ipv6.conf.all.forwarding net.ipv6.conf.lo.disable_ipv6
sysctl -N net.ipv4.ip_forward
