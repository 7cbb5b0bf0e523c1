import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArguments, readArticle, UsageError } from './arguments.js';
import { proposeDraft } from './run.js';

/**
 * The propose command: drafts the annotation of a new article for a person to review.
 *
 *   npm run propose -- ARTICLE.txt --id SLUG --outlet NAME --published YYYY-MM-DD
 *     [--timezone IANA] [--title T] [--author A]... [--url U] [--seeds DIR] [--force]
 *
 * Every bad input is one line on stderr and a non-zero exit; the draft is written atomically.
 */

const USAGE =
  'usage: npm run propose -- ARTICLE.txt --id SLUG --outlet NAME --published YYYY-MM-DD [--timezone IANA] [--title T] [--author A]... [--url U] [--seeds DIR] [--force]';

async function main(argv: string[]): Promise<number> {
  const args = parseArguments(argv);
  const { bytes, text } = await readArticle(args.article);
  const seeds = path.resolve(args.seeds);
  await mkdir(seeds, { recursive: true });
  const result = await proposeDraft(args, text, bytes, seeds);
  const json = `${JSON.stringify(result.draft, null, 2)}\n`;
  const temporary = `${result.target}.${process.pid}.tmp`;
  try {
    if (result.copyText) await writeFile(result.copyText, bytes, { flag: 'wx' });
    await writeFile(temporary, json);
    await rename(temporary, result.target);
  } catch (error) {
    await rm(temporary, { force: true });
    if (result.copyText) await rm(result.copyText, { force: true });
    throw new UsageError(`${result.target}: cannot write the draft: ${(error as Error).message}`);
  }
  for (const line of result.report) console.log(line);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`propose: ${error.message}`);
  if (/required|give the article|Unknown option|one article/u.test(error.message)) console.error(USAGE);
  process.exitCode = 2;
}
