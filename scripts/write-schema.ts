/** npm run schema: regenerates schema/*.schema.json from src/model/schema.ts. */
import './start-up.js';
import { writeFileAtomic } from '../src/files/write-atomic.js';
import { JSON_SCHEMAS, jsonSchema } from '../src/model/json-schema.js';

for (const [file, schema] of Object.entries(JSON_SCHEMAS)) {
  await writeFileAtomic(`schema/${file}`, jsonSchema(schema));
  console.log(`wrote schema/${file}`);
}
