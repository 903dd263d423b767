/** Writes reports/completeness.json: the one part of the completeness engine that touches files. */
import path from 'node:path';
import { writeJsonAtomic } from '../files/write-atomic.js';
import { completenessJson, type NoticeCompleteness } from './completeness.js';

/** The report's place under the project (or output) root the caller passes. */
export const COMPLETENESS_REPORT = path.join('reports', 'completeness.json');

export async function writeCompletenessReport(root: string, reports: readonly NoticeCompleteness[]): Promise<string> {
  const file = path.join(root, COMPLETENESS_REPORT);
  await writeJsonAtomic(file, completenessJson(reports));
  return file;
}
