import { judgeClaims } from '../../domain/claim-status.js';
import type { FileContext, ResolveContext } from './context.js';

/** A file's claims about its events, besides their dates (which the events' `date` claims). */
export function resolveClaims(fc: FileContext): void {
  const src = fc.annotation.source;
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
    if (!found) return;
    const id = [src.id, claim.event, claim.property, claim.about].filter(Boolean).join('.');
    if (fc.ctx.claimIds.has(id)) {
      fc.problem(path, `duplicate claim "${id}": give it an "about" to tell it apart`);
      return;
    }
    fc.ctx.claimIds.add(id);
    fc.ctx.claimDrafts.push({
      id,
      eventId: claim.event,
      sourceId: src.id,
      property: claim.property,
      about: claim.about ?? null,
      value: claim.value,
      ...attributed,
      ...found.span,
      text: found.text,
    });
  });
}

/** Every claim, once every file is read, with its status among the claims about the same thing. */
export function finishClaims(ctx: ResolveContext): void {
  const verdicts = judgeClaims(ctx.claimDrafts);
  for (const c of ctx.claimDrafts)
    ctx.dataset.claims.push({ ...c, status: verdicts.get(c.id)?.status ?? 'single_source' });
}
