/** The set of a person's sessions that a reset ends, as offered in the modal. */
export type SessionScope = 'all' | 'mobile' | 'web';

export const SESSION_SCOPES: readonly SessionScope[] = ['all', 'mobile', 'web'];

export function isSessionScope(value: unknown): value is SessionScope {
  return typeof value === 'string' && (SESSION_SCOPES as readonly string[]).includes(value);
}

/** Maps the scope to Slack's flags; one choice can never send `mobile_only` and `web_only` together. */
export function scopeFlags(scope: SessionScope): { mobile_only?: true; web_only?: true } {
  if (scope === 'mobile') {
    return { mobile_only: true };
  }
  if (scope === 'web') {
    return { web_only: true };
  }
  return {};
}

export const SCOPE_LABELS: Readonly<Record<SessionScope, string>> = {
  all: 'All sessions (desktop, web and mobile)',
  mobile: 'Mobile sessions only',
  web: 'Web browser sessions only',
};
