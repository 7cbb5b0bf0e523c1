/**
 * Calendar-date arithmetic for the timeline: relative date phrases resolved against a source's
 * publication date, explicit EDTF-ish values, and query bounds.
 *
 * Everything works on plain `YYYY-MM-DD` strings via integer day numbers. JavaScript `Date` and
 * date-fns read and write local-time fields, so a host in a DST-observing zone could shift a date
 * by one; integer arithmetic cannot, whatever the TZ environment variable says.
 */

import type { DatePrecision } from './vocabulary.js';

export interface DateInterval {
  start: string;
  end: string;
  precision: DatePrecision;
  edtf: string;
  approximate: boolean;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** ISO numbering: Monday = 1 … Sunday = 7. */
const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

const MIN_YEAR = 1;
const MAX_YEAR = 9999;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function isValidYmd({ y, m, d }: Ymd): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    y >= MIN_YEAR &&
    y <= MAX_YEAR &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

/**
 * Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`).
 * Used instead of `Date.UTC`, which maps years 0–99 onto 1900–1999.
 */
function toDayNumber({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of `toDayNumber` (`civil_from_days`). */
function fromDayNumber(z: number): Ymd {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** 1970-01-01 (day 0) was a Thursday. */
function isoWeekday(ymd: Ymd): number {
  const z = toDayNumber(ymd);
  return ((((z + 3) % 7) + 7) % 7) + 1;
}

function addDays(ymd: Ymd, days: number): Ymd {
  return fromDayNumber(toDayNumber(ymd) + days);
}

/** `YYYY-MM-DD` moved by `days` (negative: earlier), on the same proleptic calendar as the rest. */
export function shiftDay(day: string, days: number): string {
  const ymd = parseYmd(day);
  if (!ymd) throw new RangeError(`not a YYYY-MM-DD date: "${day}"`);
  return formatYmd(addDays(ymd, days));
}

/** The number of days an inclusive `YYYY-MM-DD` interval covers (1 for a single day). */
export function intervalDays({ start, end }: { start: string; end: string }): number {
  const first = parseYmd(start);
  const last = parseYmd(end);
  if (!first || !last) throw new RangeError(`not a YYYY-MM-DD interval: "${start}" … "${end}"`);
  return compareYmd(last, first) + 1;
}

/**
 * The ISO 8601 week of a day: weeks run Monday to Sunday, and week 1 is the week with the year's
 * first Thursday, so a week belongs to the year its Thursday is in (2021-01-03 is in 2020-W53).
 */
export function isoWeek(day: string): { year: number; week: number; start: string; end: string } {
  const ymd = parseYmd(day);
  if (!ymd) throw new RangeError(`not a YYYY-MM-DD date: "${day}"`);
  const monday = addDays(ymd, 1 - isoWeekday(ymd));
  const thursday = addDays(monday, 3);
  const week = Math.floor((toDayNumber(thursday) - toDayNumber({ y: thursday.y, m: 1, d: 1 })) / 7) + 1;
  return { year: thursday.y, week, start: formatYmd(monday), end: formatYmd(addDays(monday, 6)) };
}

/** Clamps to the end of the target month (May 31 − 3 months = Feb 29/28), as date-fns `subMonths` does. */
function addMonths({ y, m, d }: Ymd, months: number): Ymd {
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  return { y: ty, m: tm, d: Math.min(d, daysInMonth(ty, tm)) };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatYear(y: number): string {
  return pad(y, 4);
}

function formatMonth(y: number, m: number): string {
  return `${formatYear(y)}-${pad(m, 2)}`;
}

function formatYmd({ y, m, d }: Ymd): string {
  return `${formatMonth(y, m)}-${pad(d, 2)}`;
}

function parseYmd(value: string): Ymd | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const ymd = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  return isValidYmd(ymd) ? ymd : undefined;
}

function compareYmd(a: Ymd, b: Ymd): number {
  return toDayNumber(a) - toDayNumber(b);
}

// --- Interval builders -------------------------------------------------------------------------

/**
 * Returns undefined when any bound falls outside years 0001–9999, e.g. "last year" resolved
 * against a reference in year 1, so that callers never see an unrepresentable date.
 */
function interval(
  start: Ymd,
  end: Ymd,
  precision: DatePrecision,
  edtf: string,
  approximate = false,
): DateInterval | undefined {
  if (!isValidYmd(start) || !isValidYmd(end)) return undefined;
  return { start: formatYmd(start), end: formatYmd(end), precision, edtf, approximate };
}

function dayInterval(day: Ymd): DateInterval | undefined {
  return interval(day, day, 'day', formatYmd(day));
}

function monthInterval(y: number, m: number): DateInterval | undefined {
  if (y < MIN_YEAR || y > MAX_YEAR) return undefined;
  return interval({ y, m, d: 1 }, { y, m, d: daysInMonth(y, m) }, 'month', formatMonth(y, m));
}

function yearInterval(y: number): DateInterval | undefined {
  if (y < MIN_YEAR || y > MAX_YEAR) return undefined;
  return interval({ y, m: 1, d: 1 }, { y, m: 12, d: 31 }, 'year', formatYear(y));
}

function spanInterval(start: Ymd, end: Ymd, precision: DatePrecision): DateInterval | undefined {
  return interval(start, end, precision, `${formatYmd(start)}/${formatYmd(end)}`);
}

/** EDTF marks the start as approximate ("~") while the reference date bounding the end is exact. */
function approximateSpan(start: Ymd, end: Ymd, precision: DatePrecision): DateInterval | undefined {
  return interval(start, end, precision, `${formatYmd(start)}~/${formatYmd(end)}`, true);
}

// --- Publication date --------------------------------------------------------------------------

/** The ECMAScript date-time string format with a mandatory offset, so `Date` parsing is well defined. */
const DATE_TIME_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The calendar date (YYYY-MM-DD) of `published` in `timezone`. `published` is YYYY-MM-DD (returned as
 * is) or an ISO date-time with offset/Z (converted to the zone with Intl.DateTimeFormat).
 *
 * A date-time without an offset is rejected rather than parsed, because `Date` would read it in the
 * host's local zone. Throws RangeError for malformed input or an unknown time zone.
 */
export function localDate(published: string, timezone: string): string {
  const value = published.trim();
  if (parseYmd(value)) return value;
  const match = DATE_TIME_WITH_OFFSET.exec(value);
  // `Date` silently rolls 2020-02-30 over to March 1, so the date part is validated separately.
  if (!match?.[1] || !parseYmd(match[1])) {
    throw new RangeError(`Not a date or an ISO date-time with offset: ${published}`);
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Invalid date-time: ${published}`);
  // Pinning calendar and numbering system keeps the parts Gregorian with ASCII digits in any locale.
  const parts = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  const ymd = { y: part('year'), m: part('month'), d: part('day') };
  if (!isValidYmd(ymd)) throw new RangeError(`Local date of ${published} in ${timezone} is out of range`);
  return formatYmd(ymd);
}

// --- Relative phrases --------------------------------------------------------------------------

const MONTH_PATTERN = MONTH_NAMES.join('|');
const WEEKDAY_PATTERN = WEEKDAY_NAMES.join('|');
const DAY_PATTERN = '(\\d{1,2})(?:st|nd|rd|th)?';

function monthNumber(name: string | undefined): number {
  return MONTH_NAMES.indexOf(name as (typeof MONTH_NAMES)[number]) + 1;
}

function normalisePhrase(phrase: string): string {
  return phrase
    .trim()
    .toLowerCase()
    .replace(/[.,;:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The most recent (month, day) not after `ref`; Feb 29 may need to look back several years. */
function mostRecentMonthDay(m: number, d: number, ref: Ymd): Ymd | undefined {
  // 8 years always reaches a leap year (the longest gap, around 1900 or 2100, is 8 years).
  for (let y = ref.y; y >= ref.y - 8 && y >= MIN_YEAR; y--) {
    const candidate = { y, m, d };
    if (isValidYmd(candidate) && compareYmd(candidate, ref) <= 0) return candidate;
  }
  return undefined;
}

function monthDay(
  m: number,
  dayText: string | undefined,
  yearText: string | undefined,
  ref: Ymd,
): DateInterval | undefined {
  const d = Number(dayText);
  // February 30 or April 31 never exist, so they are rejected rather than looked up in other years.
  if (d < 1 || d > (m === 2 ? 29 : daysInMonth(2000, m))) return undefined;
  if (yearText === undefined) {
    const day = mostRecentMonthDay(m, d, ref);
    return day && dayInterval(day);
  }
  const day = { y: Number(yearText), m, d };
  return isValidYmd(day) ? dayInterval(day) : undefined;
}

type Rule = [RegExp, (match: RegExpExecArray, ref: Ymd) => DateInterval | undefined];

function mondayOf(ref: Ymd): Ymd {
  return addDays(ref, 1 - isoWeekday(ref));
}

const RULES: Rule[] = [
  [/^today$/, (_, ref) => dayInterval(ref)],
  [/^yesterday$/, (_, ref) => dayInterval(addDays(ref, -1))],
  [
    new RegExp(`^(?:on )?(${WEEKDAY_PATTERN})$`),
    (match, ref) => {
      const target = WEEKDAY_NAMES.indexOf(match[1] as (typeof WEEKDAY_NAMES)[number]) + 1;
      const back = (isoWeekday(ref) - target + 7) % 7;
      return dayInterval(addDays(ref, -back));
    },
  ],
  [/^this week$/, (_, ref) => spanInterval(mondayOf(ref), addDays(mondayOf(ref), 6), 'week')],
  // "Earlier" excludes the reference day itself; on a Monday nothing of the week came earlier.
  [
    /^earlier this week$/,
    (_, ref) => (isoWeekday(ref) === 1 ? undefined : spanInterval(mondayOf(ref), addDays(ref, -1), 'week')),
  ],
  [
    /^last week$/,
    (_, ref) => {
      const monday = addDays(mondayOf(ref), -7);
      return spanInterval(monday, addDays(monday, 6), 'week');
    },
  ],
  [/^this month$/, (_, ref) => monthInterval(ref.y, ref.m)],
  [
    /^earlier this month$/,
    (_, ref) => interval({ ...ref, d: 1 }, ref, 'month', `${formatMonth(ref.y, ref.m)}-01/${formatYmd(ref)}`),
  ],
  [
    /^last month$/,
    (_, ref) => {
      const previous = addMonths({ ...ref, d: 1 }, -1);
      return monthInterval(previous.y, previous.m);
    },
  ],
  [/^(?:(?:in )?recent weeks|recently)$/, (_, ref) => approximateSpan(addDays(ref, -28), ref, 'week')],
  [/^(?:in )?recent months$/, (_, ref) => approximateSpan(addMonths(ref, -3), ref, 'month')],
  [/^this year$/, (_, ref) => yearInterval(ref.y)],
  [/^earlier this year$/, (_, ref) => spanInterval({ y: ref.y, m: 1, d: 1 }, ref, 'year')],
  [/^last year$/, (_, ref) => yearInterval(ref.y - 1)],
  [
    new RegExp(`^(?:in )?(${MONTH_PATTERN})$`),
    (match, ref) => {
      const m = monthNumber(match[1]);
      return monthInterval(m <= ref.m ? ref.y : ref.y - 1, m);
    },
  ],
  [
    new RegExp(`^(?:in )?(${MONTH_PATTERN}) last year$`),
    (match, ref) => monthInterval(ref.y - 1, monthNumber(match[1])),
  ],
  [
    new RegExp(`^(?:in )?(${MONTH_PATTERN}),? (\\d{4})$`),
    (match) => monthInterval(Number(match[2]), monthNumber(match[1])),
  ],
  [/^(?:in )?(\d{4})$/, (match) => yearInterval(Number(match[1]))],
  [
    new RegExp(`^(?:on )?(${MONTH_PATTERN}) ${DAY_PATTERN}(?:,? (\\d{4}))?$`),
    (match, ref) => monthDay(monthNumber(match[1]), match[2], match[3], ref),
  ],
  // Day-first order ("on 23 June 2020") is the house style of many non-US outlets.
  [
    new RegExp(`^(?:on )?(?:the )?${DAY_PATTERN} (?:of )?(${MONTH_PATTERN})(?:,? (\\d{4}))?$`),
    (match, ref) => monthDay(monthNumber(match[2]), match[1], match[3], ref),
  ],
];

/**
 * Resolve a phrase against the reference date (YYYY-MM-DD). Returns undefined when the phrase is not
 * recognised. Throws RangeError when the reference itself is not a valid date, which is a caller bug
 * rather than an unrecognised phrase.
 */
export function resolveDatePhrase(phrase: string, reference: string): DateInterval | undefined {
  const ref = parseYmd(reference);
  if (!ref) throw new RangeError(`Invalid reference date: ${reference}`);
  const text = normalisePhrase(phrase);
  for (const [pattern, resolve] of RULES) {
    const match = pattern.exec(text);
    if (match) return resolve(match, ref);
  }
  return undefined;
}

// --- Explicit values and query bounds ----------------------------------------------------------

function parseYear(value: string): number | undefined {
  if (!/^\d{4}$/.test(value)) return undefined;
  const y = Number(value);
  return y >= MIN_YEAR && y <= MAX_YEAR ? y : undefined;
}

function parseYearMonth(value: string): { y: number; m: number } | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match?.[1] || !match[2]) return undefined;
  const y = parseYear(match[1]);
  const m = Number(match[2]);
  return y !== undefined && m >= 1 && m <= 12 ? { y, m } : undefined;
}

function spanPrecision(days: number): DatePrecision {
  if (days === 1) return 'day';
  if (days <= 7) return 'week';
  if (days <= 31) return 'month';
  return 'year';
}

/**
 * Parse an explicit value: YYYY | YYYY-MM | YYYY-MM-DD | YYYY-MM-DD/YYYY-MM-DD. Returns undefined for
 * malformed or impossible dates (2020-02-30, 2020-13, end before start). An interval's precision is
 * the coarsest unit its inclusive length fits in: 1 day, ≤ 7 days week, ≤ 31 days month, else year.
 */
export function parseExplicitDate(value: string): DateInterval | undefined {
  const text = value.trim();
  const slash = text.indexOf('/');
  if (slash !== -1) {
    const start = parseYmd(text.slice(0, slash));
    const end = parseYmd(text.slice(slash + 1));
    if (!start || !end) return undefined;
    const days = compareYmd(end, start) + 1;
    if (days < 1) return undefined;
    return interval(start, end, spanPrecision(days), `${formatYmd(start)}/${formatYmd(end)}`);
  }
  const year = parseYear(text);
  if (year !== undefined) return yearInterval(year);
  const month = parseYearMonth(text);
  if (month) return monthInterval(month.y, month.m);
  const day = parseYmd(text);
  return day && dayInterval(day);
}

/** A query bound (YYYY | YYYY-MM | YYYY-MM-DD) → its first day (side 'from') or last day (side 'to'); undefined when malformed or impossible. */
export function parseRangeBound(value: string, side: 'from' | 'to'): string | undefined {
  const text = value.trim();
  if (text.includes('/')) return undefined;
  const parsed = parseExplicitDate(text);
  if (!parsed) return undefined;
  return side === 'from' ? parsed.start : parsed.end;
}

/**
 * The part of an interval up to `last` (YYYY-MM-DD), at the same precision: what "this month" means
 * of something that has already happened. Undefined when the interval begins after `last`.
 */
export function endingBy(interval: DateInterval, last: string): DateInterval | undefined {
  if (interval.end <= last) return interval;
  if (interval.start > last) return undefined;
  const edtf = interval.start === last ? last : `${interval.start}/${last}`;
  return { ...interval, end: last, edtf };
}

/** Inclusive interval tests on YYYY-MM-DD strings (string comparison is fine for this format). */
export function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function contains(
  outer: { start: string; end: string },
  inner: { start: string; end: string },
): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
