/**
 * A problem found in the seeds, reported as `file: json.path: message`. A warning is what a machine
 * can only suspect (a speaker the text never names near the quote): it is printed and does not stop
 * the seed, unless the seed runs `--strict`.
 */
export interface SeedIssue {
  file: string;
  path: string;
  message: string;
  warning?: boolean;
  /** An item `npm run propose` drafted that nobody has reviewed (accepted only for a preview). */
  proposed?: boolean;
}

export function formatIssue(issue: SeedIssue): string {
  return `${issue.file}: ${issue.path}: ${issue.warning ? 'warning: ' : ''}${issue.message}`;
}

/** `['events', 3, 'evidence', 0]` → `events[3].evidence[0]`; the root is `$`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '$' : out;
}

/** Thrown by the seed pipeline when the seeds cannot be loaded; carries every problem found. */
export class SeedError extends Error {
  readonly issues: SeedIssue[];

  constructor(issues: SeedIssue[]) {
    super(
      `the seeds have ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${issues.map(formatIssue).join('\n')}`,
    );
    this.name = 'SeedError';
    this.issues = issues;
  }
}
