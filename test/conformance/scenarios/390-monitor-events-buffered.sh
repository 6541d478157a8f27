# xtables-monitor -e writing to a file without stdbuf: stdout is fully buffered, and the events still in the buffer are lost when the monitor is killed (the file stays empty).
t=$(mktemp)
xtables-monitor -e > $t &
/bin/sleep 0.5
iptables -A INPUT -p icmp -j ACCEPT
iptables -N FOO
iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE
/bin/sleep 0.5
kill %1
wait
wc -c < $t
rm -f $t
