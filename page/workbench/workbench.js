/**
 * The workbench page: one annotation file of the seeds folder, its article with every annotated span
 * on it, the items the proposer drafted least confident first, and the seed's own verdict after
 * every change. Every edit is a pure function of model.js; this module draws and listens.
 */
import { byId, h, replace } from '../dom.js';
import { segments } from '../spans.js';
import {
  accept,
  addClaim,
  addEvent,
  addEvidence,
  addQuote,
  History,
  itemAt,
  link,
  parseItem,
  reject,
  replaceItem,
} from './model.js';

/**
 * @typedef {import('./model.js').Doc} Doc
 * @typedef {{ start: number, end: number, path: string, item: string, kind: string, proposed: boolean }} ItemSpan
 * @typedef {{ id: string, score: number, label: string, words: { source: string, text: string }[], given: string[] }} Candidate
 * @typedef {{ item: string, confidence: number, rule: string, because: string, candidates: Candidate[] }} Proposed
 * @typedef {{ path: string, message: string, warning?: boolean, proposed?: boolean }} Issue
 * @typedef {{ text: string, spans: ItemSpan[], queue: Proposed[], issues: Issue[] }} View
 */

const state = {
  token: readToken(),
  name: '',
  revision: '',
  /** @type {History} */
  history: new History({}),
  /** The document as last saved (or opened), to tell whether there is anything to save. */
  /** @type {Doc} */
  saved: {},
  /** @type {View} */
  view: { text: '', spans: [], queue: [], issues: [] },
  /** @type {string | undefined} */
  chosen: undefined,
  /** @type {{ start: number, end: number } | undefined} */
  selection: undefined,
  checks: 0,
};

