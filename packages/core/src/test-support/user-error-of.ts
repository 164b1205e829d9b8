import { UserError } from '../common';

/** The UserError that `work` throws; any other error is thrown on, and none at all fails the test. */
export function userErrorOf(work: () => unknown): UserError {
  try {
    work();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}
