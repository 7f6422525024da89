/**
 * `build --final` files nothing that fails review unless each failure is
 * accepted, by id, with a reason; the manifest records what was accepted.
 */
import { UserError } from '../errors.js';
import type { ReviewFailure } from './types.js';

export interface Acceptance {
  /** Ids of failures filed anyway (`--accept ID`, repeatable). */
  ids: string[];
  /** Why (`--reason TEXT`): required with any --accept. */
  reason: string;
}

/** What manifest.json records for each failure filed anyway. */
export interface AcceptedFailure {
  id: string;
  message: string;
  reason: string;
}

/**
 * The accepted failures, or a refusal naming every failure not accepted. With
 * `exact` (a one-period build), an accepted id that does not fail is refused
 * too: a typo must not pass for an acceptance. A batch accepts an id in the
 * periods where it fails.
 */
export function gateFinal(period: string, failures: readonly ReviewFailure[], acceptance: Acceptance | undefined, exact: boolean): AcceptedFailure[] {
  const accepted = new Set(acceptance?.ids ?? []);
  const refused = failures.filter((f) => !accepted.has(f.id));
  const failing = new Set(failures.map((f) => f.id));
  const unmatched = exact ? [...accepted].filter((id) => !failing.has(id)) : [];
  if (refused.length > 0 || unmatched.length > 0) {
    throw new UserError([
      ...refused.map((f) => ({
        message: `review of ${period} fails ${f.id}: ${f.message}`,
        hint: `run court-report review for the details; to file anyway, pass --accept ${f.id} --reason "why"`,
      })),
      ...unmatched.map((id) => ({
        message: `--accept ${id}: nothing of that id fails review of ${period}`,
        hint: failures.length > 0 ? `failing: ${failures.map((f) => f.id).join(', ')}` : 'review of this period finds nothing to accept; drop --accept',
      })),
    ]);
  }
  return failures.map((f) => ({ id: f.id, message: f.message, reason: acceptance?.reason ?? '' }));
}
