/**
 * The workbench's edits of an annotation document, as pure functions: each takes the document and
 * returns a new one (the old is untouched, so undo keeps it as it was). Items are named by their
 * JSON path (`quotes[2]`, `events[4].date`), as the seed names them in its messages. No DOM.
 */

/** @typedef {Record<string, any>} Doc */
/** @typedef {'actors' | 'events' | 'claims' | 'quotes'} Kind */

const ITEM = /^(actors|events|claims|quotes)\[(\d+)\](\.date)?$/u;

/**
 * The parts of an item path.
 *
 * @param {string} item
 * @returns {{ kind: Kind, index: number, date: boolean }}
 */
export function parseItem(item) {
  const m = ITEM.exec(item);
  if (!m) throw new Error(`not an item path: ${item}`);
  return { kind: /** @type {Kind} */ (m[1]), index: Number(m[2]), date: m[3] !== undefined };
}

/**
 * The item at a path (an event's date for `events[i].date`), or undefined.
 *
 * @param {Doc} doc
 * @param {string} item
 */
export function itemAt(doc, item) {
  const { kind, index, date } = parseItem(item);
  const found = doc[kind]?.[index];
  return date ? found?.date : found;
}

/** @param {Doc} doc */
const copy = (doc) => /** @type {Doc} */ (structuredClone(doc));

/**
 * The item accepted as it is: its review mark removed.
 *
 * @param {Doc} doc
 * @param {string} item
 */
export function accept(doc, item) {
  const out = copy(doc);
  const target = itemAt(out, item);
  if (target) delete target.review;
  return out;
}

/**
 * The item replaced by `value` (an edit), keeping its review mark unless `value` gives one. An actor
 * or event given another id takes its references along, unless another entry still has the old id.
 *
 * @param {Doc} doc
 * @param {string} item
 * @param {Doc} value
 */
export function replaceItem(doc, item, value) {
  const out = copy(doc);
  const { kind, index, date } = parseItem(item);
  const list = out[kind];
  if (!Array.isArray(list) || list[index] === undefined) return out;
  if (date) {
    list[index].date = value;
    return out;
  }
  const old = list[index].id;
  list[index] = value;
  const renamed = typeof old === 'string' && typeof value?.id === 'string' && value.id !== old;
  if (renamed && !list.some((/** @type {Doc} */ x) => x.id === old)) {
    if (kind === 'events') renameEvent(out, old, value.id);
    if (kind === 'actors') renameActor(out, old, value.id);
  }
  return out;
}

/**
 * The document without the item, and without what only made sense with it: the claims of a
 * rejected event, and every reference to a rejected actor or event (a quote's speaker becomes
 * unknown, a participant or role goes).
 *
 * @param {Doc} doc
 * @param {string} item
 */
export function reject(doc, item) {
  const out = copy(doc);
  const { kind, index, date } = parseItem(item);
  const list = out[kind];
  if (!Array.isArray(list) || list[index] === undefined) return out;
  if (date) {
    delete list[index].date;
    return out;
  }
  const [gone] = list.splice(index, 1);
  if (kind === 'actors') forgetActor(out, gone.id);
  if (kind === 'events') forgetEvent(out, gone.id);
  return out;
}

/**
 * @param {Doc} doc
 * @param {string} id
 */
function forgetActor(doc, id) {
  if (doc.actors?.some((/** @type {Doc} */ a) => a.id === id)) return; // another entry still defines it
  for (const a of doc.actors ?? []) {
    a.roles = (a.roles ?? []).filter((/** @type {Doc} */ r) => r.of !== id);
    a.relations = (a.relations ?? []).filter((/** @type {Doc} */ r) => r.object !== id);
  }
  for (const e of doc.events ?? [])
    e.participants = (e.participants ?? []).filter((/** @type {Doc} */ p) => p.actor !== id);
  for (const c of doc.claims ?? []) if (c.attributed_to?.actor === id) delete c.attributed_to;
  doc.claims = (doc.claims ?? []).filter(
    (/** @type {Doc} */ c) => !(c.property === 'actor' && c.value === id),
  );
  for (const q of doc.quotes ?? [])
    for (const key of ['speaker', 'subject', 'reported_via']) if (q[key] === id) q[key] = null;
}

/**
 * @param {Doc} doc
 * @param {string} id
 */
function forgetEvent(doc, id) {
  if (doc.events?.some((/** @type {Doc} */ e) => e.id === id)) return;
  doc.claims = (doc.claims ?? []).filter((/** @type {Doc} */ c) => c.event !== id);
  for (const q of doc.quotes ?? []) if (q.event === id) q.event = null;
}

/**
 * The event or actor at `item` made the record's `id` (linked, or merged), every reference to its
 * old id following it. The fields the record already gives (`given`) are dropped, since a source
 * that links to an item does not restate them. Its review mark is removed: linking is the review.
 *
 * @param {Doc} doc
 * @param {string} item
 * @param {string} id
 * @param {string[]} given
 */
export function link(doc, item, id, given) {
  const out = copy(doc);
  const { kind, index } = parseItem(item);
  const target = out[kind]?.[index];
  if (!target || (kind !== 'events' && kind !== 'actors')) return out;
  const old = target.id;
  const kept = Object.fromEntries(
    Object.entries(target).filter(([field]) => field !== 'review' && !given.includes(field)),
  );
  out[kind][index] = { ...kept, id };
  if (kind === 'events') renameEvent(out, old, id);
  else renameActor(out, old, id);
  return out;
}

