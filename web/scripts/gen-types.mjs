// Generates the TypeScript types of the API and of the chat widget's socket protocol from
// openapi.json (the server's own document, printed by `refdesk openapi`):
// - console/src/api/schema.d.ts (the whole API, with the console socket's frames);
// - widget/src/protocol.gen.ts (the chat frames only).
// tests/types.test.mjs fails when a committed file is not what this would write.
import { readFile, writeFile } from 'node:fs/promises';
import { consoleTypes, widgetTypes } from './types-lib.mjs';

const here = new URL('..', import.meta.url);
const doc = JSON.parse(await readFile(new URL('openapi.json', here), 'utf8'));
await writeFile(new URL('console/src/api/schema.d.ts', here), await consoleTypes(doc));
console.log('console/src/api/schema.d.ts written');
await writeFile(new URL('widget/src/protocol.gen.ts', here), await widgetTypes(doc));
console.log('widget/src/protocol.gen.ts written');
