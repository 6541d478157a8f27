# Counters: -c on insert, -Z (with -L), and save -c / restore --counters.
iptables -A INPUT -s 10.0.0.1 -c 5 500 -j ACCEPT
iptables -I INPUT -s 10.0.0.2 --set-counters 7 700 -j ACCEPT
iptables -A INPUT -s 10.0.0.3 -c 5 -j ACCEPT
iptables -A INPUT -s 10.0.0.3 -c x y -j ACCEPT
iptables -L INPUT -v -n -x
iptables -S INPUT -v
iptables -L INPUT -v -n -x -Z
iptables -L INPUT -v -n -x
iptables -A INPUT -s 10.0.0.4 -c 9 900 -j ACCEPT
iptables -Z INPUT 3
iptables -Z INPUT 9
iptables-save -c | grep -v '^#'
iptables-save -c | iptables-restore --counters
iptables -L INPUT -v -n -x
iptables-save -c | iptables-restore
iptables -L INPUT -v -n -x
