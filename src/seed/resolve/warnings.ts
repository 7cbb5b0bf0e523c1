import { groupBy } from '../../domain/group-by.js';
import type { SourceText, Span } from '../../domain/spans.js';
import type { AliasSite, DateDraft, QuoteSite, ResolveContext } from './context.js';

/**
 * What a machine can suspect but not decide (the guide in seeds/README.md): a quote whose speaker
 * the text never names or refers to near it; an alias that is only part of another actor's longer
 * name ("Kim" inside "Kim Yo-jong"); an event two sources tell with nothing of it compared; a date's
 * reason that leans on tooling. Warnings: printed, and errors under `--strict`.
 */
export function warnAboutAnnotations(ctx: ResolveContext): void {
  const names = namesByActor(ctx);
  for (const site of ctx.aliasSites) warnAboutAlias(ctx, site, names);
  for (const site of ctx.quoteSites) warnAboutSpeaker(ctx, site, names);
  warnAboutUncomparedEvents(ctx);
  for (const dates of ctx.eventDates.values()) for (const date of dates) warnAboutReason(ctx, date);
}

/**
 * An event several sources tell, with no aspect that two of them speak to (not even its date): the
 * comparison of outlets has nothing to set side by side for it, which is seldom what the texts say.
 */
function warnAboutUncomparedEvents(ctx: ResolveContext): void {
  const compared = new Set(
    ctx.dataset.claims.filter((c) => c.status !== 'single_source').map((c) => c.eventId),
  );
  for (const [eventId, sources] of ctx.eventSources) {
    const at = ctx.eventFields.get(eventId)?.firstSeen;
    if (sources.size < 2 || compared.has(eventId) || at === undefined) continue;
    ctx.issues.push({
      ...at,
      warning: true,
      message: `${sources.size} sources tell "${eventId}", yet no aspect of it is compared: give the claims they share (who did it, where, when) under the same property and about`,
    });
  }
}

/** Words that name the annotator's tools: a reason says how a date follows from the text. */
const TOOLING = /\b(resolver|proposer|parser|regex|the seed)\b/i;

function warnAboutReason(ctx: ResolveContext, date: DateDraft): void {
  const tool = date.reason?.match(TOOLING)?.[0];
  if (tool === undefined) return;
  ctx.issues.push({
    file: date.file,
    path: `${date.path}.reason`,
    warning: true,
    message: `the reason names ${JSON.stringify(tool)}: say how the date follows from the text (or name the outside fact), not how a tool reads it`,
  });
}

/** Every form that names an actor, across every source: its name and all its aliases. */
function namesByActor(ctx: ResolveContext): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  for (const [id, aliases] of groupBy(ctx.dataset.actorAliases, (a) => a.actorId))
    names.set(id, new Set(aliases.map((a) => a.alias)));
  for (const actor of ctx.dataset.actors)
    (names.get(actor.id) ?? names.set(actor.id, new Set()).get(actor.id))?.add(actor.name);
  return names;
}

function warnAboutAlias(ctx: ResolveContext, site: AliasSite, names: Map<string, Set<string>>): void {
  for (const [other, forms] of names) {
    if (other === site.actorId) continue;
    const longer = [...forms].find(
      (form) =>
        form.length > site.text.length && form.includes(site.text) && covers(site.body, form, site.span),
    );
    if (longer === undefined) continue;
    ctx.issues.push({
      file: site.file,
      path: site.path,
      warning: true,
      message: `${JSON.stringify(site.text)} here is part of ${JSON.stringify(longer)}, a name of "${other}": an alias must name its own actor`,
    });
    return;
  }
}

/** Whether an occurrence of `form` in the text covers `span`. */
function covers(body: SourceText, form: string, span: Span): boolean {
  const [start, end] = [body.toCodeUnit(span.start), body.toCodeUnit(span.end)];
  for (
    let i = body.text.indexOf(form, Math.max(0, end - form.length));
    i !== -1 && i <= start;
    i = body.text.indexOf(form, i + 1)
  )
    if (i + form.length >= end) return true;
  return false;
}

/** How far back a quote's speaker may be named: its own paragraph and the two before it. */
const PARAGRAPHS_BACK = 2;

function warnAboutSpeaker(ctx: ResolveContext, site: QuoteSite, names: Map<string, Set<string>>): void {
  const window = surroundingText(site.body, site.span);
  const forms = [
    ...(names.get(site.speakerId) ?? []),
    ...(site.speakerDescription ? [site.speakerDescription] : []),
  ];
  if (forms.some((form) => asWords(form).test(window))) return;
  ctx.issues.push({
    file: site.file,
    path: site.path,
    warning: true,
    message: `the text never names or refers to "${site.speakerId}" near this quote (its paragraph and the ${PARAGRAPHS_BACK} before): check who spoke, or give the "speaker_description" the text uses`,
  });
}

/** `form` as whole words: "he" is not found inside "the". */
function asWords(form: string): RegExp {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u');
}

/** The quote's paragraph and the ones before it, up to `PARAGRAPHS_BACK`. */
function surroundingText(body: SourceText, span: Span): string {
  const at = body.toCodeUnit(span.start);
  const starts = [0];
  for (const match of body.text.matchAll(/\n\s*\n/g)) starts.push(match.index + match[0].length);
  const here = starts.findLastIndex((start) => start <= at);
  const next = starts[here + 1];
  return body.text.slice(starts[Math.max(0, here - PARAGRAPHS_BACK)], next);
}