/** The token from the URL the command printed (`#token=…`), kept for this tab only. */
function readToken() {
  const given = new URLSearchParams(location.hash.slice(1)).get('token');
  if (given) {
    sessionStorage.setItem('workbench-token', given);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem('workbench-token') ?? '';
}

/**
 * A call of the workbench's API; a problem is thrown as an Error with its detail and issues.
 *
 * @param {string} method
 * @param {string} url
 * @param {unknown} [body]
 * @param {Record<string, string>} [headers]
 */
async function api(method, url, body, headers = {}) {
  const response = await fetch(url, {
    method,
    headers: {
      'x-workbench-token': state.token,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = await response.json();
  if (!response.ok)
    throw Object.assign(new Error(answer.detail ?? response.statusText), {
      status: response.status,
      issues: answer.issues ?? [],
    });
  return answer;
}

/**
 * @param {string} message
 * @param {boolean} [bad]
 */
function say(message, bad = false) {
  const status = byId('status');
  status.textContent = message;
  status.classList.toggle('bad', bad);
}

const fileUrl = () => `/api/files/${encodeURIComponent(state.name)}`;
const doc = () => state.history.current;
const dirty = () => JSON.stringify(doc()) !== JSON.stringify(state.saved);

async function start() {
  if (!state.token) {
    say('This page needs the link the annotate command printed (it carries the token).', true);
    return;
  }
  const { files } = await api('GET', '/api/files');
  const select = /** @type {HTMLSelectElement} */ (byId('file'));
  replace(select, ...files.map((/** @type {string} */ f) => h('option', { value: f }, f)));
  const wanted = new URLSearchParams(location.search).get('file');
  const first = files.includes(wanted) ? wanted : (files.find((/** @type {string} */ f) => f) ?? '');
  select.value = first;
  select.addEventListener('change', () => void open(select.value));
  listen();
  if (first) await open(first);
}

/** @param {string} name */
async function open(name) {
  if (state.name && dirty() && !confirm(`${state.name} has unsaved changes. Open ${name} and lose them?`)) {
    /** @type {HTMLSelectElement} */ (byId('file')).value = state.name;
    return;
  }
  state.name = name;
  const answer = await api('GET', fileUrl());
  state.revision = answer.revision;
  state.history = new History(answer.document);
  state.saved = answer.document;
  state.view = answer;
  state.chosen = answer.queue[0]?.item;
  render();
  say(`Opened ${name}: ${answer.queue.length} items to review.`);
  performance.mark('workbench:checked');
}

/**
 * A new document (an edit, an undo): drawn at once, then checked by the seed's code. A decided item
 * leaves the queue, and the least confident one left is chosen next (`choose` undefined).
 *
 * @param {Doc | undefined} next
 * @param {string | undefined} [choose]
 */
function show(next, choose) {
  if (next === undefined) return;
  state.chosen = choose;
  renderItem();
  void check();
}

/**
 * @param {Doc} next
 * @param {string} [choose]
 */
function change(next, choose) {
  show(state.history.push(next), choose);
}

async function check() {
  const mine = ++state.checks;
  try {
    const view = await api('POST', `${fileUrl()}/check`, { document: doc() });
    if (mine !== state.checks) return; // a later change is being checked
    state.view = view;
    if (state.chosen === undefined || !exists(state.chosen)) state.chosen = view.queue[0]?.item;
    render();
    performance.mark('workbench:checked');
  } catch (error) {
    say(`Could not check the file: ${/** @type {Error} */ (error).message}`, true);
  }
}

/** @param {string} item */
function exists(item) {
  try {
    return itemAt(doc(), item) !== undefined;
  } catch {
    return false;
  }
}

function render() {
  renderArticle();
  renderQueue();
  renderItem();
  renderProblems();
  /** @type {HTMLButtonElement} */ (byId('undo')).disabled = state.history.past.length === 0;
  /** @type {HTMLButtonElement} */ (byId('redo')).disabled = state.history.future.length === 0;
}

function renderArticle() {
  const { text, spans } = state.view;
  const keyed = spans.map((s, i) => ({ start: s.start, end: s.end, key: String(i) }));
  const article = byId('article');
  let offset = 0;
  replace(
    article,
    ...segments(text, keyed).map((segment) => {
      const at = offset;
      offset += Array.from(segment.text).length;
      const covering = segment.keys.map((k) => /** @type {ItemSpan} */ (spans[Number(k)]));
      if (covering.length === 0) return h('span', { 'data-at': at }, segment.text);
      // The narrowest span is drawn (the one a click most likely means).
      const top = covering.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a));
      const chosen = covering.some((s) => s.item === state.chosen);
      return h(
        'span',
        {
          'data-at': at,
          'data-item': top.item,
          class: `wb-span kind-${top.kind}${top.proposed ? ' proposed' : ''}${chosen ? ' chosen' : ''}`,
          title: covering.map((s) => s.path).join(', '),
        },
        segment.text,
      );
    }),
  );
}

function renderQueue() {
  const { queue } = state.view;
  byId('queue-count').textContent = `(${queue.length})`;
  replace(
    byId('queue'),
    ...queue.map((p) =>
      h(
        'li',
        {},
        h(
          'button',
          { type: 'button', 'data-item': p.item, 'aria-current': p.item === state.chosen ? 'true' : 'false' },
          h('span', { class: 'wb-confidence' }, p.confidence.toFixed(2)),
          h('span', {}, `${labelOf(p.item)} `, h('small', {}, p.rule)),
        ),
      ),
    ),
  );
}

/**
 * What a person calls an item: its kind and its words.
 *
 * @param {string} item
 */
function labelOf(item) {
  const { kind, index, date } = parseItem(item);
  const value = doc()[kind]?.[index];
  if (!value) return item;
  if (date) return `Date of ${value.title ?? value.id}`;
  if (kind === 'actors') return `Actor ${value.name ?? value.id}`;
  if (kind === 'events') return `Event ${value.title ?? value.id}`;
  if (kind === 'claims') return `Claim ${value.property} = ${value.value} (${value.event})`;
  const words = typeof value.text === 'string' ? value.text : (value.text?.text ?? '');
  return `Quote “${words.length > 60 ? `${words.slice(0, 57)}…` : words}” by ${value.speaker ?? 'nobody yet'}`;
}

function renderItem() {
  const section = byId('item');
  const item = state.chosen;
  const value = item === undefined ? undefined : itemAt(doc(), item);
  section.hidden = value === undefined;
  if (item === undefined || value === undefined) return;
  section.dataset.item = item;
  const proposed = state.view.queue.find((p) => p.item === item);
  byId('item-heading').textContent = `${labelOf(item)} — ${item}`;
  byId('item-because').textContent = proposed
    ? `Proposed by ${proposed.rule} (confidence ${proposed.confidence.toFixed(2)}): ${proposed.because}`
    : 'Reviewed.';
  replace(
    byId('item-problems'),
    ...issuesAt(item).map((i) => h('li', { class: i.warning ? 'warning' : null }, `${i.path}: ${i.message}`)),
  );
  byId('item-json').textContent = JSON.stringify(value, null, 2);
  renderCandidates(item, proposed?.candidates ?? []);
  for (const id of ['accept', 'reject', 'edit'])
    /** @type {HTMLButtonElement} */ (byId(id)).disabled = false;
  /** @type {HTMLButtonElement} */ (byId('accept')).disabled = proposed === undefined;
}

/**
 * The seed's problems at an item, its proposed mark aside.
 *
 * @param {string} item
 */
function issuesAt(item) {
  return state.view.issues.filter(
    (i) => !i.proposed && (i.path === item || i.path.startsWith(`${item}.`) || i.path.startsWith(`${item}[`)),
  );
}

/**
 * @param {string} item
 * @param {Candidate[]} candidates
 */
function renderCandidates(item, candidates) {
  const box = byId('candidates');
  if (candidates.length === 0) return replace(box);
  const mine = state.view.spans
    .filter((s) => s.item === item)
    .map((s) => Array.from(state.view.text).slice(s.start, s.end).join(''));
  replace(
    box,
    h('h4', {}, 'May be, in the record'),
    h('p', { class: 'wb-words' }, `This article: ${mine.join(' … ') || '(no words)'}`),
    h(
      'ol',
      {},
      ...candidates.slice(0, 9).map((c, i) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              'data-link': c.id,
              'data-given': c.given.join(' '),
              'aria-keyshortcuts': String(i + 1),
            },
            `${i + 1}. Link to ${c.label} (${c.score.toFixed(2)})`,
          ),
          ...c.words.map((w) => h('p', { class: 'wb-words' }, `${w.source}: ${w.text}`)),
        ),
      ),
    ),
  );
}

