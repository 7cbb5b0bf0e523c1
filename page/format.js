/**
 * Words for what the API answers: dates as people read them, verdicts in plain English. Pure.
 */

/**
 * @typedef {import('./api-types').DateValue} DateValue
 * @typedef {import('./api-types').ClaimStatus} ClaimStatus
 * @typedef {import('./lane-model.js').BarStatus} BarStatus
 */

const DAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const SHORT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });
const LONG = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const MONTH = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** A `YYYY-MM-DD` date as a UTC Date. */
function utc(/** @type {string} */ iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return new Date(new Date(0).setUTCFullYear(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

/** `24 Jun 2020`. */
export function formatDay(/** @type {string} */ iso) {
  return LONG.format(utc(iso));
}

/**
 * A range of days, compactly: `3–24 Jun 2020`, `27 May – 24 Jun 2020`, `24 Jun 2020`.
 *
 * @param {string} start
 * @param {string} end
 */
export function formatRange(start, end) {
  if (start === end) return formatDay(start);
  if (start.slice(0, 4) !== end.slice(0, 4)) return `${formatDay(start)} – ${formatDay(end)}`;
  if (start.slice(0, 7) === end.slice(0, 7)) return `${Number(start.slice(8))}–${formatDay(end)}`;
  return `${SHORT.format(utc(start))} – ${formatDay(end)}`;
}

/** What a precision means, for a date given at it. */
export const PRECISION_WORDS = {
  day: 'to the day',
  week: 'to the week',
  month: 'to the month',
  year: 'to the year',
};

/**
 * A date as a source gives it: `Wed 24 Jun 2020` for a day, `June 2020` for a whole month,
 * `2018` for a whole year, otherwise the range.
 *
 * @param {DateValue} date
 */
export function formatDate(date) {
  if (date.precision === 'day' && date.start === date.end) return DAY.format(utc(date.start));
  if (date.precision === 'month' && isWholeMonth(date.start, date.end)) return MONTH.format(utc(date.start));
  if (date.precision === 'year' && date.start.endsWith('-01-01') && date.end.endsWith('-12-31')) {
    const year = date.start.slice(0, 4);
    if (date.end.startsWith(year)) return year;
  }
  return formatRange(date.start, date.end);
}

/** Whether `start` … `end` is exactly one calendar month. */
function isWholeMonth(/** @type {string} */ start, /** @type {string} */ end) {
  if (start.slice(0, 7) !== end.slice(0, 7) || !start.endsWith('-01')) return false;
  const next = utc(end);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}

/** @type {Record<BarStatus, string>} */
const STATUS_WORDS = {
  contested: 'contested',
  compatible: 'compatible',
  corroborated: 'corroborated',
  differing_characterisation: 'told differently',
  single_source: 'one source only',
  undated: 'no date of its own',
};

/** A verdict in a word or two. */
export function statusLabel(/** @type {BarStatus} */ status) {
  return STATUS_WORDS[status];
}

/** @type {Record<BarStatus, string>} */
const STATUS_MEANINGS = {
  contested: 'the outlets give dates that cannot both be true',
  compatible: 'the dates fit together; one outlet is only less precise',
  corroborated: 'another outlet gives the same date',
  differing_characterisation: 'the outlets characterise it differently',
  single_source: 'no other outlet speaks to it',
  undated: 'the outlet reports it without dating it; the bar shows the date other outlets give',
};

/** What a verdict means, in a sentence fragment. */
export function statusMeaning(/** @type {BarStatus} */ status) {
  return STATUS_MEANINGS[status];
}

/** `military_activity` → `military activity`. */
export function words(/** @type {string} */ token) {
  return token.replaceAll('_', ' ').replaceAll('-', ' ');
}

/** A count with its noun: `1 event`, `1,320 events`. */
export function count(/** @type {number} */ n, /** @type {string} */ noun) {
  return `${n.toLocaleString('en-GB')} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * A label cut to `max` characters at a word boundary, with an ellipsis.
 *
 * @param {string} text
 * @param {number} max
 */
export function shorten(text, max) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

/**
 * Who said something, as the page names them: the outlet's description of the speaker, with the
 * actor's name after it when the description does not already hold it ("a former US diplomat
 * (Mintaro Oba)", not "Mintaro Oba, a former US diplomat (Mintaro Oba)").
 *
 * @param {string | null} description
 * @param {string | null} name
 */
export function speakerText(description, name) {
  if (!description) return name ?? 'unattributed';
  if (!name || description.toLowerCase().includes(name.toLowerCase())) return description;
  return `${description} (${name})`;
}
