// npm run gen: writes the generated docs, README rules table and config schema.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedFiles, REPO_ROOT, staleDocPages } from './generated';

let written = 0;
for (const stale of staleDocPages()) fs.rmSync(path.join(REPO_ROOT, stale));
for (const [rel, content] of generatedFiles()) {
  const file = path.join(REPO_ROOT, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) continue;
  fs.writeFileSync(file, content);
  written++;
}
console.log(`bulkhead gen: ${written} file(s) updated`);