function renderProblems() {
  const issues = state.view.issues.filter((i) => !i.proposed);
  byId('problem-count').textContent = `(${issues.length})`;
  replace(
    byId('problems'),
    ...issues.map((i) =>
      problemEntry(`${i.warning ? 'warning: ' : ''}${i.path}: ${i.message}`, i.path, i.warning),
    ),
  );
}

/**
 * One problem of the list: a button that chooses its item, where it has one.
 *
 * @param {string} line
 * @param {string} path
 * @param {boolean} [warning]
 */
function problemEntry(line, path, warning = false) {
  const item = /^(?:actors|events|claims|quotes)\[\d+\](?:\.date)?/u.exec(path)?.[0];
  const klass = warning ? 'warning' : null;
  if (item === undefined || !exists(item)) return h('li', { class: klass }, line);
  return h(
    'li',
    { class: klass },
    h('button', { type: 'button', class: 'wb-link', 'data-item': item }, line),
  );
}

/** @param {number} step */
function move(step) {
  const { queue } = state.view;
  if (queue.length === 0) return;
  const at = queue.findIndex((p) => p.item === state.chosen);
  const next = queue[Math.min(queue.length - 1, Math.max(0, at + step))];
  choose(next?.item);
}

/** @param {string | undefined} item */
function choose(item) {
  state.chosen = item;
  renderQueue();
  renderItem();
  renderArticle();
  const button = document.querySelector(`#queue button[data-item="${item}"]`);
  if (button instanceof HTMLElement) button.focus();
}

const actions = {
  accept() {
    const item = state.chosen;
    if (item === undefined || !state.view.queue.some((p) => p.item === item)) return;
    change(accept(doc(), item));
  },
  reject() {
    const item = state.chosen;
    if (item === undefined) return;
    change(reject(doc(), item));
  },
  edit() {
    const item = state.chosen;
    if (item === undefined) return;
    const form = byId('editor');
    const text = /** @type {HTMLTextAreaElement} */ (byId('editor-text'));
    text.value = JSON.stringify(itemAt(doc(), item), null, 2);
    byId('editor-error').textContent = '';
    form.hidden = false;
    text.focus();
  },
  /** @param {number} n */
  link(n) {
    const item = state.chosen;
    const candidate = state.view.queue.find((p) => p.item === item)?.candidates[n];
    if (item === undefined || candidate === undefined) return;
    change(link(doc(), item, candidate.id, candidate.given));
  },
  undo() {
    show(state.history.undo(), state.chosen);
  },
  redo() {
    show(state.history.redo(), state.chosen);
  },
};

/** The editor closed, its item's JSON focused (a hidden textarea would keep the keys). */
function closeEditor() {
  byId('editor').hidden = true;
  byId('item-json').focus();
}

