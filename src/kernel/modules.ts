// Loads the protocol families and drivers, each registering its per-namespace set-up,
// in the order Linux initialises them (core, then IPv4, then IPv6, then drivers).
