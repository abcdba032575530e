/**
 * Every shell example of README.md runs as written, in order, in one bash session against a real
 * stack (the dev server, a worker, the API), as a reader pastes them; each curl answers the HTTP
 * status its `# → NNN` comment says. "Deze fase loopt tot 1 juli 2019": the examples' dates must
 * be ones the product accepts today, so a stale example fails here.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startApiStack, type ApiStack } from '../helpers/api-stack';
import { curlCommands, shellBlocks, type ShellBlock } from '../helpers/readme-blocks';

const root = resolve(__dirname, '../..');
const blocks = shellBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
const run = blocks.filter((block) => block.skip === undefined);
const where = (block: ShellBlock) => `README.md:${String(block.line)} (${block.section})`;

/** Each curl call: its block, the line in that block bash reported, the status (0: none). */
interface Call {
  block: number;
  line: number;
  status: number;
}

let stack: ApiStack;
let calls: Call[] = [];
let output = '';

jest.setTimeout(240_000);

beforeAll(async () => {
  stack = await startApiStack('readme-examples');
  const dir = mkdtempSync(join(tmpdir(), 'dso-lv-readme-'));
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  run.forEach((block, index) =>
    writeFileSync(join(dir, `block-${String(index)}.sh`), block.script),
  );
  // curl as the reader runs it, noting each answer's status from its headers (the block's own -o
  // and -w stay as they are); bash reports the line of the call within the sourced block.
  const driver = [
    'curl() {',
    '  local headers; headers=$(mktemp)',
    '  command curl -D "$headers" "$@"; local rc=$?',
    `  local status; status=$(grep -E '^HTTP/' "$headers" | tail -n 1 | cut -d ' ' -f 2)`,
    `  echo "\${BASH_SOURCE[1]##*/} \${BASH_LINENO[0]} \${status:-0}" >> ${JSON.stringify(log)}`,
    '  rm -f "$headers"; return $rc',
    '}',
    ...run.map((_, index) => `source ${JSON.stringify(join(dir, `block-${String(index)}.sh`))}`),
  ].join('\n');
  const answer = await promisify(execFile)('bash', ['-c', driver], {
    cwd: root,
    env: {
      ...process.env,
      API: `${stack.baseUrl}/api/v1`,
      DSO_API_URL: `${stack.baseUrl}/api/v1`,
      TOKENS_FILE: stack.tokensFile,
    },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: unknown) => {
    // A block's failing command ends the session with its status; what it printed still counts.
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { stdout, stderr };
  });
  output = `${answer.stdout}\n${answer.stderr}`;
  calls = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((entry) => {
      const [file = '', line = '0', status = '0'] = entry.split(' ');
      return { block: Number(/\d+/.exec(file)?.[0]), line: Number(line), status: Number(status) };
    });
});

afterAll(async () => {
  await stack.stop();
});

test('the blocks not run say why', () => {
  expect(blocks.filter((block) => block.skip).map((block) => [block.section, block.skip])).toEqual([
    ['Quickstart', 'it starts the product and its tests themselves'],
    ['Running as a cluster', 'it starts a cluster of its own (test/cluster runs the same script)'],
    ['Running as a cluster', 'it needs a Docker engine'],
    ['Rolling upgrades', 'it needs a cluster with versioned workers'],
  ]);
});

test.each(run.map((block, index) => ({ name: where(block), block, index })))(
  '$name: every curl answers the status its comment says',
  ({ block, index }) => {
    const commands = curlCommands(block.script);
    expect(commands.length).toBeGreaterThan(0);
    const made = calls.filter((call) => call.block === index);
    const seen = commands.map((command) => ({
      line: block.line + command.first - 1,
      expected: command.expected ?? 'no "# → NNN" comment',
      answers: made
        .filter((call) => call.line >= command.first && call.line <= command.last)
        .map((call) => call.status),
    }));
    // Each command annotated, run at least once, every answer as promised.
    const promised = commands.map((command, i) => ({
      line: block.line + command.first - 1,
      expected: command.expected ?? 'a "# → NNN" comment',
      answers: (seen[i]?.answers.length ? seen[i].answers : [0]).map(() => command.expected ?? 0),
    }));
    const matches = JSON.stringify(seen) === JSON.stringify(promised);
    // On a mismatch the session's output shows what the API said.
    expect({ seen, output: matches ? '' : output.slice(-3000) }).toEqual({
      seen: promised,
      output: '',
    });
    // And no curl ran outside the commands found.
    expect(made.length).toBe(seen.reduce((sum, command) => sum + command.answers.length, 0));
  },
);
