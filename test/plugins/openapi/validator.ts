import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Validation against the served OpenAPI 3.1 document, shared by the conformance test and the fuzz
 * suite: the whole document is handed to Ajv (JSON Schema 2020-12) once, and each response schema
 * is then reached by JSON pointer, so `$ref`s into `#/components/schemas` resolve exactly as a
 * client generated from the document would resolve them.
 */

/** A JSON Schema as the document holds it: plain JSON, read by key. */
export type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
  example?: unknown;
}

export interface OpenApiOperation {
  operationId: string;
  parameters?: OpenApiParameter[];
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** One GET of the document: its path template (`/v1/actors/{id}`) and its operation object. */
export interface Operation {
  template: string;
  operation: OpenApiOperation;
}

/** What the document declares for one operation and status: the media type and its schema. */
export interface DeclaredResponse {
  mediaType: string;
  validate: ValidateFunction;
}

export interface DocumentValidator {
  ajv: Ajv2020;
  /** Every GET operation of the document, in document order. */
  operations: Operation[];
  /**
   * The media type and compiled schema declared for `template` answering `status` (in the media type
   * `contentType` answers to, else the first declared); undefined when the status is not declared,
   * declares no body (304) or not in that media type.
   */
  response(template: string, status: number, contentType?: string): DeclaredResponse | undefined;
}

/** Key of an OpenAPI-only field, registered as an annotation so Ajv's strict mode accepts it. */
const OPENAPI_KEYS = ['openapi', 'info', 'servers', 'security', 'tags', 'paths', 'components', 'example'];

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** A media type's type and its parameters (lower-cased names, unquoted values). */
function parseMediaType(text: string): { type: string; params: Map<string, string> } {
  const [type = '', ...params] = text.split(';').map((part) => part.trim());
  return {
    type: type.toLowerCase(),
    params: new Map(
      params.map((p) => [
        p.slice(0, p.indexOf('=')).toLowerCase(),
        p.slice(p.indexOf('=') + 1).replace(/^"|"$/g, ''),
      ]),
    ),
  };
}

/**
 * The declared media type a response's `Content-Type` answers to: the same type with every
 * parameter the key names (`application/json; profile="…"` over `application/json`), the one naming
 * the most of them winning, as OpenAPI has the most specific key apply.
 */
function mostSpecific(declared: string[], contentType: string): string | undefined {
  const sent = parseMediaType(contentType);
  const matching = declared.filter((key) => {
    const { type, params } = parseMediaType(key);
    return type === sent.type && [...params].every(([name, value]) => sent.params.get(name) === value);
  });
  return matching.sort((a, b) => parseMediaType(b).params.size - parseMediaType(a).params.size)[0];
}

export function createDocumentValidator(doc: OpenApiDocument): DocumentValidator {
  // The document is not itself a schema: its OpenAPI-only keys are registered as annotations so
  // that Ajv's strict mode still rejects anything unknown inside the schemas.
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  ajv.addVocabulary(OPENAPI_KEYS);
  ajv.addSchema({ ...doc, $id: 'openapi.json' });

  const operations = Object.entries(doc.paths).flatMap(([template, item]) =>
    item.get ? [{ template, operation: item.get }] : [],
  );

  function response(template: string, status: number, contentType?: string): DeclaredResponse | undefined {
    const content = doc.paths[template]?.get?.responses[String(status)]?.content;
    const declared = Object.keys(content ?? {});
    const mediaType = contentType === undefined ? declared[0] : mostSpecific(declared, contentType);
    if (mediaType === undefined) return undefined;
    const pointer = ['paths', template, 'get', 'responses', String(status), 'content', mediaType, 'schema']
      .map(escapePointer)
      .join('/');
    const validate = ajv.getSchema(`openapi.json#/${pointer}`);
    if (!validate) throw new Error(`no schema at ${pointer}`);
    return { mediaType, validate };
  }

  return { ajv, operations, response };
}
