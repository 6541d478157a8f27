// net/netfilter/xt_comment.c: a comment on a rule; it always matches.
import { xtRegisterMatch } from './x_tables.js';

export interface CommentInfo {
  comment: string;
}

xtRegisterMatch<CommentInfo>({ name: 'comment', match: () => true });
