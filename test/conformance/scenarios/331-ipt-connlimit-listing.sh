# connlimit: --connlimit-upto/--connlimit-above (and their inversions), masks as prefix
# lengths and netmasks, source or destination keys, as -S and -L print them, and errors.
iptables -A INPUT -p tcp --syn --dport 22 -m connlimit --connlimit-above 2 -j REJECT
iptables -A INPUT -p tcp -m connlimit --connlimit-upto 5 --connlimit-mask 24
iptables -A INPUT -m connlimit --connlimit-above 3 --connlimit-daddr
iptables -A INPUT -m connlimit ! --connlimit-above 3 --connlimit-saddr --connlimit-mask 16
iptables -A INPUT -m connlimit ! --connlimit-upto 3
iptables -A INPUT -m connlimit --connlimit-upto 0 --connlimit-mask 0
iptables -A INPUT -m connlimit --connlimit-upto 3 --connlimit-mask 33
iptables -A INPUT -m connlimit --connlimit-upto 3 --connlimit-mask 255.255.255.0
iptables -A INPUT -m connlimit
iptables -A INPUT -m connlimit --connlimit-upto 3 --connlimit-above 2
iptables -A INPUT -m connlimit --connlimit-upto foo
iptables -A INPUT -m connlimit --connlimit-upto 3 --connlimit-mask foo
iptables -A INPUT -m connlimit --connlimit-upto 3 --connlimit-mask 255.0.255.0
iptables -A INPUT -m connlimit --connlimit-upto 3 --connlimit-saddr --connlimit-daddr
iptables -A INPUT -m connlimit --connlimit-upto 4294967296
iptables -A INPUT -m connlimit --connlimit-upto -1
iptables -S
iptables -L INPUT
iptables -L INPUT -n
iptables -D INPUT -p tcp -m connlimit --connlimit-upto 5 --connlimit-mask 24
iptables -S INPUT
