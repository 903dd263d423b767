/**
 * The limits on what the build reads, in one place (documented in docs/limits.md). They are far
 * above anything a real notice needs (the largest real notice is 34 KB, about 2,000 YAML values)
 * and exist so a broken or hostile file gets a clear message instead of filling the memory or
 * hanging the build.
 */
import yaml from 'js-yaml';
import { catalogue } from '../diagnostics/catalogue.js';
import { lineStarts, positionAt } from '../text/lines.js';
import { escapeForTerminal } from './decode.js';

export interface Limits {
  /** Largest YAML file, in bytes. */
  fileBytes: number;
  /** Most YAML values (scalars, lists and mappings) in one file once every alias is filled in. */
  yamlNodes: number;
  /** Longest single text in a YAML file, in characters. */
  stringLength: number;
  /** Most rows in one table (the header row included). */
  tableRows: number;
  /** Most columns in one table. */
  tableColumns: number;
  /** Largest picture (SVG) file, in bytes. */
  pictureBytes: number;
  /** Most elements in one picture. */
  pictureElements: number;
  /** Longest id (of a notice, section or organisation): ids become web addresses and file names. */
  idLength: number;
  /** Earliest year a notice date may have; the latest is this many years after today. */
  earliestYear: number;
  yearsAhead: number;
  /** Time limit of each build stage, in seconds. */
  stageSeconds: Readonly<Record<'load and validate' | 'easy read' | 'PDF' | 'history' | 'HTML' | 'check', number>>;
}

export const LIMITS: Readonly<Limits> = Object.freeze({
  fileBytes: 1_000_000,
  yamlNodes: 100_000,
  stringLength: 50_000,
  tableRows: 500,
  tableColumns: 12,
  pictureBytes: 512 * 1024,
  pictureElements: 10_000,
  idLength: 80,
  earliestYear: 1990,
  yearsAhead: 5,
  stageSeconds: Object.freeze({ 'load and validate': 120, 'easy read': 300, PDF: 900, history: 300, HTML: 600, check: 3600 }),
});

export interface LimitProblem {
  file: string;
  line: number;
  column: number;
  code: 'file-too-large' | 'yaml-too-many-nodes' | 'yaml-text-too-long' | 'yaml-syntax';
  message: string;
}

export type CountedLoad = { ok: true; data: unknown; nodes: number } | { ok: false; problem: LimitProblem };

/**
 * Thrown from inside js-yaml's listener to stop reading at once. `offset` is where the value that
 * passed the limit starts (see limitOffset); `params` are its catalogue message's parameters.
 */
export class LimitExceeded extends Error {
  constructor(
    readonly code: 'yaml-too-many-nodes' | 'yaml-text-too-long',
    readonly offset: number,
    message: string,
    readonly params: { limit: number; length?: number },
  ) {
    super(message);
  }
}

type ListenerState = { position: number; kind: string | null; result: unknown };

/**
 * A js-yaml `listener` that counts values as js-yaml builds them, aliases counted at their full
 * size, and throws as soon as a limit is passed. js-yaml shares one object for every use of an
 * anchor, so the file itself stays small in memory; the counting stops what would grow later
 * (validation, hashing, rendering walk every copy).
 */
export function createNodeCounter(limits: Pick<Limits, 'yamlNodes' | 'stringLength'>) {
  /** The expanded size of each list or mapping built so far, for aliases that point at it. */
  const sizes = new WeakMap<object, number>();
  const open: { start: number; childFrames: number; childSize: number }[] = [];
  let total = 0;
  return {
    get nodes() {
      return total;
    },
    listener(event: 'open' | 'close', state: ListenerState) {
      if (event === 'open') {
        open.push({ start: state.position, childFrames: 0, childSize: 0 });
        return;
      }
      const frame = open.pop()!;
      const result = state.result;
      let size: number;
      if (state.kind === null && frame.childFrames > 0) {
        // js-yaml wraps some values (block list items) in a second open/close: not a value of its own.
        size = frame.childSize;
      } else if (state.kind === null && result !== null && typeof result === 'object') {
        // An alias: it stands for a whole copy of what it names.
        size = sizes.get(result) ?? 1;
        total += size;
      } else {
        size = 1 + frame.childSize;
        total += 1;
        if (result !== null && typeof result === 'object') sizes.set(result, size);
        if (state.kind === 'scalar' && typeof result === 'string' && result.length > limits.stringLength) {
          throw new LimitExceeded('yaml-text-too-long', frame.start, catalogue['yaml-text-too-long'].message({ length: result.length, limit: limits.stringLength }), {
            length: result.length,
            limit: limits.stringLength,
          });
        }
      }
      const parent = open[open.length - 1];
      if (parent) {
        parent.childFrames += 1;
        parent.childSize += size;
      }
      if (total > limits.yamlNodes || size > limits.yamlNodes) {
        throw new LimitExceeded('yaml-too-many-nodes', frame.start, catalogue['yaml-too-many-nodes'].message({ limit: limits.yamlNodes }), { limit: limits.yamlNodes });
      }
    },
  };
}

