import fc from 'fast-check';
import { ignoredEntryNotes } from '../../src/messages/replies';
import { parseCommand } from '../../src/targets/parse-command';
import { type ParsedTargets, parseTargets, splitEntries } from '../../src/targets/parse-command-text';
import { readResetSubmission } from '../../src/views/read-reset-submission';
import { buildResetModal, RESET_INPUTS } from '../../src/views/reset-modal';
import { validateModalView } from '../emulator/views-validation';
import { commandText, privateMetadata, resetFormValues, stateValuesFor } from '../support/fuzz-inputs';

const RUNS = { numRuns: 500 };
const USER_ID = /^[UW][A-Z0-9]+$/;

function entriesAccountedFor(targets: ParsedTargets): number {
  return (
    targets.userIds.length +
    targets.emails.length +
    targets.usergroupIds.length +
    targets.ignored.length +
    targets.duplicateCount
  );
}

describe('command text fuzzing', () => {
  it('parseCommand never throws', () => {
    fc.assert(
      fc.property(commandText, (text) => {
        parseCommand(text);
      }),
      RUNS,
    );
  });

  it('parseTargets keeps only user ids that appear in the text', () => {
    fc.assert(
      fc.property(commandText, (text) => {
        const { userIds } = parseTargets(text);
        expect(userIds.filter((id) => !USER_ID.test(id))).toEqual([]);
        expect(userIds.filter((id) => !text.includes(id))).toEqual([]);
        expect(new Set(userIds).size).toBe(userIds.length);
      }),
      RUNS,
    );
  });

  it('parseTargets uses or names every entry', () => {
    fc.assert(
      fc.property(commandText, (text) => {
        const targets = parseTargets(text);
        expect(entriesAccountedFor(targets)).toBe(splitEntries(text).length);
        expect(targets.ignored.filter((entry) => entry.reason === '')).toEqual([]);
      }),
      RUNS,
    );
  });

  it('builds a modal Slack accepts from any text', () => {
    fc.assert(
      fc.property(commandText, (text) => {
        const targets = parseTargets(text);
        const view = buildResetModal({
          userIds: targets.userIds.slice(0, 100),
          notes: ignoredEntryNotes(targets.ignored, targets.duplicateCount),
          metadata: { channel_id: 'C0GENERAL' },
        });
        expect(validateModalView(view)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('reset form fuzzing', () => {
  const inputs = Object.values(RESET_INPUTS);
  const blockIds = new Set<string>(inputs.map((input) => input.blockId));
  const submittedView = fc.record({
    state: fc.record({ values: fc.oneof(resetFormValues, stateValuesFor(inputs)) }),
    private_metadata: privateMetadata,
  });

  it('readResetSubmission never throws', () => {
    fc.assert(
      fc.property(submittedView, (view) => {
        readResetSubmission(view);
      }),
      RUNS,
    );
  });

  it('accepts only valid user ids that were selected', () => {
    fc.assert(
      fc.property(submittedView, (view) => {
        const result = readResetSubmission(view);
        if (!result.ok) {
          return;
        }
        const selected = view.state.values[RESET_INPUTS.targets.blockId]?.[RESET_INPUTS.targets.actionId];
        const selectedUsers = selected?.selected_users ?? [];
        expect(result.request.userIds.filter((id) => !/^[UW][A-Z0-9]{2,}$/.test(id))).toEqual([]);
        expect(result.request.userIds.filter((id) => !selectedUsers.includes(id))).toEqual([]);
        expect(result.request.reason).not.toBe('');
      }),
      { numRuns: 1_000 },
    );
  });

  it('generates forms that pass validation', () => {
    const accepted = fc.sample(submittedView, 500).filter((view) => readResetSubmission(view).ok);

    expect(accepted.length).toBeGreaterThan(25);
  });

  it('explains every rejection under a form input', () => {
    fc.assert(
      fc.property(submittedView, (view) => {
        const result = readResetSubmission(view);
        if (result.ok) {
          return;
        }
        expect(Object.keys(result.errors).length).toBeGreaterThan(0);
        expect(Object.keys(result.errors).filter((blockId) => !blockIds.has(blockId))).toEqual([]);
        expect(Object.values(result.errors).filter((message) => message.trim() === '')).toEqual([]);
      }),
      RUNS,
    );
  });
});
