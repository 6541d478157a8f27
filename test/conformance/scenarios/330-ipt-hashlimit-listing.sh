# hashlimit (revision 3): rates in packets and bytes, modes, masks, htable settings and
# rate-match as -S and -L print them, and the errors of libxt_hashlimit and the kernel.
iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name foo
iptables -A INPUT -m hashlimit --hashlimit-above 10/min --hashlimit-burst 3 --hashlimit-mode srcip,dstport --hashlimit-name bar
iptables -A INPUT -m hashlimit --hashlimit-upto 100/hour --hashlimit-mode srcip,dstip,srcport,dstport --hashlimit-srcmask 24 --hashlimit-dstmask 16 --hashlimit-name baz --hashlimit-htable-size 64 --hashlimit-htable-max 128 --hashlimit-htable-expire 5000 --hashlimit-htable-gcinterval 500
iptables -A INPUT -m hashlimit --hashlimit-upto 2/day --hashlimit-name d
iptables -A INPUT -m hashlimit --hashlimit-upto 1kb/s --hashlimit-name bytes1
iptables -A INPUT -m hashlimit --hashlimit-upto 1kb/s --hashlimit-burst 10k --hashlimit-name bytes2
iptables -A INPUT -m hashlimit --hashlimit-above 1mb/s --hashlimit-burst 3m --hashlimit-name bytes3 --hashlimit-mode dstip
iptables -A INPUT -m hashlimit --hashlimit-upto 3/sec --hashlimit-rate-match --hashlimit-rate-interval 5 --hashlimit-name rm
iptables -A INPUT -m hashlimit --hashlimit-upto 3/sec --hashlimit-rate-match --hashlimit-name rm2 --hashlimit-mode dstip
iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-rate-interval 5 --hashlimit-name ri
iptables -A INPUT -m hashlimit --hashlimit 7/sec --hashlimit-name old
iptables -A INPUT -m hashlimit ! --hashlimit-upto 5/s --hashlimit-srcmask 255.255.0.0 --hashlimit-mode srcip --hashlimit-name inv
iptables -A INPUT -m hashlimit --hashlimit-upto 5 --hashlimit-burst 20000 --hashlimit-name 0123456789abcdef0123456789abcdefX
iptables -S
iptables -L INPUT
iptables -L INPUT -n -v
cat /proc/net/ipt_hashlimit/foo /proc/net/ipt_hashlimit/d /proc/net/ipt_hashlimit/0123456789abcdef0123456789abcdefX
iptables -D INPUT -m hashlimit --hashlimit-upto 2/day --hashlimit-burst 5 --hashlimit-name d
iptables -D INPUT 1
cat /proc/net/ipt_hashlimit/foo
cat /proc/net/ipt_hashlimit/d
cat /proc/net/ipt_hashlimit/bar
iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec
iptables -A INPUT -m hashlimit --hashlimit-name x
iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-above 5/sec --hashlimit-name x
iptables -A INPUT -m hashlimit --hashlimit-upto 5/foo --hashlimit-name x
iptables -A INPUT -m hashlimit --hashlimit-upto 0/sec --hashlimit-name x
iptables -A INPUT -m hashlimit --hashlimit-upto 10000000/sec --hashlimit-name x
iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-mode foo --hashlimit-name x
iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-srcmask 33 --hashlimit-name x
iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-srcmask foo --hashlimit-name x
iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-burst 0 --hashlimit-name x
iptables -A INPUT -m hashlimit --hashlimit-upto 512kb/m --hashlimit-burst 2mb --hashlimit-name x
iptables -A INPUT -m hashlimit --hashlimit-upto 1kb/s --hashlimit-burst 100 --hashlimit-name x
iptables -A INPUT -m hashlimit --hashlimit-upto 1/day --hashlimit-burst 1000000 --hashlimit-name x
iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name x --hashlimit-htable-expire 0
iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name x --hashlimit-rate-interval 0
iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name ''
iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name a/b
iptables -A INPUT -m hashlimit --hashlimit-upto 5/sec --hashlimit-name x --hashlimit-name y
iptables -S INPUT
