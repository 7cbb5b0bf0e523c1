/** Ids for what the proposer creates: lower-case slugs as the annotation format requires. */

/** "Leif-Eric Easley" → "leif-eric-easley"; at most `max` characters, cut at a word. */
export function slug(text: string, max = 60): string {
  const words =
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/['’]/gu, '')
      .match(/[a-z0-9]+/gu) ?? [];
  let out = '';
  for (const word of words) {
    const next = out === '' ? word : `${out}-${word}`;
    if (next.length > max && out !== '') break;
    out = next.slice(0, max);
  }
  return out;
}

/** `base`, else `base-2`, `base-3` …: the first not in `taken`, which it is then added to. */
export function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
