// iproute2's json_print.c over json_writer.c: one set of print calls produces either the
// plain text (printf formats) or JSON, byte for byte as iproute2 emits them, including
// its pretty-printing quirks ("[ {", "},{", " ]") and -c colours.
import { sprintf } from './printf.js';

export const PRINT_FP = 1, PRINT_JSON = 2, PRINT_ANY = 3;

export type Color = 'ifname' | 'mac' | 'inet' | 'inet6' | 'up' | 'down' | 'none';
const COLOR_CODE: Record<Color, string> = {
  ifname: '\x1b[36m', mac: '\x1b[33m', inet: '\x1b[35m', inet6: '\x1b[34m', up: '\x1b[32m', down: '\x1b[31m', none: '',
};

export class Printer {
  out = '';
  private depth = 0;
  private sep = '';

  constructor(readonly json: boolean, readonly pretty = false, readonly color = false) {}

  // -- json_writer.c --
  private eol(): void {
    if (!this.pretty) return;
    this.out += '\n' + '    '.repeat(this.depth);
  }
  private eor(): void {
    if (this.sep) this.out += this.sep;
    this.sep = ',';
  }
  private begin(c: string): void {
    this.eor();
    this.out += c;
    this.depth++;
    this.sep = '';
  }
  private end(c: string): void {
    this.depth--;
    if (this.sep) this.eol();
    this.out += c;
    this.sep = ',';
  }
  private name(key: string): void {
    this.eor();
    this.eol();
    this.sep = '';
    this.out += jsonString(key) + (this.pretty ? ': ' : ':');
  }
  private raw(v: string): void {
    this.eor();
    this.out += v;
  }

  // -- json_print.c --
  /** new_json_obj(): the outer array of a dump. */
  openDump(): void {
    if (this.json) this.startArray();
  }
  closeDump(): void {
    if (this.json) {
      this.endArray();
      this.out += '\n';
    }
  }
  startArray(): void {
    this.begin('[');
    if (this.pretty) this.out += ' ';
  }
  endArray(): void {
    if (this.pretty && this.sep) this.out += ' ';
    this.sep = '';
    this.end(']');
  }
  openObject(key?: string): void {
    if (!this.json) return;
    if (key) this.name(key);
    this.begin('{');
  }
  closeObject(): void {
    if (this.json) this.end('}');
  }
  openArray(t: number, key?: string): void {
    if (!this.json || !(t & PRINT_JSON)) return;
    if (key) this.name(key);
    this.startArray();
  }
  closeArray(t: number): void {
    if (!this.json || !(t & PRINT_JSON)) return;
    this.endArray();
  }

  /** print_string(): `fmt` is a printf format used for the text output. */
  string(t: number, key: string | null, fmt: string, value: string, color: Color = 'none'): void {
    if (this.json) {
      if (!(t & PRINT_JSON)) return;
      if (key) this.name(key);
      this.raw(jsonString(value));
    } else if (t & PRINT_FP) {
      this.fp(sprintf(fmt, value), color);
    }
  }
  /** print_uint/print_int/print_u64/print_hu... */
  number(t: number, key: string | null, fmt: string, value: number | bigint, color: Color = 'none'): void {
    if (this.json) {
      if (!(t & PRINT_JSON)) return;
      if (key) this.name(key);
      this.raw(String(value));
    } else if (t & PRINT_FP) {
      this.fp(sprintf(fmt, value), color);
    }
  }
  bool(t: number, key: string, fmt: string, value: boolean): void {
    if (this.json) {
      if (!(t & PRINT_JSON)) return;
      this.name(key);
      this.raw(value ? 'true' : 'false');
    } else if (t & PRINT_FP) {
      this.fp(sprintf(fmt, value ? 'true' : 'false'));
    }
  }
  /** print_null(): JSON null, text as the format. */
  null(t: number, key: string, fmt: string, value?: string): void {
    if (this.json) {
      if (!(t & PRINT_JSON)) return;
      this.name(key);
      this.raw('null');
    } else if (t & PRINT_FP) {
      this.fp(sprintf(fmt, value ?? ''));
    }
  }
  /** Text that exists only in the plain output (print_string(PRINT_FP, NULL, ...)). */
  text(s: string): void {
    if (!this.json) this.out += s;
  }
  /** print_nl(): a newline (with the -o one-line separator handled by the caller). */
  nl(oneline = false): void {
    if (!this.json) this.out += oneline ? '\\' : '\n';
  }

  private fp(s: string, color: Color = 'none'): void {
    if (this.color && color !== 'none') this.out += COLOR_CODE[color] + s + '\x1b[0m';
    else this.out += s;
  }
}

/** jsonw_puts() escaping. */
export function jsonString(s: string): string {
  let o = '"';
  for (const ch of s) {
    switch (ch) {
      case '\t': o += '\\t'; break;
      case '\n': o += '\\n'; break;
      case '\r': o += '\\r'; break;
      case '\f': o += '\\f'; break;
      case '\b': o += '\\b'; break;
      case '\\': o += '\\\\'; break;
      case '"': o += '\\"'; break;
      default: o += ch;
    }
  }
  return o + '"';
}
