import { z } from 'zod';
import type { DatePrecision } from '../../domain/vocabulary.js';
import type { Serialiser } from '../../http/representations/respond.js';
import type { Event } from './item.js';

/**
 * A timeline as a TimelineJS document (SPEC §4.2; timeline.knightlab.com's JSON format): one slide
 * per event and outlet that reports it, grouped by outlet, so two outlets' versions of a day sit in
 * two rows. Each slide carries the date that outlet gives (a contested date differs between the
 * groups), as partial a date as its precision (a month is `{ year, month }`), and the outlet's own
 * words. TimelineJS renders a slide's text as HTML: everything from the articles is escaped.
 */

const TimelineJsDateSchema = z.object({
  year: z.number().int(),
  month: z.number().int().min(1).max(12).optional(),
  day: z.number().int().min(1).max(31).optional(),
});
type TimelineJsDate = z.infer<typeof TimelineJsDateSchema>;

const SlideSchema = z.object({
  unique_id: z.string().describe('`<event id>--<source id>`.'),
  group: z.string().describe('The outlet: one group (row) per outlet.'),
  start_date: TimelineJsDateSchema,
  end_date: TimelineJsDateSchema.optional(),
  display_date: z.string().optional().describe('The words the outlet dates it with.'),
  text: z.object({ headline: z.string(), text: z.string().describe('HTML; the article’s words escaped.') }),
});
export type Slide = z.infer<typeof SlideSchema>;

/** The document, described for the OpenAPI document (timeline.knightlab.com/docs/json-format.html). */
export const TimelineJsSchema = z
  .object({
    title: z.object({ text: z.object({ headline: z.string(), text: z.string() }) }),
    events: z.array(SlideSchema),
  })
  .describe(
    'The whole filtered timeline as a TimelineJS document: one slide per event and outlet that reports it, grouped by outlet, dated as that outlet dates it, as partially as its precision.',
  );

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/** A day as TimelineJS takes it, cut to what `precision` says is known. */
export function partialDate(day: string, precision: DatePrecision): TimelineJsDate {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  if (precision === 'year') return { year };
  if (precision === 'month') return { year, month };
  return { year, month, day: date };
}

/** The start and (when it differs at that precision) end of a dated interval. */
export function slideDates(
  start: string,
  end: string,
  precision: DatePrecision,
): Pick<Slide, 'start_date' | 'end_date'> {
  const first = partialDate(start, precision);
  const last = partialDate(end, precision);
  const same = JSON.stringify(first) === JSON.stringify(last);
  return same ? { start_date: first } : { start_date: first, end_date: last };
}

/** Each outlet's slide of an event. */
export function slidesOf(event: Event, outletOf: (source: string) => string): Slide[] {
  return event.sources.map(({ source, evidence }) => {
    const own = event.date.by_source.find((d) => d.source === source);
    const date = own ?? event.date;
    const words = evidence.map((span) => `<blockquote>${escapeHtml(span.text)}</blockquote>`).join('');
    const phrase = own?.phrase ?? event.date.phrase;
    return {
      unique_id: `${event.id}--${source}`,
      group: outletOf(source),
      ...slideDates(date.start, date.end, date.precision),
      ...(phrase ? { display_date: phrase } : {}),
      text: {
        headline: escapeHtml(event.title),
        text: `<p>${escapeHtml(event.summary)}</p>${words}<p><small>${escapeHtml(`${event.status.replace('_', ' ')} · ${outletOf(source)} (${source})`)}</small></p>`,
      },
    };
  });
}

/** The TimelineJS export of a timeline: its title, then its slides a page of events at a time. */
export function timelineJsSerialiser(title: string, outletOf: (source: string) => string): Serialiser<Event> {
  const head = `{"title":${JSON.stringify({ text: { headline: escapeHtml(title), text: '' } })},"events":[`;
  return {
    head,
    body: (events, first) => {
      const slides = events.flatMap((event) => slidesOf(event, outletOf)).map((s) => JSON.stringify(s));
      return (first ? '' : ',') + slides.join(',');
    },
    tail: ']}',
  };
}
