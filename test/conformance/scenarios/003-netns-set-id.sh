# Assigning netns ids by hand before anything else does.
ip netns add a
ip netns add b
ip netns set a 100
ip netns set b auto
ip netns list
ip netns list-id
ip netns set a 101
ip netns set b 100
ip netns set nosuch 5
ip netns set a -5
ip netns set a foo
ip netns list
