# Rule priorities (automatic and explicit), goto, nop, and deleting rules.
ip rule add table 10
ip rule add table 11
ip rule add table 12 pref 40000
ip rule add table 13
ip rule
ip rule add pref 100 goto 200
ip rule add pref 150 table 15
ip rule add pref 200 table 20
ip rule add pref 300 nop
ip rule add pref 250 goto 100
ip rule add pref 260 goto 260
ip rule add pref 270 goto 999
ip rule
ip rule del table 11
ip rule del pref 150
ip rule del pref 150
ip rule delete from all lookup 10
ip rule del table 99
ip rule del from 1.2.3.4
ip rule
ip rule del pref 200
ip rule
ip rule flush
ip rule
ip -6 rule flush
ip -6 rule
