# xtables-monitor -e: the events of rule, chain, policy and table changes (-A -N -I -D -P -F -R, a busy -X that changes nothing), one NEWGEN per command.
# (stdbuf -oL: the monitor's stdout to a file is otherwise fully buffered and lost when it is killed; /bin/sleep waits in wall time.)
t=$(mktemp)
stdbuf -oL xtables-monitor -e > $t &
/bin/sleep 0.5
iptables -A INPUT -p icmp -j ACCEPT
iptables -N FOO
iptables -A FOO -s 10.0.0.0/8 -j DROP
iptables -I INPUT 1 -j FOO
iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE
iptables -D INPUT 2
iptables -P FORWARD DROP
iptables -F FOO
iptables -X FOO
iptables -R INPUT 1 -p tcp -j ACCEPT
/bin/sleep 0.5
kill %1
wait
cat $t
rm -f $t
