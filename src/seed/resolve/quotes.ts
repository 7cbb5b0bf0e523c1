import type { Dataset } from '../../db/dataset.js';
import { type FileContext, QUOTE_CONTEXT_LENGTH } from './context.js';

/**
 * A file's quotes, numbered in the order of the text (not of the file, so reordering annotations
 * keeps their ids), each with its context either side (W3C TextQuoteSelector).
 */
export function resolveQuotes(fc: FileContext): void {
  const src = fc.annotation.source;
  const drafts: Dataset['quotes'] = [];
  const spans = new Set<string>();
  fc.annotation.quotes.forEach((quote, i) => {
    const path = `quotes[${i}]`;
    const found = fc.locate(quote.text, `${path}.text`);
    const speakerOk = quote.speaker === null || fc.knownActor(quote.speaker, `${path}.speaker`);
    const viaOk = quote.reported_via === null || fc.knownActor(quote.reported_via, `${path}.reported_via`);
    const subjectOk = quote.subject === null || fc.knownActor(quote.subject, `${path}.subject`);
    const eventOk = quote.event === null || fc.seenEvents.has(quote.event);
    if (!eventOk)
      fc.problem(`${path}.event`, `unknown event "${quote.event}": list it in this file's events`);
    if (!found || !speakerOk || !viaOk || !subjectOk || !eventOk) return;
    const span = `${found.span.start}-${found.span.end}`;
    if (spans.has(span)) {
      fc.problem(`${path}.text`, 'this quote is listed twice');
      return;
    }
    spans.add(span);
    if (quote.speaker !== null)
      fc.ctx.quoteSites.push({
        file: fc.file,
        path: `${path}.speaker`,
        speakerId: quote.speaker,
        speakerDescription: quote.speaker_description,
        body: fc.body,
        span: found.span,
      });
    drafts.push({
      id: '',
      sourceId: src.id,
      ordinal: 0,
      text: found.text,
      speakerId: quote.speaker,
      speakerDescription: quote.speaker_description ?? null,
      ...found.span,
      ...fc.body.context(found.span, QUOTE_CONTEXT_LENGTH),
      kind: quote.kind,
      eventId: quote.event,
      reportedViaId: quote.reported_via,
      subjectId: quote.subject,
      attribution: quote.attribution,
      attributionReason: quote.attribution_reason ?? null,
    });
  });
  drafts.sort((a, b) => a.start - b.start);
  drafts.forEach((q, i) => {
    fc.ctx.dataset.quotes.push({ ...q, id: `${src.id}-q${i + 1}`, ordinal: i + 1 });
  });
}
