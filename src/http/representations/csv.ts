import { z } from 'zod';
import { readableColumnOf } from '../../component.js';

/**
 * CSV (SPEC §4.2): RFC 4180, UTF-8, CRLF, a header row. An item's columns are read off its zod
 * schema: nested objects flatten to dotted names (`date.start`), and an array is one cell holding
 * its JSON (`participants`), so nothing is lost and a row parses back to the item. An array a person
 * reads in a spreadsheet also gets a readable column beside it (`participant_names`: "North Korea
 * (agent); South Korea (target)"), derived from it and skipped when a row is read back. An empty
 * cell is null (or absent). Cells a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`,
 * tab, carriage return) are prefixed with `'`; numbers are left alone.
 */

export interface Column {
  /** The header: the field's path, dotted. */
  name: string;
  path: readonly string[];
  /** How the cell holds the value: as text, a number, `true`/`false`, or JSON. */
  kind: 'string' | 'number' | 'boolean' | 'json';
  /** Whether an empty cell means null. */
  nullable: boolean;
  /** A readable column's text of the field's value (the field has its JSON column too). */
  readable?: (value: never) => string;
}

const columnsCache = new WeakMap<z.ZodType, Column[]>();

/** The columns of an item schema, in its fields' order. */
export function columnsOf(schema: z.ZodType): Column[] {
  let columns = columnsCache.get(schema);
  if (!columns) {
    columns = walk(schema, [], false);
    columnsCache.set(schema, columns);
  }
  return columns;
}

function walk(schema: z.ZodType, path: string[], nullable: boolean): Column[] {
  const readable = readableColumnOf(schema);
  let s: unknown = schema;
  let optional = nullable;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) {
    if (!(s instanceof z.ZodDefault)) optional = true;
    s = s.unwrap();
  }
  if (s instanceof z.ZodObject)
    return Object.entries(s.shape as Record<string, z.ZodType>).flatMap(([key, field]) =>
      walk(field, [...path, key], optional),
    );
  const kind =
    s instanceof z.ZodNumber
      ? 'number'
      : s instanceof z.ZodBoolean
        ? 'boolean'
        : isText(s)
          ? 'string'
          : 'json';
  const column: Column = { name: path.join('.'), path, kind, nullable: optional };
  if (readable === undefined) return [column];
  const name = [...path.slice(0, -1), readable.name].join('.');
  return [column, { name, path, kind: 'string', nullable: true, readable: readable.text }];
}

function isText(schema: unknown): boolean {
  return (
    schema instanceof z.ZodString ||
    schema instanceof z.ZodEnum ||
    schema instanceof z.ZodStringFormat ||
    (schema instanceof z.ZodLiteral && typeof schema.value === 'string')
  );
}

/** The columns of the fields kept (all of them when `fields` is undefined). */
export function keptColumns(columns: readonly Column[], fields: readonly string[] | undefined): Column[] {
  return fields === undefined ? [...columns] : columns.filter((c) => fields.includes(c.path[0] ?? ''));
}

function cell(item: unknown, column: Column): unknown {
  let value: unknown = item;
  for (const key of column.path) {
    if (value === null || value === undefined) return null;
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined || value === null) return null;
  if (column.readable) return column.readable(value as never);
  return column.kind === 'json' ? JSON.stringify(value) : value;
}

/** A spreadsheet runs a cell starting with one of these as a formula (OWASP's CSV injection list). */
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r']);
/** RFC 4180 §2.6: a field holding a comma, a double quote or a line break is quoted. */
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/**
 * One field. Written here rather than by a general CSV library: the dialect is fixed, and at a
 * million rows the library's per-cell options and casts cost about twice the whole export's
 * serialisation here. Numbers and booleans never need quoting or neutralising.
 */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_STARTS.has(value.charAt(0)) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

function record(values: readonly unknown[]): string {
  return `${values.map(field).join(',')}\r\n`;
}

/** The header row. */
export function csvHeader(columns: readonly Column[]): string {
  return record(columns.map((c) => c.name));
}

/** The rows of `items`, one per item. */
export function csvRows(items: readonly unknown[], columns: readonly Column[]): string {
  let rows = '';
  for (const item of items) rows += record(columns.map((column) => cell(item, column)));
  return rows;
}
