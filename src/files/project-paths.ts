/** How a file is named in a message: by its path in the project folder when it is inside it. */
import path from 'node:path';

/** `file` relative to `root` with "/" between parts, or `file` itself when it is outside `root` (or there is no root). */
export function projectPath(root: string | undefined, file: string): string {
  if (!root) return file;
  const inside = path.relative(root, file);
  return inside.startsWith('..') || path.isAbsolute(inside) ? file : inside.split(path.sep).join('/');
}
