// Generates console/src/api/schema.d.ts from openapi.json (the server's own document,
// printed by `refdesk openapi`). Nothing here is hand-written: the only change made on the
// way is to give operations that share an operationId (e.g. two handlers both called
// `show`) unique names, since TypeScript keeps only the first of two same-named members.
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

const here = new URL('..', import.meta.url);
const doc = JSON.parse(await readFile(new URL('openapi.json', here), 'utf8'));

const seen = new Map();
for (const item of Object.values(doc.paths ?? {})) {
  for (const op of Object.values(item)) {
    if (op && typeof op === 'object' && op.operationId) {
      seen.set(op.operationId, (seen.get(op.operationId) ?? 0) + 1);
    }
  }
}
for (const [path, item] of Object.entries(doc.paths ?? {})) {
  for (const [method, op] of Object.entries(item)) {
    if (op?.operationId && seen.get(op.operationId) > 1) {
      const words = path.replace(/^\/api\//, '').replace(/\{[^}]+\}/g, 'by_id').split(/[^a-zA-Z0-9]+/);
      op.operationId = [method, ...words].filter(Boolean).join('_');
    }
  }
}

const ast = await openapiTS(doc);
const out = `/**\n * Generated from web/openapi.json by scripts/gen-types.mjs (npm run types). Do not edit.\n */\n\n${astToString(ast)}`;
await writeFile(new URL('console/src/api/schema.d.ts', here), out);
console.log('console/src/api/schema.d.ts written');
