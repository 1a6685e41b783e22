// Parses each .env file named on stdin (one path per line) with Node's dotenv + dotenv-expand and prints
// one line per file: "ok" followed by base64(key):base64(value) pairs, or "error <name>".
'use strict';
const fs = require('fs');
const path = require('path');
const modules = process.argv[2];
const dotenv = require(path.join(modules, 'dotenv'));
const { expand } = require(path.join(modules, 'dotenv-expand'));
const version = (name) => JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')).version;
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const baseEnv = { ...process.env };
const out = [`version dotenv ${version('dotenv')} + dotenv-expand ${version('dotenv-expand')}`];
const paths = fs.readFileSync(0, 'utf8').split('\n').filter((p) => p.length > 0);
for (const file of paths) {
  try {
    const parsed = dotenv.parse(fs.readFileSync(file));
    expand({ parsed, processEnv: { ...baseEnv } });
    out.push('ok ' + Object.keys(parsed).map((k) => b64(k) + ':' + b64(parsed[k])).join(' '));
  } catch (e) {
    out.push('error ' + e.name);
  }
}
process.stdout.write(out.join('\n') + '\n');
