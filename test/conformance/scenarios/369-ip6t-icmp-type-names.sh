# --icmp-type and --icmpv6-type as libxt_icmp.h parses them (names by prefix in any case, aliases, numbers, codes, ranges) and --reject-with by prefix, for iptables and ip6tables side by side.
for t in echo ping pong ttl-exceeded any ANY Echo-Req network host-unr ti '' 1:3 1/2:4 1x 1/300 300 0x08 08 ' 8' 3/0x0a; do
  iptables -A INPUT -p icmp --icmp-type "$t" 2>&1 | head -1
done
for t in echo ping pong ttl-exceeded neighbo NEIGHBOUR-S r '' 1:3 1/2:4 1x 1/300 300 0x80 08 ' 128' 1/0x04; do
  ip6tables -A INPUT -p icmpv6 --icmpv6-type "$t" 2>&1 | head -1
done
for w in icmp-net ICMP-HOST-UNREACHABLE port tcp admin host-prohib; do iptables -A OUTPUT -p tcp -j REJECT --reject-with $w; done
for w in icmp6-no ICMP6-ADM-PROHIBITED port tcp no addr policy reject; do ip6tables -A OUTPUT -p tcp -j REJECT --reject-with $w; done
iptables -S
iptables -L INPUT
ip6tables -S
ip6tables -L INPUT
