import type { ActorKind } from '../domain/vocabulary.js';
import type { Mention } from './mentions.js';

/** The actors a draft proposes, as every step of the proposer sees them (actors.ts builds them). */

export type Gender = 'male' | 'female';

export interface ActorRole {
  title: string;
  of: string | undefined;
  start: number;
  end: number;
}

export interface ProposedActor {
  id: string;
  /** Whether the record already has this actor (the draft then gives only this article's forms). */
  existing: boolean;
  name: string;
  kind: ActorKind;
  description: string | undefined;
  mentions: Mention[];
  gender: Gender | undefined;
  roles: ActorRole[];
  /** Lower-case nouns a definite description may refer back to it by ("ministry", "spokeswoman"). */
  heads: Set<string>;
  confidence: number;
  rule: string;
  because: string;
}

export interface ActorsResult {
  actors: ProposedActor[];
  actorOf: Map<Mention, ProposedActor>;
}
