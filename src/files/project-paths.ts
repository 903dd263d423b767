/** How a file is named in a message: by its path in the project folder when it is inside it. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `file` relative to `root` with "/" between parts, or `file` itself when it is outside `root` (or there is no root). */
export function projectPath(root: string | undefined, file: string): string {
  if (!root) return file;
  const inside = path.relative(root, file);
  return inside.startsWith('..') || path.isAbsolute(inside) ? file : inside.split(path.sep).join('/');
}

/**
 * The folder of this tool's own code (package.json, src/, scripts/, node_modules/): src/'s parent
 * when it runs from its TypeScript, or the folder holding .cache/code/ when it runs from the copy
 * that scripts/run.mjs compiled.
 */
export function codeRoot(): string {
  const above = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  return path.basename(above) === 'code' && path.basename(path.dirname(above)) === '.cache' ? path.dirname(path.dirname(above)) : above;
}
