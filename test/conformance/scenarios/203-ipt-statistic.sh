# The statistic match: random and nth modes listed and saved, parse errors, nth counters.
iptables -A INPUT -m statistic --mode random --probability 0.50000000000 -j ACCEPT
iptables -A INPUT -m statistic --mode random --probability 0.3
iptables -A INPUT -m statistic --mode random --probability 1
iptables -A INPUT -m statistic --mode random --probability 0
iptables -A INPUT -m statistic --mode random ! --probability 0.25
iptables -A INPUT -m statistic --mode random --probability 0.0001
iptables -A INPUT -m statistic --mode random --probability 0.33333
iptables -A INPUT -m statistic --mode nth --every 3 --packet 0
iptables -A INPUT -m statistic --mode nth ! --every 5 --packet 4
iptables -A INPUT -m statistic --mode random --probability 1.5
iptables -A INPUT -m statistic --mode random --probability abc
iptables -A INPUT -m statistic --mode nth --every 2
iptables -A INPUT -m statistic --mode nth --every 5 --packet 5
iptables -A INPUT -m statistic --mode nth --every 0
iptables -A INPUT -m statistic --mode nth --probability 0.5
iptables -A INPUT -m statistic --mode random --every 3
iptables -A INPUT -m statistic --mode random
iptables -A INPUT -m statistic --mode foo
iptables -A INPUT -m statistic --probability 0.5
iptables -A INPUT -m statistic --mode nth
iptables -A INPUT -m statistic --mode nth --packet 1
iptables -A INPUT -m statistic --mode random --probability 0.5 --every 3 --packet 1
iptables -A INPUT -m statistic --mode random --mode nth --every 2 --packet 0
iptables -L INPUT -n
iptables -L INPUT
iptables -S INPUT
iptables-save
