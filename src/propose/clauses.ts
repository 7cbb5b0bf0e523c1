import type { ArticleDoc, Token } from './document.js';
import { EVENT_VERBS, REPORTING_VERBS, STATIVE_VERBS } from './lexicon.js';

/**
 * The clauses that tell something happening: a finite verb that is not a state of affairs ("is",
 * "seems", "believes"), with the words of its clause, from its subject to the next clause
 * boundary. A verb of perception or report with a gerund after it ("were seen installing") tells
 * the gerund's event.
 */

export interface Clause {
  verb: Token;
  /** The verb's lemma as the lexicons know it. */
  lemma: string;
  start: number;
  end: number;
  sentence: number;
  /** Whether a reporting verb of the sentence introduces this clause ("the North said it had …"). */
  reported: boolean;
  /** Whether the clause tells what lies ahead ("will resume", "is due to", "plans to"). */
  ahead: boolean;
}

const AUXILIARIES = new Set(
  `has have had will would was were is are am be been being did do does could can may might should must shall 's ’s 're ’re 've ’ve 'd ’d`.split(
    ' ',
  ),
);
const SUBORDINATORS = new Set(
  `that which who whom whose when while after before because although though as since if unless until where whereas so`.split(
    ' ',
  ),
);
const BOUNDARIES = new Set([',', ';', ':', '—', '–', '(', ')', '.', '!', '?', '“', '”', '"']);
const PERCEPTION = new Set(['see', 'hear', 'watch', 'spot', 'observe', 'report', 'say', 'believe', 'think']);
const AHEAD =
  /\b(?:will|shall|’ll|'ll|is to|are to|was to|were to|due to|set to|plans? to|planned to|scheduled|expected to|aims? to|intends? to|going to|next|upcoming|later this|would)\b/iu;
const MAX_CLAUSE = 28;

export function findClauses(doc: ArticleDoc, inQuote: readonly boolean[]): Clause[] {
  const out: Clause[] = [];
  for (const t of doc.tokens) {
    if (inQuote[t.index] || !isVerb(doc, t) || !isFinite(doc, t)) continue;
    let verb = t;
    const next = doc.tokens[t.index + 1];
    if (PERCEPTION.has(t.lemma) && next?.pos === 'VERB' && next.lower.endsWith('ing')) verb = next;
    if (STATIVE_VERBS.has(verb.lemma) && verb === t) continue;
    if (REPORTING_VERBS.has(verb.lemma)) continue;
    const clause = clauseOf(doc, verb, inQuote);
    if (out.some((c) => c.start < clause.end && clause.start < c.end)) continue;
    out.push(clause);
  }
  return out;
}

/**
 * Whether the tagger's word is a verb here: a capitalised "verb" inside a name is part of it
 * ("Alder Springs"); in the headline, a noun in -s after the name it follows is its verb
 * ("Briar Creek Fire forces thousands"), where the tagger reads headlines' terse grammar wrong.
 */
function isVerb(doc: ArticleDoc, t: Token): boolean {
  const before = doc.tokens[t.index - 1];
  const named = before !== undefined && before.sentence === t.sentence && before.pos === 'PROPN';
  if (t.pos === 'VERB') return !(named && /^\p{Lu}/u.test(t.text) && !doc.isTitleCase(t.paragraph));
  return (
    t.paragraph === 0 &&
    t.pos === 'NOUN' &&
    named &&
    /s$/u.test(t.lower) &&
    EVENT_VERBS.has(t.lower.slice(0, -1))
  );
}

/** Whether a verb is finite: inflected, or after an auxiliary; never an infinitive or a bare gerund. */
function isFinite(doc: ArticleDoc, t: Token): boolean {
  const before = doc.tokens[t.index - 1];
  const before2 = doc.tokens[t.index - 2];
  if (before?.lower === 'to') return false;
  const aux = [before, before2].some(
    (b) => b !== undefined && b.sentence === t.sentence && AUXILIARIES.has(b.lower),
  );
  // "after blowing up the office", ", cutting off the lines": a gerund that tells an event.
  const gerundAfter = before !== undefined && (before.pos === 'ADP' || before.text === ',');
  if (t.lower.endsWith('ing'))
    return (aux && before?.lower !== 'been') || (gerundAfter && EVENT_VERBS.has(t.lemma));
  if (aux) return true;
  // "Golden Range cut power": a verb whose past is its base form, after its subject.
  if (
    before &&
    before.sentence === t.sentence &&
    ['NOUN', 'PROPN', 'PRON'].includes(before.pos) &&
    t.pos === 'VERB'
  )
    return true;
  return t.lower !== t.lemma || (doc.isTitleCase(t.paragraph) && /s$/u.test(t.lower));
}

function clauseOf(doc: ArticleDoc, verb: Token, inQuote: readonly boolean[]): Clause {
  const sentence = doc.sentences[verb.sentence];
  const firstOf = sentence?.first ?? verb.index;
  const lastOf = sentence?.last ?? verb.index;
  let first = verb.index;
  for (let i = verb.index - 1; i >= firstOf && verb.index - i <= 12; i--) {
    const t = doc.tokens[i] as Token;
    if (
      BOUNDARIES.has(t.text) ||
      SUBORDINATORS.has(t.lower) ||
      (t.pos === 'VERB' && !inQuote[i] && REPORTING_VERBS.has(t.lemma))
    )
      break;
    first = i;
  }
  let last = verb.index;
  for (let i = verb.index + 1; i <= lastOf && i - first < MAX_CLAUSE; i++) {
    const t = doc.tokens[i] as Token;
    if (inQuote[i]) {
      // A quotation inside the clause is kept whole, or the clause ends before it.
      let end = i;
      while (end + 1 <= lastOf && inQuote[end + 1]) end++;
      if (end - first >= MAX_CLAUSE + 20) break;
      last = end;
      i = end;
      continue;
    }
    if (BOUNDARIES.has(t.text) || SUBORDINATORS.has(t.lower)) break;
    const next = doc.tokens[i + 1];
    if ((t.lower === 'and' || t.lower === 'but') && next && next.pos === 'VERB' && isFinite(doc, next)) break;
    last = i;
  }
  const a = doc.tokens[first] as Token;
  const z = doc.tokens[last] as Token;
  const reported = reportedBy(doc, first, firstOf, inQuote);
  const words = doc.text.slice(a.start, z.end);
  return {
    verb,
    lemma: verb.lemma,
    start: a.start,
    end: z.end,
    sentence: verb.sentence,
    reported,
    ahead:
      AHEAD.test(doc.text.slice(doc.tokens[Math.max(firstOf, verb.index - 3)]?.start ?? a.start, verb.end)) ||
      /\bnext\b/iu.test(words),
  };
}

/** Whether a reporting verb before the clause, in its sentence, introduces it. */
function reportedBy(doc: ArticleDoc, first: number, firstOf: number, inQuote: readonly boolean[]): boolean {
  for (let i = first - 1; i >= firstOf && first - i <= 4; i--) {
    const t = doc.tokens[i] as Token;
    if (t.pos === 'VERB' && !inQuote[i] && REPORTING_VERBS.has(t.lemma)) return true;
  }
  return false;
}
