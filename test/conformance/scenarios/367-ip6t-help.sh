# ip6tables and iptables -h / --help: the main help of each family.
ip6tables -h
iptables --help
ip6tables -L -h
ip6tables-nft --help extra words
