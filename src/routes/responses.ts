import { ProblemSchema } from '../schemas/common.js';

/** Problem responses for a route's schema; every route documents the statuses it can return. */
export function problems(...statuses: number[]): Record<number, typeof ProblemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ProblemSchema]));
}
