# boot_id is per machine (same in every namespace); uuid is new on every read.
ip netns add other
cat /proc/sys/kernel/random/boot_id
cat /proc/sys/kernel/random/boot_id
ip netns exec other cat /proc/sys/kernel/random/boot_id
sysctl kernel.random.boot_id
cat /proc/sys/kernel/random/uuid
cat /proc/sys/kernel/random/uuid
