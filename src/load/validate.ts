/**
 * Runs a zod schema over a parsed YAML file and turns every problem into a Diagnostic with the
 * file, line and column, the field path, what was expected and what to do about it.
 */
import type { z } from 'zod';
import { didYouMean, formatPath, type Diagnostic, type PathSegment } from '../diagnostics/diagnostic.js';
import type { YamlSource } from './yaml-source.js';
import { slugify } from '../text/slug.js';

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

/** Builds a diagnostic positioned at `path` in `source`. */
export function diagnosticAt(
  source: YamlSource,
  path: readonly PathSegment[],
  severity: Diagnostic['severity'],
  message: string,
  hint?: string,
  at: 'value' | 'key' = 'value',
): Diagnostic {
  const { line, column } = at === 'key' ? source.keyPositionOf(path) : source.positionOf(path);
  return { severity, file: source.file, line, column, path: formatPath(path), message, hint };
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
  boolean: 'true or false',
  number: 'a number',
};

/** What a field expects, for "expected …" messages. */
function expectedName(expected: string): string {
  return EXPECTED[expected] ?? expected;
}

function issueToDiagnostics(issue: Issue, schema: AnySchema, source: YamlSource): Diagnostic[] {
  const path = issue.path as PathSegment[];
  const value = valueAt(source.data, path);
  const at = (message: string, hint?: string, where: 'value' | 'key' = 'value') => diagnosticAt(source, path, 'error', message, hint, where);

  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) {
        const field = path[path.length - 1];
        const parentPath = path.slice(0, -1);
        if (typeof field === 'string') {
          const { line, column } = source.positionOf(parentPath);
          return [
            {
              severity: 'error',
              file: source.file,
              line,
              column,
              path: formatPath(path),
              message: `the required field '${field}' is missing.`,
              hint: `Add a line '${field}: …' here.${fieldHelp(schema, source, path)}`,
            },
          ];
        }
      }
      return [at(`expected ${expectedName(issue.expected)}, but found ${describe(value)}.`, fieldHelp(schema, source, path).trim() || undefined)];
    }
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
      if (discriminator) {
        const holder = path[path.length - 1] === discriminator ? path.slice(0, -1) : path;
        const typePath = [...holder, discriminator];
        const given = valueAt(source.data, typePath);
        if (typeof given === 'string') {
          return [
            diagnosticAt(source, typePath, 'error', `unknown block type '${given}'.`, didYouMean(given, options) ?? `Use one of: ${options.join(', ')}.`),
          ];
        }
        return [diagnosticAt(source, holder, 'error', `this block has no '${discriminator}'.`, `Add '${discriminator}: …' with one of: ${options.join(', ')}.`)];
      }
      return [at(`this value does not match any allowed form.`)];
    }
    case 'unrecognized_keys': {
      const known = knownKeys(schema, source.data, path);
      return issue.keys.map((key) => {
        const keyPath = [...path, key];
        const suggestion = didYouMean(key, known);
        return diagnosticAt(
          source,
          keyPath,
          'error',
          `unknown field '${key}'.`,
          suggestion ?? (known.length ? `Fields allowed here: ${known.join(', ')}.` : 'Remove it.'),
          'key',
        );
      });
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const given = String(value);
      return [at(`'${given}' is not allowed here.`, didYouMean(given, options) ?? `Use one of: ${options.join(', ')}.`)];
    }
    case 'too_small': {
      if (issue.origin === 'array') return [at(`needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}, but has ${Array.isArray(value) ? value.length : 0}.`)];
      if (issue.origin === 'string') return [at(`must not be empty.`, 'Write the text after the colon, or remove the line.')];
      return [at(issue.message)];
    }
    case 'too_big': {
      if (issue.origin === 'array') return [at(`has ${Array.isArray(value) ? value.length : '?'} items; at most ${issue.maximum} are allowed.`, 'Split the idea into more items.')];
      return [at(issue.message)];
    }
    case 'invalid_format':
      return [formatProblem(issue.message, value, at)];
    case 'invalid_key': {
      // A record key (an id) that fails its own schema.
      const key = path[path.length - 1];
      return [diagnosticAt(source, path, 'error', unsafeIdMessage(String(key)), idHint(String(key)), 'key')];
    }
    default:
      return [at(issue.message)];
  }
}

