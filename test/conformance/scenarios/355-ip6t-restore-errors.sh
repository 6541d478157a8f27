# ip6tables-restore's errors: the line they are on, what the kernel refuses at COMMIT, bad options; ip6tables-save's.
printf '*filter\n-A INPUT -s 1.2.3.4 -j ACCEPT\nCOMMIT\n' | ip6tables-restore
printf '*filter\n-A INPUT -j ACCEPT\n-A INPUT -j FOO\nCOMMIT\n' | ip6tables-restore
printf '*foo\nCOMMIT\n' | ip6tables-restore
printf '*filter\n-A INPUT -j ACCEPT\n' | ip6tables-restore
printf -- '-A INPUT -j ACCEPT\n' | ip6tables-restore
printf 'COMMIT\n' | ip6tables-restore
printf '*filter\n*filter\nCOMMIT\n' | ip6tables-restore
printf '*filter\n-A INPUT -j ACCEPT\nfoo bar\nCOMMIT\n' | ip6tables-restore
printf '*filter\n:INPUT FOO\nCOMMIT\n' | ip6tables-restore
printf '*filter\n:\nCOMMIT\n' | ip6tables-restore
printf '*filter\n-A INPUT -p tcp -j REJECT --reject-with tcp-reset\n-A INPUT -j REJECT --reject-with tcp-reset\n-A INPUT -m icmp6 --icmpv6-type 1\nCOMMIT\n' | ip6tables-restore
printf '*filter\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n' | ip6tables-restore
printf '*filter\n-A INPUT -t mangle -j ACCEPT\nCOMMIT\n' | ip6tables-restore
printf '*filter\n-A INPUT -p icmpv6 --icmpv6-type foo\nCOMMIT\n' | ip6tables-restore
printf '*mangle\n-A INPUT -j HL --hl-set 300\nCOMMIT\n' | ip6tables-restore
printf '*filter\n-A INPUT -m comment --comment "unterminated\nCOMMIT\n' | ip6tables-restore
printf '*filter\n-A INPUT -p ah -j DROP\n-A INPUT -p 60 -j DROP\nCOMMIT\n' | ip6tables-restore
ip6tables-save | grep -v '^#'
ip6tables-restore -x
ip6tables-restore --foo
ip6tables-save -x
ip6tables-save -t
ip6tables-save foo
ip6tables-save -t foo
