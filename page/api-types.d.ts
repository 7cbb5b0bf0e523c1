/**
 * What the page reads of the API, by the names of the document's component schemas
 * (openapi/openapi.json). Only the fields the page uses; test/page/typecheck.test.ts checks that
 * the document's own types are assignable to these, so a change of the API that breaks the page
 * fails the tests.
 */

export type Precision = 'day' | 'week' | 'month' | 'year';
export type ClaimStatus =
  'corroborated' | 'compatible' | 'contested' | 'differing_characterisation' | 'single_source';
export type EventStatus = 'corroborated' | 'contested' | 'differing_characterisation' | 'single_source';

export interface Span {
  source: string;
  start: number;
  end: number;
  text: string;
}

export interface ActorRef {
  id: string;
  name: string;
  kind: string;
}

export interface Attribution {
  actor: ActorRef | null;
  description: string | null;
}

export interface DateValue {
  start: string;
  end: string;
  precision: Precision;
  edtf: string;
  approximate: boolean;
  phrase: string | null;
  reason: string | null;
  source: string | null;
}

export interface SourceDate extends DateValue {
  source: string;
  evidence: Span;
  status: ClaimStatus;
  attributed_to: Attribution | null;
}

export interface EventDate extends DateValue {
  status: ClaimStatus;
  by_source: SourceDate[];
}

export interface Event {
  id: string;
  title: string;
  summary: string;
  type: string;
  date: EventDate;
  tense: string;
  location: string | null;
  status: EventStatus;
  participants: { actor: ActorRef; role: string }[];
  sources: { source: string; evidence: Span[] }[];
}

export interface Claim {
  id: string;
  event: string;
  source: string;
  property: string;
  about: string | null;
  value: number | string | DateValue;
  approximate: boolean;
  attributed_to: Attribution | null;
  evidence: Span;
  status: ClaimStatus;
}

export interface Aspect {
  property: string;
  about: string | null;
  status: ClaimStatus;
  claims: Claim[];
}

export interface Quote {
  id: string;
  text: string;
  speaker: ActorRef | null;
  speaker_description: string | null;
  source: string;
  span: { start: number; end: number };
  kind: 'full' | 'fragment';
  event: string | null;
  reported_via: ActorRef | null;
  subject: ActorRef | null;
  attribution: 'explicit' | 'inferred';
}

export interface EventDetail extends Event {
  claims: Claim[];
  aspects: Aspect[];
  quotes: Quote[];
}

export interface Actor {
  id: string;
  name: string;
  kind: string;
  aliases: string[];
  description: string | null;
}

export interface ActorProfile extends Actor {
  roles: { title: string; of: ActorRef | null; evidence: Span }[];
  relations: { type: string; direction: 'outgoing' | 'incoming'; actor: ActorRef; evidence: Span }[];
  counts: { events: number; quotes: number };
  mentions: { source: string; names: { name: string; count: number; evidence: Span[] }[] }[];
  first_event_date: string | null;
  last_event_date: string | null;
}

export interface Source {
  id: string;
  title: string;
  outlet: string;
  authors: string[];
  published: string;
}

export interface FacetCounts {
  values: { value: string; count: number }[];
  truncated: boolean;
}

export interface List<T> {
  data: T[];
  page: { limit: number; next_cursor: string | null; total?: number };
}

export interface EventList extends List<Event> {
  facets?: { type?: FacetCounts; status?: FacetCounts; source?: FacetCounts };
}

export interface VolumeGroup {
  value: string;
  events: number;
}

/** `groups` only with `by=`. */
export interface VolumePeriod {
  period: string;
  start: string;
  end: string;
  events: number;
  overlapping: number;
  groups?: (VolumeGroup & { overlapping?: number })[];
}

export interface VolumeApart {
  period: string;
  start: string;
  end: string;
  events: number;
  groups?: VolumeGroup[];
}

export interface Volume {
  interval: Precision;
  from: string | null;
  to: string | null;
  total: number;
  periods: VolumePeriod[];
  apart: VolumeApart[];
}

export interface Comparison {
  id: string;
  event: Event;
  reported_by: string[];
  shared: boolean;
  aspects: Aspect[];
}

export interface CompareResult extends List<Comparison> {
  summary: {
    events: number;
    shared: number;
    only: { source: string; events: number }[];
    aspects: Record<ClaimStatus, number>;
    pairs: { sources: string[]; shared: number; aspects: Record<ClaimStatus, number> }[];
  };
}
