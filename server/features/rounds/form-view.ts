// Where a failed form's problems show on the rounds pages, when a form's fields are not named like the rules that refused them.
import type { FormState } from '../../http/forms.js';

function withFieldErrors(state: FormState, errors: FormState['errors']): FormState {
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) fieldErrors[e.path || '_form'] ??= e.message;
  return { ...state, errors, fieldErrors };
}

/** A form with one input that repeats on the page (per story, the ballot, the group size): every problem goes beside it. */
export function onField(state: FormState, path: string): FormState {
  return withFieldErrors(
    state,
    state.errors.map((e) => ({ ...e, path })),
  );
}

/** A refusal of group n (`groups.n.member_ids`, ...) shows beside that group's name, where the grid starts for it. */
export function besideGroupNames(state: FormState): FormState {
  return withFieldErrors(
    state,
    state.errors.map((e) => ({ ...e, path: e.path.replace(/^groups\.(\d+)\..*$/, 'name_$1') })),
  );
}
