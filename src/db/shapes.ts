import { eq, inArray, type Placeholder, type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/**
 * Queries whose SQL depends on the request (which filters are present, the sort direction) are
 * described with named placeholders instead of values, so that each distinct *shape* is built and
 * prepared by drizzle once and then only run. Building SQL is what drizzle spends most of its time
 * on: see docs/benchmarks.md.
 *
 * The invariant that makes a shape a safe cache key: every fragment that can differ between two
 * requests either binds a placeholder of its own name or declares a `flag`. Two descriptions with the
 * same names and flags, in the same order, therefore produce the same SQL text.
 */
export class Bindings {
  readonly values: Record<string, unknown> = {};
  private readonly names: string[] = [];

  /** A placeholder for `value`, named for the fragment it belongs to. */
  bind(name: string, value: unknown): Placeholder {
    if (Object.hasOwn(this.values, name)) throw new Error(`placeholder "${name}" is bound twice`);
    this.values[name] = value;
    this.names.push(name);
    return sql.placeholder(name);
  }

  /** A list of any length behind one placeholder (see `jsonList`). */
  bindList(name: string, values: readonly (string | number)[]): SQL {
    return jsonList(this.bind(name, JSON.stringify(values)));
  }

  /**
   * `column = ?` for one distinct value, where an index on the column still delivers its order;
   * `column IN (list)` for several.
   */
  anyOf(column: SQLWrapper, name: string, values: readonly (string | number)[]): SQL {
    const distinct = [...new Set(values)];
    return distinct.length === 1
      ? eq(column, this.bind(name, distinct[0]))
      : inArray(column, this.bindList(`${name}[]`, distinct));
  }

  /** A structural choice that binds no value (a sort direction, a driving table). */
  flag(name: string): void {
    this.names.push(`#${name}`);
  }

  get shape(): string {
    return this.names.join(',');
  }
}

/**
 * `(SELECT value FROM json_each(?))`: a list of any length behind one placeholder (bound to a JSON
 * array), so that `IN (...)` does not make a new statement for every length.
 */
export function jsonList(placeholder: Placeholder): SQL {
  return sql`(SELECT value FROM json_each(${placeholder}))`;
}

/** Prepared queries by shape. Shapes are few (a handful of filters), so the bound is a safety net. */
export class ShapeCache<Q> {
  private readonly queries = new Map<string, Q>();

  constructor(private readonly maxShapes = 512) {}

  get(shape: string, build: () => Q): Q {
    let query = this.queries.get(shape);
    if (query === undefined) {
      query = build();
      if (this.queries.size < this.maxShapes) this.queries.set(shape, query);
    }
    return query;
  }
}
