// A node:test reporter that repeats every failed test, with its file and error, after the run ends. It
// runs beside the TAP reporter: a CI log that keeps only its last lines then still names what failed,
// where the TAP stream buries a failure among thousands of passing tests. Lines are TAP comments ("# "),
// so the digest can share stdout with the TAP stream.
import { relative } from 'node:path';

interface FailedTest {
  name: string;
  file?: string;
  details: { error?: unknown; type?: string };
}

interface TestEvent {
  type: string;
  data: FailedTest & { nesting: number };
}

/** The error's message and stack without Node's own frames, on at most a dozen lines. */
function describe(error: unknown): string[] {
  const cause = (error as { cause?: unknown } | undefined)?.cause ?? error;
  const text = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
  return text
    .split('\n')
    .filter((line) => !/^\s+at .*\(?node:/.test(line))
    .slice(0, 12);
}

async function* failureDigest(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const failures: FailedTest[] = [];
  for await (const event of source) {
    // A suite fails when a test in it fails: only the innermost failures are worth repeating.
    if (event.type === 'test:fail' && event.data.details.type !== 'suite') failures.push(event.data);
  }
  if (failures.length === 0) return;
  yield `# failure digest: ${failures.length} failed\n`;
  for (const failure of failures) {
    yield `# FAILED ${failure.file ? relative(process.cwd(), failure.file) : '?'} › ${failure.name}\n`;
    for (const line of describe(failure.details.error)) yield `#   ${line}\n`;
  }
}

// node:test loads a reporter with import(): a CommonJS module must export the function itself.
export = failureDigest;
