import type { ArticleDoc, Token } from './document.js';
import { nameKey } from './record.js';
import {
  DEMONYMS,
  GOVERNMENT_NOUNS,
  HONORIFICS,
  KIND_HEADS,
  NAME_PARTICLES,
  NAME_POSSESSORS,
  NOT_NAMES,
  OF_HEADS,
  OPINION_VERBS,
  PERSON_NOUNS,
  REPORTING_VERBS,
  STATES,
  TITLES,
} from './lexicon.js';

/**
 * Where the article names someone: proper names found as runs of capitalised words (with the
 * hyphens, particles, "of" and possessives that names contain), the titles before them, acronyms
 * in brackets after them, and unnamed people or groups where they speak ("Several experts
 * suspect", "said a resident"). Which actor each names is decided by `actors.ts`.
 */

export type MentionKind = 'name' | 'acronym' | 'description' | 'unnamed' | 'term';

export interface Mention {
  start: number;
  end: number;
  text: string;
  kind: MentionKind;
  /** The name without its titles ("Kim" of "Mr. Kim"); for other kinds, the text. */
  bare: string;
  /** Titles and honorifics before the name, lower case ("mr.", "president"). */
  titles: string[];
  first: number;
  last: number;
  /** For an acronym, the mention it abbreviates. */
  expands?: Mention;
  /** For an unnamed mention: its head noun ("experts"), plural or not. */
  head?: string;
  /** For a description: the actor it refers to, decided where it was found. */
  referent?: string;
}

const startsUpper = (s: string) => /^\p{Lu}/u.test(s);
/** Names of happenings, agreements and laws: they name no actor ("the Korean War"). */
const NOT_ACTOR_HEADS = new Set(
  `war wars revolution crisis games olympics cup summit agreement accord accords treaty act law day
  festival election elections protocol plan doctrine era dynasty campaign operation fire wildfire
  blaze storm hurricane typhoon cyclone flood floods earthquake quake outbreak pandemic`.split(/\s+/u),
);
/** A hyphen's second part that makes a name an adjective ("American-led", "Seoul-based"). */
const ADJECTIVAL_TAILS = new Set(
  `led backed based owned run style born made funded controlled linked`.split(' '),
);
const GEOGRAPHIC_HEADS = new Set(
  `mount mountain mountains river sea lake peninsula zone island islands bay valley street road avenue
  square park province district region strait gulf ocean hills forest airport stadium hall bridge
  harbour harbor canal coast beach desert plain plateau falls county city town village border
  boulevard lane highway freeway motorway station terminal port springs spring creek ridge canyon
  flat flats hill grove heights meadow meadows pass peak route interstate`.split(/\s+/u),
);

function isWord(t: Token | undefined): boolean {
  return t !== undefined && (t.type === 'word' || t.type === 'number') && /\p{L}/u.test(t.text);
}

/** Whether a word may be part of a name here: capitalised, and not a word that begins sentences. */
function isNameWord(doc: ArticleDoc, t: Token | undefined): t is Token {
  if (t === undefined || !isWord(t) || !startsUpper(t.text)) return false;
  if (NOT_NAMES.has(t.lower) && !HONORIFICS.has(t.lower)) return false;
  if (!atSentenceStart(doc, t) && !doc.isTitleCase(t.paragraph)) return true;
  if (HONORIFICS.has(t.lower) || /^\p{Lu}{2,}/u.test(t.text)) return true;
  // A capitalised word that begins a sentence (or a headline's word) and is written in lower case
  // elsewhere in the article is an ordinary word ("Tensions have been escalating").
  if (doc.writtenLower(t.lower)) return false;
  // "Moon Jae-in spoke": a word the tagger reads as common, followed by more of the name.
  const next = doc.tokens[t.index + 1];
  const continues =
    next !== undefined &&
    touchingOrSpaced(t, next) &&
    next.sentence === t.sentence &&
    next.pos === 'PROPN' &&
    startsUpper(next.text);
  return t.pos === 'PROPN' || (continues && !doc.isTitleCase(t.paragraph));
}

const touchingOrSpaced = (a: Token, b: Token) => b.start - a.end <= 1;

function atSentenceStart(doc: ArticleDoc, t: Token): boolean {
  for (let i = t.index - 1; i >= 0; i--) {
    const prev = doc.tokens[i] as Token;
    if (prev.sentence !== t.sentence) return true;
    if (isWord(prev)) return false;
  }
  return true;
}

