# IPv6 on loopback.
ip link set lo up
ping -6 -c 1 ::1
ping -c 1 ::1
ping6 -c 1 -q ::1
ip -6 addr show dev lo
ip -6 route show table all
ip link set lo down
ping -6 -c 1 -W 1 ::1