/**
 * @param {Doc} doc
 * @param {string} from
 * @param {string} to
 */
function renameEvent(doc, from, to) {
  for (const c of doc.claims ?? []) if (c.event === from) c.event = to;
  for (const q of doc.quotes ?? []) if (q.event === from) q.event = to;
}

/**
 * @param {Doc} doc
 * @param {string} from
 * @param {string} to
 */
function renameActor(doc, from, to) {
  for (const a of doc.actors ?? []) {
    for (const r of a.roles ?? []) if (r.of === from) r.of = to;
    for (const r of a.relations ?? []) if (r.object === from) r.object = to;
  }
  for (const e of doc.events ?? []) for (const p of e.participants ?? []) if (p.actor === from) p.actor = to;
  for (const c of doc.claims ?? []) {
    if (c.attributed_to?.actor === from) c.attributed_to.actor = to;
    if (c.property === 'actor' && c.value === from) c.value = to;
  }
  for (const q of doc.quotes ?? [])
    for (const key of ['speaker', 'subject', 'reported_via']) if (q[key] === from) q[key] = to;
}

/**
 * The document with an evidence reference added where the kind of item keeps its words: another
 * alias of an actor, more evidence of an event, the words of a claim, a quote or a date (replaced).
 *
 * @param {Doc} doc
 * @param {string} item
 * @param {string | Doc} ref
 */
export function addEvidence(doc, item, ref) {
  const out = copy(doc);
  const { kind, date } = parseItem(item);
  const target = itemAt(out, item);
  if (!target) return out;
  if (date) {
    if (target.value === undefined) target.phrase = ref;
    else target.evidence = ref;
  } else if (kind === 'actors') target.aliases = [...(target.aliases ?? []), ref];
  else if (kind === 'events') target.evidence = [...(target.evidence ?? []), ref];
  else if (kind === 'claims') target.evidence = ref;
  else target.text = ref;
  return out;
}

/**
 * The document with a new quote of the selected words, said by `speaker` (an actor id, or null
 * for a speaker to be named), and the path of the quote.
 *
 * @param {Doc} doc
 * @param {string | Doc} ref
 * @param {string | null} speaker
 * @returns {{ doc: Doc, item: string }}
 */
export function addQuote(doc, ref, speaker) {
  const out = copy(doc);
  out.quotes = [...(out.quotes ?? []), { text: ref, speaker, kind: 'full' }];
  return { doc: out, item: `quotes[${out.quotes.length - 1}]` };
}

/**
 * An id for new words, as the proposer makes them: lower-case words joined by hyphens, at most 60
 * characters cut at a word, and not one the document uses already (`-2`, `-3`… where it does).
 *
 * @param {Doc} doc
 * @param {string} words
 * @param {string} fallback the id for words with no letter or digit
 */
export function newId(doc, words, fallback) {
  const parts =
    words
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/['’]/gu, '')
      .match(/[a-z0-9]+/gu) ?? [];
  let base = '';
  for (const part of parts) {
    const next = base === '' ? part : `${base}-${part}`;
    if (next.length > 60 && base !== '') break;
    base = next.slice(0, 60);
  }
  if (base === '') base = fallback;
  const taken = new Set([...(doc.events ?? []), ...(doc.actors ?? [])].map((/** @type {Doc} */ x) => x.id));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The document with a new event whose evidence is the selected words, and the path of the event.
 * Its id comes from the words; its title, type, date and participants are the reviewer's to give.
 *
 * @param {Doc} doc
 * @param {string | Doc} ref
 * @param {string} words
 * @returns {{ doc: Doc, item: string }}
 */
export function addEvent(doc, ref, words) {
  const out = copy(doc);
  out.events = [...(out.events ?? []), { id: newId(doc, words, 'event'), evidence: [ref], participants: [] }];
  return { doc: out, item: `events[${out.events.length - 1}]` };
}

/**
 * The document with a new claim about `event`, its words the selected ones: a characterisation
 * until the reviewer names its property, the words themselves its value.
 *
 * @param {Doc} doc
 * @param {string} event an event id
 * @param {string | Doc} ref
 * @param {string} words
 * @returns {{ doc: Doc, item: string }}
 */
export function addClaim(doc, event, ref, words) {
  const out = copy(doc);
  out.claims = [...(out.claims ?? []), { event, property: 'characterisation', value: words, evidence: ref }];
  return { doc: out, item: `claims[${out.claims.length - 1}]` };
}

/**
 * Undo and redo over whole documents: small (an annotation is tens of kB), and always a document
 * the person saw.
 */
export class History {
  /** @param {Doc} doc */
  constructor(doc) {
    /** @type {Doc[]} */
    this.past = [];
    /** @type {Doc[]} */
    this.future = [];
    this.current = doc;
  }

  /** @param {Doc} doc */
  push(doc) {
    this.past.push(this.current);
    this.future = [];
    this.current = doc;
    return doc;
  }

  undo() {
    const doc = this.past.pop();
    if (doc === undefined) return undefined;
    this.future.push(this.current);
    this.current = doc;
    return doc;
  }

  redo() {
    const doc = this.future.pop();
    if (doc === undefined) return undefined;
    this.past.push(this.current);
    this.current = doc;
    return doc;
  }
}
