import {
  type ClaimValue,
  type ComparableClaim,
  eventStatus,
  judgeClaims,
} from '../../src/domain/comparison.js';
import { eventDate } from '../../src/domain/event-date.js';
import { groupBy } from '../../src/domain/group-by.js';
import {
  type ActorKind,
  type ClaimProperty,
  EVENT_TYPES,
  PARTICIPANT_ROLES,
} from '../../src/domain/vocabulary.js';
import { QUOTE_CONTEXT_LENGTH } from '../../src/seed/resolve/index.js';
import { type DatasetItem, type DatasetRow, eventDateColumns } from '../../src/db/dataset.js';
import { createRandom, createZipf, type Random } from '../random.js';

/**
 * A deterministic synthetic corpus for measuring Parallax at scale: sources over five decades in
 * pairs of outlets that tell some events twice (agreeing or not), actors whose participation follows
 * a Zipf law, a mix of day, week, month and year precision, and quotes in English words. Every span
 * points at the exact words of its source's text, as in the real seeds.
 *
 * It yields rows, one source pair at a time, so memory stays bounded whatever the size; the caller
 * streams them into the dataset writer. The same options and seed give the same rows.
 */

/** Bump when the generator changes what it yields for the same options. */
export const GENERATOR_VERSION = 2;

export interface SyntheticOptions {
  events: number;
  seed: number;
  /**
   * Sources in each week, each from its own outlet, telling overlapping events (2 by default: the
   * pairs the benchmarks use; up to OUTLETS.length).
   */
  outlets?: number;
}

export type SyntheticRow = DatasetItem;

const WORDS = (
  'the people government minister army border talks peace war market price water school health city ' +
  'village river bridge road election party leader council court law police protest strike workers ' +
  'farmers harvest drought flood storm fire rescue hospital doctors vaccine trade export import tariff ' +
  'bank budget tax debt growth energy oil gas power grid coal solar wind nuclear missile test launch ' +
  'treaty summit envoy embassy sanctions aid food fuel ship port airport train station factory mine ' +
  'union wages reform plan promise warning threat attack defence troops navy air force ceasefire ' +
  'refugees camp crossing north south east west capital province region mountain coast island ' +
  'history memory anniversary ceremony monument museum newspaper radio television report statement'
).split(' ');

const FIRST = [
  'Ana',
  'Boris',
  'Chen',
  'Dara',
  'Emil',
  'Farah',
  'Goran',
  'Hana',
  'Ivo',
  'Jin',
  'Kofi',
  'Lena',
];
const SYLLABLES = ['ka', 'ro', 'mi', 'ten', 'sa', 'vel', 'do', 'rin', 'ha', 'lu', 'mon', 'zi', 'per', 'tova'];
const ORGS = ['Ministry', 'Council', 'Union', 'Front', 'Agency', 'Party', 'Command', 'Institute'];
export const OUTLETS = [
  'The Daily Ledger',
  'Northern Courier',
  'Global Wire',
  'The Morning Post',
  'Harbour Times',
  'Continental Review',
  'Eastern Herald',
  'The Evening Bulletin',
  'Valley Gazette',
  'Capital Observer',
];
/** Whether `n` sources a week can each have an outlet of their own (2 to OUTLETS.length). */
export const isOutletCount = (n: number) => Number.isInteger(n) && n >= 2 && n <= OUTLETS.length;
/** The outlets a week's sources are drawn from: the first six unless more are needed. */
const outletsFor = (n: number) => OUTLETS.slice(0, Math.max(6, n));
/** How an outlet frames an event, one word: shared events get one per source. */
const FRAMINGS = ['a provocation', 'a gesture', 'an escalation', 'a setback', 'a breakthrough', 'a warning'];
const PLACES = ['Arlen', 'Brisa', 'Codova', 'Dunmere', 'Estra', 'Falk', 'Gorin', 'Halden', 'Istra', 'Jorvik'];
const VERBS: Record<(typeof EVENT_TYPES)[number], string> = {
  meeting: 'met',
  decision: 'decided on measures against',
  statement: 'issued a statement on',
  threat: 'threatened',
  military_activity: 'moved troops toward',
  attack: 'attacked',
  diplomacy: 'opened talks with',
  propaganda: 'denounced',
  policy: 'announced a policy on',
  report: 'reported on',
  war: 'went to war with',
  commemoration: 'commemorated with',
};
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const COUNTED = ['troops', 'people', 'ships', 'rockets', 'workers', 'refugees'];

const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(1975, 0, 1) / DAY;
const LAST_DAY = Date.UTC(2025, 11, 31) / DAY;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

interface DateSpec {
  start: string;
  end: string;
  precision: 'day' | 'week' | 'month' | 'year';
  edtf: string;
  phrase: string;
}

