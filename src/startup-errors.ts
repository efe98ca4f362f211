import path from 'node:path';
import { DEFAULT_AUDIT_DB_PATH } from './config';

/** Raised when the app cannot start because of its configuration or its host; the message names what to fix. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** Describes a failure to open the audit database, naming AUDIT_DB_PATH, the full path and the cause. */
export function auditDbOpenError(auditDbPath: string, error: unknown): StartupError {
  const fullPath = path.resolve(auditDbPath);
  const shown = fullPath === auditDbPath ? auditDbPath : `${auditDbPath} (${fullPath})`;
  return new StartupError(
    `The audit database could not be opened at AUDIT_DB_PATH=${shown}: ${describeCause(error)}. ` +
      'Set AUDIT_DB_PATH to a file in a folder that this user may create or write, or leave it unset for ' +
      `${DEFAULT_AUDIT_DB_PATH} in the working folder. The Docker image sets it to /data/audit.sqlite3.`,
  );
}

/**
 * Describes a failure to listen on PORT and HOST. HOST is the interface to listen on, such as 127.0.0.1,
 * not the public host name in manifest.yml, so a host name that is not this machine's is named as such.
 */
export function listenError(error: unknown, port: number, host: string | undefined): Error {
  const code = systemErrorCode(error);
  const where = `PORT ${port} on HOST ${host ?? '(empty: every interface)'}`;
  switch (code) {
    case 'EADDRINUSE':
      return new StartupError(
        `${where} is already in use (EADDRINUSE). Stop the process that listens there, or set PORT to a free port.`,
      );
    case 'EACCES':
      return new StartupError(
        `${where} needs privileges this user does not have (EACCES). Set PORT to 1024 or above.`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StartupError(
        `Cannot listen on ${where}, because HOST is not an address of this machine (${code}). HOST is the ` +
          'interface to listen on, such as 127.0.0.1; leave it empty to listen on every interface. The public ' +
          'host name belongs in the request URLs of manifest.yml.',
      );
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}

function systemErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) {
    return undefined;
  }
  return typeof error.code === 'string' ? error.code : undefined;
}

// Reads `message` without `instanceof Error`, because errors from Node's fs are of another realm under Jest.
function describeCause(error: unknown): string {
  const message =
    typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string'
      ? error.message
      : String(error);
  const code = systemErrorCode(error);
  return code === undefined || message.includes(code) ? message : `${code}: ${message}`;
}
