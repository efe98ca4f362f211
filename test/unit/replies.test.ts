import { emailLookupNote } from '../../src/messages/replies';

describe('emailLookupNote', () => {
  it('uses the singular for one address', () => {
    expect(emailLookupNote(1)).toBe(':hourglass_flowing_sand: Looking up 1 email address…');
  });

  it('uses the plural for two addresses', () => {
    expect(emailLookupNote(2)).toBe(':hourglass_flowing_sand: Looking up 2 email addresses…');
  });
});
