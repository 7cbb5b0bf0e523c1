import type { Db } from '../db/open.js';
import { createActorRepository } from './actors/repository.js';
import { createClaimRepository } from './claims/repository.js';
import { createCompareRepository } from './compare/repository.js';
import { createEventRepository } from './events/repository.js';
import { createQuoteRepository } from './quotes/repository.js';
import { createSourceRepository } from './sources/repository.js';

/** Every resource's repository on one database: the one wiring the app, the tests and the tools use. */
export function createRepositories(db: Db) {
  const claims = createClaimRepository(db);
  const quotes = createQuoteRepository(db);
  const events = createEventRepository(db, claims, quotes);
  return {
    events,
    compare: createCompareRepository(events, claims),
    actors: createActorRepository(db),
    quotes,
    claims,
    sources: createSourceRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
