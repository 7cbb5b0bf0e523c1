/**
 * The page's only way to the data: the public API, the same requests any client can make. Items
 * that do not change while the page is open (sources, their texts, actors) are kept once fetched.
 */

/**
 * @typedef {import('./api-types').EventList} EventList
 * @typedef {import('./api-types').Volume} Volume
 * @typedef {import('./api-types').EventDetail} EventDetail
 * @typedef {import('./api-types').Actor} Actor
 * @typedef {import('./api-types').ActorProfile} ActorProfile
 * @typedef {import('./api-types').Quote} Quote
 * @typedef {import('./api-types').Source} Source
 * @typedef {import('./api-types').List<Actor>} ActorList
 * @typedef {import('./api-types').List<Quote>} QuoteList
 * @typedef {import('./api-types').List<Source>} SourceList
 * @typedef {import('./api-types').CompareResult} CompareResult
 */

/** An answer other than 2xx, with the problem's detail when the API sent one. */
class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {Response} response
 * @param {string} url
 */
async function failure(response, url) {
  let detail = response.statusText;
  try {
    const problem = /** @type {{ detail?: string }} */ (await response.json());
    if (problem.detail) detail = problem.detail;
  } catch {
    // not a problem document
  }
  return new ApiError(response.status, `${url}: ${response.status} ${detail}`);
}

/**
 * GET a JSON document.
 *
 * @template T
 * @param {string} path
 * @param {URLSearchParams} [params]
 * @param {AbortSignal} [signal]
 * @returns {Promise<T>}
 */
async function getJson(path, params, signal) {
  const query = params?.toString();
  const url = query ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal: signal ?? null });
  if (!response.ok) throw await failure(response, url);
  return /** @type {Promise<T>} */ (response.json());
}

/**
 * A cache of promises by key: one request per item, shared by whoever asks while it runs. A failed
 * request is forgotten, so a later ask tries again.
 *
 * @template T
 * @param {(key: string) => Promise<T>} load
 */
function memo(load) {
  /** @type {Map<string, Promise<T>>} */
  const cache = new Map();
  /** @type {Map<string, T>} */
  const settled = new Map();
  return {
    /** @param {string} key */
    get(key) {
      let promise = cache.get(key);
      if (!promise) {
        promise = load(key).then(
          (value) => (settled.set(key, value), value),
          (error) => {
            cache.delete(key);
            throw error;
          },
        );
        cache.set(key, promise);
      }
      return promise;
    },
    /** @param {string} key */
    peek(key) {
      return settled.get(key);
    },
    /**
     * What a request for many keys brought back, kept as if each had been asked for alone.
     *
     * @param {string} key
     * @param {T} value
     */
    put(key, value) {
      settled.set(key, value);
      if (!cache.has(key)) cache.set(key, Promise.resolve(value));
    },
  };
}

const enc = encodeURIComponent;

export const sources = memo((id) => getJson(`/v1/sources/${enc(id)}`));
export const actors = memo((id) => getJson(`/v1/actors/${enc(id)}`));
export const texts = memo(async (id) => {
  const url = `/v1/sources/${enc(id)}/text`;
  const response = await fetch(url, { headers: { accept: 'text/plain' } });
  if (!response.ok) throw await failure(response, url);
  return response.text();
});

/** @type {(id: string) => Promise<Source>} */
export const source = (id) => /** @type {Promise<Source>} */ (sources.get(id));

/** How many ids `/v1/sources?id=…` takes at once. */
const SOURCE_IDS_PER_REQUEST = 100;

/**
 * The sources of many ids with one request per hundred (`/v1/sources?id=…`) rather than one each;
 * those already fetched are not asked again. Ids that name no source are left out.
 *
 * @param {string[]} ids
 * @returns {Promise<Source[]>}
 */
