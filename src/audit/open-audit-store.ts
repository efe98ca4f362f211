import { auditDbOpenError } from '../startup-errors';
import { SqliteAuditStore } from './sqlite-audit-store';

/** Opens the SQLite audit store at AUDIT_DB_PATH; a failure becomes a `StartupError` naming the variable and path. */
export function openAuditStore(auditDbPath: string): SqliteAuditStore {
  try {
    return SqliteAuditStore.open(auditDbPath);
  } catch (error) {
    throw auditDbOpenError(auditDbPath, error);
  }
}
