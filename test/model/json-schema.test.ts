import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMAS, jsonSchema } from '../../src/model/json-schema.js';
import { REPO_ROOT } from '../helpers/project.js';

describe('published JSON Schemas', () => {
  it('are up to date with the zod model (run npm run schema after changing it)', async () => {
    for (const [file, schema] of Object.entries(JSON_SCHEMAS)) {
      expect(await readFile(path.join(REPO_ROOT, 'schema', file), 'utf8'), file).toBe(jsonSchema(schema));
    }
  });

  it('accept every notice in content/ and reject a broken one, as editors will', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(await readFile(path.join(REPO_ROOT, 'schema/notice.schema.json'), 'utf8')));
    const files = (await readdir(path.join(REPO_ROOT, 'content'), { recursive: true })).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const text = await readFile(path.join(REPO_ROOT, 'content', file), 'utf8');
      expect(text.startsWith('# yaml-language-server: $schema=../../schema/notice.schema.json'), `${file} modeline`).toBe(true);
      const data = yaml.load(text, { schema: yaml.CORE_SCHEMA });
      expect(validate(data), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validate({ id: 'x', title: 't', organisation: 'o', summary: 's', status: 'published', lastUpdated: '2024-10', nextReview: '2025-10', sections: [{ heading: 'h', body: [{ type: 'paragrah', text: 'x' }] }] })).toBe(false);
  });
});
