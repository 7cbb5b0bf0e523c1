/** The small controlled vocabularies of SPEC §2, shared by the annotation format and the API. */

export const ACTOR_KINDS = [
  'person',
  'organisation',
  'state',
  'body',
  'armed_force',
  'media',
  'group',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const EVENT_TYPES = [
  'meeting',
  'decision',
  'statement',
  'threat',
  'military_activity',
  'attack',
  'diplomacy',
  'propaganda',
  'policy',
  'report',
  'war',
  'commemoration',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const PARTICIPANT_ROLES = ['agent', 'target', 'participant', 'reporter'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const RELATION_TYPES = [
  'sibling_of',
  'leader_of',
  'member_of',
  'part_of',
  'spokesperson_for',
  'agency_of',
  'ally_of',
  'adversary_of',
  'affiliated_with',
  'based_in',
  'source_for',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const QUOTE_KINDS = ['full', 'fragment'] as const;
export type QuoteKind = (typeof QUOTE_KINDS)[number];

export const DATE_PRECISIONS = ['day', 'week', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/**
 * How a claim stands beside the other sources' claims about the same aspect (SPEC §2):
 * `corroborated` (the same value at the same precision), `compatible` (values that fit together,
 * one coarser or worked out by the annotator rather than stated), `contested` (values that cannot
 * both be true), `differing_characterisation` (free text that frames one aspect differently: side
 * by side, never a contradiction of fact), and `single_source` (no other source speaks to it).
 */
export const CLAIM_STATUSES = [
  'corroborated',
  'compatible',
  'contested',
  'differing_characterisation',
  'single_source',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/**
 * The status of an event: contested when any of its claims is; told by two or more sources,
 * differently characterised when they frame some aspect differently, else corroborated;
 * single-source when one source tells it.
 */
export const EVENT_STATUSES = [
  'corroborated',
  'contested',
  'differing_characterisation',
  'single_source',
] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/**
 * What a claim is about. Facts are compared by value: a `date` (an interval, compared by
 * containment), a `count` (a number, possibly approximate), a `location` (a place path from broad to
 * narrow, `Korean Peninsula / Demilitarized Zone`) and an `actor` (an actor id). Characterisations
 * are free text, compared by aspect: how an outlet frames what happened, a motive, a cause, …
 */
export const FACT_PROPERTIES = ['date', 'count', 'location', 'actor'] as const;
export const CHARACTERISATION_PROPERTIES = [
  'characterisation',
  'motive',
  'cause',
  'outcome',
  'assessment',
  'plan',
  'description',
] as const;
export const CLAIM_PROPERTIES = [...FACT_PROPERTIES, ...CHARACTERISATION_PROPERTIES] as const;
export type ClaimProperty = (typeof CLAIM_PROPERTIES)[number];

/** When an event lies relative to its source: reported (past), or presented as planned or expected. */
export const EVENT_TENSES = ['reported', 'planned', 'expected'] as const;
export type EventTense = (typeof EVENT_TENSES)[number];

/** How a quote's speaker is known: stated by the text, or implied (with a reason). */
export const ATTRIBUTIONS = ['explicit', 'inferred'] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

/** What a timeline's events can be counted by (SPEC §4.1 facets): each event counts once per value. */
export const FACETS = ['type', 'status', 'source', 'actor', 'precision'] as const;
export type Facet = (typeof FACETS)[number];

/** What a volume's counts can be split by (SPEC §4.1). */
export const VOLUME_BY = ['source', 'status', 'type', 'precision'] as const;
export type VolumeBy = (typeof VOLUME_BY)[number];

/** How many values of a facet are shown, most frequent first; a facet says when there are more. */
export const FACET_VALUES = 20;
