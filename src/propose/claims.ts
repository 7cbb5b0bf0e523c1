import type { ProposedActor } from './proposed-actor.js';
import type { DateExpression } from './dates.js';
import type { ArticleDoc, Token } from './document.js';
import type { LinkedEvent } from './linking.js';
import { HEDGES, MULTIPLIERS, NOT_COUNTED, NUMBER_WORDS } from './lexicon.js';
import type { Mention } from './mentions.js';
import { slug } from './slug.js';

/**
 * Count claims: a number (digits, or number words such as "seven" and "dozens") with the noun it
 * counts ("about 3,000 workers", "4.99% rise", "12 million leaflets"), `approximate` where a hedge
 * comes before it, attributed to whoever the sentence says gave it ("according to X", the subject
 * of the reporting verb that introduces the clause), and tied to the event whose words hold it.
 */

export interface ProposedCount {
  event: LinkedEvent;
  about: string;
  value: number;
  approximate: boolean;
  attributedTo: ProposedActor | undefined;
  start: number;
  end: number;
  confidence: number;
  rule: string;
  because: string;
}

const HEDGE_WORDS = [...HEDGES].sort((a, b) => b.length - a.length);
/** Words between a number and its noun that do not stop the search ("12 million anti-South Korean leaflets"). */
const SKIPPABLE = new Set(['ADJ', 'ADV', 'PROPN', 'NUM', 'DET', 'PUNCT', 'ADP']);

export function proposeCounts(
  doc: ArticleDoc,
  events: readonly LinkedEvent[],
  dates: readonly DateExpression[],
  inQuote: readonly boolean[],
  actorOf: ReadonlyMap<Mention, ProposedActor>,
): ProposedCount[] {
  const out: ProposedCount[] = [];
  const inDate = (t: Token) => dates.some((d) => t.start >= d.start && t.end <= d.end);
  for (const t of doc.tokens) {
    if (inQuote[t.index] || inDate(t)) continue;
    const value = numberAt(doc, t);
    if (value === undefined) continue;
    const head = headOf(doc, t, value.last);
    if (!head) continue;
    const event = eventOf(doc, events, t.start);
    if (!event) continue;
    const about = slug(head.percent ? `${head.noun.lower} percent` : head.noun.lower, 40);
    if (about === '' || out.some((c) => c.event === event && c.about === about)) continue;
    const hedge = hedgeBefore(doc, t);
    const start = hedge?.start ?? t.start;
    const end = head.noun.end;
    const attributedTo = attributionOf(doc, event, t, actorOf, inQuote);
    out.push({
      event,
      about,
      value: value.value,
      approximate: hedge !== undefined,
      attributedTo,
      start,
      end,
      confidence: hedge ? 0.7 : 0.65,
      rule: hedge ? 'claim.count-hedged' : 'claim.count',
      because: `“${doc.text.slice(start, end)}” counts ${head.noun.text}${hedge ? `; “${hedge.text}” hedges it` : ''}.`,
    });
  }
  return out;
}

/** The number a token starts, and the token it ends at ("12 million", "3,000", "seven", "4.99%"). */
function numberAt(doc: ArticleDoc, t: Token): { value: number; last: number } | undefined {
  const prev = doc.tokens[t.index - 1];
  if (prev && (prev.type === 'number' || NUMBER_WORDS.has(prev.lower)) && prev.sentence === t.sentence)
    return undefined;
  let value: number | undefined;
  if (t.type === 'number' || /^\d[\d,]*(?:\.\d+)?$/u.test(t.text)) {
    const n = Number(t.text.replace(/,/gu, ''));
    // A four-digit number without a comma standing alone is a year ("in 2018"), not a count.
    if (!Number.isFinite(n) || (/^(?:1[89]|20)\d\d$/u.test(t.text) && !/,/u.test(t.text))) return undefined;
    value = n;
  } else value = NUMBER_WORDS.get(t.lower);
  if (value === undefined) return undefined;
  const next = doc.tokens[t.index + 1];
  const multiplier = next ? MULTIPLIERS.get(next.lower) : undefined;
  if (multiplier !== undefined && next && next.sentence === t.sentence)
    return { value: round(value * multiplier), last: next.index };
  return { value, last: t.index };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** The noun a number counts: the first noun after it in its sentence, a few words on at most. */
function headOf(doc: ArticleDoc, number: Token, last: number): { noun: Token; percent: boolean } | undefined {
  const after = doc.tokens[last + 1];
  const percent =
    after !== undefined && (after.text === '%' || after.lower === 'percent' || after.lower === 'per');
  for (let i = last + 1; i <= last + 5; i++) {
    const t = doc.tokens[i];
    if (!t || t.sentence !== number.sentence) return undefined;
    if (t.pos === 'NOUN') {
      if (NOT_COUNTED.has(t.lower) && !percent) return undefined;
      if (NOT_COUNTED.has(t.lower)) continue;
      return { noun: t, percent };
    }
    if (t.text === '%') continue;
    if (!SKIPPABLE.has(t.pos) || (t.pos === 'ADP' && t.lower !== 'of')) return undefined;
  }
  return undefined;
}

function hedgeBefore(doc: ArticleDoc, t: Token): { start: number; text: string } | undefined {
  const before = doc.text
    .slice(Math.max(0, t.start - 20), t.start)
    .toLowerCase()
    .replace(/’/gu, "'");
  for (const h of HEDGE_WORDS) {
    if (!before.endsWith(`${h} `)) continue;
    const start = t.start - h.length - 1;
    const edge = doc.text[start - 1];
    if (edge === undefined || /[\s(“"‘—–-]/u.test(edge))
      return { start, text: doc.text.slice(start, t.start - 1) };
  }
  return undefined;
}

/** The event whose evidence holds the number, else the nearest event told in its sentence. */
function eventOf(doc: ArticleDoc, events: readonly LinkedEvent[], at: number): LinkedEvent | undefined {
  const holding = events.find((e) => e.evidence.some(([a, b]) => a <= at && at < b));
  if (holding) return holding;
  const sentence = doc.sentenceAt(at)?.index;
  const inSentence = events.filter((e) => e.evidence.some(([a]) => doc.sentenceAt(a)?.index === sentence));
  const distance = (e: LinkedEvent) =>
    Math.min(...e.evidence.map(([a, b]) => Math.min(Math.abs(a - at), Math.abs(b - at))));
  return inSentence.sort((x, y) => distance(x) - distance(y))[0];
}

/** "according to X" in the sentence, else the reporter of the event it belongs to. */
function attributionOf(
  doc: ArticleDoc,
  event: LinkedEvent,
  t: Token,
  actorOf: ReadonlyMap<Mention, ProposedActor>,
  inQuote: readonly boolean[],
): ProposedActor | undefined {
  const sentence = doc.sentences[t.sentence];
  if (sentence) {
    const words = doc.text.slice(sentence.start, sentence.end);
    const according = /\baccording to\b/iu.exec(words);
    if (according) {
      const from = sentence.start + according.index + according[0].length;
      const named = [...actorOf.keys()]
        .filter((m) => m.start >= from && !inQuote[m.first])
        .sort((a, b) => a.start - b.start)[0];
      if (named && named.start - from < 60) return actorOf.get(named);
    }
  }
  return event.participants.find((p) => p.role === 'reporter')?.actor;
}
