# sysctl -p with a file, comments, errors, and the "-" prefix that ignores errors.
tmp=$(mktemp -d)
cd "$tmp"
conf=router.conf
cat > "$conf" <<'CONF'
# a router
net.ipv4.ip_forward = 1
net.ipv4.conf.all.rp_filter=2
; another comment style

net.ipv4.conf.default.forwarding  =  1
CONF
sysctl -p "$conf"
sysctl net.ipv4.ip_forward net.ipv4.conf.all.rp_filter
cat > "$conf" <<'CONF'
net.ipv4.ip_forward = 0
net.ipv4.no_such_key = 1
-net.ipv4.another_missing_key = 1
net.ipv4.ip_default_ttl = 32
this is not a setting
CONF
sysctl -p "$conf"
echo "status $?"
sysctl -q -p "$conf"
sysctl net.ipv4.ip_forward net.ipv4.ip_default_ttl
rm -f "$conf"
sysctl -p "$conf"
sysctl -p /nonexistent/sysctl.conf
cd / && rm -rf "$tmp"
