/** Writes schema/*.schema.json from the TypeBox model (npm run schema). */
import { writeSchemaFiles } from '../src/model/json-schema.ts';

const written = await writeSchemaFiles();
for (const file of written) console.log(`skrev ${file}`);