/** Tokens are adjacent when nothing (not even a space) separates them. */
const touching = (a: Token | undefined, b: Token | undefined) =>
  a !== undefined && b !== undefined && a.end === b.start;

/** `known(key)`: whether the record names an actor so; such a name is never dropped as a place. */
export function findMentions(doc: ArticleDoc, known: (key: string) => boolean = () => false): Mention[] {
  const names = nameMentions(doc, known);
  const found = [...names, ...acronyms(doc, names)].filter((m) => m.kind !== 'term');
  return [...found, ...unnamedMentions(doc, names)].sort((a, b) => a.start - b.start || b.end - a.end);
}

function nameMentions(doc: ArticleDoc, known: (key: string) => boolean): Mention[] {
  const out: Mention[] = [];
  const dateline = datelineOf(doc);
  for (let i = 0; i < doc.tokens.length; i++) {
    const t = doc.tokens[i] as Token;
    if ((t.start >= dateline.start && t.start < dateline.end) || !isNameWord(doc, t)) continue;
    let last = extendName(doc, i);
    // A lower-case particle right before the surname belongs to it ("de Vries said").
    let first = i;
    const before = doc.tokens[i - 1];
    if (before && NAME_PARTICLES.has(before.lower) && !isNameWord(doc, doc.tokens[i - 2])) first = i - 1;
    const mention = trimName(doc, first, last, known);
    if (mention) out.push(mention);
    last = Math.max(last, i);
    i = last;
  }
  return out;
}