function applyEdit() {
  const item = state.chosen;
  if (item === undefined) return;
  const text = /** @type {HTMLTextAreaElement} */ (byId('editor-text'));
  let value;
  try {
    value = JSON.parse(text.value);
  } catch (error) {
    byId('editor-error').textContent = `Not JSON: ${/** @type {Error} */ (error).message}`;
    return;
  }
  byId('editor').hidden = true;
  // An edit without the review mark is the review: go on with the next item, as after accepting.
  change(replaceItem(doc(), item, value), value?.review ? item : undefined);
  byId('item-json').focus();
}

async function save() {
  try {
    const answer = await api('PUT', fileUrl(), { document: doc() }, { 'if-match': `"${state.revision}"` });
    state.revision = answer.revision;
    state.saved = doc();
    say(`Saved ${state.name}.`);
    return true;
  } catch (error) {
    const e = /** @type {Error & { issues?: string[] }} */ (error);
    say(`Not saved: ${e.message}${e.issues?.length ? ` (${e.issues.slice(0, 3).join('; ')})` : ''}`, true);
    return false;
  }
}

async function finish() {
  try {
    await finishing();
  } finally {
    performance.mark('workbench:finished');
  }
}

async function finishing() {
  if (dirty() && !(await save())) return;
  say('Building the seeds into a scratch database with --strict…');
  const answer = await api('POST', '/api/finish', {});
  if (answer.passed) {
    say(
      `Done: the seeds pass --strict (${Object.entries(answer.counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}).`,
    );
    return;
  }
  say(`Not yet: ${answer.remaining.length} problems remain with --strict (listed under Problems).`, true);
  replace(
    byId('problems'),
    ...answer.remaining.map((/** @type {string} */ r) => problemEntry(r, r.split(': ')[1] ?? '')),
  );
  byId('problem-count').textContent = `(${answer.remaining.length})`;
}

/** The selection in the article, in code points of its text, or undefined. */
function articleSelection() {
  const selection = document.getSelection();
  const article = byId('article');
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return undefined;
  const range = selection.getRangeAt(0);
  if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) return undefined;
  const start = pointAt(range.startContainer, range.startOffset);
  const end = pointAt(range.endContainer, range.endOffset);
  return start === undefined || end === undefined || end <= start ? undefined : { start, end };
}

/**
 * The code-point offset in the article of a position in one of its text nodes.
 *
 * @param {Node} node
 * @param {number} offset
 */
function pointAt(node, offset) {
  const span = node.nodeType === Node.TEXT_NODE ? node.parentElement : /** @type {Element} */ (node);
  const at = span?.getAttribute('data-at');
  if (at === null || at === undefined) return undefined;
  const inside = node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '').slice(0, offset) : '';
  return Number(at) + Array.from(inside).length;
}

/**
 * The article's words at code points `start`–`end`.
 *
 * @param {{ start: number, end: number }} span
 */
const wordsAt = ({ start, end }) => Array.from(state.view.text).slice(start, end).join('');

function noteSelection() {
  state.selection = articleSelection();
  const tools = byId('selection-tools');
  tools.hidden = state.selection === undefined;
  if (state.selection) byId('selection-words').textContent = `“${wordsAt(state.selection)}”`;
}

/**
 * The event a new claim of `selection` is about: the chosen event, or the event of the chosen claim
 * or quote; else the event whose evidence holds the selected words (the narrowest).
 *
 * @param {{ start: number, end: number }} selection
 * @returns {string | undefined}
 */
function eventOfClaim(selection) {
  if (state.chosen !== undefined) {
    const { kind, index } = parseItem(state.chosen);
    const value = doc()[kind]?.[index];
    if (kind === 'events' && value?.id) return value.id;
    if ((kind === 'claims' || kind === 'quotes') && value?.event) return value.event;
  }
  const holding = state.view.spans
    .filter((s) => s.kind === 'event' && s.start <= selection.start && selection.end <= s.end)
    .sort((a, b) => a.end - a.start - (b.end - b.start));
  const item = holding[0]?.item;
  return item === undefined ? undefined : doc().events?.[parseItem(item).index]?.id;
}

/**
 * The selected words made a quote, an event, a claim of the chosen event, or evidence of the
 * chosen item; the server writes their reference (with a prefix or suffix where they recur).
 *
 * @param {'quote' | 'event' | 'claim' | 'evidence'} as
 */
