import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditRefusal, NewAuditRequest } from '../../../src/audit/audit-store';

export const T0 = new Date('2026-03-01T10:00:00.000Z');

/** Returns `T0` plus the given number of minutes. */
export function minutesAfterStart(minutes: number): Date {
  return new Date(T0.getTime() + minutes * 60_000);
}

export function makeRequest(overrides: Partial<NewAuditRequest> = {}): NewAuditRequest {
  return {
    id: 'req-1',
    action: 'reset',
    requesterId: 'UADMIN1',
    teamId: 'T0001',
    enterpriseId: 'E0001',
    targetUserIds: ['U0001', 'U0002'],
    scope: 'all',
    reason: 'Laptop stolen',
    dryRun: false,
    source: 'modal',
    createdAt: T0,
    ...overrides,
  };
}

export function makeRefusal(overrides: Partial<AuditRefusal> = {}): AuditRefusal {
  return {
    id: 'ref-1',
    action: 'reset',
    status: 'refused',
    requesterId: 'UINTRUDER',
    teamId: 'T0001',
    enterpriseId: 'E0001',
    targetUserIds: ['U0001'],
    scope: 'web',
    reason: 'Because',
    source: 'slash_command',
    detail: 'not_listed',
    createdAt: T0,
    ...overrides,
  };
}

/** Creates a fresh folder under the OS temp folder. `remove` deletes it and everything in it. */
export function makeTempDir(): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-test-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
