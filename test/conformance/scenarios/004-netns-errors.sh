# Error cases of ip netns.
ip netns add dup
ip netns add dup
ip netns del nosuch
ip netns delete nosuch
ip netns add ""
ip netns add a/b
ip netns add .
ip netns add ..
ip netns exec nosuch ip link
ip netns exec dup
ip netns exec dup nonexistent-command-xyz
ip netns foo
ip netns list
