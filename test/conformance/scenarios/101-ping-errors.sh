# ping usage errors and their exit codes.
ip link set lo up
ping
echo "exit $?"
ping -c 0 127.0.0.1
ping -c abc 127.0.0.1
ping -s 65508 -c 1 127.0.0.1
ping -s 70000 -c 1 -W 1 127.0.0.1
ping -i 0.001 -c 1 127.0.0.1
ping -t 0 -c 1 127.0.0.1
ping -t 256 -c 1 127.0.0.1
ping -W -1 -c 1 127.0.0.1
ping -c 1 -I nosuch 127.0.0.1
ping -c 1 -I 10.99.0.1 127.0.0.1
ping -c 1 -Z 127.0.0.1
ping -c 1 10.0.0.1
ping -c 1 -6 127.0.0.1
ping -c 1 -4 ::1
ping -c 1 0.0.0.0
ping -c 1 -W 1 255.255.255.255
ping -c 1 -W 1 -b 255.255.255.255
