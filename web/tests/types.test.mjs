// The generated TypeScript types are what the server's current OpenAPI document gives. The
// Rust test `the_consoles_copy_of_the_openapi_document_is_current` checks openapi.json
// against the Rust types; together they fail when the console's or the widget's types drift
// from the Rust frames (channels/src/chat/frames.rs, src/realtime/protocol.rs).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { consoleTypes, widgetTypes } from '../scripts/types-lib.mjs';

const here = new URL('..', import.meta.url);
const read = (path) => readFile(new URL(path, here), 'utf8');
const stale = 'stale: run `npm run types` in web/ and commit the result';

test('the console and widget types are generated from the current openapi.json', async () => {
  const doc = JSON.parse(await read('openapi.json'));
  assert.equal(await read('console/src/api/schema.d.ts'), await consoleTypes(doc), `console types ${stale}`);
  assert.equal(await read('widget/src/protocol.gen.ts'), await widgetTypes(doc), `widget types ${stale}`);
});
