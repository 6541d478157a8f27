# User chains: create, rename, delete, reference counts, and their errors.
iptables -N A
iptables -N A
iptables -N INPUT
iptables -N 'bad name'
iptables -N -x
iptables -N abcdefghijklmnopqrstuvwxyz0123456789
iptables -N B
iptables -A A -j B
iptables -X B
iptables -E A C
iptables -E C B
iptables -E NOSUCH D
iptables -E INPUT D
iptables -L -n
iptables -P C DROP
iptables -P INPUT REJECT
iptables -P INPUT accept
iptables -F C
iptables -X C
iptables -X
iptables -X INPUT
iptables -S
iptables -X NOSUCH