/** The last token of the name that begins at `i`. */
function extendName(doc: ArticleDoc, i: number): number {
  let last = i;
  for (;;) {
    const cur = doc.tokens[last] as Token;
    const next = doc.tokens[last + 1];
    const after = doc.tokens[last + 2];
    if (!next || next.sentence !== cur.sentence) return last;
    // Hyphenated names: "Jong-un", "Leif-Eric", "Sang-Hun".
    if (
      (next.text === '-' || next.text === '‐') &&
      touching(cur, next) &&
      touching(next, after) &&
      isWord(after)
    ) {
      last += 2;
      continue;
    }
    if (isNameWord(doc, next) && next.start > cur.end) {
      last += 1;
      continue;
    }
    if (NAME_PARTICLES.has(next.lower) && isNameWord(doc, after)) {
      last += 2;
      continue;
    }
    // "Ministry of Foreign Affairs", "University of California", "Bank of the West".
    if ((next.lower === 'of' || next.lower === 'for') && OF_HEADS.has(cur.lower)) {
      const skip = after?.lower === 'the' ? 1 : 0;
      if (isNameWord(doc, doc.tokens[last + 2 + skip])) {
        last += 2 + skip;
        continue;
      }
    }
    // "Workers’ Party", "Korean People’s Army": a collective noun's possessive inside a name.
    if (NAME_POSSESSORS.has(cur.lower) && /^['’]s?$/u.test(next.text) && isNameWord(doc, after)) {
      last += 2;
      continue;
    }
    if (next.text === '&' && isNameWord(doc, after)) {
      last += 2;
      continue;
    }
    return last;
  }
}

/** Drops what is not the name: words that begin sentences, weekdays, a lone title, demonyms, places. */
function trimName(
  doc: ArticleDoc,
  first: number,
  last: number,
  known: (key: string) => boolean,
): Mention | undefined {
  while (first <= last && NOT_NAMES.has((doc.tokens[first] as Token).lower)) first++;
  while (last >= first && NOT_NAMES.has((doc.tokens[last] as Token).lower) && !hyphenated(doc, last)) last--;
  if (last < first) return undefined;
  const tokens = doc.tokens.slice(first, last + 1);
  let t = 0;
  const organisation = tokens.some((x) => KIND_HEADS.some(([, heads]) => heads.has(x.lower)));
  while (t < tokens.length && isTitle(tokens[t] as Token, organisation)) t++;
  // "Social Affairs Minister Karin de Boer": a title qualified by capitalised words before it.
  for (let j = tokens.length - 2; j > t && !organisation; j--)
    if (isTitle(tokens[j] as Token, false) && !isTitle(tokens[j + 1] as Token, false)) {
      t = j + 1;
      break;
    }
  if (t === tokens.length) return undefined;
  const start = (tokens[0] as Token).start;
  const end = (tokens[tokens.length - 1] as Token).end;
  const text = doc.text.slice(start, end);
  const bare = doc.text.slice((tokens[t] as Token).start, end);
  const lower = bare.toLowerCase().replace(/[’]/gu, "'");
  if (!known(nameKey(text)) && !known(nameKey(bare))) {
    if (isModifier(doc, tokens, lower, last)) return undefined;
    if (isPlace(doc, tokens, lower)) return undefined;
  }
  const titles = tokens.slice(0, t).map((x) => x.lower);
  const after = doc.tokens[last + 1];
  const afterNext = doc.tokens[last + 2];
  if (after && GOVERNMENT_NOUNS.has(after.lower) && titles.length === 0)
    return institution(doc, first, last + 1);
  // "Kim’s regime" is the regime's, not a mention of the person.
  if (after && /^['’]s$/u.test(after.text) && afterNext && GOVERNMENT_NOUNS.has(afterNext.lower))
    return undefined;
  // "the North", where the record names an actor so, determiner and all.
  const the = doc.tokens[first - 1];
  if (the && /^the$/iu.test(the.text) && known(nameKey(`the ${bare}`)))
    return {
      start: the.start,
      end,
      text: doc.text.slice(the.start, end),
      kind: 'name',
      bare: doc.text.slice(the.start, end),
      titles,
      first: first - 1,
      last,
    };
  return { start, end, text, kind: 'name', bare, titles, first, last };
}

/** "the Trump administration": the name with its noun, and "the" before them. */
function institution(doc: ArticleDoc, first: number, last: number): Mention {
  const the = doc.tokens[first - 1];
  const from = the && /^the$/iu.test(the.text) ? first - 1 : first;
  const start = (doc.tokens[from] as Token).start;
  const end = (doc.tokens[last] as Token).end;
  const text = doc.text.slice(start, end);
  return { start, end, text, kind: 'name', bare: text, titles: [], first: from, last };
}

/** Every word of a state's name: "the two Koreas" names no one. */
const STATE_WORDS = new Set([...STATES].flatMap((s) => s.split(' ')).filter((w) => w.length > 3));

const lastWord = (s: string) => s.split(/\s+/u).pop() ?? s;

/** Whether the token is the second part of a hyphenated word ("in" of "Jae-in"). */
function hyphenated(doc: ArticleDoc, i: number): boolean {
  const dash = doc.tokens[i - 1];
  return (
    dash !== undefined &&
    dash.text === '-' &&
    touching(dash, doc.tokens[i]) &&
    touching(doc.tokens[i - 2], dash)
  );
}

/**
 * Not an actor's name: an adjective of nationality ("North Korean leader"), a plural of one
 * ("Koreans"), a name made an adjective ("American-led", "the Kim-Moon agreement"), the name of a
 * war or a treaty.
 */
function isModifier(doc: ArticleDoc, tokens: Token[], lower: string, last: number): boolean {
  const next = doc.tokens[last + 1];
  const nounFollows =
    next !== undefined && /^\p{Ll}/u.test(next.text) && (next.pos === 'NOUN' || next.pos === 'ADJ');
  if (DEMONYMS.has(lower) || (DEMONYMS.has(lastWord(lower)) && nounFollows)) return true;
  if (lower.endsWith('s') && (DEMONYMS.has(lower.slice(0, -1)) || STATE_WORDS.has(lower.slice(0, -1))))
    return true;
  const tail = tokens[tokens.length - 1] as Token;
  if (ADJECTIVAL_TAILS.has(tail.lower) && hyphenated(doc, tail.index)) return true;
  if (nounFollows && tokens.length === 3 && hyphenated(doc, tail.index) && startsUpper(tail.text))
    return true;
  return NOT_ACTOR_HEADS.has(tail.lower);
}

function isTitle(t: Token, organisation: boolean): boolean {
  return HONORIFICS.has(t.lower) || (!organisation && TITLES.has(t.lower) && startsUpper(t.text));
}

/**
 * A place, not an actor: a name with a geographic head ("Mount Paekdu", "Placer County"), or one
 * word after "in"/"near"/"at" that no list knows as a state ("in Paju").
 */
function isPlace(doc: ArticleDoc, tokens: Token[], lower: string): boolean {
  const head = (tokens[tokens.length - 1] as Token).lower;
  // "Harbour Union", "Port Authority": an organisation's head outweighs a place word before it.
  if (tokens.length > 1 && KIND_HEADS.some(([, heads]) => heads.has(head))) return false;
  // "John Park" where the article also writes "Mr. Park": a surname, not a park.
  if (titledWords(doc).has(head)) return false;
  if (GEOGRAPHIC_HEADS.has(head) || GEOGRAPHIC_HEADS.has((tokens[0] as Token).lower)) return true;
  if (STATES.has(lower)) return false;
  return tokens.length === 1 && placeWords(doc).has(lower);
}

const places = new WeakMap<ArticleDoc, Set<string>>();

/**
 * Single capitalised words the article uses as places somewhere ("in Rotterdam", "to Antwerp",
 * "the port of Hamburg"): every bare use of them is the place, unless the record names an actor so.
 */
function placeWords(doc: ArticleDoc): Set<string> {
  let words = places.get(doc);
  if (words) return words;
  words = new Set();
  for (const t of doc.tokens) {
    const before = doc.tokens[t.index - 1];
    const next = doc.tokens[t.index + 1];
    if (
      !before ||
      !startsUpper(t.text) ||
      t.pos !== 'PROPN' ||
      (next?.pos === 'PROPN' && next.sentence === t.sentence)
    )
      continue;
    const after = /^(?:in|near|at|outside|across|around|to|from|via)$/u.test(before.lower);
    const of = before.lower === 'of' && GEOGRAPHIC_HEADS.has(doc.tokens[t.index - 2]?.lower ?? '');
    if (after || of) words.add(t.lower);
  }
  places.set(doc, words);
  return words;
}

const titled = new WeakMap<ArticleDoc, Set<string>>();

/** Words the article writes after an honorific ("Park" of "Mr. Park"): surnames. */
function titledWords(doc: ArticleDoc): Set<string> {
  let words = titled.get(doc);
  if (!words) {
    words = new Set();
    for (const t of doc.tokens) {
      const next = doc.tokens[t.index + 1];
      if (next && HONORIFICS.has(t.lower) && startsUpper(next.text)) words.add(next.lower);
    }
    titled.set(doc, words);
  }
  return words;
}

/** The dateline ("SEOUL, South Korea —", "AUBURN, Calif. (PWS) —"): places, not actors. */
export function datelineOf(doc: ArticleDoc): { start: number; end: number; text: string } {
  for (const p of doc.paragraphs.slice(0, 12)) {
    const line = doc.text.slice(p.start, Math.min(p.end, p.start + 120));
    const match = /^(\p{Lu}[\p{Lu}\s.'’-]+,(?:[^—–\n(]{0,40}?)?)(?:\s\([^)\n]{1,40}\))?\s[—–-]{1,2}\s/u.exec(
      line,
    );
    if (match?.[1])
      return { start: p.start, end: p.start + match[1].length, text: match[1].trim().replace(/,$/u, '') };
  }
  return { start: 0, end: 0, text: '' };
}

/** "Korean Central News Agency (KCNA)": the acronym in brackets, and every later use of it. */
function acronyms(doc: ArticleDoc, names: Mention[]): Mention[] {
  const out: Mention[] = [];
  const known = new Map<string, Mention>();
  for (const name of names) {
    const open = doc.tokens[name.last + 1];
    const acronym = doc.tokens[name.last + 2];
    const close = doc.tokens[name.last + 3];
    if (
      open?.text !== '(' ||
      close?.text !== ')' ||
      !acronym ||
      !/^\p{Lu}[\p{Lu}\d&.-]{1,7}$/u.test(acronym.text)
    )
      continue;
    known.set(acronym.text, name);
  }
  // "the demilitarized zone (DMZ)": an acronym of words that name no one is no name.
  const terms = new Set<string>();
  for (const t of doc.tokens) {
    const before = doc.tokens[t.index - 1];
    const word = doc.tokens[t.index - 2];
    const close = doc.tokens[t.index + 1];
    if (
      before?.text === '(' &&
      close?.text === ')' &&
      word &&
      /^\p{Ll}/u.test(word.text) &&
      /^\p{Lu}{2,}$/u.test(t.text)
    )
      terms.add(t.text);
  }
  const named = new Set(names.map((n) => n.start));
  for (const n of names) if (terms.has(n.text)) n.kind = 'term';
  for (const t of doc.tokens) {
    const expands = known.get(t.text);
    if (!expands || named.has(t.start)) continue;
    out.push({
      start: t.start,
      end: t.end,
      text: t.text,
      kind: 'acronym',
      bare: t.text,
      titles: [],
      first: t.index,
      last: t.index,
      expands,
    });
  }
  // The acronyms found as names themselves are dropped from the names (they are these).
  for (const n of names) if (known.has(n.text) && n.kind === 'name') n.kind = 'acronym';
  for (const n of names) if (n.kind === 'acronym') n.expands = known.get(n.text);
  return out;
}

/**
 * People and groups the article does not name, where they speak or think: "Several experts
 * suspect", "Analysts have said", "said a resident", "according to unnamed military sources".
 */
function unnamedMentions(doc: ArticleDoc, names: Mention[]): Mention[] {
  const named = new Set<number>();
  for (const n of names) for (let i = n.first; i <= n.last; i++) named.add(i);
  const out: Mention[] = [];
  for (const t of doc.tokens) {
    if (!PERSON_NOUNS.has(t.lower) || named.has(t.index) || t.pos === 'VERB' || t.pos === 'ADJ') continue;
    const next = doc.tokens[t.index + 1];
    if (next && next.sentence === t.sentence && (next.pos === 'NOUN' || next.pos === 'PROPN')) continue;
    const last = ofPhraseEnd(doc, t.index);
    if (!speaks(doc, t, last)) continue;
    const first = nounPhraseStart(doc, t.index);
    const a = doc.tokens[first] as Token;
    const z = doc.tokens[last] as Token;
    out.push({
      start: a.start,
      end: z.end,
      text: doc.text.slice(a.start, z.end),
      kind: 'unnamed',
      bare: doc.text.slice(a.start, z.end),
      titles: [],
      first,
      last,
      head: t.lower,
    });
  }
  return out;
}

/** "vice minister of foreign affairs": where an "of" phrase after the head noun ends (or the head). */
function ofPhraseEnd(doc: ArticleDoc, head: number): number {
  const of = doc.tokens[head + 1];
  if (!of || !/^(?:of|for)$/u.test(of.lower)) return head;
  let last = head;
  for (let i = head + 2; i <= head + 5; i++) {
    const t = doc.tokens[i];
    if (!t || t.sentence !== of.sentence || !['NOUN', 'PROPN', 'ADJ', 'DET'].includes(t.pos)) break;
    last = i;
  }
  return last === head ? head : last;
}

/** Whether the noun at `t` is the subject of a reporting verb, or follows one or "according to". */
function speaks(doc: ArticleDoc, t: Token, last = t.index): boolean {
  for (let i = last + 1; i <= last + 4; i++) {
    const next = doc.tokens[i];
    if (!next || next.sentence !== t.sentence) break;
    if (
      (next.pos === 'VERB' || next.pos === 'AUX') &&
      (REPORTING_VERBS.has(next.lemma) || OPINION_VERBS.has(next.lemma))
    )
      return next.pos === 'VERB' || next.lemma === 'say';
    if (!(next.pos === 'ADV' || next.pos === 'AUX' || next.pos === 'PART')) break;
  }
  const first = nounPhraseStart(doc, t.index);
  const before = doc.tokens[first - 1];
  const before2 = doc.tokens[first - 2];
  if (before?.lower === 'to' && before2?.lower === 'according') return true;
  return (
    before !== undefined &&
    before.pos === 'VERB' &&
    REPORTING_VERBS.has(before.lemma) &&
    isAfterQuote(doc, before)
  );
}

function isAfterQuote(doc: ArticleDoc, verb: Token): boolean {
  for (let i = verb.index - 1; i >= Math.max(0, verb.index - 3); i--) {
    const t = doc.tokens[i] as Token;
    if (/[”"’]/u.test(t.text)) return true;
    if (t.type === 'word') return false;
  }
  return false;
}

/** The first token of the noun phrase ending at `head`: its determiner, numbers and modifiers. */
function nounPhraseStart(doc: ArticleDoc, head: number): number {
  let first = head;
  for (let i = head - 1; i >= 0 && i >= head - 4; i--) {
    const t = doc.tokens[i] as Token;
    const h = doc.tokens[head] as Token;
    if (t.sentence !== h.sentence || (t.type !== 'word' && t.type !== 'number')) break;
    const demonym =
      t.pos === 'PROPN' &&
      (DEMONYMS.has(t.lower) || DEMONYMS.has(`${t.lower} ${doc.tokens[i + 1]?.lower ?? ''}`));
    if (
      ['DET', 'ADJ', 'NUM'].includes(t.pos) ||
      demonym ||
      (t.pos === 'NOUN' && !PERSON_NOUNS.has(t.lower)) ||
      /^(?:several|some|many|unnamed|anonymous)$/u.test(t.lower)
    ) {
      first = i;
      if (t.pos === 'DET') break;
      continue;
    }
    break;
  }
  return first;
}
