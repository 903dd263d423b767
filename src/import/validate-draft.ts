/**
 * The one place the importer calls the loader: the draft is checked exactly as npm run validate
 * would check it, in a temporary copy of the project's data/ and content/ with the draft (and any
 * new organisation) added, so nothing in the real project changes until the draft is good.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadSite } from '../load/load-site.js';

export interface DraftFiles {
  /** The project root whose data/ and content/ are copied. */
  root: string;
  /** Project-relative path of the draft, e.g. content/kent-county-council/early-help.yaml. */
  draftPath: string;
  draftText: string;
  /** The new text of data/organisations.yaml and the id it adds, when the import adds an organisation. */
  organisationsText?: string;
  newOrganisation?: string;
  today?: Date;
}

/** Problems the loader finds in the draft or in a new organisation; other files are not the import's business. */
export async function validateDraft(files: DraftFiles): Promise<Diagnostic[]> {
  const copy = await mkdtemp(path.join(os.tmpdir(), 'notice-import-'));
  try {
    for (const folder of ['data', 'content']) {
      await cp(path.join(files.root, folder), path.join(copy, folder), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    const target = path.join(copy, files.draftPath);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, files.draftText);
    if (files.organisationsText !== undefined) await writeFile(path.join(copy, 'data', 'organisations.yaml'), files.organisationsText);
    const result = await loadSite({ root: copy, today: files.today });
    const isNew = (d: Diagnostic) => d.file === 'data/organisations.yaml' && files.newOrganisation !== undefined && (d.path === files.newOrganisation || d.path.startsWith(`${files.newOrganisation}.`));
    return result.diagnostics.filter((d) => d.file === files.draftPath || isNew(d));
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}
