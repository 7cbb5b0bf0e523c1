/**
 * Days and windows, without a DOM: dates as day numbers (UTC: dates here have no time of day), the
 * window of days the timeline shows, its zoom and pan, and whether it is drawn as bars or as volume.
 */

/**
 * @typedef {import('./api-types').Precision} Precision
 * @typedef {{ from: string, to: string }} Window
 */

export const MS_PER_DAY = 86_400_000;
// Date.UTC reads years 0 to 99 as 1900 to 1999, so the first day of year 1 is set explicitly.
const FAR_START = new Date(0).setUTCFullYear(1, 0, 1) / MS_PER_DAY;
const FAR_END = Date.UTC(9999, 11, 31) / MS_PER_DAY;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (UTC: dates here have no time of day). */
export function toDay(/** @type {string} */ iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return new Date(0).setUTCFullYear(year ?? 1970, (month ?? 1) - 1, day ?? 1) / MS_PER_DAY;
}

/** The `YYYY-MM-DD` date of a day number, kept within the years 0001 to 9999 the API reads. */
export function fromDay(/** @type {number} */ day) {
  const date = new Date(Math.min(FAR_END, Math.max(FAR_START, day)) * MS_PER_DAY);
  const pad = (/** @type {number} */ n, /** @type {number} */ width) => String(n).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** The Date (UTC midnight) of a day number. */
export const dayDate = (/** @type {number} */ day) => new Date(day * MS_PER_DAY);

/** The interval a date covers, in days, end exclusive: a bar is as wide as its date's precision. */
export function dateSpan(/** @type {{ start: string, end: string }} */ date) {
  return { start: toDay(date.start), end: toDay(date.end) + 1 };
}

/** How many days a window holds (both ends included). */
export function windowDays(/** @type {Window} */ window) {
  return toDay(window.to) - toDay(window.from) + 1;
}

/** The narrowest window the zoom goes to (a day: a busy corpus has hundreds a week), and the widest. */
export const MIN_WINDOW_DAYS = 1;
const MAX_WINDOW_DAYS = 200 * 366;

/**
 * The window the page opens on when the URL names none: the three weeks up to the end of the
 * latest event the filters find (news is read from its most recent end, and three weeks still
 * draw a day's date wide enough to read), with a few days' margin after it.
 *
 * @param {string} latestEnd The `end` of the latest event's date.
 * @returns {Window}
 */
export function defaultWindow(latestEnd) {
  const end = toDay(latestEnd);
  return { from: fromDay(end - 20), to: fromDay(end + 3) };
}

/**
 * The window a link to an event opens on when the URL names none: the default one if the event's
 * date overlaps it, else three weeks around the event (or its whole span, with a margin, when it
 * is longer), so that its bars are in view.
 *
 * @param {Window} fallback The window the page would open on.
 * @param {{ start: string, end: string }} date The event's date.
 * @returns {Window}
 */
export function windowWith(fallback, date) {
  const [start, end] = [toDay(date.start), toDay(date.end)];
  if (start <= toDay(fallback.to) && end >= toDay(fallback.from)) return fallback;
  const days = end - start + 1;
  if (days <= 21) {
    const from = start - Math.floor((24 - days) / 2);
    return { from: fromDay(from), to: fromDay(from + 23) };
  }
  const margin = Math.ceil(days / 10);
  return { from: fromDay(start - margin), to: fromDay(end + margin) };
}

/**
 * A window no wider than the record: zoomed out past the first and last days the record dates by
 * more than a tenth of its span (three days at least), it is the record and that margin.
 *
 * @param {Window} window
 * @param {Window} record The first and last days of the record's dates.
 * @returns {Window}
 */
export function fitRecord(window, record) {
  const [first, last] = [toDay(record.from), toDay(record.to)];
  const margin = Math.max(3, Math.ceil((last - first + 1) / 10));
  const [from, to] = [first - margin, last + margin];
  return toDay(window.to) - toDay(window.from) > to - from
    ? { from: fromDay(from), to: fromDay(to) }
    : window;
}

/**
 * The window zoomed by `factor` (below 1 narrows it) around `centre` (a day; the middle by
 * default), kept between MIN_WINDOW_DAYS and MAX_WINDOW_DAYS.
 *
 * @param {Window} window
 * @param {number} factor
 * @param {number} [centre]
 * @returns {Window}
 */
export function zoomWindow(window, factor, centre) {
  const start = toDay(window.from);
  const days = windowDays(window);
  const middle = centre ?? start + days / 2;
  const wanted = Math.round(Math.min(MAX_WINDOW_DAYS, Math.max(MIN_WINDOW_DAYS, days * factor)));
  // The centre keeps its place in the window.
  const share = (middle - start) / days;
  const from = Math.round(middle - share * wanted);
  return { from: fromDay(from), to: fromDay(from + wanted - 1) };
}

/**
 * The window moved by `fraction` of its width (negative: earlier).
 *
 * @param {Window} window
 * @param {number} fraction
 * @returns {Window}
 */
export function panWindow(window, fraction) {
  const shift = Math.round(windowDays(window) * fraction) || Math.sign(fraction);
  return { from: fromDay(toDay(window.from) + shift), to: fromDay(toDay(window.to) + shift) };
}

/**
 * The volume's interval for a window: buckets a person can still tell apart (at most a few
 * hundred across the chart).
 *
 * @param {number} days
 * @returns {Precision}
 */
export function volumeInterval(days) {
  if (days <= 120) return 'day';
  if (days <= 3 * 366) return 'week';
  if (days <= 40 * 366) return 'month';
  return 'year';
}

/** One page of events: the most bars the timeline draws. */
export const MAX_BARS = 200;
/** Wider than this, a window shows volume over time whatever it holds. */
export const MAX_BAR_DAYS = 2 * 366;

/**
 * Bars when every event of the window fits on one page and the window is narrow enough for bars
 * to mean something; volume over time otherwise.
 *
 * @param {number} days The window's width.
 * @param {boolean} complete Whether one page held every event of the window.
 * @returns {'bars' | 'volume'}
 */
export function viewMode(days, complete) {
  return complete && days <= MAX_BAR_DAYS ? 'bars' : 'volume';
}
