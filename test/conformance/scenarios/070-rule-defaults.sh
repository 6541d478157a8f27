# The default policy routing rules, in text and JSON, IPv4 and IPv6.
ip rule
ip rule show
ip rule list
ip -4 rule
ip -6 rule
ip -j rule
ip -j -p rule show
ip rule show table main
ip rule show pref 32766
ip -br rule
