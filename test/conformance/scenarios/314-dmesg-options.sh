# dmesg: its option errors and exit codes, and the raw, decoded and filtered forms of this
# run's LOG lines (marked with $t; the kernel log is the machine's).
sysctl -e -q -w net.netfilter.nf_log_all_netns=1
t=$RANDOM$RANDOM
dmesg -V
dmesg -h | head -4
dmesg --help | tail -12
dmesg -l foo
dmesg -l warn,foo
dmesg -l ,warn
dmesg --level
dmesg -f local0
dmesg -n 9
dmesg -n 0
dmesg -n foo
dmesg -t -r
dmesg -x -r
dmesg -c -C
dmesg -C -n 1
dmesg --bogus
dmesg -Z
dmesg -s foo
dmesg --time-format foo
dmesg extra
dmesg -F /nonexistent
dmesg -F /dev/null
dmesg -F /
dmesg -s -1
dmesg -s 99999999999
dmesg --color=foo
f=$(mktemp)
printf '<4>[    1.500000] from a file\n<6>[    2.000000] second\n<14>[    2.250000] user\n' > "$f"
dmesg -F "$f"
dmesg -F "$f" -x -d
dmesg -F "$f" -l info -t
dmesg -F "$f" -u
dmesg -F "$f" -r
rm -f "$f"
ip link set lo up
iptables -A INPUT -i lo -j LOG --log-prefix "lo-$t: " --log-level crit
iptables -A OUTPUT -o lo -j LOG --log-prefix "lo-$t: " --log-level notice --log-macdecode
ping -c 1 127.0.0.1 > /dev/null
dmesg | grep -- "-$t" | sed "s/-$t//"
dmesg -r | grep -- "-$t" | sed "s/-$t//"
dmesg -r -l crit | grep -- "-$t" | sed "s/-$t//"
dmesg -x -t -l CRIT,5 | grep -- "-$t" | sed "s/-$t//"
dmesg --decode --notime --facility=kern --level=notice | grep -- "-$t" | sed "s/-$t//"
dmesg -f user,daemon | grep -c -- "-$t"
dmesg -l emerg,alert,err,warn,info,debug | grep -c -- "-$t"
dmesg -t -p | grep -c -- "-$t"
