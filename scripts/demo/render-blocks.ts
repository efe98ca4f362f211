import type {
  ActionsBlock,
  ActionsBlockElement,
  AnyBlock,
  Button,
  ContextBlock,
  ContextBlockElement,
  DividerBlock,
  HeaderBlock,
  InputBlock,
  InputBlockElement,
  ModalView,
  PlainTextElement,
  SectionBlock,
  TextObject,
} from '@slack/types';

// Renders Block Kit as plain text for a terminal. It keeps the words a person would read in Slack and drops
// the layout, so the output shows what a message or modal contains, not how it looks.

/** Options of the plain text renderer. */
export interface RenderOptions {
  /** Display names by user id, used for mentions. An id missing from the map is shown as the id. */
  userNames?: ReadonlyMap<string, string>;
}

/** Matches one `<…>` escape of mrkdwn: a mention, a channel, a special command, a date or a link. */
const MRKDWN_ESCAPE = /<([^<>]*)>/g;

/** Converts mrkdwn to plain text: mentions become `@name`, dates their fallback text, links `label (url)`. */
export function renderMrkdwn(text: string, options: RenderOptions = {}): string {
  const withoutEscapes = text.replace(MRKDWN_ESCAPE, (_match, inner: string) => renderEscape(inner, options));
  return withoutEscapes.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function renderEscape(inner: string, options: RenderOptions): string {
  const separator = inner.indexOf('|');
  const target = separator === -1 ? inner : inner.slice(0, separator);
  const label = separator === -1 ? undefined : inner.slice(separator + 1);

  if (target.startsWith('@')) {
    return `@${options.userNames?.get(target.slice(1)) ?? label ?? target.slice(1)}`;
  }
  if (target.startsWith('#')) {
    return `#${label ?? target.slice(1)}`;
  }
  if (target.startsWith('!subteam^')) {
    return label ?? `@${target.slice('!subteam^'.length)}`;
  }
  if (target.startsWith('!date^')) {
    return label ?? target;
  }
  if (target.startsWith('!')) {
    return `@${target.slice(1)}`;
  }
  return label === undefined ? target : `${label} (${target})`;
}

/** Renders a modal as a heading line with its title and buttons, followed by its blocks. */
export function renderModal(view: ModalView, options: RenderOptions = {}): string[] {
  const buttons = [view.submit, view.close]
    .filter((button): button is PlainTextElement => button !== undefined)
    .map((button) => `[${button.text}]`);
  const heading = `Modal "${view.title.text}"${buttons.length > 0 ? `, buttons ${buttons.join(' ')}` : ''}`;
  return [heading, ...renderBlocks(view.blocks, options)];
}

/** The block types this renderer shows; they are the ones the app's views build. */
type RenderedBlock = ActionsBlock | ContextBlock | DividerBlock | HeaderBlock | InputBlock | SectionBlock;

const RENDERED_TYPES: ReadonlySet<string> = new Set<RenderedBlock['type']>([
  'actions',
  'context',
  'divider',
  'header',
  'input',
  'section',
]);

/** Slack's `type` field fixes a block's shape, so the type name is enough to pick the right interface. */
function isRenderedBlock(block: AnyBlock): block is RenderedBlock {
  return RENDERED_TYPES.has(block.type);
}

/** Renders each block as one or more lines; a block of another type is named, not rendered. */
export function renderBlocks(blocks: readonly AnyBlock[], options: RenderOptions = {}): string[] {
  return blocks.flatMap((block) =>
    isRenderedBlock(block) ? renderBlock(block, options) : [`(${block.type} block)`],
  );
}

function renderBlock(block: RenderedBlock, options: RenderOptions): string[] {
  switch (block.type) {
    case 'header':
      return splitLines(block.text.text);
    case 'section':
      return [
        ...(block.text !== undefined ? splitLines(renderText(block.text, options)) : []),
        // A field is a short label and value, so it reads best as one line.
        ...(block.fields ?? []).map((field) => splitLines(renderText(field, options)).join(' ')),
        ...(block.accessory?.type === 'button' ? [renderButton(block.accessory)] : []),
      ];
    case 'context':
      return [block.elements.map((element) => renderContextElement(element, options)).join(' · ')];
    case 'divider':
      return ['---'];
    case 'input':
      return renderInput(block, options);
    case 'actions':
      return [block.elements.map(renderActionElement).join(' ')];
  }
}

function renderText(text: TextObject, options: RenderOptions): string {
  return text.type === 'mrkdwn' ? renderMrkdwn(text.text, options) : text.text;
}

function renderContextElement(element: ContextBlockElement, options: RenderOptions): string {
  if (element.type === 'image') {
    return `[image: ${element.alt_text}]`;
  }
  return renderText(element, options);
}

function renderButton(button: Button): string {
  return `[${button.text.text}]`;
}

/** Shows a button by its text and a menu by its placeholder, the words a person sees before choosing. */
function renderActionElement(element: ActionsBlockElement): string {
  if (element.type === 'button') {
    return renderButton(element);
  }
  if ('placeholder' in element && element.placeholder !== undefined) {
    return `[${element.placeholder.text} ▾]`;
  }
  return `(${element.type})`;
}

/** Shows the label and what the input contains when the view opens; radio buttons get a line per option. */
function renderInput(block: InputBlock, options: RenderOptions): string[] {
  const { element } = block;
  if (element.type !== 'radio_buttons') {
    return [`${block.label.text}: ${renderInputValue(element, options)}`];
  }

  const optionLines = element.options.map((option) => {
    const mark = option.value === element.initial_option?.value ? '(•)' : '( )';
    return `  ${mark} ${option.text.text}`;
  });
  return [`${block.label.text}:`, ...optionLines];
}

function renderInputValue(element: InputBlockElement, options: RenderOptions): string {
  switch (element.type) {
    case 'multi_users_select': {
      const users = element.initial_users ?? [];
      return users.length === 0
        ? '(nobody chosen)'
        : users.map((id) => renderMention(id, options)).join(', ');
    }
    case 'plain_text_input':
      return element.initial_value !== undefined && element.initial_value !== ''
        ? element.initial_value
        : '(empty)';
    default:
      return `(${element.type})`;
  }
}

function renderMention(userId: string, options: RenderOptions): string {
  return `@${options.userNames?.get(userId) ?? userId}`;
}

function splitLines(text: string): string[] {
  return text.split('\n');
}
