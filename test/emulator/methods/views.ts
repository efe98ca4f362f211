import { createHash } from 'node:crypto';
import type { ModalView } from '@slack/types';
import { InvalidArgumentError, readString, requireString } from '../args';
import { APP_ID } from '../fixture';
import type { EmulatorState } from '../state';
import type { EmulatorView, SlackResponse } from '../types';
import { isModalView, isViewTooLarge, validateModalView } from '../views-validation';
import { failure, type MethodContext, type MethodSpec, success } from './method';

/** Trigger ids expire this many ms after they are issued. */
export const TRIGGER_TTL_MS = 3000;

/** Slack keeps at most this many views in one modal stack. */
const MAX_STACK_DEPTH = 3;

/** Returns the error for a trigger id that cannot be exchanged now, or undefined when it can. */
function triggerError(state: EmulatorState, triggerId: string, now: number): string | undefined {
  const trigger = state.triggers.get(triggerId);
  if (trigger === undefined) return 'invalid_trigger_id';
  if (trigger.used) return 'exchanged_trigger_id';
  if (now - trigger.issuedAt > TRIGGER_TTL_MS) return 'expired_trigger_id';
  return undefined;
}

type ViewCheck = { view: ModalView; error?: undefined } | { view?: undefined; error: SlackResponse };

/** Reads and validates the `view` argument, which the SDK sends as a JSON string in form bodies. */
function checkViewArgument(context: MethodContext): ViewCheck {
  const raw = context.args.view;
  if (raw === undefined) throw new InvalidArgumentError('view', 'is required');
  if (typeof raw === 'string') throw new InvalidArgumentError('view', 'must be a JSON object');
  if (isViewTooLarge(raw)) return { error: failure('view_too_large') };
  const messages = validateModalView(raw);
  if (messages.length > 0 || !isModalView(raw)) {
    return { error: failure('invalid_arguments', { response_metadata: { messages } }) };
  }
  return { view: raw };
}

function computeHash(state: EmulatorState, view: ModalView): string {
  const digest = createHash('sha256').update(JSON.stringify(view)).digest('hex').slice(0, 8);
  return `${state.nextSequence('view-hash')}.${digest}`;
}

function isExternalIdTaken(state: EmulatorState, view: ModalView, ownId?: string): boolean {
  if (view.external_id === undefined) return false;
  const holder = state.findViewByExternalId(view.external_id);
  return holder !== undefined && holder.id !== ownId;
}

interface Placement {
  id: string;
  rootViewId: string;
  previousViewId: string | null;
}

function storeView(context: MethodContext, view: ModalView, placement: Placement): EmulatorView {
  const stored: EmulatorView = {
    ...view,
    id: placement.id,
    team_id: context.token.teamId,
    app_id: APP_ID,
    bot_id: context.token.botId ?? '',
    root_view_id: placement.rootViewId,
    previous_view_id: placement.previousViewId,
    hash: computeHash(context.state, view),
    state: { values: {} },
  };
  context.state.views.set(stored.id, stored);
  return stored;
}

function newViewId(state: EmulatorState): string {
  return `V${String(state.nextSequence('view')).padStart(10, '0')}`;
}

/** Runs the checks shared by views.open and views.push: trigger, view size and content, then external_id. */
function checkTriggerAndView(context: MethodContext): ViewCheck {
  const triggerId = requireString(context.args, 'trigger_id');
  const error = triggerError(context.state, triggerId, context.now);
  if (error !== undefined) return { error: failure(error) };
  const checked = checkViewArgument(context);
  if (checked.view !== undefined && isExternalIdTaken(context.state, checked.view)) {
    return { error: failure('duplicate_external_id') };
  }
  return checked;
}

/** Marks the trigger used. Only a stored view uses up its trigger, so a rejected view leaves it usable. */
function exchangeTrigger(context: MethodContext): void {
  const trigger = context.state.triggers.get(requireString(context.args, 'trigger_id'));
  if (trigger !== undefined) trigger.used = true;
}

export const viewsOpen: MethodSpec = {
  tokenTypes: ['bot'],
  handle(context) {
    const checked = checkTriggerAndView(context);
    if (checked.error !== undefined) return checked.error;
    const id = newViewId(context.state);
    const stored = storeView(context, checked.view, { id, rootViewId: id, previousViewId: null });
    exchangeTrigger(context);
    context.state.modalStack = [id];
    return success({ view: stored });
  },
};

export const viewsPush: MethodSpec = {
  tokenTypes: ['bot'],
  handle(context) {
    const checked = checkTriggerAndView(context);
    if (checked.error !== undefined) return checked.error;
    const stack = context.state.modalStack;
    if (stack.length >= MAX_STACK_DEPTH) return failure('push_limit_reached');
    const id = newViewId(context.state);
    const previousViewId = stack.at(-1) ?? null;
    const rootViewId = stack[0] ?? id;
    const stored = storeView(context, checked.view, { id, rootViewId, previousViewId });
    exchangeTrigger(context);
    context.state.modalStack = [...stack, id];
    return success({ view: stored });
  },
};

function findTargetView(context: MethodContext): EmulatorView | undefined {
  const viewId = readString(context.args, 'view_id');
  const externalId = readString(context.args, 'external_id');
  if (viewId === undefined && externalId === undefined) {
    throw new InvalidArgumentError('view_id', 'view_id or external_id is required');
  }
  if (viewId !== undefined) return context.state.views.get(viewId);
  return externalId === undefined ? undefined : context.state.findViewByExternalId(externalId);
}

export const viewsUpdate: MethodSpec = {
  tokenTypes: ['bot'],
  handle(context) {
    const current = findTargetView(context);
    if (current === undefined) return failure('not_found');
    const hash = readString(context.args, 'hash');
    if (hash !== undefined && hash !== current.hash) return failure('hash_conflict');
    const checked = checkViewArgument(context);
    if (checked.error !== undefined) return checked.error;
    if (isExternalIdTaken(context.state, checked.view, current.id)) return failure('duplicate_external_id');
    const placement = {
      id: current.id,
      rootViewId: current.root_view_id,
      previousViewId: current.previous_view_id,
    };
    return success({ view: storeView(context, checked.view, placement) });
  },
};
