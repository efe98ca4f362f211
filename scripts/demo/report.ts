const INDENT = '   ';
/** Continuation lines of a wrapped text get this much more indentation than its first line. */
const CONTINUATION_INDENT = '  ';
/** Lines are wrapped to fit this many columns. */
const LINE_WIDTH = 100;

/** Writes the demo's numbered steps and their indented lines, and remembers the step in progress. */
export class DemoReport {
  private stepCount = 0;
  private stepTitle: string | undefined;

  constructor(private readonly write: (text: string) => void) {}

  /** The number and title of the step in progress, for failure messages. */
  get currentStep(): string | undefined {
    return this.stepTitle === undefined ? undefined : `step ${this.stepCount} (${this.stepTitle})`;
  }

  heading(text: string): void {
    this.write(`${text}\n`);
  }

  step(title: string): void {
    this.stepCount += 1;
    this.stepTitle = title;
    const [first = '', ...rest] = wrapWords(`${this.stepCount}. ${title}`, LINE_WIDTH);
    this.write(`\n${first}\n`);
    for (const continuation of rest) {
      this.write(`${INDENT}${continuation}\n`);
    }
  }

  /** Writes text at `depth` levels of indentation, wrapping each of its lines to the line width. */
  line(text: string, depth = 1): void {
    const indent = INDENT.repeat(depth);
    for (const part of text.split('\n')) {
      const [first = '', ...rest] = wrapWords(part, LINE_WIDTH - indent.length - CONTINUATION_INDENT.length);
      this.write(`${indent}${first}\n`);
      for (const continuation of rest) {
        this.write(`${indent}${CONTINUATION_INDENT}${continuation}\n`);
      }
    }
  }

  lines(texts: readonly string[], depth = 1): void {
    for (const text of texts) {
      this.line(text, depth);
    }
  }

  /** Writes the closing line and ends the step list, so a later failure is not blamed on the last step. */
  finish(text: string): void {
    this.stepTitle = undefined;
    this.write(`\n${text}\n`);
  }
}

/**
 * Splits text at spaces into lines of at most `width` characters, and a longer word gets a line of its own.
 * Leading spaces of the text are repeated on every line.
 */
export function wrapWords(text: string, width: number): string[] {
  const leading = /^ */.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let current = '';
  for (const word of text.slice(leading.length).split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  lines.push(current);
  return lines.map((line) => `${leading}${line}`);
}
