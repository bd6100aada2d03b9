// Generates typed static code from proto/ with protobufjs-cli (pbjs + pbts).
// The output is committed (so consumers and reviewers see it, and installs need no codegen);
// `--check` regenerates into a temp dir and fails if the committed files drifted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = dirname(dirname(fileURLToPath(import.meta.url)));
const protoRoot = join(pkgDir, '..', '..', 'proto');
const protoDir = join(protoRoot, 'switchyard', 'routing', 'v1');
const generatedDir = join(pkgDir, 'generated');
const check = process.argv.includes('--check');

const protos = readdirSync(protoDir)
  .filter((f) => f.endsWith('.proto'))
  .sort()
  .map((f) => join(protoDir, f));

const outDir = check ? mkdtempSync(join(tmpdir(), 'switchyard-proto-')) : generatedDir;
const js = join(outDir, 'routing.js');
const dts = join(outDir, 'routing.d.ts');
const bin = (name) => join(pkgDir, '..', '..', 'node_modules', '.bin', name);

execFileSync(bin('pbjs'), [
  '-t',
  'static-module',
  '-w',
  'esm',
  '--force-number',
  '--no-service',
  '--no-verify',
  '--no-delimited',
  '--no-typeurl',
  '-p',
  protoRoot,
  '-o',
  js,
  ...protos,
]);
execFileSync(bin('pbts'), ['-o', dts, js]);
// 64-bit fields are plain numbers (--force-number: versions are xid8 values, far below 2^53),
// so the CommonJS-style `long` import pbts adds is unused and not valid in an ES module.
writeFileSync(dts, readFileSync(dts, 'utf8').replace('import Long = require("long");\n', ''));

if (check) {
  let drift = false;
  for (const name of ['routing.js', 'routing.d.ts']) {
    const fresh = readFileSync(join(outDir, name), 'utf8');
    let committed = '';
    try {
      committed = readFileSync(join(generatedDir, name), 'utf8');
    } catch {}
    if (fresh !== committed) {
      console.error(`generated/${name} is out of date: run \`npm run proto:generate\` and commit the result`);
      drift = true;
    }
  }
  rmSync(outDir, { recursive: true, force: true });
  process.exit(drift ? 1 : 0);
}
console.log(`generated ${js} and ${dts}`);
