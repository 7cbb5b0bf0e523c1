import { ProblemSchema } from '../schemas/common.js';

/**
 * Status codes every operation can answer: an `Accept` that allows nothing the operation produces
 * (406), and the catch-all of the error handler (500), which no input should ever reach.
 */
const ALWAYS = [406, 500];

/** Problem responses for a route's schema: the statuses it can return besides 200. */
export function problems(...statuses: number[]): Record<number, typeof ProblemSchema> {
  return Object.fromEntries([...statuses, ...ALWAYS].sort().map((s) => [s, ProblemSchema]));
}
