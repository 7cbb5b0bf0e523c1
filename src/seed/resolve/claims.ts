import { isCharacterisation, judgeClaims } from '../../domain/comparison.js';
import { groupBy } from '../../domain/group-by.js';
import type { ClaimDraft, FileContext, ResolveContext } from './context.js';

/**
 * A file's claims about its events, besides their dates (which the events' `date` claims). A
 * claim's id is its source, event, property and aspect: a source states a fact once, while it may
 * characterise one aspect in several places, numbered in the order of the text (`….2`, `….3`).
 */
export function resolveClaims(fc: FileContext): void {
  const src = fc.annotation.source;
  const drafts: ClaimDraft[] = [];
  fc.annotation.claims.forEach((claim, i) => {
    const path = `claims[${i}]`;
    if (!fc.seenEvents.has(claim.event)) {
      fc.problem(`${path}.event`, `unknown event "${claim.event}": list it in this file's events`);
      return;
    }
    if (claim.property === 'date') {
      fc.problem(`${path}.property`, 'dates are claimed by the event\'s "date", not by a claim');
      return;
    }
    const found = fc.locate(claim.evidence, `${path}.evidence`);
    const attributed = fc.attribution(claim.attributed_to, `${path}.attributed_to`);
    const actorOk = claim.property !== 'actor' || fc.knownActor(String(claim.value), `${path}.value`);
    if (!found || !actorOk) return;
    const id = [src.id, claim.event, claim.property, claim.about].filter(Boolean).join('.');
    if (!isCharacterisation(claim.property) && drafts.some((d) => d.id === id)) {
      fc.problem(
        path,
        `duplicate claim "${id}": a source states a fact once; give it an "about" to tell it apart`,
      );
      return;
    }
    drafts.push({
      id,
      eventId: claim.event,
      sourceId: src.id,
      property: claim.property,
      about: claim.about ?? null,
      value: claim.value,
      approximate: claim.approximate ?? false,
      ...attributed,
      ...found.span,
      text: found.text,
    });
  });
  for (const same of groupBy(drafts, (d) => d.id).values()) {
    same.sort((a, b) => a.start - b.start);
    same.forEach((d, n) => fc.ctx.claimDrafts.push(n === 0 ? d : { ...d, id: `${d.id}.${n + 1}` }));
  }
}

/** Every claim, once every file is read, with its status among the claims about the same thing. */
export function finishClaims(ctx: ResolveContext): void {
  const verdicts = judgeClaims(ctx.claimDrafts);
  for (const c of ctx.claimDrafts)
    ctx.dataset.claims.push({ ...c, status: verdicts.get(c.id)?.status ?? 'single_source' });
}
