# xtables-monitor -e: -Z replaces the rules that counted packets, -P updates the chain, an iptables-restore deletes and re-creates the table; ip6tables events (-6, table family ip6).
t=$(mktemp)
ip link set lo up
stdbuf -oL xtables-monitor -e > $t &
/bin/sleep 0.5
iptables -A OUTPUT -p icmp -j ACCEPT
iptables -N FOO
iptables -A OUTPUT -j FOO
ping -c 1 127.0.0.1 > /dev/null
ping -c 1 127.0.0.1 > /dev/null
iptables -Z OUTPUT
iptables -Z
iptables -P OUTPUT DROP
iptables -P OUTPUT ACCEPT
iptables -E FOO BAR
printf '*filter\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n' | iptables-restore
ip6tables -A INPUT -s 2001:db8::/32 -j DROP
ip6tables -A INPUT -p icmpv6 -j ACCEPT
iptables -I INPUT 1 -i lo -j ACCEPT
iptables -F INPUT
iptables -X INPUT
iptables -S
/bin/sleep 0.5
kill %1
wait
cat $t
rm -f $t
