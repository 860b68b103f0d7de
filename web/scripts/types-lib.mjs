// What `npm run types` generates from openapi.json (the server's own document, printed by
// `refdesk openapi`), as strings, so tests/types.test.mjs can check the committed files are
// what the current document gives. Nothing here is hand-written type text.
import openapiTS, { astToString } from 'openapi-typescript';

/** The schemas of the widget's socket protocol (channels/src/chat/frames.rs). */
export const WIDGET_ROOTS = ['PatronFrame', 'HubFrame'];

const header = (what) =>
  `/**\n * Generated from web/openapi.json by scripts/gen-types.mjs (npm run types). Do not edit.\n${what} */\n\n`;

/** console/src/api/schema.d.ts: the whole API. */
export async function consoleTypes(document) {
  const doc = structuredClone(document);
  // Operations that share an operationId (e.g. two handlers both called `show`) get unique
  // names, since TypeScript keeps only the first of two same-named members.
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
  return header('') + astToString(await openapiTS(doc));
}

/** Every schema `roots` refer to, themselves included. */
function reachable(schemas, roots) {
  const found = new Set();
  const visit = (value) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') add(v.replace('#/components/schemas/', ''));
      else visit(v);
    }
  };
  const add = (name) => {
    if (found.has(name)) return;
    if (!schemas[name]) throw new Error(`openapi.json has no schema ${name}`);
    found.add(name);
    visit(schemas[name]);
  };
  roots.forEach(add);
  return [...found].sort();
}

/** widget/src/protocol.gen.ts: the chat frames only (the widget needs nothing else). */
export async function widgetTypes(document) {
  const schemas = document.components?.schemas ?? {};
  const names = reachable(schemas, WIDGET_ROOTS);
  const doc = {
    openapi: document.openapi,
    info: document.info,
    paths: {},
    components: { schemas: Object.fromEntries(names.map((n) => [n, schemas[n]])) },
  };
  return (
    header(' * The widget <-> hub socket protocol (channels/src/chat/frames.rs, PROTOCOL.md).\n') +
    astToString(await openapiTS(doc))
  );
}
