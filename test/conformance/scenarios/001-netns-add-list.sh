# Named network namespaces: add, list, delete.
ip netns list
ip netns add red
ip netns add blue
ip netns add green
ip netns list
ip netns
ip netns del blue
ip netns list
ip netns delete green
ip netns list
ip netns del red
ip netns list
