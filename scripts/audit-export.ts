import 'dotenv/config';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { toAuditEvent } from '../src/audit/audit-events';
import type { AuditRecord } from '../src/audit/audit-store';
import { EXPORT_USAGE, parseExportArgs, resolveDbPath, UsageError } from '../src/audit/export-args';
import { SqliteAuditStore } from '../src/audit/sqlite-audit-store';

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

async function main(argv: readonly string[]): Promise<number> {
  let command: ReturnType<typeof parseExportArgs>;
  try {
    command = parseExportArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }

  if (command.kind === 'help') {
    process.stdout.write(EXPORT_USAGE);
    return EXIT_OK;
  }

  const dbPath = resolveDbPath(command.dbPath, process.env);
  // A new empty database would export nothing and hide a mistyped path, so a missing file is an error.
  if (!fs.existsSync(dbPath)) {
    process.stderr.write(
      `Audit database not found: ${path.resolve(dbPath)}. Pass --db PATH or set AUDIT_DB_PATH to the file ` +
        'the app writes.\n',
    );
    return EXIT_FAILED;
  }

  // Checked here because otherwise the failure names only the temporary `.partial` file.
  if (command.outPath !== undefined) {
    const outDir = path.resolve(path.dirname(command.outPath));
    if (!isDirectory(outDir)) {
      process.stderr.write(
        `Output folder not found: ${outDir}. Create it first, or pass --out a path in an existing folder.\n`,
      );
      return EXIT_FAILED;
    }
  }

  const store = SqliteAuditStore.open(dbPath, { fileMustExist: true });
  try {
    const records = store.listSince(command.since);
    const count =
      command.outPath === undefined
        ? await writeJsonLines(records, process.stdout)
        : await writeJsonLinesFile(records, command.outPath);

    const destination = command.outPath === undefined ? '' : ` to ${command.outPath}`;
    process.stderr.write(
      `Exported ${count} audit records created since ${command.since.toISOString()}${destination}.\n`,
    );
  } finally {
    await store.close();
  }
  return EXIT_OK;
}

function isDirectory(dirPath: string): boolean {
  return fs.statSync(dirPath, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Streams one JSON object per line, waiting for the output to drain so memory stays flat. */
async function writeJsonLines(records: AsyncIterable<AuditRecord>, output: Writable): Promise<number> {
  let count = 0;
  async function* lines(): AsyncGenerator<string> {
    for await (const record of records) {
      count += 1;
      yield `${JSON.stringify(toAuditEvent(record))}\n`;
    }
  }

  await pipeline(Readable.from(lines()), output);
  return count;
}

/** Writes to a temporary file and renames it, so a failed export never leaves a complete-looking file. */
async function writeJsonLinesFile(records: AsyncIterable<AuditRecord>, outPath: string): Promise<number> {
  const partialPath = `${outPath}.partial`;
  try {
    const count = await writeJsonLines(records, fs.createWriteStream(partialPath));
    fs.renameSync(partialPath, outPath);
    return count;
  } catch (error) {
    fs.rmSync(partialPath, { force: true });
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Audit export failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_FAILED;
  },
);
