# Per-device sysctls appear and disappear with devices; "all" and "default".
# (Writing a "default" value also changes existing devices that never had that
# value written.)
sysctl -a 2>/dev/null | grep '^net.ipv4.conf.veth0'
ip link add veth0 type veth peer name veth1
sysctl -a 2>/dev/null | grep '^net\.ipv4\.conf\.veth0\.'
sysctl -a 2>/dev/null | grep -c '^net\.ipv6\.conf\.veth0\.'
sysctl net.ipv4.conf.veth0.forwarding
sysctl -w net.ipv4.conf.all.forwarding=1
sysctl net.ipv4.conf.veth0.forwarding net.ipv4.ip_forward
sysctl -w net.ipv4.conf.veth1.arp_ignore=2
sysctl -w net.ipv4.conf.default.arp_ignore=1
sysctl net.ipv4.conf.veth0.arp_ignore net.ipv4.conf.veth1.arp_ignore
ip link add veth2 type veth peer name veth3
sysctl net.ipv4.conf.veth2.arp_ignore
sysctl -w net.ipv4.conf.veth0.arp_ignore=0
sysctl -w net.ipv4.conf.default.arp_ignore=3
sysctl net.ipv4.conf.veth0.arp_ignore net.ipv4.conf.veth2.arp_ignore
ip link set veth0 name eth0
sysctl net.ipv4.conf.eth0.arp_ignore
sysctl net.ipv4.conf.veth0.arp_ignore
ip link del eth0
sysctl net.ipv4.conf.eth0.arp_ignore
sysctl -a 2>/dev/null | grep -E '^net\.ipv4\.conf\.[a-z0-9]+\.arp_ignore'
sysctl -a --pattern 'net.ipv4.conf.lo.arp' 2>/dev/null
