import * as chrono from 'chrono-node';
import {
  type DateInterval,
  isoWeek,
  parseExplicitDate,
  resolveDatePhrase,
  shiftDay,
} from '../domain/dates.js';

/**
 * The article's temporal expressions, found by chrono-node and by the phrases the seed's own
 * resolver reads (chrono knows no "in recent weeks" or "in 2017"), each read against the
 * publication day in the source's time zone. Where the seed's resolver reads the words, the
 * expression is proposed as a `phrase` (the seed resolves it the same way); otherwise as a
 * `value` with the reason that makes it, from chrono's reading of the words.
 */

export interface DateExpression {
  start: number;
  end: number;
  /** The words, exactly as the text has them. */
  text: string;
  /** The reading of a past event: the day, week … before or on publication. */
  interval: DateInterval;
  /** The reading of what lies ahead, where the words alone do not say ("on Friday", "Feb. 14"). */
  ahead: DateInterval | undefined;
  /** Whether the words themselves point ahead ("next week", "tomorrow"). */
  future: boolean;
  /** Whether the seed's resolver reads the words (then they are proposed as a phrase). */
  readable: boolean;
  /** For a value: how it follows from the words. */
  reason: string | undefined;
  confidence: number;
  rule: string;
}

const PREPOSITIONS = /(?:^|\s)(on|in|since|by|until|from|during|at|as of)\s+$/iu;
const OWN_PATTERNS: RegExp[] = [
  /\b(?:in )?recent (?:weeks|months)\b/giu,
  /\bearlier this (?:week|month|year)\b/giu,
  /\b(?:this|last) (?:week|month|year)\b/giu,
  /\bin (?:1[89]|20)\d{2}\b/giu,
  /\b(?:today|yesterday)\b/giu,
  /\b(?:in )?(?:january|february|march|april|may|june|july|august|september|october|november|december) last year\b/giu,
];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export function findDates(text: string, reference: string): DateExpression[] {
  const found: DateExpression[] = [];
  for (const [start, end] of candidates(text, reference)) {
    const expression = readExpression(text, start, end, reference);
    if (expression) found.push(expression);
  }
  return dropOverlaps(found);
}

/** Where chrono and the resolver's own patterns find time expressions, as [start, end). */
function candidates(text: string, reference: string): [number, number][] {
  const out: [number, number][] = [];
  const instant = new Date(`${reference}T12:00:00Z`);
  for (const r of chrono.casual.parse(text, instant)) out.push([r.index, r.index + r.text.length]);
  for (const pattern of OWN_PATTERNS)
    for (const m of text.matchAll(pattern)) out.push([m.index, m.index + m[0].length]);
  return out.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
}

/**
 * The longest words around [start, end) that the resolver reads (with the preposition before
 * them, without a time of day after them), else chrono's reading as a value with its reason.
 */
function readExpression(
  text: string,
  start: number,
  end: number,
  reference: string,
): DateExpression | undefined {
  const words = text.slice(start, end);
  const prep = PREPOSITIONS.exec(text.slice(Math.max(0, start - 10), start));
  const from = prep ? start - prep[0].length + prep[0].indexOf(prep[1] ?? '') : start;
  const trimmed = words.replace(/\s+(?:night|morning|afternoon|evening|noon)$/iu, '');
  // "Tuesday 24 February": the resolver reads the date without its weekday.
  const weekday = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day,? (?=\d)/iu.exec(words)?.[0].length ?? 0;
  const tries: [number, number][] = [
    [from, end],
    [start, end],
    [from, start + trimmed.length],
    [start, start + trimmed.length],
    [start + weekday, end],
  ];
  for (const [a, b] of tries) {
    const phrase = text.slice(a, b);
    if (/^since\b/iu.test(phrase)) continue;
    const interval = resolveDatePhrase(phrase, reference);
    if (interval) return phraseExpression(text, a, b, interval, reference);
  }
  return valueExpression(text, start, end, reference);
}

function phraseExpression(
  text: string,
  start: number,
  end: number,
  interval: DateInterval,
  reference: string,
): DateExpression {
  const phrase = text.slice(start, end);
  const lower = phrase.toLowerCase();
  const weekday = WEEKDAYS.findIndex((d) => lower.includes(d));
  let ahead: DateInterval | undefined;
  if (weekday !== -1 && !/week|month|year/u.test(lower)) ahead = nextWeekday(reference, weekday);
  else if (interval.precision === 'day' && /[a-z]+\.? \d|\d [a-z]+/u.test(lower) && !/\d{4}/u.test(lower))
    ahead = sameDayAhead(interval, reference);
  else if (interval.precision === 'month' && !/\d{4}|last|this|earlier|recent/u.test(lower))
    ahead = sameMonthAhead(interval, reference);
  return {
    start,
    end,
    text: phrase,
    interval,
    ahead,
    future: false,
    readable: true,
    reason: undefined,
    confidence: /recent|earlier|this/iu.test(phrase) ? 0.75 : 0.85,
    rule: 'date.phrase',
  };
}

