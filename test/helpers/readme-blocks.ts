/**
 * The shell examples of README.md and what their comments promise (see the README's
 * "README examples are tests"): `# → 201` after a curl command is the HTTP status it answers, and
 * a block whose first line is `# Not run by the README test: <reason>` is left out, with the reason.
 */

export interface ShellBlock {
  /** 1-based line of the block's first line in README.md. */
  line: number;
  /** The nearest heading above it. */
  section: string;
  script: string;
  skip?: string;
}

export interface CurlCommand {
  /** 1-based lines of the command within its block: the curl line to its last continuation. */
  first: number;
  last: number;
  expected?: number;
}

const SKIP = /^# Not run by the README test: (.+)$/;
const STATUS = /#\s*→\s*(\d{3})\s*$/;

export function shellBlocks(readme: string): ShellBlock[] {
  const lines = readme.split('\n');
  const blocks: ShellBlock[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^#{1,4} /.test(line)) section = line.replace(/^#+ /, '');
    if (line.trim() !== '```sh') continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j]?.trim() !== '```') body.push(lines[j++] ?? '');
    const skip = SKIP.exec(body[0] ?? '')?.[1];
    blocks.push({ line: i + 2, section, script: body.join('\n'), ...(skip ? { skip } : {}) });
    i = j;
  }
  return blocks;
}

/** Single quotes still open at the end of these lines (a JSON body over several lines). */
const openQuote = (text: string) => (text.match(/'/g)?.length ?? 0) % 2 === 1;

/** Each curl command of a block, with the status its last line promises. */
export function curlCommands(script: string): CurlCommand[] {
  const lines = script.split('\n');
  const commands: CurlCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/(^|[\s($|])curl\s/.test(lines[i] ?? '') || /^\s*#/.test(lines[i] ?? '')) continue;
    let last = i;
    let text = lines[i] ?? '';
    while (last + 1 < lines.length && (/\\$/.test(lines[last] ?? '') || openQuote(text))) {
      last += 1;
      text += `\n${lines[last] ?? ''}`;
    }
    const status = STATUS.exec(lines[last] ?? '')?.[1];
    commands.push({
      first: i + 1,
      last: last + 1,
      ...(status ? { expected: Number(status) } : {}),
    });
    i = last;
  }
  return commands;
}