/** An event date near the source's publication day, with a phrase as a reporter would write it. */
function randomDate(random: Random, published: number): DateSpec {
  const r = random.next();
  if (r < 0.6) {
    const day = published - random.int(0, 14);
    const date = new Date(day * DAY);
    const phrase =
      published - day < 7
        ? `on ${WEEKDAYS[date.getUTCDay()]}`
        : `on ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
    return { start: iso(day), end: iso(day), precision: 'day', edtf: iso(day), phrase };
  }
  if (r < 0.7) {
    const anchor = published - 7 * random.int(1, 8);
    const monday = anchor - ((new Date(anchor * DAY).getUTCDay() + 6) % 7);
    const [start, end] = [iso(monday), iso(monday + 6)];
    return { start, end, precision: 'week', edtf: `${start}/${end}`, phrase: `in the week of ${start}` };
  }
  const pub = new Date(published * DAY);
  if (r < 0.9) {
    const months = pub.getUTCFullYear() * 12 + pub.getUTCMonth() - random.int(0, 24);
    const [y, m] = [Math.floor(months / 12), months % 12];
    const start = iso(Date.UTC(y, m, 1) / DAY);
    const end = iso(Date.UTC(y, m + 1, 0) / DAY);
    return { start, end, precision: 'month', edtf: start.slice(0, 7), phrase: `in ${MONTHS[m]} ${y}` };
  }
  const y = pub.getUTCFullYear() - random.int(0, 30);
  return { start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year', edtf: String(y), phrase: `in ${y}` };
}

/** The same date told more coarsely: the year it falls in. */
function yearOf(date: DateSpec): DateSpec {
  const y = date.start.slice(0, 4);
  return { start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year', edtf: y, phrase: `in ${y}` };
}

/** The same date told a little differently: a neighbouring day or month. */
function shifted(date: DateSpec): DateSpec {
  if (date.precision === 'day') {
    const day = Date.parse(date.start) / DAY - 1;
    return { ...date, start: iso(day), end: iso(day), edtf: iso(day), phrase: `on ${iso(day)}` };
  }
  const y = Number(date.start.slice(0, 4)) - 1;
  return { start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year', edtf: String(y), phrase: `in ${y}` };
}

interface ActorSpec {
  id: string;
  name: string;
  alias: string;
}

function makeActor(i: number, random: Random): ActorSpec & { kind: ActorKind } {
  const surname = `${random.pick(SYLLABLES)}${random.pick(SYLLABLES)}${random.pick(SYLLABLES)}`;
  const cap = surname[0]?.toUpperCase() + surname.slice(1);
  const id = `syn-a${i}`;
  if (random.chance(0.6)) {
    const first = random.pick(FIRST);
    return { id, kind: 'person', name: `${first} ${cap}`, alias: `${first}-${cap}` };
  }
  const org = random.pick(ORGS);
  return { id, kind: 'organisation', name: `${cap} ${org}`, alias: `the ${org} of ${cap}` };
}

/** Text built piece by piece, knowing where each piece lands (code points: the text is ASCII). */
class Body {
  text = '';
  add(piece: string): { start: number; end: number } {
    const start = this.text.length;
    this.text += piece;
    return { start, end: this.text.length };
  }
}

interface EventSpec {
  id: string;
  type: (typeof EVENT_TYPES)[number];
  date: DateSpec;
  agent: number;
  target: number;
  others: number[];
  count?: { n: number; what: string };
  place?: string;
  /** The sources of the week that tell it, by index; the first tells it as it was. */
  tellers: number[];
  /**
   * How each teller tells it, in the order of `tellers`: the same; at another date (contested); or
   * coarser, the year for the date and an approximate count (compatible). The first: the same.
   */
  variants: Variant[];
}

type Variant = 'same' | 'shifted' | 'coarser';
const VARIANTS: Variant[] = ['same', 'same', 'same', 'shifted', 'coarser'];

export function* generateSynthetic({
  events: total,
  seed,
  outlets: perWeek = 2,
}: SyntheticOptions): Generator<SyntheticRow> {
  if (!isOutletCount(perWeek)) throw new RangeError(`outlets must be an integer from 2 to ${OUTLETS.length}`);
  const names = outletsFor(perWeek);
  const random = createRandom(seed);
  const actorCount = Math.max(40, Math.floor(total / 40));
  const zipf = createZipf(actorCount, 1.07, random);
  const actors: ActorSpec[] = [];
  for (let i = 0; i < actorCount; i++) {
    const a = makeActor(i, random);
    actors.push({ id: a.id, name: a.name, alias: a.alias });
    yield {
      table: 'actors',
      row: { id: a.id, name: a.name, kind: a.kind, description: `Synthetic ${a.kind}`, wikidata: null },
    };
  }
  const aliased = new Uint8Array(actorCount);

  const perPair = 50;
  const pairs = Math.max(1, Math.ceil(total / perPair));
  let made = 0;
  for (let p = 0; p < pairs; p++) {
    const want = p === pairs - 1 ? total - made : Math.min(perPair, total - made);
    const published = Math.floor(FIRST_DAY + ((LAST_DAY - FIRST_DAY) * (p + 0.5)) / pairs);
    const ids = Array.from({ length: perWeek }, (_, s) => `syn-s${perWeek * p + s}`);
    const specs: EventSpec[] = [];
    for (let i = 0; i < want; i++) {
      const agent = zipf();
      let target = zipf();
      if (target === agent) target = (agent + 1) % actorCount;
      const others: number[] = [];
      for (let k = random.int(0, 2); k > 0; k--) {
        const o = zipf();
        if (o !== agent && o !== target && !others.includes(o)) others.push(o);
      }
      const r = random.next();
      specs.push({
        id: `syn-e${String(made + i).padStart(8, '0')}`,
        type: random.pick(EVENT_TYPES),
        date: randomDate(random, published),
        agent,
        target,
        others,
        ...(random.chance(0.3) ? { count: { n: random.int(2, 5000), what: random.pick(COUNTED) } } : {}),
        ...(random.chance(0.2) ? { place: random.pick(PLACES) } : {}),
        ...tellersOf(r),
      });
    }
    made += want;
    yield* pair(specs, ids, published);
  }

  /**
   * Who tells an event, from a draw `r`: in a pair, 15 % both (the second as VARIANTS has it) and
   * the rest one of them; in a larger week, half of them by two or more of its sources.
   */
  function tellersOf(r: number): Pick<EventSpec, 'tellers' | 'variants'> {
    if (perWeek === 2) {
      const second = random.pick(VARIANTS);
      return r < 0.15
        ? { tellers: [0, 1], variants: ['same', second] }
        : { tellers: [r < 0.575 ? 0 : 1], variants: ['same'] };
    }
    if (r >= 0.5) return { tellers: [random.int(0, perWeek - 1)], variants: ['same'] };
    const order = Array.from({ length: perWeek }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const tellers = order.slice(0, random.int(2, perWeek)).sort((a, b) => a - b);
    return { tellers, variants: tellers.map((_, k) => (k === 0 ? 'same' : random.pick(VARIANTS))) };
  }

  function* pair(specs: EventSpec[], ids: readonly string[], published: number): Generator<SyntheticRow> {
    const bodies = ids.map(() => new Body());
    const evidence: SyntheticRow[] = [];
    const claims: (Omit<DatasetRow<'claims'>, 'status'> & ComparableClaim)[] = [];
    const quotes: DatasetRow<'quotes'>[] = [];
    const eventDates = new Map<string, DateSpec>();

    for (const [s, sourceId] of ids.entries()) {
      const body = bodies[s] as Body;
      const outlet = names[(published + s) % names.length] as string;
      body.add(`${outlet} reports on the week's events.\n\n`);
      const told = specs.filter((e) => e.tellers.includes(s));
      for (const e of told) {
        const k = e.tellers.indexOf(s);
        const second = e.variants[k] ?? 'same';
        const date = second === 'shifted' ? shifted(e.date) : second === 'coarser' ? yearOf(e.date) : e.date;
        if (k === 0) eventDates.set(e.id, date);
        const agent = actors[e.agent] as ActorSpec;
        const useAlias = random.chance(0.1);
        const agentSpan = body.add(useAlias ? agent.alias : agent.name);
        if (useAlias && !aliased[e.agent]) {
          aliased[e.agent] = 1;
          yield {
            table: 'actorAliases',
            row: { actorId: agent.id, alias: agent.alias, sourceId, ...agentSpan },
          };
        }
        body.add(` ${VERBS[e.type]} ${(actors[e.target] as ActorSpec).name} `);
        const dateSpan = body.add(date.phrase);
        const about = second === 'coarser' ? 'about ' : '';
        const countSpan = e.count ? body.add(` with ${about}${e.count.n} ${e.count.what}`) : undefined;
        const placeSpan = e.place ? body.add(` in ${e.place}`) : undefined;
        // Each source frames a shared event in its own word: a characterisation side by side.
        const framingSpan = e.tellers.length >= 2 ? body.add(`, ${random.pick(FRAMINGS)}`) : undefined;
        const sentenceEnd = body.text.length;
        body.add('. ');
        for (let w = random.int(6, 16); w > 0; w--) body.add(`${random.pick(WORDS)} `);
        body.add('.\n\n');

        const words = (span: { start: number; end: number }) => body.text.slice(span.start, span.end);
        const span = { start: agentSpan.start, end: sentenceEnd };
        evidence.push({
          table: 'eventEvidence',
          row: { eventId: e.id, sourceId, ...span, text: words(span) },
        });
        const claim = (
          property: ClaimProperty,
          about: string | null,
          value: ClaimValue,
          at: { start: number; end: number },
          approximate = false,
        ) => {
          // The visible words: drop the leading " with " / " in " / ", " of the clause.
          const lead = { date: 0, count: 6, location: 4 } as Partial<Record<ClaimProperty, number>>;
          const trimmed = { start: at.start + (lead[property] ?? 2), end: at.end };
          claims.push({
            id: `${sourceId}.${e.id}.${property}${about ? `.${about}` : ''}`,
            eventId: e.id,
            sourceId,
            property,
            about,
            value,
            approximate,
            attributedActorId: null,
            attributedDescription: null,
            ...trimmed,
            text: words(trimmed),
          });
        };
        claim('date', null, { ...date, approximate: false, reason: null }, dateSpan);
        if (e.count && countSpan) claim('count', e.count.what, e.count.n, countSpan, second === 'coarser');
        if (framingSpan) claim('characterisation', 'tone', words(framingSpan).slice(2), framingSpan);
        if (e.place && placeSpan) claim('location', null, e.place, placeSpan);

        if (random.chance(0.08)) {
          const speaker = actors[random.pick([e.agent, e.target])] as ActorSpec;
          const text = Array.from({ length: random.int(5, 18) }, () => random.pick(WORDS)).join(' ');
          body.add(`${speaker.name} said: "`);
          const at = body.add(text);
          body.add('".\n\n');
          const ordinal = quotes.filter((q) => q.sourceId === sourceId).length + 1;
          quotes.push({
            id: `${sourceId}-q${ordinal}`,
            sourceId,
            ordinal,
            text,
            speakerId: speaker.id,
            speakerDescription: speaker.name,
            ...at,
            prefix: body.text.slice(Math.max(0, at.start - QUOTE_CONTEXT_LENGTH), at.start),
            suffix: '', // once the text is complete
            kind: random.chance(0.7) ? 'full' : 'fragment',
            eventId: e.id,
            reportedViaId: null,
            subjectId: null,
            attribution: 'explicit',
            attributionReason: null,
          });
        }
      }
      for (const q of quotes)
        if (q.sourceId === sourceId) q.suffix = body.text.slice(q.end, q.end + QUOTE_CONTEXT_LENGTH);
      yield {
        table: 'sources',
        row: {
          id: sourceId,
          title: `${outlet}: the week to ${iso(published)}`,
          outlet,
          authors: [],
          published: iso(published),
          timezone: 'UTC',
          dateline: null,
          language: 'en',
          url: null,
          textFile: `synthetic/${sourceId}.txt`,
          body: body.text,
        },
      };
    }

    // Status and the events' dates from the same pure judgement the seed uses; events of one pair
    // are independent.
    const verdicts = judgeClaims(claims);
    const judged = claims.map((c) => ({
      ...c,
      status: verdicts.get(c.id)?.status ?? ('single_source' as const),
    }));
    const byEvent = groupBy(judged, (c) => c.eventId);
    for (const row of judged) yield { table: 'claims', row };
    for (const e of specs) {
      const told = byEvent.get(e.id) ?? [];
      const date = eventDate(
        told.flatMap((c) =>
          c.property === 'date' && typeof c.value === 'object'
            ? [
                {
                  sourceId: c.sourceId,
                  interval: c.value,
                  phrase: c.value.phrase,
                  reason: null,
                  status: c.status,
                },
              ]
            : [],
        ),
      );
      if (!date) throw new Error(`synthetic event ${e.id} has no date`);
      const phrase = (eventDates.get(e.id) as DateSpec).phrase;
      const agent = actors[e.agent] as ActorSpec;
      const target = actors[e.target] as ActorSpec;
      yield {
        table: 'events',
        row: {
          id: e.id,
          title: `${agent.name} ${VERBS[e.type]} ${target.name}`,
          summary: `${agent.name} ${VERBS[e.type]} ${target.name} ${phrase}${e.place ? ` in ${e.place}` : ''}.`,
          type: e.type,
          location: e.place ?? null,
          ...eventDateColumns(date),
          tense: 'reported',
          status: eventStatus(
            told.map((c) => c.status),
            e.tellers.length,
          ),
        },
      };
      yield { table: 'eventParticipants', row: { eventId: e.id, actorId: agent.id, role: 'agent' } };
      yield { table: 'eventParticipants', row: { eventId: e.id, actorId: target.id, role: 'target' } };
      for (const o of e.others)
        yield {
          table: 'eventParticipants',
          row: { eventId: e.id, actorId: (actors[o] as ActorSpec).id, role: random.pick(PARTICIPANT_ROLES) },
        };
    }
    yield* evidence;
    for (const row of quotes) yield { table: 'quotes', row };
  }
}
