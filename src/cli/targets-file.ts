import fs from 'node:fs';
import { parseTargets } from '../targets/parse-command-text';

/** A row that is no user ID, email address or user group ID, with its 1-based line number. */
export interface BadRow {
  line: number;
  text: string;
  reason: string;
}

export interface TargetsFile {
  /** The first cell of every usable row: user IDs, emails and user group IDs. */
  entries: string[];
  badRows: BadRow[];
}

/** A first row made of words such as `email` or `user_id` is a header, not a person. */
const HEADER = /^[a-z][a-z _-]*$/i;

/**
 * Reads one user ID, email address or user group ID per row from the first column of a CSV or plain text
 * file. Quotes around a cell are removed, and blank rows and a first row that looks like a header are
 * skipped. Every other row that is not a user ID, email address or user group ID is returned as a bad row.
 */
export function readTargetsFile(path: string): TargetsFile {
  const text = fs.readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const result: TargetsFile = { entries: [], badRows: [] };
  let sawContent = false;

  text.split(/\r?\n/).forEach((row, index) => {
    const cell = firstCell(row);
    if (cell === '') {
      return;
    }
    const isFirst = !sawContent;
    sawContent = true;

    const problem = entryProblem(cell);
    if (problem === undefined) {
      result.entries.push(cell);
    } else if (!(isFirst && HEADER.test(cell))) {
      result.badRows.push({ line: index + 1, text: cell.slice(0, 80), reason: problem });
    }
  });
  return result;
}

/**
 * Returns why one `--users` entry or file cell is unusable, or undefined when it names exactly one user ID,
 * email address or user group ID. Both sources use it, so they reject the same entries.
 */
export function entryProblem(entry: string): string | undefined {
  const parsed = parseTargets(entry);
  const named = parsed.userIds.length + parsed.emails.length + parsed.usergroupIds.length;
  return named === 1 && parsed.ignored.length === 0
    ? undefined
    : 'not a user ID, email address or user group ID';
}

function firstCell(row: string): string {
  const [cell = ''] = row.split(',');
  return cell
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
}
