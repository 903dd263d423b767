/**
 * The teams that own notices (data/owners.yaml) and the check that each published notice names one
 * of them. The loader runs the check on every build; the review list (src/history/due.ts) runs the
 * same check, so both print the same messages.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { OwnersFile, type OwnerTeamData } from '../model/history.js';
import { diagnosticAt, validate } from './validate.js';
import { parseYaml, type YamlSource } from './yaml-source.js';

export interface OwnersResult {
  owners: Map<string, OwnerTeamData>;
  diagnostics: Diagnostic[];
  /** False when the file does not exist (a project that does not use owners yet). */
  found: boolean;
}

/** data/owners.yaml, checked against its schema. A missing file means no owners yet. */
export async function readOwners(root: string, file = 'data/owners.yaml'): Promise<OwnersResult> {
  let yamlText: string;
  try {
    yamlText = await readFile(path.join(root, file), 'utf8');
  } catch {
    return { owners: new Map(), diagnostics: [], found: false };
  }
  const parsed = parseYaml(file, yamlText);
  if (!parsed.ok) return { owners: new Map(), diagnostics: [parsed.diagnostic], found: true };
  if (parsed.source.data === null || parsed.source.data === undefined) return { owners: new Map(), diagnostics: [], found: true };
  const { value, diagnostics } = validate(OwnersFile, parsed.source);
  return { owners: new Map(Object.entries(value ?? {})), diagnostics, found: true };
}

/**
 * The problem with a notice's owner, if any: a published notice with no owner, or one that
 * data/owners.yaml does not know (warnings: the notice is still published).
 */
export function ownerDiagnostic(
  notice: { source: YamlSource; id?: string; status?: string; owner?: string },
  owners: ReadonlyMap<string, OwnerTeamData>,
): Diagnostic | undefined {
  if (notice.status !== 'published') return undefined;
  if (!notice.owner) {
    const at = notice.source.positionOf(['organisation']);
    return { ...diagnosticAt(notice.source, ['organisation'], 'owner-missing', { id: notice.id ?? notice.source.file }), line: at.line, column: at.column, path: 'owner' };
  }
  if (!owners.has(notice.owner)) {
    return diagnosticAt(notice.source, ['owner'], 'owner-unknown', { owner: notice.owner, known: [...owners.keys()].join(', ') || 'none yet' });
  }
  return undefined;
}
