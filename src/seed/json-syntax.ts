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
  let i = 0;

  const describe = (at: number): string => {
    const ch = raw.codePointAt(at);
    if (ch === undefined) return 'the end of the file';
    if (ch < 0x20 || ch === 0x7f || ch === 0xfeff)
      return `U+${ch.toString(16).toUpperCase().padStart(4, '0')}`;
    return JSON.stringify(String.fromCodePoint(ch));
  };
  const skipWhitespace = () => {
    while (i < raw.length && WHITESPACE.has(raw.charAt(i))) i++;
  };
  const fail = (what: string): never => {
    throw new Stop(i, `expected ${what}, found ${describe(i)}`);
  };

  const string = () => {
    const start = i;
    i++; // the opening quote
    for (;;) {
      if (i >= raw.length) throw new Stop(start, 'this string is never closed');
      const ch = raw.charAt(i);
      if (ch === '"') {
        i++;
        return;
      }
      // A line break is almost always a missing closing quote: point at the string's start.
      if (ch === '\n' || ch === '\r') throw new Stop(start, 'this string is not closed on its line');
      if (ch < ' ') throw new Stop(i, `a string may not contain ${describe(i)} (escape it)`);
      if (ch === '\\') {
        const next = raw.charAt(i + 1);
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6)))
            throw new Stop(i, '\\u must be followed by four hex digits');
          i += 6;
        } else if (ESCAPES.has(next)) i += 2;
        else throw new Stop(i, `invalid escape \\${next}`);
      } else i++;
    }
  };

  const number = () => {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(raw);
    if (!match) return fail('a value');
    i += match[0].length;
    if (/[0-9.eE+-]/.test(raw.charAt(i))) throw new Stop(i, 'malformed number');
  };

  const value = (closer?: string) => {
    skipWhitespace();
    const ch = raw.charAt(i);
    if (ch === '{') return object();
    if (ch === '[') return array();
    if (ch === '"') return string();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return number();
    for (const literal of ['true', 'false', 'null'])
      if (raw.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    if (closer !== undefined && ch === closer) throw new Stop(i, `trailing comma before ${describe(i)}`);
    return fail('a value');
  };

  const object = () => {
    i++; // {
    skipWhitespace();
    if (raw.charAt(i) === '}') {
      i++;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (raw.charAt(i) !== '"') {
        if (raw.charAt(i) === '}') throw new Stop(i, 'trailing comma before "}"');
        fail('a property name in double quotes');
      }
      string();
      skipWhitespace();
      if (raw.charAt(i) !== ':') fail('":" after the property name');
      i++;
      value();
      skipWhitespace();
      const next = raw.charAt(i);
      i++;
      if (next === '}') return;
      if (next !== ',') {
        i--;
        fail('"," or "}" after the property value');
      }
    }
  };

  const array = () => {
    i++; // [
    skipWhitespace();
    if (raw.charAt(i) === ']') {
      i++;
      return;
    }
    for (;;) {
      value(']');
      skipWhitespace();
      const next = raw.charAt(i);
      i++;
      if (next === ']') return;
      if (next !== ',') {
        i--;
        fail('"," or "]" after the array element');
      }
    }
  };

  try {
    value();
    skipWhitespace();
    if (i < raw.length) throw new Stop(i, `unexpected ${describe(i)} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ...lineAndColumn(raw, error.index), reason: error.reason };
  }
}

function lineAndColumn(raw: string, index: number): { line: number; column: number } {
  const before = raw.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return { line, column: Array.from(before.slice(lineStart)).length + 1 };
}
