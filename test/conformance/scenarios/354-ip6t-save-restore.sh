# ip6tables-restore and ip6tables-save: tables, user chains, policies and counters, --noflush, --test, -T/-t options.
rules6() {
cat <<'RULES'
# A small IPv6 host firewall
*filter
:INPUT DROP [7:560]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [3:240]
:ICMP6 - [0:0]
[5:400] -A INPUT -i lo -j ACCEPT
-A INPUT -p ipv6-icmp -j ICMP6
-A INPUT -s 2001:db8:1::/48 -p tcp -m tcp --dport 22 -j ACCEPT
-A INPUT -p udp -m multiport --dports 546,547 -m comment --comment "dhcpv6 client/server" -j ACCEPT
-A INPUT -p tcp -j REJECT --reject-with tcp-reset
-A INPUT -j REJECT --reject-with icmp6-adm-prohibited
-A ICMP6 -p ipv6-icmp -m icmp6 --icmpv6-type 135 -j ACCEPT
-A ICMP6 -p ipv6-icmp -m icmp6 --icmpv6-type neighbour-advertisement -j ACCEPT
-A ICMP6 -p ipv6-icmp -m icmp6 --icmpv6-type echo-request -m limit --limit 5/sec -j ACCEPT
-A ICMP6 -m hl --hl-eq 255 -j ACCEPT
-A ICMP6 -j RETURN
COMMIT
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -i eth0 -j MARK --set-xmark 0x1/0xffffffff
-A POSTROUTING -o eth0 -j HL --hl-set 64
COMMIT
*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -d ff02::1 -j ACCEPT
COMMIT
RULES
}
rules6 | ip6tables-restore
ip6tables-save | grep -v '^#'
ip6tables -L INPUT -v -x -n
rules6 | ip6tables-restore -c
ip6tables-save -c -t filter | grep -v '^#'
printf '*filter\n-A ICMP6 -p ipv6-icmp --icmpv6-type 128 -j DROP\n-I INPUT -s fe80::/10 -j ACCEPT\nCOMMIT\n' | ip6tables-restore --noflush
ip6tables -S
printf '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j DROP\nCOMMIT\n' | ip6tables-restore --test
ip6tables -S INPUT
printf '*filter\n:INPUT ACCEPT [0:0]\n:FOO ACCEPT [0:0]\n-4 -A INPUT -s 10.0.0.1 -j DROP\n-6 -A INPUT -s ::1 -j ACCEPT\nCOMMIT\n' | ip6tables-restore
ip6tables -S
printf '*filter\n-6 -A INPUT -s ::1 -j ACCEPT\n-4 -A INPUT -s 10.0.0.1 -j DROP\nCOMMIT\n' | iptables-restore
iptables -S INPUT
ip6tables-save -t raw | grep -v '^#'
ip6tables-save -t nat | grep -v '^#'
ip6tables-save -V
ip6tables-restore -V
ip6tables -V
ip6tables-nft -S INPUT
ip6tables-nft-save -t mangle | grep -v '^#'
printf '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n' | ip6tables-nft-restore
ip6tables -S INPUT
ip6tables-save | head -1 | sed 's/ on .*//'
