// How Helm's YAML reader (go-yaml v2 behind sigs.k8s.io/yaml, in Helm 3 and 4 alike) turns a
// plain scalar into a number. A scalar that starts with a digit or a sign has its underscores
// removed, then is an integer if Go's strconv.ParseInt (base 0) or ParseUint accepts it, else a
// float if it has YAML's float shape and ParseFloat accepts it without overflow; a scalar that
// starts with "." is a float if ParseFloat accepts it as written (underscores only between digits). Anything else is a string:
// no base-60 numbers (`12:30` stays text), no `e5` or `.` floats, and `1e400` stays text too.

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

const GO_INT = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
// Go's own float syntax, which allows one underscore between two digits
const DOT_FLOAT = /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/;

/** The integer Helm reads from a plain scalar, or undefined when it reads something else. */
export function goInteger(source: string): number | undefined {
  if (!/^[-+0-9]/.test(source)) return undefined;
  const m = GO_INT.exec(source.replace(/_/g, ''));
  if (!m) return undefined;
  const [, sign, body] = m;
  // BigInt reads 0x, 0o and 0b in either case, but not Go's leading-zero octal
  const digits = /^0[0-7]+$/.test(body) ? `0o${body.slice(1)}` : body;
  const magnitude = BigInt(digits);
  const n = sign === '-' ? -magnitude : magnitude;
  // ParseInt takes int64; ParseUint takes the rest up to 2^64-1, but never a sign.
  if (n >= INT64_MIN && n <= INT64_MAX) return Number(n);
  if (!sign && n <= UINT64_MAX) return Number(n);
  return undefined;
}

/** The float Helm reads from a plain scalar that is not an integer, or undefined. */
export function goFloat(source: string): number | undefined {
  if (source.startsWith('.')) {
    if (!DOT_FLOAT.test(source)) return undefined;
  } else if (!/^[-+0-9]/.test(source) || !YAML_FLOAT.test(source.replace(/_/g, ''))) return undefined;
  const f = Number(source.replace(/_/g, ''));
  // ParseFloat refuses a value beyond float64 (1e400): the scalar stays a string.
  return Number.isFinite(f) ? f : undefined;
}

/** A stand-in for a tag's `test` regular expression: the yaml library only calls `.test()`. */
export function scalarTest(accepts: (source: string) => boolean): RegExp {
  return { test: accepts } as unknown as RegExp;
}

/**
 * A float map key as Helm names it: sigs.k8s.io/yaml turns go-yaml's float keys into JSON names
 * with Go's strconv.FormatFloat(f, 'g', -1, 32), spelling the infinities and NaN as YAML does
 * (`5e9` is "5e+09", `1.50` is "1.5", `.inf` is ".inf"), where JavaScript would write
 * "5000000000" and "Infinity". Integer keys are named alike in both.
 */
export function goFloatKey(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  // Beyond a 32-bit float's range the key is its infinity; below it, zero.
  const f32 = Math.fround(f);
  if (f32 === Infinity) return '.inf';
  if (f32 === -Infinity) return '-.inf';
  if (f32 === 0) return Object.is(f32, -0) ? '-0' : '0';
  const abs = Math.abs(f32);
  const [mantissa, e] = shortestFloat32(abs).split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(e);
  const sign = abs === f32 ? '' : '-';
  // %e below 1e-4 and from 1e6 (the shortest form decides at precision 6), else %f.
  if (exp < -4 || exp >= 6) return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exp >= 6 ? '+' : '-'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const point = exp + 1;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (digits.length <= point) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The fewest significant digits, as `d.ddde±x`, that read back as this 32-bit float: nine always do. */
function shortestFloat32(abs: number): string {
  for (let p = 0; p < 8; p++) {
    const s = abs.toExponential(p);
    if (Math.fround(Number(s)) === abs) return s;
  }
  return abs.toExponential(8);
}