export async function sourcesOf(ids) {
  const missing = [...new Set(ids)].filter((id) => sources.peek(id) === undefined);
  /** @type {Promise<void>[]} */
  const requests = [];
  for (let i = 0; i < missing.length; i += SOURCE_IDS_PER_REQUEST) {
    const params = new URLSearchParams({ limit: String(SOURCE_IDS_PER_REQUEST) });
    for (const id of missing.slice(i, i + SOURCE_IDS_PER_REQUEST)) params.append('id', id);
    requests.push(
      getJson('/v1/sources', params).then((list) => {
        for (const found of /** @type {{ data: Source[] }} */ (list).data) sources.put(found.id, found);
      }),
    );
  }
  await Promise.all(requests);
  return ids.flatMap((id) => {
    const found = /** @type {Source | undefined} */ (sources.peek(id));
    return found ? [found] : [];
  });
}

/** @type {(id: string) => Promise<ActorProfile>} */
export const actor = (id) => /** @type {Promise<ActorProfile>} */ (actors.get(id));

/** @type {(id: string) => Promise<string>} */
export const text = (id) => texts.get(id);

/**
 * The first sources of the record, in id order (`/v1/sources`).
 *
 * @param {number} limit
 * @param {AbortSignal} [signal]
 * @returns {Promise<SourceList>}
 */
export function firstSources(limit, signal) {
  return getJson('/v1/sources', new URLSearchParams({ limit: String(limit) }), signal);
}

/**
 * What two or more sources report, side by side, under the timeline filters (`/v1/compare`).
 *
 * @param {URLSearchParams} params
 * @param {AbortSignal} [signal]
 * @returns {Promise<CompareResult>}
 */
export function compare(params, signal) {
  return getJson('/v1/compare', params, signal);
}

/**
 * Quotes (`/v1/quotes`), e.g. those whose words match `q`.
 *
 * @param {URLSearchParams} params
 * @param {AbortSignal} [signal]
 * @returns {Promise<QuoteList>}
 */
export function quotes(params, signal) {
  return getJson('/v1/quotes', params, signal);
}

/**
 * A page of the timeline (`/v1/events`).
 *
 * @param {URLSearchParams} params
 * @param {AbortSignal} [signal]
 * @returns {Promise<EventList>}
 */
export function events(params, signal) {
  return getJson('/v1/events', params, signal);
}

/**
 * Counts over time (`/v1/events/volume`).
 *
 * @param {URLSearchParams} params
 * @param {AbortSignal} [signal]
 * @returns {Promise<Volume>}
 */
export function volume(params, signal) {
  return getJson('/v1/events/volume', params, signal);
}

/**
 * One event with its claims, aspects and quotes.
 *
 * @param {string} id
 * @param {AbortSignal} [signal]
 * @returns {Promise<EventDetail>}
 */
export function event(id, signal) {
  return getJson(`/v1/events/${enc(id)}`, undefined, signal);
}

/**
 * The first and last days the record's events are dated: the start of the earliest and the end of
 * the latest; null for an empty record.
 *
 * @returns {Promise<{ from: string, to: string } | null>}
 */
export async function recordSpan() {
  const [first, last] = await Promise.all(
    ['asc', 'desc'].map((order) =>
      events(new URLSearchParams({ order, limit: '1' })).then((page) => page.data[0]),
    ),
  );
  return first && last ? { from: first.date.start, to: last.date.end } : null;
}

/**
 * Actors by name or alias (case-, accent- and hyphen-insensitive).
 *
 * @param {string} q
 * @param {AbortSignal} [signal]
 * @returns {Promise<ActorList>}
 */
export function searchActors(q, signal) {
  return getJson('/v1/actors', new URLSearchParams({ q, limit: '8' }), signal);
}

/**
 * The quotes an actor spoke.
 *
 * @param {string} id
 * @param {AbortSignal} [signal]
 * @returns {Promise<QuoteList>}
 */
export function actorQuotes(id, signal) {
  return getJson(`/v1/actors/${enc(id)}/quotes`, new URLSearchParams({ limit: '50' }), signal);
}
