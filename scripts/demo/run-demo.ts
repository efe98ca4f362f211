import { readAuditFile } from './audit-file';
import type { StepContext } from './step-context';
import { openResetModal } from './steps/open-modal';
import { refuseMember } from './steps/refuse-member';
import { showHistory } from './steps/show-history';
import { submitReset } from './steps/submit-reset';

/** Maximum number of records the summary reads; the demo writes two. */
const SUMMARY_RECORDS_MAX = 100;

/** Plays the four steps in order and returns the summary line, counted from the audit file. */
export async function runDemo(context: StepContext): Promise<string> {
  const viewId = await openResetModal(context);
  await refuseMember(context);
  const correlationId = await submitReset(context, viewId);
  await showHistory(context);

  const { record, refusals } = await readAuditFile(context.env.auditDbPath, async (store) => {
    const { records } = await store.listHistory({ limit: SUMMARY_RECORDS_MAX, offset: 0 });
    return {
      record: await store.getRequest(correlationId),
      refusals: records.filter((entry) => entry.status === 'refused').length,
    };
  });
  const signedOut = record?.outcomes.filter((outcome) => outcome.ok).length ?? 0;
  const people = count(signedOut, 'person', 'people');
  return `Demo finished: ${people} signed out, ${count(refusals, 'refusal', 'refusals')} recorded`;
}

function count(value: number, singular: string, plural: string): string {
  return `${value} ${value === 1 ? singular : plural}`;
}
