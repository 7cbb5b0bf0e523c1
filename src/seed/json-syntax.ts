/**
 * Where a JSON text first breaks the grammar (RFC 8259), as a line and column a person can jump to.
 *
 * `JSON.parse` says only "Unexpected token" for some errors and gives an offset, not a line, for the
 * others; its wording also changes between Node versions and may span several lines. This scanner
 * validates without building values and stops at the first error, so the seed can report
 * `file: $: not valid JSON at line L, column C: reason` on one line.
 */

export interface JsonSyntaxError {
  /** 1-based line and column; columns count Unicode code points, as editors do. */
  line: number;
  column: number;
  reason: string;
}

class Stop {
  constructor(
    readonly index: number,
    readonly reason: string,
  ) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
/** Sticky: matches at `lastIndex` only. */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The first syntax error in `raw`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(raw: string): JsonSyntaxError | undefined {
  try {
    new Scanner(raw).document();
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ...lineAndColumn(raw, error.index), reason: error.reason };
  }
}

/** A recursive-descent reading of RFC 8259 that builds nothing and throws a `Stop` at the first error. */
class Scanner {
  private i = 0;

  constructor(private readonly raw: string) {}

  document(): void {
    this.value();
    this.skipWhitespace();
    if (this.i < this.raw.length)
      throw new Stop(this.i, `unexpected ${this.describe(this.i)} after the end of the JSON value`);
  }

  private describe(at: number): string {
    const ch = this.raw.codePointAt(at);
    if (ch === undefined) return 'the end of the file';
    if (ch < 0x20 || ch === 0x7f || ch === 0xfeff)
      return `U+${ch.toString(16).toUpperCase().padStart(4, '0')}`;
    return JSON.stringify(String.fromCodePoint(ch));
  }

  private skipWhitespace(): void {
    while (this.i < this.raw.length && WHITESPACE.has(this.raw.charAt(this.i))) this.i++;
  }

  private fail(what: string): never {
    throw new Stop(this.i, `expected ${what}, found ${this.describe(this.i)}`);
  }

  private string(): void {
    const { raw } = this;
    const start = this.i;
    this.i++; // the opening quote
    for (;;) {
      if (this.i >= raw.length) throw new Stop(start, 'this string is never closed');
      const ch = raw.charAt(this.i);
      if (ch === '"') {
        this.i++;
        return;
      }
      // A line break is almost always a missing closing quote: point at the string's start.
      if (ch === '\n' || ch === '\r') throw new Stop(start, 'this string is not closed on its line');
      if (ch < ' ') throw new Stop(this.i, `a string may not contain ${this.describe(this.i)} (escape it)`);
      if (ch === '\\') this.escape();
      else this.i++;
    }
  }

  private escape(): void {
    const next = this.raw.charAt(this.i + 1);
    if (next === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(this.raw.slice(this.i + 2, this.i + 6)))
        throw new Stop(this.i, '\\u must be followed by four hex digits');
      this.i += 6;
    } else if (ESCAPES.has(next)) this.i += 2;
    else throw new Stop(this.i, `invalid escape \\${next}`);
  }

  private number(): void {
    NUMBER.lastIndex = this.i;
    const match = NUMBER.exec(this.raw);
    if (!match) return this.fail('a value');
    this.i += match[0].length;
    if (/[0-9.eE+-]/.test(this.raw.charAt(this.i))) throw new Stop(this.i, 'malformed number');
  }

  private value(closer?: string): void {
    this.skipWhitespace();
    const ch = this.raw.charAt(this.i);
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.number();
    for (const literal of ['true', 'false', 'null'])
      if (this.raw.startsWith(literal, this.i)) {
        this.i += literal.length;
        return;
      }
    if (closer !== undefined && ch === closer)
      throw new Stop(this.i, `trailing comma before ${this.describe(this.i)}`);
    return this.fail('a value');
  }

  private object(): void {
    this.i++; // {
    this.skipWhitespace();
    if (this.raw.charAt(this.i) === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.raw.charAt(this.i) !== '"') {
        if (this.raw.charAt(this.i) === '}') throw new Stop(this.i, 'trailing comma before "}"');
        this.fail('a property name in double quotes');
      }
      this.string();
      this.skipWhitespace();
      if (this.raw.charAt(this.i) !== ':') this.fail('":" after the property name');
      this.i++;
      this.value();
      if (this.closes('}', '"," or "}" after the property value')) return;
    }
  }

  private array(): void {
    this.i++; // [
    this.skipWhitespace();
    if (this.raw.charAt(this.i) === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value(']');
      if (this.closes(']', '"," or "]" after the array element')) return;
    }
  }

  /** After a member: true at the closer, false after a comma, a failure otherwise. */
  private closes(closer: string, expected: string): boolean {
    this.skipWhitespace();
    const next = this.raw.charAt(this.i);
    if (next === closer) {
      this.i++;
      return true;
    }
    if (next !== ',') this.fail(expected);
    this.i++;
    return false;
  }
}

function lineAndColumn(raw: string, index: number): { line: number; column: number } {
  const before = raw.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return { line, column: Array.from(before.slice(lineStart)).length + 1 };
}
