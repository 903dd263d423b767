/**
 * Runs a zod schema over a parsed YAML file and turns every problem into a Diagnostic from the
 * catalogue, with the file, line and column, the field path, what was expected and what to do.
 *
 * Only zod's public API is used: the issues themselves (a failed pattern carries the pattern, and
 * a refinement carries its catalogue code in `params`), and schema.def, .shape, .unwrap(),
 * .options, .element and .meta() to find what a field holds for "did you mean" and field help.
 */
import { z } from 'zod';
import { diagnostic, type Code, type ParamsOf } from '../diagnostics/catalogue.js';
import { formatPath, type Diagnostic, type PathSegment } from '../diagnostics/diagnostic.js';
import { escapeForTerminal } from '../input/decode.js';
import { TEXT_FORMATS, type TextFormat } from '../model/schema.js';
import { slugify } from '../text/slug.js';
import type { YamlSource } from './yaml-source.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.ZodType;

export interface Validated<T> {
  value?: T;
  diagnostics: Diagnostic[];
}

export function validate<T>(schema: z.ZodType<T>, source: YamlSource): Validated<T> {
  const result = schema.safeParse(source.data);
  if (result.success) return { value: result.data, diagnostics: [] };
  const diagnostics = result.error.issues.flatMap((issue) => issueToDiagnostics(issue, schema, source));
  return { diagnostics: dedupe(diagnostics) };
}

export interface DiagnosticOptions {
  /** Point at the key rather than the value (for unknown or duplicate keys). */
  at?: 'value' | 'key';
  /** Instead of the catalogue's usual severity. */
  severity?: Diagnostic['severity'];
}

/**
 * A catalogue diagnostic positioned at `path` in `source`. Every text in `params` and the path are
 * printed with control characters escaped (escapeForTerminal), as they may quote the file.
 */
export function diagnosticAt<C extends Code>(source: YamlSource, path: readonly PathSegment[], code: C, params: ParamsOf<C>, options: DiagnosticOptions = {}): Diagnostic {
  const { line, column } = options.at === 'key' ? source.keyPositionOf(path) : source.positionOf(path);
  return diagnostic(code, escapeParams(params), { file: source.file, line, column, path: escapeForTerminal(formatPath(path)) }, options.severity);
}

/** Message parameters with every text (and every text in a list) on one line and escaped for the terminal. */
export function escapeParams<P>(params: P): P {
  if (!params || typeof params !== 'object') return params;
  const safe = (text: string) => escapeForTerminal(text.replace(/[\t\r\n]+/g, ' '));
  const escaped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string') escaped[key] = safe(value);
    else if (Array.isArray(value)) escaped[key] = value.map((item: unknown) => (typeof item === 'string' ? safe(item) : item));
    else escaped[key] = value;
  }
  return escaped as P;
}

/** The value at `path` in parsed YAML data, or undefined when there is none. */
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of fields';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  array: 'a list (lines starting with "- ")',
  object: 'a group of fields',
  record: 'a group of fields',
  boolean: 'true or false',
  number: 'a number',
};

/** The catalogue code of each text format, for a value that does not match its pattern. */
const FORMAT_CODES = {
  slug: 'invalid-id',
  date: 'invalid-date-format',
  url: 'invalid-url',
  email: 'invalid-email',
  phone: 'invalid-phone',
  colour: 'invalid-colour',
  'path-prefix': 'invalid-path-prefix',
  'openmoji-hexcode': 'invalid-openmoji-hexcode',
} as const satisfies Record<TextFormat, Code>;

