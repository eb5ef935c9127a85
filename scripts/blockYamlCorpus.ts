// The fast reader of plain block YAML (server/src/engine/parse/blockYamlReader.ts) against the `yaml`
// library on every YAML document of a corpus: each document it accepts must be read exactly as the
// library reads it, with the stream's options and the strict ones (test/harness/yamlEquivalence.ts
// says what is compared).
//   node out/scripts/blockYamlCorpus.js [root]     (default: the shared corpus, else the in-repository one)
// Prints how many documents (and how much of their text) the reader accepts, and every difference;
// exits 1 on any difference.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitDocuments } from '../server/src/engine/parse/yaml';
import { compareWithLibrary, STRICT_OPTIONS } from '../test/harness/yamlEquivalence';
import { chooseCorpus, filesUnder } from './corpus';

const root = process.argv[2] && !process.argv[2].startsWith('--') ? path.resolve(process.argv[2]) : chooseCorpus();
let documents = 0;
let accepted = 0;
let text = 0;
let acceptedText = 0;
let differences = 0;
for (const file of filesUnder(root).filter((f) => /\.ya?ml$/i.test(f))) {
  for (const part of splitDocuments(fs.readFileSync(file, 'utf8'))) {
    if (part.text.trim() === '' || /^---\s*$/.test(part.text.trim())) continue; // as parseYamlStream skips them
    documents++;
    text += part.text.length;
    const verdict = compareWithLibrary(part.text);
    if (verdict.kind === 'declined') continue;
    accepted++;
    acceptedText += part.text.length;
    for (const v of [verdict, compareWithLibrary(part.text, STRICT_OPTIONS)]) {
      if (v.kind === 'same') continue;
      differences++;
      const detail = v.kind === 'different' ? `\n  library ${v.library}\n  reader  ${v.reader}` : ' (declined with strict options only)';
      console.log(`DIFFERENT ${path.relative(root, file)} at offset ${part.offset}${detail}`);
    }
  }
}
const percent = (n: number, of: number) => `${((100 * n) / Math.max(of, 1)).toFixed(1)} %`;
console.log(`${accepted} of ${documents} documents accepted (${percent(accepted, documents)}; ${percent(acceptedText, text)} of their text), ${differences} different`);
process.exitCode = differences > 0 ? 1 : 0;
