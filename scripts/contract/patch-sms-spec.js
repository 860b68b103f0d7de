#!/usr/bin/env node
// Copies Twilio's 2010-04-01 OpenAPI spec with one change, so Prism can check Refdesk's
// SMS client against it: the array fields of the Message create form body (MediaUrl,
// PersistentAction) get `encoding: {style: form, explode: true}`. That is how the real API
// takes them (`MediaUrl=a&MediaUrl=b`) and OpenAPI's default for form bodies, but Prism
// rejects repeated keys unless the encoding is spelled out.
//
// Usage: patch-sms-spec.js IN.json OUT.json   (IN is never modified)
'use strict';
const fs = require('fs');

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: patch-sms-spec.js IN.json OUT.json');
  process.exit(2);
}
const MESSAGES = '/2010-04-01/Accounts/{AccountSid}/Messages.json';
const FORM = 'application/x-www-form-urlencoded';

const spec = JSON.parse(fs.readFileSync(input, 'utf8'));
const create = spec.paths && spec.paths[MESSAGES] && spec.paths[MESSAGES].post;
const media = create && create.requestBody && create.requestBody.content && create.requestBody.content[FORM];
if (!media || !media.schema || !media.schema.properties) {
  console.error(`patch-sms-spec: no ${FORM} body for POST ${MESSAGES} in ${input}`);
  process.exit(1);
}
const arrays = Object.entries(media.schema.properties)
  .filter(([, schema]) => schema && schema.type === 'array')
  .map(([name]) => name);
if (!arrays.includes('MediaUrl')) {
  console.error(`patch-sms-spec: POST ${MESSAGES} has no MediaUrl array field any more`);
  process.exit(1);
}
media.encoding = media.encoding || {};
for (const name of arrays) {
  media.encoding[name] = Object.assign({}, media.encoding[name], { style: 'form', explode: true });
}
fs.writeFileSync(output, JSON.stringify(spec));
console.error(`patch-sms-spec: ${arrays.join(', ')} encoded as form/explode in ${output}`);