function issueToDiagnostics(issue: Issue, schema: AnySchema, source: YamlSource): Diagnostic[] {
  const path = issue.path as PathSegment[];
  const value = valueAt(source.data, path);
  const at = <C extends Code>(code: C, params: ParamsOf<C>, options?: DiagnosticOptions) => diagnosticAt(source, path, code, params, options);

  switch (issue.code) {
    case 'invalid_type': {
      const field = path[path.length - 1];
      if (value === undefined && typeof field === 'string') {
        // Point at the group the field belongs in, where the line is to be added.
        const { line, column } = source.positionOf(path.slice(0, -1));
        return [diagnostic('missing-field', escapeParams({ field, help: fieldHelp(schema, source, path) }), { file: source.file, line, column, path: escapeForTerminal(formatPath(path)) })];
      }
      return [at('wrong-type', { expected: EXPECTED[issue.expected] ?? issue.expected, found: describe(value), help: fieldHelp(schema, source, path) })];
    }
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      if (!discriminator) return [at('no-matching-form', {})];
      const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
      const holder = path[path.length - 1] === discriminator ? path.slice(0, -1) : path;
      const typePath = [...holder, discriminator];
      const given = valueAt(source.data, typePath);
      if (typeof given === 'string') return [diagnosticAt(source, typePath, 'unknown-block-type', { given, options })];
      return [diagnosticAt(source, holder, 'missing-block-type', { discriminator, options })];
    }
    case 'unrecognized_keys': {
      const known = knownKeys(schema, source.data, path);
      return issue.keys.map((field) => diagnosticAt(source, [...path, field], 'unknown-field', { field, known }, { at: 'key' }));
    }
    case 'invalid_value':
      return [at('value-not-allowed', { given: String(value), options: issue.values.map(String) })];
    case 'too_small':
      if (issue.origin === 'array') return [at('too-few-items', { minimum: Number(issue.minimum), found: Array.isArray(value) ? value.length : 0 })];
      if (issue.origin === 'string') return [at('empty-text', {})];
      return [at('schema-problem', { message: issue.message })];
    case 'too_big':
      if (issue.origin === 'array') return [at('too-many-items', { maximum: Number(issue.maximum), found: Array.isArray(value) ? value.length : 0 })];
      return [at('schema-problem', { message: issue.message })];
    case 'invalid_format': {
      const format = 'pattern' in issue && typeof issue.pattern === 'string' ? TEXT_FORMATS.get(issue.pattern) : undefined;
      return [format ? formatDiagnostic(format, String(value), at) : at('schema-problem', { message: issue.message })];
    }
    case 'invalid_key': {
      // A record key (an id) that fails its own schema.
      const id = String(path[path.length - 1]);
      return [at('invalid-id', { id, suggestion: slugify(id) || undefined }, { at: 'key' })];
    }
    case 'custom': {
      const params = (issue.params ?? {}) as { code?: string; what?: string };
      if (params.code === 'blank-text') return [at('blank-text', { what: params.what ?? 'the text' })];
      if (params.code === 'relax-reason-too-short') return [at('relax-reason-too-short', {})];
      return [at('schema-problem', { message: issue.message })];
    }
    default:
      return [at('schema-problem', { message: issue.message })];
  }
}

function formatDiagnostic(format: TextFormat, given: string, at: <C extends Code>(code: C, params: ParamsOf<C>) => Diagnostic): Diagnostic {
  if (format === 'slug') return at('invalid-id', { id: given, suggestion: slugify(given) || undefined });
  return at(FORMAT_CODES[format], { given });
}

/** A short reminder of what a field holds, from the schema's own description. */
function fieldHelp(schema: AnySchema, source: YamlSource, path: readonly PathSegment[]): string | undefined {
  const field = schemaAt(schema, source.data, path);
  const description = field?.meta()?.description;
  return typeof description === 'string' ? description : undefined;
}

// --- Walking the schema alongside the data (for "did you mean" and field help) ----------------------

/** The schema inside optional, nullable, default, lazy and pipe wrappers. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as AnySchema;
    else if (current instanceof z.ZodDefault) current = current.removeDefault() as AnySchema;
    else if (current instanceof z.ZodLazy) current = current.unwrap() as AnySchema;
    else if (current instanceof z.ZodPipe) current = current.in as AnySchema;
    else return current;
  }
}

/** The option of a discriminated union that the data's `type` picks. */
function unionOption(schema: AnySchema, value: unknown): AnySchema | undefined {
  if (!(schema instanceof z.ZodUnion)) return schema;
  const type = (value as { type?: unknown } | undefined)?.type;
  return (schema.options as AnySchema[]).map(unwrap).find((option) => {
    const literal = option instanceof z.ZodObject ? option.shape.type : undefined;
    return literal instanceof z.ZodLiteral && literal.values.has(type as never);
  });
}

function schemaAt(root: AnySchema, data: unknown, path: readonly PathSegment[]): AnySchema | undefined {
  let schema: AnySchema | undefined = root;
  let value = data;
  for (const segment of path) {
    if (!schema) return undefined;
    schema = unionOption(unwrap(schema), value);
    if (!schema) return undefined;
    if (schema instanceof z.ZodObject) schema = schema.shape[String(segment)] as AnySchema | undefined;
    else if (schema instanceof z.ZodArray) schema = schema.element as AnySchema;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as AnySchema;
    else return undefined;
    value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[segment] : undefined;
  }
  return schema;
}

function knownKeys(root: AnySchema, data: unknown, path: readonly PathSegment[]): string[] {
  const at = schemaAt(root, data, path);
  const schema = at ? unionOption(unwrap(at), valueAt(data, path)) : undefined;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.path}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
