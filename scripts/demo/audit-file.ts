import { SqliteAuditStore } from '../../src/audit/sqlite-audit-store';

/**
 * Opens the app's audit file through a second connection, runs `read`, and closes it. The file is in WAL
 * mode, so this reader sees every committed write while the app keeps its own connection open.
 */
export async function readAuditFile<T>(
  auditDbPath: string,
  read: (store: SqliteAuditStore) => Promise<T>,
): Promise<T> {
  const store = SqliteAuditStore.open(auditDbPath, { fileMustExist: true });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}
