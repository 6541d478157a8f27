# Rules the kernel refuses (RULE_APPEND failed) leave the reason in the kernel log, as
# xt_check_match()/xt_check_target() and REJECT's checkentry write it. (Those lines are rate
# limited, 10 per 5 s for each place that writes them: the sleep starts a fresh window.)
sleep 6
iptables -A INPUT -j TTL --ttl-set 1
iptables -A INPUT -j CT --notrack
iptables -A INPUT -j NOTRACK
iptables -A INPUT -j MASQUERADE
iptables -t nat -A PREROUTING -j MASQUERADE
iptables -t nat -A POSTROUTING -j DNAT --to-destination 1.2.3.4
iptables -A INPUT -p udp -j REJECT --reject-with tcp-reset
iptables -t nat -A PREROUTING -j REJECT
ip6tables -A INPUT -j HL --hl-set 1
ip6tables -A INPUT -p udp -j REJECT --reject-with tcp-reset
iptables -A OUTPUT -m mac --mac-source 00:11:22:33:44:55
iptables -A INPUT -m owner --uid-owner 0
dmesg -t | tail -n 12