/**
 * js-yaml's load (core schema, as the loader uses) within the limits: the file size first, then
 * values counted as they are built. A problem carries the file, line and column: of the alias or
 * text that passed a limit, or of a YAML syntax error.
 */
export function countingYamlLoad(text: string, file: string, limits: Pick<Limits, 'fileBytes' | 'yamlNodes' | 'stringLength'> = LIMITS): CountedLoad {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.fileBytes) {
    return { ok: false, problem: { file, line: 0, column: 0, code: 'file-too-large', message: catalogue['file-too-large'].message({ bytes, limit: limits.fileBytes }) } };
  }
  const counter = createNodeCounter(limits);
  try {
    const data = yaml.load(text, { filename: file, schema: yaml.CORE_SCHEMA, listener: counter.listener });
    return { ok: true, data, nodes: counter.nodes };
  } catch (error) {
    if (error instanceof LimitExceeded) {
      const { line, column } = positionAt(lineStarts(text), limitOffset(text, error.offset));
      return { ok: false, problem: { file, line, column, code: error.code, message: error.message } };
    }
    if (error instanceof yaml.YAMLException) {
      const mark = error.mark;
      return {
        ok: false,
        problem: { file, line: mark ? mark.line + 1 : 0, column: mark ? mark.column + 1 : 0, code: 'yaml-syntax', message: `YAML syntax error: ${escapeForTerminal(error.reason || 'the file is not valid YAML')}.` },
      };
    }
    throw error;
  }
}

/** The listener's position can sit on the blanks, ": " or "- " before a value: move to the value. */
export function limitOffset(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
    if ((text[i] === ':' || text[i] === '-') && /[ \t\r\n]/.test(text[i + 1] ?? '')) i++;
    else return i < text.length ? i : offset;
  }
}

/** The message when a table passes the row or column limit, else undefined. */
export function tableSizeProblem(rows: number, columns: number, limits: Pick<Limits, 'tableRows' | 'tableColumns'> = LIMITS): string | undefined {
  if (rows <= limits.tableRows && columns <= limits.tableColumns) return undefined;
  return catalogue['table-too-large'].message({ rows, columns, maxRows: limits.tableRows, maxColumns: limits.tableColumns });
}

/** What a stage is doing now, updated by the stage so a time-limit message can name it. */
export interface StageProgress {
  workingOn?: string;
}

export class StageTimeLimitError extends Error {
  readonly code = 'stage-time-limit';
  constructor(
    readonly stage: string,
    readonly seconds: number,
    readonly workingOn: string | undefined,
  ) {
    super(catalogue['stage-time-limit'].message({ stage, seconds, workingOn }));
  }
}

/**
 * Runs a stage with a time limit. When the limit passes, the promise rejects with a
 * StageTimeLimitError naming what `progress.workingOn` said last. A timer cannot interrupt
 * synchronous work, so the stage's own loop must yield (await) between items, and the caller
 * must stop what the stage started (e.g. a worker pool) after the rejection.
 */
export async function withTimeLimit<T>(stage: keyof Limits['stageSeconds'] | string, seconds: number, work: (progress: StageProgress) => Promise<T>): Promise<T> {
  const progress: StageProgress = {};
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StageTimeLimitError(stage, seconds, progress.workingOn)), seconds * 1000);
  });
  try {
    return await Promise.race([work(progress), expired]);
  } finally {
    clearTimeout(timer);
  }
}
