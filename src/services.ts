import type { AccessPolicy } from './access/access-policy';
import type { AuditTrail } from './audit/audit-trail';
import type { SessionAdmin } from './slack/session-admin';
import type { EmailResolver } from './targets/resolve-emails';

/** Long-lived collaborators the listeners share, built once in `app.ts`. */
export interface AppServices {
  access: AccessPolicy;
  audit: AuditTrail;
  emails: EmailResolver;
  sessions: SessionAdmin;
}
