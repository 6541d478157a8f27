// libxt_comment.c
import type { CommentInfo } from '../../../kernel/netfilter/xt_comment.js';
import { registerMatch } from './index.js';
import { saveString } from './parse.js';

registerMatch<CommentInfo>({
  name: 'comment',
  opts: { comment: true },
  init: () => ({ comment: '' }),
  parse(_opt, arg, _inv, m, ctx) {
    if (arg.length > 255) throw ctx.perr('comment may not exceed 256 characters');
    m.comment = arg;
  },
  print: (m) => ` /* ${m.comment} */`,
  save: (m) => ` --comment${saveString(m.comment)}`,
});
