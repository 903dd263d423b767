/**
 * The published JSON Schemas, generated from the zod schemas so they can never disagree with
 * validation. Editors (VS Code's YAML extension) read them through the modeline at the top of each
 * file, and complete and check fields as people type.
 */
import { z } from 'zod';
import { OwnersFile } from './history.js';
import { NoticeJson, NoticesJson } from './notice-json.js';
import { LawsFile, NoticeFile, OrganisationsFile, SiteFile } from './schema.js';

export const JSON_SCHEMAS = {
  'notice.schema.json': NoticeFile,
  'organisations.schema.json': OrganisationsFile,
  'owners.schema.json': OwnersFile,
  'site.schema.json': SiteFile,
  'laws.schema.json': LawsFile,
  // What the site publishes (not what people write): /<id>/notice.json and /notices.json.
  'notice-json.schema.json': NoticeJson,
  'notices-json.schema.json': NoticesJson,
} as const;

export function jsonSchema(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any' }), null, 2)}\n`;
}
