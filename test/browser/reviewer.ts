import { itemAt, parseItem } from '../../page/workbench/model.js';
import { SourceText, type Span } from '../../src/domain/spans.js';
import { AnnotationFileSchema } from '../../src/seed/annotation-schema.js';
import { evidenceOf } from '../../src/workbench/review.js';

/**
 * A scripted reviewer of a draft: it knows the article's own annotation (the truth, held out from
 * the proposer) and decides each proposed item the workbench shows as a careful person would:
 * accept what agrees with the truth, link or retype what is the truth's item told differently, and
 * reject what the truth does not have. It sees only what the page shows and the document it has
 * built up by the same edits; the browser test carries out its decisions by keyboard.
 */

// Annotation documents are JSON of any shape, as the page holds them.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type Kind = 'actors' | 'events' | 'claims' | 'quotes';

export type Decision =
  | { action: 'accept' }
  | { action: 'reject' }
  | { action: 'link'; n: number }
  | { action: 'edit'; value: Json };

export interface Shown {
  /** The chosen item's path (`events[3]`, `events[3].date`). */
  item: string;
  /** The candidates the page offers for it, in order: their ids and the fields each gives. */
  candidates: { id: string; given: string[] }[];
}

const withoutReview = (x: Json): Json => {
  if (x === null || typeof x !== 'object') return x;
  const { review: _, ...rest } = x;
  return rest;
};

export class Reviewer {
  private readonly source: SourceText;

  constructor(
    readonly truth: Json,
    text: string,
  ) {
    this.source = new SourceText(text);
  }

  /** The code-point span of an evidence reference, or undefined where it locates nowhere. */
  spanOf(ref: Json): Span | undefined {
    const found = this.source.locate(typeof ref === 'string' ? { text: ref } : ref);
    return found.ok ? found.span : undefined;
  }

  /** Every located span of an item's evidence (its date's aside). */
  private spansOfItem(kind: Kind, item: Json): Span[] {
    return evidenceOf({ [kind]: [item] })
      .filter((e) => e.kind !== 'date')
      .map((e) => this.spanOf(e.ref))
      .filter((s): s is Span => s !== undefined);
  }

  /** How many code points two items' evidence share. */
  private overlap(kind: Kind, a: Json, b: Json): number {
    const bs = this.spansOfItem(kind, b);
    let shared = 0;
    for (const x of this.spansOfItem(kind, a))
      for (const y of bs) shared += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
    return shared;
  }

  /**
   * The item as the seed reads it, its evidence replaced by the spans it locates: two items are the
   * same when these are equal, whatever prefix or suffix either reference carries.
   */
  private canonical(kind: Kind, item: Json): string | undefined {
    const parsed = AnnotationFileSchema.safeParse({
      source: this.truth.source,
      [kind]: [withoutReview(item)],
    });
    if (!parsed.success) return undefined;
    const value: Json = (parsed.data as Json)[kind][0];
    const spans = (refs: Json[]) => refs.map((r) => this.spanOf(r));
    if (kind === 'actors') {
      value.aliases = spans(value.aliases);
      for (const r of [...value.roles, ...value.relations]) r.evidence = this.spanOf(r.evidence);
    } else if (kind === 'events') {
      value.evidence = spans(value.evidence);
      if (value.date?.phrase !== undefined) value.date.phrase = this.spanOf(value.date.phrase);
      if (value.date?.evidence !== undefined) value.date.evidence = this.spanOf(value.date.evidence);
    } else if (kind === 'claims') value.evidence = this.spanOf(value.evidence);
    else value.text = this.spanOf(value.text);
    return JSON.stringify(value);
  }

  same(kind: Kind, a: Json, b: Json): boolean {
    const x = this.canonical(kind, a);
    return x !== undefined && x === this.canonical(kind, b);
  }

  /** The truth's event a draft event stands for: the same id, else the most shared evidence. */
  truthEvent(event: Json): Json | undefined {
    const events: Json[] = this.truth.events;
    const byId = events.find((e) => e.id === event?.id);
    if (byId) return byId;
    const scored = events
      .map((e) => ({ e, shared: this.overlap('events', event, e) }))
      .filter((s) => s.shared > 0)
      .sort((a, b) => b.shared - a.shared);
    return scored[0]?.e;
  }

