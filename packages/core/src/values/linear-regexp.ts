import { RE2JS } from 're2js';

/** A schema `pattern` that the linear-time engine cannot run (a lookaround or a backreference). */
export class UnsupportedPattern extends Error {
  constructor(readonly pattern: string, reason: string) {
    super(reason);
    this.name = 'UnsupportedPattern';
  }
}

/**
 * The regular-expression engine of schema validation: RE2, whose matching time is linear in the
 * input, so no `pattern` in a repository (`^(a+)+$`) can hang a check. It is also the engine of
 * Helm's own schema validator (Go's regexp), so both accept and refuse the same patterns.
 * In ajv's `code.regExp` form: called with the pattern and its flags, returns something with `test`.
 */
export function linearRegExp(pattern: string, flags: string): { test(s: string): boolean; toString(): string } {
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch (e) {
    throw new UnsupportedPattern(pattern, (e as Error).message);
  }
  // The same values recur across apps and envs (a pull policy, a CPU request), and RE2 in
  // JavaScript is many times slower than they are long: each answer is kept, up to a bound.
  const answers = new Map<string, boolean>();
  const test = (s: string): boolean => {
    let answer = answers.get(s);
    if (answer === undefined) {
      answer = re.test(s);
      if (answers.size < KEPT_ANSWERS) answers.set(s, answer);
    }
    return answer;
  };
  // ajv caches compiled patterns by this string.
  return { test, toString: () => `/${pattern}/${flags}` };
}
linearRegExp.code = 'require("re2js").RE2JS';

const KEPT_ANSWERS = 4096;
