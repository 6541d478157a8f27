# xtables-monitor -e: user chains made, renamed (-E is a new chain name), flushed and deleted; an iptables-restore --noflush batch; -F and -X of the whole table; read-only commands print nothing; an iptables-restore of a new table.
t=$(mktemp)
stdbuf -oL xtables-monitor -e > $t &
/bin/sleep 0.5
iptables -N FOO
iptables -A FOO -s 10.0.0.0/8 -j DROP
iptables -A FOO -p udp --dport 53 -m comment --comment "dns x" -j ACCEPT
iptables -Z
iptables -E FOO BAR
printf '*filter\n:XX - [0:0]\n-A XX -j RETURN\n-A INPUT -j XX\nCOMMIT\n' | iptables-restore --noflush
iptables -F BAR
iptables -X BAR
iptables -F
iptables -X
iptables -t nat -N A
iptables -t nat -F
iptables -t nat -X
iptables -L -n > /dev/null
iptables -C INPUT -j ACCEPT
printf '*mangle\n-A PREROUTING -j MARK --set-mark 1\nCOMMIT\n' | iptables-restore
/bin/sleep 0.5
kill %1
wait
cat $t
rm -f $t
