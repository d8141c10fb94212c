// The group page's view of the group's own work: elements with their rewrite forms, the minutes, the backcast board
// (after a refused save: what the person typed in the fields and what is on the board now beside them).
import type { FastifyRequest } from 'fastify';
import type { FormState } from '../../http/forms.js';
import { templateAnswers } from '../stories/index.js';
import type { GroupWorkOverview } from './groupwork-overview.js';
import { BOARD_FIELDS } from './groupwork-schemas.js';

type Element = { id: string; text: string; original_text: string | null; theme_id: string | null; theme_name: string | null };

/** An element with its rewrite form's state (what was typed and the message, when that form was refused). */
export function elementModel(element: Element, themes: ReadonlyArray<{ id: string; name: string }>, form?: FormState) {
  const field = `element-edit-${element.id}`;
  const error = form?.fieldErrors[field];
  const typedTheme = error !== undefined ? String(form?.values.theme_id ?? '') : (element.theme_id ?? '');
  return {
    ...element,
    edit: {
      field,
      error,
      open: error !== undefined,
      value: error !== undefined ? String(form?.values.text ?? '') : element.text,
      themes: themes.map((t) => ({ ...t, selected: t.id === typedTheme })),
    },
  };
}

/** A story's answers to its form's own fields (backcast), labelled in the reader's language. */
export function storyAnswers(request: FastifyRequest, story: { template: string; extra: string | null }) {
  return templateAnswers(story.template, story.extra, request.locale);
}

export function groupWorkModel(request: FastifyRequest, work: GroupWorkOverview, form?: FormState) {
  const values = form?.values ?? {};
  const minutesFailed = form?.fieldErrors.minutes !== undefined;
  const boardFailed = form?.fieldErrors.backcast !== undefined;
  const board = work.backcast;
  // A save refused because the board moved on: the typed text stays in the fields, the board's text shows beside them,
  // and the form now names the latest version, so saving again (after combining) goes through.
  const conflict = boardFailed && board !== null && String(values.version ?? '') !== String(board.version);
  return {
    minutes: work.minutes,
    minutesValue: minutesFailed ? String(values.minutes ?? '') : (work.minutes?.body ?? ''),
    minutesError: form?.fieldErrors.minutes,
    showMinutes: work.may.readMinutes && (work.minutes !== null || work.may.writeMinutes),
    canWriteMinutes: work.may.writeMinutes,
    showBackcast: board !== null && (work.backcastRound || board.version > 0 || work.may.editBackcast),
    backcastOpen: work.backcastRound || boardFailed,
    canEditBackcast: work.may.editBackcast,
    backcastError: form?.fieldErrors.backcast,
    backcastConflict: conflict,
    backcastBoard: board,
    backcastVersion: board?.version ?? 0,
    backcastEmpty: board?.version === 0,
    backcastUpdated: board?.updated_at ?? null,
    backcastFields: BOARD_FIELDS.map((name) => ({
      name,
      label: request.t(`groupwork.backcast.${name}`),
      hint: request.t(`groupwork.backcast.${name}_hint`),
      html: board?.[`${name}_html`] ?? '',
      value: boardFailed ? String(values[name] ?? '') : (board?.[name] ?? ''),
      // Beside the field after a conflict: the board's text, when it differs from what this person typed.
      theirs: conflict && board && board[name] !== String(values[name] ?? '').trim() ? board[`${name}_html`] || null : null,
      theirsEmpty: conflict && board !== null && board[name] === '' && String(values[name] ?? '').trim() !== '',
    })),
  };
}
