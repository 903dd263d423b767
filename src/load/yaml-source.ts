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

const OTHER = 0;
const SEQUENCE = 1;
const MAPPING = 2;

/** The tree of nodes as flat arrays: node i starts at start[i], is of kind[i], and its children are list[first[i] … first[i] + count[i]). */
interface CompactTree {
  start: Int32Array;
  kind: Uint8Array;
  first: Int32Array;
  count: Int32Array;
  list: Int32Array;
}

function compactTree(root: NodeFrame | undefined): CompactTree | undefined {
  if (!root) return undefined;
  const frames: NodeFrame[] = [];
  const ids = new Map<NodeFrame, number>();
  const visit = (frame: NodeFrame) => {
    ids.set(frame, frames.length);
    frames.push(frame);
    for (const child of frame.children) visit(child);
  };
  visit(root);
  const tree: CompactTree = {
    start: new Int32Array(frames.length),
    kind: new Uint8Array(frames.length),
    first: new Int32Array(frames.length),
    count: new Int32Array(frames.length),
    list: new Int32Array(frames.length),
  };
  let at = 0;
  frames.forEach((frame, i) => {
    tree.start[i] = frame.start;
    tree.kind[i] = frame.kind === 'sequence' ? SEQUENCE : frame.kind === 'mapping' ? MAPPING : OTHER;
    tree.first[i] = at;
    tree.count[i] = frame.children.length;
    for (const child of frame.children) tree.list[at++] = ids.get(child)!;
  });
  return tree;
}

/** The `n`th child of node `i`, or -1. */
function childOf(tree: CompactTree, i: number, n: number): number {
  return n >= 0 && n < tree.count[i]! ? tree.list[tree.first[i]! + n]! : -1;
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
  // Kept as flat arrays, not as a tree of objects: a large site holds every notice's positions
  // until its checks are done, and typed arrays take a fraction of the objects' memory.
  const tree = compactTree(stack[0]!.children[0]);
  // The closures below share this function's scope with the listener: let the frames go.
  stack.length = 0;
  const lineStarts = computeLineStarts(text);
  const toPosition = (offset: number): Position => positionAt(lineStarts, skipBlank(text, offset));

  /** Walks the rebuilt tree alongside the data; returns the deepest frame found and whether it is the key. */
  function locate(path: readonly PathSegment[], wantKey: boolean): number {
    let frame = tree ? 0 : -1;
    let value: unknown = data;
    let offset = tree ? tree.start[0]! : 0;
    for (let i = 0; i < path.length && frame >= 0; i++) {
      const segment = path[i]!;
      const last = i === path.length - 1;
      if (Array.isArray(value) && typeof segment === 'number' && tree!.kind[frame] === SEQUENCE) {
        const child = childOf(tree!, frame, segment);
        if (child < 0) break;
        frame = child;
        value = value[segment];
        offset = tree!.start[frame]!;
      } else if (value && typeof value === 'object' && !Array.isArray(value) && tree!.kind[frame] === MAPPING) {
        const keys = Object.keys(value as object);
        const index = keys.indexOf(String(segment));
        // Children alternate key, value in the order the keys were written.
        const keyFrame = index >= 0 ? childOf(tree!, frame, index * 2) : -1;
        const valueFrame = index >= 0 ? childOf(tree!, frame, index * 2 + 1) : -1;
        if (keyFrame < 0 || valueFrame < 0) break;
        if (last && wantKey) return tree!.start[keyFrame]!;
        frame = valueFrame;
        value = (value as Record<string, unknown>)[String(segment)];
        offset = tree!.start[frame]!;
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
