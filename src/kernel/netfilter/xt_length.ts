// net/netfilter/xt_length.c: the IP total length within [min, max] (length_mt()).
import { xtRegisterMatch } from './x_tables.js';

/** struct xt_length_info */
export interface LengthInfo {
  min: number;
  max: number;
  invert: boolean;
}

xtRegisterMatch<LengthInfo>({
  name: 'length',
  match: (p, m) => (p.len >= m.min && p.len <= m.max) !== m.invert,
});
