/**
 * From the bytes of a YAML file to a YamlSource, within the limits and refusing what cannot be
 * published, every problem at its line:
 *
 *   size limit → strict UTF-8 (file, line, column of the first unreadable byte) → control
 *   characters in the text (comments and NEL included) → NFC → YAML with every value counted
 *   (an alias bomb stops at its alias) → control characters and lone surrogates that YAML
 *   escapes ("\e", "\x01", "\ud800") put into the values.
 *
 * A file with unreadable bytes or control characters is still parsed (the bytes read as U+FFFD,
 * the characters read as spaces, so every position stays where it was), so one mistake does not
 * turn into an "unknown organisation" on every notice that names something in it; its errors
 * still stop the build.
 */
import { diagnostic } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { blankControlCharacters, decodeUtf8, describeCodePoint, findControlCharacters, findControlCharactersInData, normaliseText } from '../input/decode.js';
import { LIMITS, type Limits } from '../input/limits.js';
import { diagnosticAt } from './validate.js';
import { parseYaml, type YamlSource } from './yaml-source.js';

/** At most this many control-character errors per file: the first ones say what is wrong. */
const MAX_CHARACTER_PROBLEMS = 10;

export interface SourceResult {
  /** Undefined when the file could not be parsed at all (too large, not YAML). */
  source?: YamlSource;
  diagnostics: Diagnostic[];
}

/** Reads `bytes` (the file `file`, project-relative) as YAML; see the module comment for the order of checks. */
export function sourceFromBytes(file: string, bytes: Uint8Array, limits: Pick<Limits, 'fileBytes' | 'yamlNodes' | 'stringLength'> = LIMITS): SourceResult {
  const diagnostics: Diagnostic[] = [];
  if (bytes.length > limits.fileBytes) {
    diagnostics.push(diagnostic('file-too-large', { bytes: bytes.length, limit: limits.fileBytes }, { file, line: 0, column: 0 }));
    return { diagnostics };
  }
  const decoded = decodeUtf8(bytes, file);
  let text: string;
  if ('problem' in decoded) {
    const { line, column, message } = decoded.problem;
    const byte = /0x[0-9A-F]{2}/.exec(message)?.[0] ?? 'here';
    diagnostics.push(diagnostic('file-not-utf8', { byte }, { file, line, column }));
    text = new TextDecoder('utf-8').decode(bytes);
  } else {
    text = decoded.text;
  }

  const characters = findControlCharacters(text);
  for (const { line, column, codePoint } of characters.slice(0, MAX_CHARACTER_PROBLEMS)) {
    diagnostics.push(diagnostic('control-character', { character: describeCodePoint(codePoint) }, { file, line, column }));
  }
  if (characters.length > 0) text = blankControlCharacters(text);
  text = normaliseText(text);

  const parsed = parseYaml(file, text, limits);
  if (!parsed.ok) {
    diagnostics.push(parsed.diagnostic);
    return { diagnostics };
  }
  const source = parsed.source;
  let count = 0;
  for (const { path, codePoint } of findControlCharactersInData(source.data)) {
    if (count++ >= MAX_CHARACTER_PROBLEMS) break;
    diagnostics.push(diagnosticAt(source, path, 'control-character', { character: describeCodePoint(codePoint) }));
  }
  return { source, diagnostics };
}

/** Words for a read error's code, for the file-unreadable message. */
export function readErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const words: Record<string, string> = { EACCES: 'permission denied', EPERM: 'operation not permitted', EISDIR: 'it is a folder, not a file', ELOOP: 'it is a link that points to itself' };
  if (code) return words[code] ?? `error ${code}`;
  return error instanceof Error ? error.message : String(error);
}