/** What chrono reads where the resolver does not: "Dec. 30", "two weeks ago", "next month". */
function valueExpression(
  text: string,
  start: number,
  end: number,
  reference: string,
): DateExpression | undefined {
  const words = text.slice(start, end);
  const [result] = chrono.casual.parse(words, new Date(`${reference}T12:00:00Z`));
  if (!result || result.index !== 0) return undefined;
  const c = result.start;
  const relative = result.tags().has('result/relativeDate') || /\bago\b|\bnext\b|\btomorrow\b/iu.test(words);
  const y = c.get('year');
  const m = c.get('month');
  const d = c.get('day');
  if (y === null || m === null) return undefined;
  const ymd = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d ?? 1).padStart(2, '0')}`;
  const dayKnown = c.isCertain('day') || relative;
  const monthKnown = c.isCertain('month') || relative;
  if (!monthKnown) return undefined;
  const unit = relative ? /\b(week|month|year)s?\b/iu.exec(words)?.[1]?.toLowerCase() : undefined;
  const value = unit === 'year' ? ymd.slice(0, 4) : unit === 'month' || !dayKnown ? ymd.slice(0, 7) : ymd;
  let interval = unit === 'week' ? weekOf(ymd) : parseExplicitDate(value);
  if (!interval) return undefined;
  const yearGiven = c.isCertain('year');
  let ahead: DateInterval | undefined;
  // chrono places a date without a year near the reference; the past reading is the one before it.
  if (!yearGiven && !relative) {
    // chrono's own reading, either side of the reference: the past one is the event's, the next the plan's.
    const past = interval.start > reference ? shiftYear(value, -1) : value;
    interval = parseExplicitDate(past) ?? interval;
    ahead = interval.end < reference ? parseExplicitDate(shiftYear(past, 1)) : interval;
  }
  if (/\bago\b/iu.test(words)) interval = { ...interval, approximate: true };
  const future = relative && interval.start > reference;
  return {
    start,
    end,
    text: words,
    interval,
    ahead,
    future,
    readable: false,
    reason: reasonFor(words, interval, reference, yearGiven || relative),
    confidence: relative ? 0.55 : 0.7,
    rule: relative ? 'date.relative-value' : 'date.calendar-value',
  };
}

function reasonFor(words: string, interval: DateInterval, reference: string, certain: boolean): string {
  const what = interval.precision === 'day' ? interval.start : interval.edtf;
  if (certain) return `“${words}”, read against the publication on ${reference}: ${what}.`;
  return `“${words}” gives no year: the latest such date up to the publication on ${reference}, ${what}.`;
}

function shiftYear(value: string, years: number): string {
  return `${String(Number(value.slice(0, 4)) + years).padStart(4, '0')}${value.slice(4)}`;
}

/** The Monday-to-Sunday week of a day. */
function weekOf(day: string): DateInterval | undefined {
  const { start, end } = isoWeek(day);
  return parseExplicitDate(`${start}/${end}`);
}

/** The first such weekday after the reference day. */
function nextWeekday(reference: string, weekday: number): DateInterval | undefined {
  for (let k = 1; k <= 7; k++) {
    const day = shiftDay(reference, k);
    const jsDay = new Date(`${day}T00:00:00Z`).getUTCDay();
    if ((jsDay + 6) % 7 === weekday) return parseExplicitDate(day);
  }
  return undefined;
}

function sameDayAhead(interval: DateInterval, reference: string): DateInterval | undefined {
  if (interval.start >= reference) return interval;
  return parseExplicitDate(shiftYear(interval.start, 1));
}

function sameMonthAhead(interval: DateInterval, reference: string): DateInterval | undefined {
  if (interval.end >= reference) return interval;
  return parseExplicitDate(shiftYear(interval.edtf, 1));
}

/** Overlapping finds: the longer stands, and a phrase the resolver reads beats a value. */
function dropOverlaps(found: DateExpression[]): DateExpression[] {
  const sorted = [...found].sort(
    (a, b) =>
      Number(b.readable) - Number(a.readable) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: DateExpression[] = [];
  for (const e of sorted) if (!kept.some((k) => e.start < k.end && k.start < e.end)) kept.push(e);
  return kept.sort((a, b) => a.start - b.start);
}

/** "in recent weeks", "since then": words that date only roughly. */
export function isHedged(e: DateExpression): boolean {
  return e.interval.approximate || /recent|since|about|around|late|early|mid/iu.test(e.text);
}
