/**
 * A new organisation for an imported notice: a minimal entry appended to data/organisations.yaml
 * as text, so the file's comments and layout stay as they are. npm run validate then asks for
 * whatever else is needed.
 */
import { scalar } from './yaml.js';

export function appendOrganisation(fileText: string, id: string, name: string): string {
  const entry = [
    '',
    `${id}:`,
    `  name: ${scalar(name)}`,
    '  # Added by npm run import: add a description, website and contact points (see README.md, "Shared data").',
    '',
  ].join('\n');
  const base = fileText.length === 0 || fileText.endsWith('\n') ? fileText : `${fileText}\n`;
  return `${base}${entry}`;
}
