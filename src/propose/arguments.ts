import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { localDate } from '../domain/dates.js';
import { isTimeZone, SLUG } from '../seed/annotation-schema.js';
import { DEFAULT_SEEDS_DIR } from '../seed/defaults.js';

/** The propose command's arguments and article, checked: every refusal is one line for the caller. */

/** A mistake of the caller: printed as one line, exit code 2. */
export class UsageError extends Error {}

function options(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      id: { type: 'string' },
      outlet: { type: 'string' },
      published: { type: 'string' },
      timezone: { type: 'string', default: 'UTC' },
      title: { type: 'string' },
      author: { type: 'string', multiple: true },
      url: { type: 'string' },
      language: { type: 'string' },
      seeds: { type: 'string', default: DEFAULT_SEEDS_DIR },
      force: { type: 'boolean', default: false },
    },
  });
}

export interface Arguments {
  article: string;
  id: string;
  outlet: string;
  published: string;
  timezone: string;
  title: string | undefined;
  authors: string[] | undefined;
  url: string | undefined;
  language: string | undefined;
  seeds: string;
  force: boolean;
}

export function parseArguments(argv: string[]): Arguments {
  let parsed: ReturnType<typeof options>;
  try {
    parsed = options(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? 'give the article’s text file'
        : `one article at a time, not ${positionals.length}`,
    );
  for (const required of ['id', 'outlet', 'published'] as const)
    if (values[required] === undefined || values[required].trim() === '')
      throw new UsageError(`--${required} is required`);
  const id = values.id as string;
  if (!SLUG.test(id))
    throw new UsageError(`--id ${JSON.stringify(id)} must be a lowercase slug such as "yonhap-2020-06-24"`);
  if (!isTimeZone(values.timezone))
    throw new UsageError(
      `--timezone ${JSON.stringify(values.timezone)} is not an IANA time zone such as "Asia/Seoul"`,
    );
  try {
    localDate(values.published as string, values.timezone);
  } catch {
    throw new UsageError(
      `--published ${JSON.stringify(values.published)} is not a real date (YYYY-MM-DD, or an ISO date-time with offset)`,
    );
  }
  if (values.url !== undefined && !URL.canParse(values.url))
    throw new UsageError(`--url ${JSON.stringify(values.url)} is not a URL`);
  return {
    article: positionals[0] as string,
    id,
    outlet: (values.outlet as string).trim(),
    published: values.published as string,
    timezone: values.timezone,
    title: values.title,
    authors: values.author,
    url: values.url,
    language: values.language,
    seeds: values.seeds,
    force: values.force,
  };
}

/** The article's text: read as bytes, refused unless it is UTF-8 with words in it. */
export async function readArticle(file: string): Promise<{ bytes: Buffer; text: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new UsageError(`${file}: cannot read the article: ${why}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new UsageError(
      `${file}: the article is not UTF-8 text; convert it first (e.g. iconv -f latin1 -t utf-8)`,
    );
  }
  if (text.trim() === '') throw new UsageError(`${file}: the article is empty`);
  return { bytes, text };
}
