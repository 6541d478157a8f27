// print_help() of iptables/ip6tables 1.8.9 (xshared.c): the text of -h / --help. (The help of
// the extensions a command loaded before -h, which the real tools print after it, is not
// printed.)
import { NFPROTO_IPV6 } from '../../kernel/netfilter/core.js';

/** The main help of `p` ("iptables" or "ip6tables") for family `af`. */
export function xtablesHelp(p: string, af: number): string {
  const v6 = af === NFPROTO_IPV6;
  const v4Line = `    --ipv4\t-4\t\t${v6 ? 'Error' : 'Nothing'} (line is ignored by ip6tables-restore)`;
  const v6Line = `    --ipv6\t-6\t\t${v6 ? 'Nothing' : 'Error'} (line is ignored by iptables-restore)`;
  // -f is IPv4's only: its line is left out for IPv6.
  const fragLine = v6 ? undefined : '[!] --fragment\t-f\t\tmatch second or further fragments only';
  const lines = [
    `${p} v1.8.9 (nf_tables)`,
    ``,
    `Usage: ${p} -[ACD] chain rule-specification [options]`,
    `       ${p} -I chain [rulenum] rule-specification [options]`,
    `       ${p} -R chain rulenum rule-specification [options]`,
    `       ${p} -D chain rulenum [options]`,
    `       ${p} -[LS] [chain [rulenum]] [options]`,
    `       ${p} -[FZ] [chain] [options]`,
    `       ${p} -[NX] chain`,
    `       ${p} -E old-chain-name new-chain-name`,
    `       ${p} -P chain target [options]`,
    `       ${p} -h (print this help information)`,
    ``,
    `Commands:`,
    `Either long or short options are allowed.`,
    `  --append  -A chain\t\tAppend to chain`,
    `  --check   -C chain\t\tCheck for the existence of a rule`,
    `  --delete  -D chain\t\tDelete matching rule from chain`,
    `  --delete  -D chain rulenum`,
    `\t\t\t\tDelete rule rulenum (1 = first) from chain`,
    `  --insert  -I chain [rulenum]`,
    `\t\t\t\tInsert in chain as rulenum (default 1=first)`,
    `  --replace -R chain rulenum`,
    `\t\t\t\tReplace rule rulenum (1 = first) in chain`,
    `  --list    -L [chain [rulenum]]`,
    `\t\t\t\tList the rules in a chain or all chains`,
    `  --list-rules -S [chain [rulenum]]`,
    `\t\t\t\tPrint the rules in a chain or all chains`,
    `  --flush   -F [chain]\t\tDelete all rules in  chain or all chains`,
    `  --zero    -Z [chain [rulenum]]`,
    `\t\t\t\tZero counters in chain or all chains`,
    `  --new     -N chain\t\tCreate a new user-defined chain`,
    `  --delete-chain`,
    `            -X [chain]\t\tDelete a user-defined chain`,
    `  --policy  -P chain target`,
    `\t\t\t\tChange policy on chain to target`,
    `  --rename-chain`,
    `            -E old-chain new-chain`,
    `\t\t\t\tChange chain name, (moving any references)`,
    ``,
    `Options:`,
    v4Line,
    v6Line,
    `[!] --protocol\t-p proto\tprotocol: by number or name, eg. \`tcp'`,
    `[!] --source\t-s address[/mask][...]`,
    `\t\t\t\tsource specification`,
    `[!] --destination -d address[/mask][...]`,
    `\t\t\t\tdestination specification`,
    `[!] --in-interface -i input name[+]`,
    `\t\t\t\tnetwork interface name ([+] for wildcard)`,
    ` --jump\t-j target`,
    `\t\t\t\ttarget for rule (may load target extension)`,
    `  --goto      -g chain`,
    `\t\t\t       jump to chain with no return`,
    `  --match\t-m match`,
    `\t\t\t\textended match (may load extension)`,
    `  --numeric\t-n\t\tnumeric output of addresses and ports`,
    `[!] --out-interface -o output name[+]`,
    `\t\t\t\tnetwork interface name ([+] for wildcard)`,
    `  --table\t-t table\ttable to manipulate (default: \`filter')`,
    `  --verbose\t-v\t\tverbose mode`,
    `  --wait\t-w [seconds]\tmaximum wait to acquire xtables lock before give up`,
    `  --line-numbers\t\tprint line numbers when listing`,
    `  --exact\t-x\t\texpand numbers (display exact values)`,
    fragLine,
    `  --modprobe=<command>\t\ttry to insert modules using this command`,
    `  --set-counters -c PKTS BYTES\tset the counter during insert/append`,
    `[!] --version\t-V\t\tprint package version.`,
  ];
  return `${lines.filter((l): l is string => l !== undefined).join('\n')}\n`;
}
