/**
 * One entry of the error catalogue: a stable code's severity, wording and fix. Entries are grouped
 * by stage in codes/*.ts and gathered in catalogue.ts; docs/errors.md is generated from them
 * (npm run docs:errors), so the words a comms officer reads in the terminal and in the docs agree.
 */
import type { Severity } from './diagnostic.js';

export interface MessageDefinition<P extends object = Record<string, never>> {
  /** The usual severity; a caller may raise or lower it (e.g. strict mode). */
  severity: Severity;
  /** One line for the docs: when this is reported. */
  summary: string;
  /** What is wrong, from the facts of this case. Starts lower-case, ends with a full stop. */
  message(params: P): string;
  /** What to do about it. */
  hint?(params: P): string | undefined;
  /** Parameters for the example in docs/errors.md. */
  example: P;
  /** Where the example in docs/errors.md is. Default: a line of a notice file. */
  exampleAt?: ExamplePlace;
}

export interface ExamplePlace {
  file: string;
  /** 0 for the whole file. */
  line: number;
  column: number;
  path?: string;
}

/** Keeps the parameter type of an entry (so catalogue lookups are checked). */
export function define<P extends object = Record<string, never>>(definition: MessageDefinition<P>): MessageDefinition<P> {
  return definition;
}
