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
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const QUOTE_KINDS = ['full', 'fragment'] as const;
export type QuoteKind = (typeof QUOTE_KINDS)[number];

export const DATE_PRECISIONS = ['day', 'week', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const CLAIM_STATUSES = ['corroborated', 'single_source', 'contested'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
