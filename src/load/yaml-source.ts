/**
 * Parses YAML with js-yaml and remembers where every value came from, so a schema error deep in a
 * notice can still name its line and column.
 *
 * js-yaml has no source map, but its `listener` option reports each node as it is opened and
 * closed. Those events nest like the document, so replaying them rebuilds the tree with the
 * position of every key and value.
 */
import yaml from 'js-yaml';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic.js';
import { escapeForTerminal } from '../input/decode.js';
import { createNodeCounter, LIMITS, LimitExceeded, limitOffset, type Limits } from '../input/limits.js';
import { lineStarts as computeLineStarts, positionAt, type Position } from '../text/lines.js';

export type { Position };

interface NodeFrame {
  start: number;
  kind: string | null;
  children: NodeFrame[];
}

export interface YamlSource {
  file: string;
  text: string;
  data: unknown;
  /** Where the value at `path` starts; for a missing key, the nearest ancestor that exists. */
  positionOf(path: readonly PathSegment[]): Position;
  /** Where the key at the end of `path` is written (for unknown-key messages). */
  keyPositionOf(path: readonly PathSegment[]): Position;
  /** Line and column of a character offset in the text. */
  positionAt(offset: number): Position;
  /** Character offset of a line and column in the text. */
  offsetOf(position: Position): number;
}

export type ParseResult = { ok: true; source: YamlSource } | { ok: false; diagnostic: Diagnostic };

/**
 * Parses one YAML document. Values are counted as js-yaml builds them (aliases at their full size,
 * createNodeCounter in src/input/limits.ts), so an alias bomb or a huge text stops the parse early
 * with the line of the alias or text that passed the limit.
 */
export function parseYaml(file: string, text: string, limits: Pick<Limits, 'yamlNodes' | 'stringLength'> = LIMITS): ParseResult {
  const stack: NodeFrame[] = [{ start: 0, kind: null, children: [] }];
  const counter = createNodeCounter(limits);
  let data: unknown;
  try {
    data = yaml.load(text, {
      filename: file,
      // CORE_SCHEMA keeps dates as the strings people wrote ("2024-10-01" must not become a Date).
      schema: yaml.CORE_SCHEMA,
      listener(event, state) {
        counter.listener(event, state);
        if (event === 'open') {
          stack.push({ start: state.position, kind: null, children: [] });
        } else {
          const frame = stack.pop()!;
          frame.kind = state.kind;
          stack[stack.length - 1]!.children.push(frame);
        }
      },
    });
  } catch (error) {
    return { ok: false, diagnostic: yamlErrorToDiagnostic(file, text, error) };
  }
  const root = stack[0]!.children[0];
  const lineStarts = computeLineStarts(text);
  const toPosition = (offset: number): Position => positionAt(lineStarts, skipBlank(text, offset));

  /** Walks the rebuilt tree alongside the data; returns the deepest frame found and whether it is the key. */
  function locate(path: readonly PathSegment[], wantKey: boolean): number {
    let frame = root;
    let value: unknown = data;
    let offset = frame?.start ?? 0;
    for (let i = 0; i < path.length && frame; i++) {
      const segment = path[i]!;
      const last = i === path.length - 1;
      if (Array.isArray(value) && typeof segment === 'number' && frame.kind === 'sequence') {
        const child = frame.children[segment];
        if (!child) break;
        frame = child;
        value = value[segment];
        offset = frame.start;
      } else if (value && typeof value === 'object' && !Array.isArray(value) && frame.kind === 'mapping') {
        const keys = Object.keys(value as object);
        const index = keys.indexOf(String(segment));
        // Children alternate key, value in the order the keys were written.
        const keyFrame = index >= 0 ? frame.children[index * 2] : undefined;
        const valueFrame = index >= 0 ? frame.children[index * 2 + 1] : undefined;
        if (!keyFrame || !valueFrame) break;
        if (last && wantKey) return keyFrame.start;
        frame = valueFrame;
        value = (value as Record<string, unknown>)[String(segment)];
        offset = frame.start;
      } else {
        break;
      }
    }
    return offset;
  }

  return {
    ok: true,
    source: {
      file,
      text,
      data,
      positionOf: (path) => toPosition(locate(path, false)),
      keyPositionOf: (path) => toPosition(locate(path, true)),
      positionAt: (offset) => positionAt(lineStarts, offset),
      offsetOf: ({ line, column }) => (lineStarts[line - 1] ?? 0) + column - 1,
    },
  };
}

function yamlErrorToDiagnostic(file: string, text: string, error: unknown): Diagnostic {
  if (error instanceof LimitExceeded) {
    const { line, column } = positionAt(computeLineStarts(text), limitOffset(text, error.offset));
    const place = { file, line, column };
    return error.code === 'yaml-too-many-nodes'
      ? diagnostic('yaml-too-many-nodes', { limit: error.params.limit }, place)
      : diagnostic('yaml-text-too-long', { limit: error.params.limit, length: error.params.length ?? 0 }, place);
  }
  if (error instanceof yaml.YAMLException) {
    const mark = error.mark;
    const place = { file, line: mark ? mark.line + 1 : 0, column: mark ? mark.column + 1 : 0 };
    if (/expected a single document/.test(error.reason ?? '')) return diagnostic('yaml-several-documents', {}, { ...place, ...secondDocument(text) });
    return diagnostic('yaml-syntax', { reason: escapeForTerminal(error.reason || 'the file is not valid YAML') }, place);
  }
  return diagnostic('file-unreadable', { reason: escapeForTerminal(error instanceof Error ? error.message : String(error)) }, { file, line: 0, column: 0 });
}

/** Where the second document starts: the first "---" line after some content. */
function secondDocument(text: string): { line: number; column: number } | undefined {
  const lines = text.split('\n');
  let content = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^---(\s|$)/.test(line) && content) return { line: i + 1, column: 1 };
    if (/^(\.\.\.|---)(\s|$)/.test(line) || /^\s*(#|$)/.test(line) || /^%/.test(line)) continue;
    content = true;
  }
  return undefined;
}

/** Listener positions can sit on the whitespace, "- " or comment before a node: move to the node itself. */
function skipBlank(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
    if (text[i] === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (text[i] === '-' && /[ \t\r\n]/.test(text[i + 1] ?? '\n')) {
      i++; // the "- " in front of a list item
    } else {
      return Math.min(i, text.length);
    }
  }
}
