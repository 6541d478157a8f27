# The TCPMSS target: --set-mss and --clamp-mss-to-pmtu (the last one given wins), listing
# and save forms, and its refusals: TCP only, clamping only where a route is known.
iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
iptables -t mangle -A POSTROUTING -p tcp --syn -j TCPMSS --set-mss 1400
iptables -t mangle -A POSTROUTING -p tcp -j TCPMSS --set-mss 1400
iptables -t mangle -A OUTPUT -p tcp --syn -o eth0 -j TCPMSS --clamp-mss-to-pmtu
iptables -t mangle -A INPUT -p tcp --syn -j TCPMSS --set-mss 500
iptables -t mangle -A POSTROUTING -p tcp --syn -j TCPMSS --set-mss 1400 --clamp-mss-to-pmtu
iptables -t mangle -A POSTROUTING -p tcp --syn -j TCPMSS --clamp-mss-to-pmtu --set-mss 1300
iptables -t mangle -A POSTROUTING -p tcp --syn -j TCPMSS --set-mss 0
iptables -A FORWARD -p tcp --syn -j TCPMSS --set-mss 1200
iptables -t nat -A POSTROUTING -p tcp --syn -j TCPMSS --set-mss 1200
iptables -t mangle -N clamp
iptables -t mangle -A clamp -p tcp --syn -j TCPMSS --clamp-mss-to-pmtu
iptables -t mangle -A PREROUTING -j clamp
iptables -t mangle -S
iptables -t mangle -L -n -v
iptables -L FORWARD
iptables -t nat -S POSTROUTING
iptables -t mangle -A POSTROUTING -j TCPMSS --set-mss 1400
iptables -t mangle -A POSTROUTING -p udp -j TCPMSS --set-mss 1400
iptables -t mangle -A POSTROUTING ! -p tcp -j TCPMSS --set-mss 1400
iptables -t mangle -A INPUT -p tcp --syn -j TCPMSS --clamp-mss-to-pmtu
iptables -t mangle -A PREROUTING -p tcp --syn -j TCPMSS --clamp-mss-to-pmtu
iptables -t mangle -A POSTROUTING -p tcp --syn -j TCPMSS
iptables -t mangle -A POSTROUTING -p tcp --syn -j TCPMSS --set-mss 65516
iptables -t mangle -A POSTROUTING -p tcp --syn -j TCPMSS --set-mss foo
iptables -t mangle -A POSTROUTING -p tcp --syn -j TCPMSS --set-mss 1400 --set-mss 1300
iptables -t mangle -A POSTROUTING -p tcp --syn -j TCPMSS --clamp-mss-to-pmtu --clamp-mss-to-pmtu
iptables -t mangle -D POSTROUTING -p tcp --syn -j TCPMSS --set-mss 0
iptables -t mangle -S POSTROUTING
