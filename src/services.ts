import type { AccessPolicy } from './access/access-policy';
import type { AuditTrail } from './audit/audit-trail';
import type { BulkResets } from './bulk/bulk-resets';
import type { SessionAdmin } from './slack/session-admin';
import type { EmailResolver } from './targets/resolve-emails';

/** Long-lived collaborators the listeners share, built once in `app.ts`. */
export interface AppServices {
  access: AccessPolicy;
  audit: AuditTrail;
  /** Groups and pasted lists, the paced reset runner, dry run and MAX_TARGETS_PER_REQUEST. */
  bulk: BulkResets;
  emails: EmailResolver;
  sessions: SessionAdmin;
}
