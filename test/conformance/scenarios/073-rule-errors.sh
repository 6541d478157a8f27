# Error cases for ip rule.
ip rule add from 10.0.0.0/33 table 5
ip rule add from foo table 5
ip rule add fwmark xyz table 5
ip rule add fwmark 1/0xzz table 5
ip rule add table nosuch
ip rule add pref abc table 5
ip rule add iif table 5
ip rule add from 10.0.0.0/24 table 5 bogus
ip rule add from 10.0.0.0/24 table 5
ip rule add from 10.0.0.0/24 table 5
ip rule add from 10.0.0.0/24 table 5 pref 1
ip rule add from 10.0.0.0/24 table 5 pref 1
ip rule add tos 300 table 5
ip rule add goto 10
ip rule add pref 5 goto 3
ip rule add from 10.0.0.0/24
ip rule add from 2001:db8::/32 table 5
ip -6 rule add from 10.0.0.0/8 table 5
ip -6 rule add from 2001:db8::/32 table 5
ip rule frobnicate
ip rule
ip -6 rule
