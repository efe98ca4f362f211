import type { SectionBlock } from '@slack/types';

/** Slack's limit on the text of one section block. */
export const SECTION_TEXT_MAX = 3000;

/** Escapes the three characters Slack treats as markup, so typed text can never ping anyone or form a link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function mentionUser(userId: string): string {
  return `<@${userId}>`;
}

/** Packs lines into as few sections as possible, each within Slack's text limit; an over-long line is cut. */
export function linesToSections(lines: readonly string[], blockIdPrefix: string): SectionBlock[] {
  const texts: string[] = [];
  let current = '';

  for (const rawLine of lines) {
    const line = rawLine.length > SECTION_TEXT_MAX ? `${rawLine.slice(0, SECTION_TEXT_MAX - 1)}…` : rawLine;
    const joined = current === '' ? line : `${current}\n${line}`;
    if (joined.length > SECTION_TEXT_MAX) {
      texts.push(current);
      current = line;
    } else {
      current = joined;
    }
  }
  if (current !== '') {
    texts.push(current);
  }

  return texts.map((text, index) => ({
    type: 'section',
    block_id: `${blockIdPrefix}_${index}`,
    text: { type: 'mrkdwn', text },
  }));
}
