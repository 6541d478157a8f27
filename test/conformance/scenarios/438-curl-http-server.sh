# curl against python3 -m http.server in another namespace: a file with -s, the status code alone with -sS -o /dev/null -w, a 404 page, -I (its Date and Last-Modified headers removed), -f on a 404 (exit 22), the directory listing, --head with -w; then the server's log with its dates removed.
t=$(mktemp -d)
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:0a:01
ip -n b link set eth0 address 02:00:00:00:0b:01
for n in a b; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; done
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
mkdir -p $t/www/sub
echo 'hello from b' > $t/www/hello.txt
echo 'nested' > $t/www/sub/file.txt
ip netns exec b python3 -m http.server 8000 --bind 10.0.0.2 --directory $t/www > /dev/null 2> $t/log &
p=$!
( for i in $(seq 50); do ip netns exec a nc -z 10.0.0.2 8000 && exit 0; /bin/sleep 0.1; done; exit 1 )
ip netns exec a curl -s http://10.0.0.2:8000/hello.txt
ip netns exec a curl -sS -o /dev/null -w '%{http_code}\n' http://10.0.0.2:8000/hello.txt
ip netns exec a curl -sS -o /dev/null -w '%{http_code} %{size_download} %{content_type}\n' http://10.0.0.2:8000/nothing
ip netns exec a curl -s http://10.0.0.2:8000/nothing
ip netns exec a curl -sS -I http://10.0.0.2:8000/hello.txt | grep -v -e '^Date:' -e '^Last-Modified:'
ip netns exec a curl -sSf http://10.0.0.2:8000/nothing
ip netns exec a curl -s http://10.0.0.2:8000/
ip netns exec a curl -s -o /dev/null -w '%{http_code} %{redirect_url}\n' http://10.0.0.2:8000/sub
ip netns exec a curl -sL http://10.0.0.2:8000/sub
ip netns exec a curl -s -o $t/got http://10.0.0.2:8000/sub/file.txt
cat $t/got
ip netns exec a curl -s -X POST -d x=1 http://10.0.0.2:8000/hello.txt | grep -i -e '<title>' -e '<p>'
kill $p
wait
sed -E 's/\[[0-9]{2}\/[A-Z][a-z]{2}\/[0-9]{4} [0-9:]{8}\]/[DATE]/' $t/log
rm -r $t
