/**
 * Deletes a previous site for a build that has already exited (src/build/output.ts, handOffDeletion).
 * It first renames the folder after its own process, so that no later build, seeing the build's
 * process gone, starts deleting the same folder; says "moved" once it has; then deletes it.
 * A folder it cannot delete stays under that name, and a later build removes it as a leftover.
 *   node delete-folder.mjs <folder> <new name, "{pid}" standing for this process's id>
 */
import { renameSync, rmSync } from 'node:fs';
import path from 'node:path';

const [folder, pattern] = process.argv.slice(2);
const target = path.join(path.dirname(folder), pattern.replace('{pid}', String(process.pid)));
try {
  renameSync(folder, target);
} catch {
  process.exit(1);
}
process.stdout.write('moved\n', () => {
  try {
    rmSync(target, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // Left for a later build, which removes folders of processes that are gone.
  }
});