  /** The truth's actor a draft actor stands for: the same id, else a shared name or alias. */
  truthActor(actor: Json): Json | undefined {
    const actors: Json[] = this.truth.actors;
    const byId = actors.find((a) => a.id === actor?.id);
    if (byId) return byId;
    const words = (a: Json) =>
      new Set([a.name, ...(a.aliases ?? []).map((r: Json) => (typeof r === 'string' ? r : r?.text))]);
    const mine = words(actor);
    return actors.find((a) => [...words(a)].some((w) => w !== undefined && mine.has(w)));
  }

  /** What to do with the item the page shows, in the document as it stands. */
  decide(shown: Shown, doc: Json): Decision {
    const { kind, index, date } = parseItem(shown.item);
    const value = itemAt(doc, shown.item);
    if (date) return this.decideDate(doc.events[index]);
    if (kind === 'actors') return this.decideEntity('actors', value, shown, doc, this.truthActor(value));
    if (kind === 'events') return this.decideEntity('events', value, shown, doc, this.truthEvent(value));
    return this.decideWords(kind, value);
  }

  /**
   * An actor or event: accepted as the truth's, linked to the record's where a candidate is the
   * truth's, renamed where it is the truth's by another id; rejected where the truth has no such
   * item or the document has it already under that id.
   */
  private decideEntity(
    kind: 'actors' | 'events',
    value: Json,
    shown: Shown,
    doc: Json,
    truth: Json,
  ): Decision {
    if (truth === undefined) return { action: 'reject' };
    const others = (doc[kind] as Json[]).filter((x) => x !== value);
    if (others.some((x) => x.id === truth.id)) return { action: 'reject' };
    if (value.id === truth.id) return { action: 'accept' };
    const n = shown.candidates.findIndex((c) => c.id === truth.id);
    if (n >= 0 && n < 9) return { action: 'link', n };
    // Renamed, with the truth's words for what the record may give already (none where it has none).
    const fields = kind === 'actors' ? ['name', 'kind'] : ['title', 'summary', 'type', 'tense', 'location'];
    const kept = Object.entries(withoutReview(value)).filter(
      ([field]) => field !== 'id' && !fields.includes(field),
    );
    const told = fields.filter((field) => truth[field] !== undefined).map((field) => [field, truth[field]]);
    const renamed = { id: truth.id, ...Object.fromEntries([...kept, ...told]) };
    return { action: 'edit', value: renamed };
  }

  /** An event's date: accepted where it is the truth's, retyped where it differs, rejected where the truth gives none. */
  decideDate(event: Json): Decision {
    const truth = this.truthEvent(event);
    if (truth?.date === undefined) return { action: 'reject' };
    const mine = { ...withoutReview(event), date: withoutReview(event.date) };
    if (this.same('events', mine, { ...mine, date: truth.date })) return { action: 'accept' };
    return { action: 'edit', value: truth.date };
  }

  /** A claim or quote: the truth's item on the same words (and property), accepted or retyped; else rejected. */
  private decideWords(kind: 'claims' | 'quotes', value: Json): Decision {
    const candidates = (this.truth[kind] as Json[])
      .filter((t) => kind === 'quotes' || t.property === value.property)
      .map((t) => ({ t, shared: this.overlap(kind, value, t) }))
      .filter((s) => s.shared > 0)
      .sort((a, b) => b.shared - a.shared);
    const truth = candidates[0]?.t;
    if (truth === undefined) return { action: 'reject' };
    return this.same(kind, value, truth) ? { action: 'accept' } : { action: 'edit', value: truth };
  }

  /** The truth's claims of `event` on an aspect that `other` (another source's file) compares too. */
  sharedClaims(event: string, other: Json): Json[] {
    const aspects = new Set(
      (other.claims as Json[]).filter((c) => c.event === event).map((c) => `${c.property}/${c.about ?? ''}`),
    );
    return (this.truth.claims as Json[]).filter(
      (c) => c.event === event && aspects.has(`${c.property}/${c.about ?? ''}`),
    );
  }
}
