// bpf_error() / bpf_set_error(): a filter that does not compile, with libpcap's message
// (tcpdump prints "tcpdump: MESSAGE" and exits 1).
export class FilterError extends Error {}
