/**
 * User search input → a safe FTS5 query. Input is treated as plain words: FTS syntax a user types
 * (quotes, `*`, `-`, `OR`, `NEAR`, parentheses) never reaches the parser as syntax, so it never errors.
 */

/** The words of the input, folded like the unicode61 tokenizer folds the indexed text. */
export function searchWords(input: string): string[] {
  const folded = input
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Every word must occur (AND); the last one also matches as a prefix so that `kim jo` finds
 * `Kim Jong-un`. Undefined when the input has no words at all (e.g. `"*"`).
 */
export function toFtsQuery(input: string): string | undefined {
  const words = searchWords(input).slice(0, 16);
  if (words.length === 0) return undefined;
  // Each word is double-quoted, which makes it a string token for FTS5 whatever it spells.
  return words.map((w, i) => (i === words.length - 1 ? `"${w}"*` : `"${w}"`)).join(' ');
}
