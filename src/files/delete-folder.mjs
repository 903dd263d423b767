/**
 * Deletes a previous site for a build that has already exited (src/build/output.ts, handOffDeletion).
 * The build renames the folder after this process once it has started, so that no later build,
 * seeing the build's process gone, starts deleting the same folder; this process waits for the
 * folder to be there under that name, then deletes it. A folder it cannot delete stays under that
 * name, and a later build removes it as a leftover.
 *   node delete-folder.mjs <folder, "{pid}" standing for this process's id>
 */
import { existsSync, rmSync } from 'node:fs';

/** How long to wait for the build to rename the folder (it does so as this process starts). */
const WAIT_MS = 10_000;

const [pattern] = process.argv.slice(2);
const target = pattern.replace('{pid}', String(process.pid));
const until = Date.now() + WAIT_MS;
function deleteWhenThere() {
  if (!existsSync(target)) {
    if (Date.now() < until) setTimeout(deleteWhenThere, 20);
    return;
  }
  try {
    rmSync(target, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // Left for a later build, which removes folders of processes that are gone.
  }
}
deleteWhenThere();
