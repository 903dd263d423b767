/** npm run schema: regenerates schema/*.schema.json from src/model/schema.ts. */
import { mkdir, writeFile } from 'node:fs/promises';
import { JSON_SCHEMAS, jsonSchema } from '../src/model/json-schema.js';

await mkdir('schema', { recursive: true });
for (const [file, schema] of Object.entries(JSON_SCHEMAS)) {
  await writeFile(`schema/${file}`, jsonSchema(schema));
  console.log(`wrote schema/${file}`);
}
