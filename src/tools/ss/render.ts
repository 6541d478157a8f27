// ss.c's buffered column output: every field of every line is collected first (out(),
// field_next()), then render_calc_width() sizes each column to its longest content (plus
// its left delimiter), and render() prints the lines, right- or left-aligned per column.
// With a terminal the spare screen width is spread over the columns; without one (pipes,
// files: the usual case here) the output stays compact.

export const COL_NETID = 0, COL_STATE = 1, COL_RECVQ = 2, COL_SENDQ = 3, COL_ADDR = 4, COL_SERV = 5,
  COL_RADDR = 6, COL_RSERV = 7, COL_PROC = 8, COL_EXT = 9, COL_MAX = 10;

interface Column {
  right: boolean;
  header: string;
  ldelim: string;
  disabled: boolean;
  width: number;
  maxLen: number;
}

export class Renderer {
  readonly columns: Column[] = [
    { right: false, header: 'Netid', ldelim: '' },
    { right: false, header: 'State', ldelim: ' ' },
    { right: false, header: 'Recv-Q', ldelim: ' ' },
    { right: false, header: 'Send-Q', ldelim: ' ' },
    { right: true, header: 'Local Address:', ldelim: ' ' },
    { right: false, header: 'Port', ldelim: '' },
    { right: true, header: 'Peer Address:', ldelim: ' ' },
    { right: false, header: 'Port', ldelim: '' },
    { right: false, header: 'Process', ldelim: '' },
    { right: false, header: '', ldelim: '' },
  ].map((c) => ({ ...c, disabled: false, width: 0, maxLen: 0 }));
  /** Flushed fields: [column, text]. */
  private tokens: [number, string][] = [];
  private cur = 0;
  private text = '';

  constructor(private readonly screenWidth: number | undefined) {}

  /** out() */
  out(s: string): void {
    if (!this.columns[this.cur]!.disabled) this.text += s;
  }

  /** field_flush() + moving on (field_next()). */
  next(): void {
    const c = this.columns[this.cur]!;
    if (!c.disabled) {
      if (this.text.length > c.maxLen) c.maxLen = this.text.length;
      this.tokens.push([this.cur, this.text]);
    }
    this.text = '';
    this.cur = this.cur === COL_MAX - 1 ? 0 : this.cur + 1;
  }

  /** field_set() */
  set(col: number): void {
    while (this.cur !== col) this.next();
  }

  /** print_header() */
  header(): void {
    while (this.cur !== COL_MAX - 1) {
      if (!this.columns[this.cur]!.disabled) this.out(this.columns[this.cur]!.header);
      this.next();
    }
  }

  /** render_calc_width() */
  private calcWidth(): void {
    const screen = this.screenWidth ?? Infinity;
    let first = true;
    for (const c of this.columns) {
      if (c.disabled) continue;
      c.width = !first && c.maxLen ? c.maxLen + c.ldelim.length : c.maxLen;
      c.width = Math.min(c.width, screen);
      if (c.width) first = false;
    }
    if (this.screenWidth === undefined) return;
    let len = 0, linecols = 0, eol = -1;
    for (let i = 0; i < COL_MAX; i++) {
      let c = this.columns[i]!;
      if (!c.width) continue;
      linecols++;
      len += c.width;
      const last = !this.columns.slice(i + 1).some((x) => x.width);
      if (!last && len < screen) continue;
      if (len !== screen) {
        if (len > screen) {
          len -= c.width;
          i--;
          linecols--;
          c = this.columns[i]!;
        }
        const pad = screen - len;
        const spacing = Math.floor(pad / linecols);
        let rem = pad % linecols;
        for (let j = i; j > eol; j--) {
          const t = this.columns[j]!;
          if (!t.width) continue;
          t.width += spacing;
          if (rem) {
            t.width++;
            rem--;
          }
        }
      }
      eol = i;
      len = 0;
      linecols = 0;
    }
  }

  /** render(): the text of every line collected so far. */
  render(): string {
    if (this.text || this.cur !== 0) this.next();
    if (this.tokens.length === 0) return '';
    this.calcWidth();
    let out = '';
    let started = false;
    let lastCol = -1;
    for (const [col, text] of this.tokens) {
      if (col <= lastCol && started) {
        out += '\n';
        started = false;
      }
      const f = this.columns[col]!;
      let printed = 0;
      if (started) {
        out += f.ldelim;
        printed = f.ldelim.length;
      }
      started = true;
      if (f.width && f.right) {
        const s = f.width - text.length - printed;
        if (s > 0) {
          out += ' '.repeat(s);
          printed += s;
        }
      }
      out += text;
      printed += text.length;
      if (f.width && !f.right) {
        const s = f.width - printed;
        if (s > 0) out += ' '.repeat(s);
      }
      lastCol = col;
      if (col === COL_MAX - 1) {
        out += '\n';
        started = false;
        lastCol = -1;
      }
    }
    if (started) out += '\n';
    this.tokens = [];
    this.cur = 0;
    return out;
  }
}
