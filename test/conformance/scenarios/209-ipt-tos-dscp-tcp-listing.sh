# tos, dscp and tcp (--tcp-flags, --syn, --tcp-option), -f: listing, -S, parse errors.
iptables -A INPUT -m tos --tos 0x10
iptables -A INPUT -m tos ! --tos Minimize-Delay
iptables -A INPUT -m tos --tos 0x08/0x0c
iptables -A INPUT -m tos --tos Normal-Service
iptables -A INPUT -m tos --tos 0x100
iptables -A INPUT -m tos --tos foo
iptables -A INPUT -m tos
iptables -A INPUT -m dscp --dscp 10
iptables -A INPUT -m dscp ! --dscp 0x2e
iptables -A INPUT -m dscp --dscp-class EF
iptables -A INPUT -m dscp --dscp-class af41
iptables -A INPUT -m dscp --dscp-class CS1
iptables -A INPUT -m dscp --dscp-class BE
iptables -A INPUT -m dscp ! --dscp-class cs7
iptables -A INPUT -m dscp --dscp 64
iptables -A INPUT -m dscp --dscp-class XX
iptables -A INPUT -m dscp --dscp 1 --dscp-class EF
iptables -A INPUT -m dscp
iptables -A INPUT -p tcp --tcp-flags SYN,ACK SYN
iptables -A INPUT -p tcp ! --tcp-flags ALL NONE
iptables -A INPUT -p tcp --tcp-flags ALL FIN,URG,PSH
iptables -A INPUT -p tcp --syn
iptables -A INPUT -p tcp ! --syn
iptables -A INPUT -p tcp --tcp-option 2
iptables -A INPUT -p tcp ! --tcp-option 8
iptables -A INPUT -p tcp --tcp-flags syn,ack,fin,rst,urg,psh fin
iptables -A INPUT -p tcp --tcp-flags FOO SYN
iptables -A INPUT -p tcp --tcp-flags SYN
iptables -A INPUT -p tcp --syn --tcp-flags SYN SYN
iptables -A INPUT -p tcp --tcp-option 256
iptables -A INPUT -p tcp --tcp-option 2 --tcp-option 3
iptables -A INPUT -p tcp --dport 80 --sport 1:2 --tcp-flags SYN SYN --tcp-option 3
iptables -A INPUT -f
iptables -A INPUT ! -f -p icmp
iptables -A INPUT -p tcp -f --dport 80
iptables -A INPUT -m tos --tos minimize-delay
iptables -A INPUT -m tos --tos 0x10/0x100
iptables -A INPUT -m tos --tos 16
iptables -A INPUT -m dscp --dscp-class CS10
iptables -A INPUT -p tcp --tcp-option 0
iptables -A INPUT -p tcp --tcp-flags SYN !
iptables -A INPUT -p tcp --tcp-flags SYN -j ACCEPT
iptables -L -n -v
iptables -L
iptables -S
iptables-save