function unsafeIdMessage(id: string): string {
  return `'${id}' cannot be used as an id: ids become web addresses, so they may only contain lower-case letters, digits and single hyphens.`;
}

function idHint(id: string): string {
  const suggestion = slugify(id);
  return suggestion ? `Use '${suggestion}' instead.` : 'Use lower-case letters, digits and hyphens, e.g. early-help.';
}

function formatProblem(code: string, value: unknown, at: (message: string, hint?: string) => Diagnostic): Diagnostic {
  const given = String(value);
  switch (code) {
    case 'slug':
      return at(unsafeIdMessage(given), idHint(given));
    case 'date':
      return at(`'${given}' is not a date in the form YYYY-MM-DD or YYYY-MM.`, 'Write for example 2024-10-15, or 2024-10 when only the month is known.');
    case 'url':
      return at(`'${given}' is not a web address.`, 'Write the full address, starting https:// (or http://).');
    case 'email':
      return at(`'${given}' is not an email address.`, 'Write it as name@example.gov.uk.');
    case 'phone':
      return at(`'${given}' is not a phone number.`, 'Use digits and spaces only, e.g. 03000 414141, or +44 3000 414141.');
    case 'colour':
      return at(`'${given}' is not a colour.`, 'Write it as # followed by six hexadecimal digits, e.g. #1d4f91. Put it in quotes: "#1d4f91".');
    case 'path-prefix':
      return at(`'${given}' is not a folder path.`, 'Write it as /folder/ with slashes at both ends, or / for the root.');
    default:
      return at(code);
  }
}

/** A short reminder of what a field holds, from the schema's own description. */
function fieldHelp(schema: AnySchema, source: YamlSource, path: readonly PathSegment[]): string {
  const field = schemaAt(schema, source.data, path);
  const description = field ? (field.meta?.() as { description?: string } | undefined)?.description : undefined;
  return description ? ` (${description})` : '';
}

// --- Walking the schema alongside the data (for "did you mean" and field help) ----------------------

function def(schema: AnySchema): Record<string, unknown> & { type: string } {
  return (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
}

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const d = def(current);
    if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default') current = d.innerType as AnySchema;
    else if (d.type === 'lazy') current = (d.getter as () => AnySchema)();
    else if (d.type === 'pipe') current = d.in as AnySchema;
    else return current;
  }
}

function schemaAt(root: AnySchema, data: unknown, path: readonly PathSegment[]): AnySchema | undefined {
  let schema: AnySchema | undefined = root;
  let value = data;
  for (const segment of path) {
    if (!schema) return undefined;
    schema = unwrap(schema);
    const d = def(schema);
    if (d.type === 'union') {
      const options = d.options as AnySchema[];
      const type = (value as { type?: unknown } | undefined)?.type;
      schema = options.find((option) => {
        const shape = (unwrap(option) as unknown as { shape?: Record<string, AnySchema> }).shape;
        const literal = shape?.type ? def(shape.type) : undefined;
        return literal && (literal.values as unknown[] | undefined)?.includes(type);
      });
      if (!schema) return undefined;
      schema = unwrap(schema);
    }
    const current = def(schema);
    if (current.type === 'object') schema = (schema as unknown as { shape: Record<string, AnySchema> }).shape[String(segment)];
    else if (current.type === 'array') schema = current.element as AnySchema;
    else if (current.type === 'record') schema = current.valueType as AnySchema;
    else return undefined;
    value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[segment] : undefined;
  }
  return schema;
}

function knownKeys(root: AnySchema, data: unknown, path: readonly PathSegment[]): string[] {
  let schema = schemaAt(root, data, path);
  if (!schema) return [];
  schema = unwrap(schema);
  const d = def(schema);
  if (d.type === 'union') {
    const type = (valueAt(data, path) as { type?: unknown } | undefined)?.type;
    const option = (d.options as AnySchema[]).map(unwrap).find((o) => {
      const shape = (o as unknown as { shape?: Record<string, AnySchema> }).shape;
      return shape?.type && (def(shape.type).values as unknown[] | undefined)?.includes(type);
    });
    schema = option;
  }
  const shape = schema ? (schema as unknown as { shape?: Record<string, AnySchema> }).shape : undefined;
  return shape ? Object.keys(shape) : [];
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