async function addSelection(as) {
  const selection = state.selection;
  if (!selection) return;
  const event = as === 'claim' ? eventOfClaim(selection) : undefined;
  if (as === 'claim' && event === undefined) {
    say('Choose the event the claim is about first, or select words of its evidence.', true);
    return;
  }
  if (as === 'evidence' && state.chosen === undefined) return;
  const words = wordsAt(selection);
  try {
    const { ref } = await api('POST', `${fileUrl()}/evidence`, selection);
    /** @type {{ doc: Doc, item: string }} */
    let added;
    if (as === 'quote') added = addQuote(doc(), ref, null);
    else if (as === 'event') added = addEvent(doc(), ref, words);
    else if (as === 'claim') added = addClaim(doc(), /** @type {string} */ (event), ref, words);
    else {
      const item = /** @type {string} */ (state.chosen);
      added = { doc: addEvidence(doc(), item, ref), item };
    }
    change(added.doc, added.item);
    document.getSelection()?.removeAllRanges();
    noteSelection();
  } catch (error) {
    say(`Could not add the words: ${/** @type {Error} */ (error).message}`, true);
  }
}

/** @param {KeyboardEvent} event */
function onKey(event) {
  const target = /** @type {HTMLElement} */ (event.target);
  const typing = target.matches('textarea, input, select');
  const mod = event.ctrlKey || event.metaKey;
  if (typing) {
    if (target.id === 'editor-text' && event.key === 'Enter' && mod) {
      event.preventDefault();
      applyEdit();
    }
    if (target.id === 'editor-text' && event.key === 'Escape') closeEditor();
    return;
  }
  const key = mod ? `Ctrl+${event.shiftKey ? 'Shift+' : ''}${event.key.toLowerCase()}` : event.key;
  const onButton = target.matches('button') && !target.closest('#queue');
  /** @type {Record<string, () => unknown>} */
  const keys = {
    ArrowDown: () => move(1),
    ArrowUp: () => move(-1),
    j: () => move(1),
    k: () => move(-1),
    Delete: actions.reject,
    Backspace: actions.reject,
    e: actions.edit,
    E: actions.edit,
    q: () => addSelection('quote'),
    a: () => addSelection('evidence'),
    v: () => addSelection('event'),
    c: () => addSelection('claim'),
    'Ctrl+z': actions.undo,
    'Ctrl+y': actions.redo,
    'Ctrl+Shift+z': actions.redo,
    'Ctrl+s': save,
    f: finish,
    F: finish,
    ...(onButton ? {} : { Enter: actions.accept }),
  };
  if (/^[1-9]$/u.test(key)) keys[key] = () => actions.link(Number(key) - 1);
  const run = keys[key];
  if (!run) return;
  event.preventDefault();
  void run();
}

function listen() {
  document.addEventListener('keydown', onKey);
  document.addEventListener('selectionchange', noteSelection);
  byId('queue').addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-item]');
    if (button) choose(button.getAttribute('data-item') ?? undefined);
  });
  byId('problems').addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-item]');
    if (button) choose(button.getAttribute('data-item') ?? undefined);
  });
  byId('article').addEventListener('click', (event) => {
    const span = /** @type {HTMLElement} */ (event.target).closest('[data-item]');
    if (span && document.getSelection()?.isCollapsed) choose(span.getAttribute('data-item') ?? undefined);
  });
  byId('candidates').addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-link]');
    const candidates = state.view.queue.find((p) => p.item === state.chosen)?.candidates ?? [];
    const n = candidates.findIndex((c) => c.id === button?.getAttribute('data-link'));
    if (n >= 0) actions.link(n);
  });
  byId('accept').addEventListener('click', actions.accept);
  byId('reject').addEventListener('click', actions.reject);
  byId('edit').addEventListener('click', actions.edit);
  byId('undo').addEventListener('click', actions.undo);
  byId('redo').addEventListener('click', actions.redo);
  byId('save').addEventListener('click', () => void save());
  byId('finish').addEventListener('click', () => void finish());
  byId('add-quote').addEventListener('click', () => void addSelection('quote'));
  byId('add-evidence').addEventListener('click', () => void addSelection('evidence'));
  byId('add-event').addEventListener('click', () => void addSelection('event'));
  byId('add-claim').addEventListener('click', () => void addSelection('claim'));
  byId('editor').addEventListener('submit', (event) => {
    event.preventDefault();
    applyEdit();
  });
  byId('editor-cancel').addEventListener('click', closeEditor);
  window.addEventListener('beforeunload', (event) => {
    if (dirty()) event.preventDefault();
  });
}

void start().catch((error) => say(`The workbench could not start: ${error.message}`, true));
