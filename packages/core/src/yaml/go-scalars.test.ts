import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { helmBinary, HELM_MAJORS } from '../../../../tools/test/helm';
import { helmValuesOfText, valuesChart } from '../test-support/helm-values';
import { goFloatKey } from './go-scalars';
import { parseValuesYaml } from './yaml-file';

// Plain scalars where YAML 1.1, YAML 1.2 and go-yaml v2 disagree.
const SCALARS = [
  '12:30', '1:20:30', '190:20:30', '1:30.5', 'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'Yes', 'NO', 'True', 'tRUE', 'OFF',
  '0755', '0o755', '0O17', '0o8', '0x1F', '0x_1F', '+0x10', '-0x10', '0b101', '-0b11', '0b', '0x', '08', '09.5', '0_7', '1_000', '1__0', '1_2.5',
  '1e3', '1.5e3', '12e03', '1.0e+3', '.5', '+.5', '.e5', 'e5', '1e400', '-1e400', '0.', '-0', '+12',
  '2024-01-01', '2024-01-01T10:00:00Z', '2001-12-14t21:59:43.10-05:00', '~', 'null', 'Null', 'NULL', '=', '<<',
  '9223372036854775807', '9223372036854775808', '-9223372036854775808', '18446744073709551615', '0xFFFFFFFFFFFFFFFF', '0x10000000000000000', '100000000000000000000',
  '-9223372036854775809', '+9223372036854775808', '18446744073709551616', '0X1F', '0B11', '+0b1', '0o', '_1', '-_1', '1_', '.5_0', '._5', '.5_', '.5__0', '.5e1_0', '.5_e1', '.5e_1', '.1_2_3', '.5E+1_0', '-.5', '0x1p-2', '1e+400', '1E3', '-1.5E-3', '+.5e1',
];

describe.each(HELM_MAJORS)('values scalars as helm %i reads them', (major) => {
  it('reads every plain scalar, as a value and as a key, to what helm puts in .Values', () => {
    // (helm refuses a null key and a key beyond int64; a "<<" key is a merge; integer keys
    // beyond 2^53 keep helm's digits only in helm)
    const asKey = (s: string) => !/^(~|null|Null|NULL|<<|[-+]?[0-9]{16,}|0x[0-9A-F]{16,})$/.test(s);
    const text = SCALARS.map((s, i) => `v${i}: ${s}\n${asKey(s) ? `k${i}:\n  ${s}: x\n` : ''}`).join('');
    const helm = helmValuesOfText(helmBinary(major), text) as Record<string, unknown>;
    const ours = JSON.parse(JSON.stringify(parseValuesYaml(text, 'values.yaml').values));
    for (let i = 0; i < SCALARS.length; i++) {
      expect(ours[`v${i}`], `value ${SCALARS[i]}`).toEqual(helm[`v${i}`]);
      expect(ours[`k${i}`], `key ${SCALARS[i]}`).toEqual(helm[`k${i}`]);
    }
  });

  it.each(['.inf', '-.Inf', '+.INF', '.nan', '.NaN'])('refuses %s as a value, as helm does, at its line and column', (s) => {
    const text = `ok: 1\nlist:\n  - ${s}\n`;
    const r = spawnSync(helmBinary(major), ['template', 'r', valuesChart(text)], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/unsupported value/);
    expect(() => parseValuesYaml(text, 'values.yaml')).toThrow(expect.objectContaining({ file: 'values.yaml', line: 3, column: 5, message: expect.stringMatching(/Helm cannot read/) }));
  });
});

describe('float keys as Helm names them (Go\'s FormatFloat(f, \'g\', -1, 32))', () => {
  it.each([
    [5e9, '5e+09'], [1.5, '1.5'], [100, '100'], [999999, '999999'], [1e6, '1e+06'], [1234567, '1.234567e+06'],
    [0.0001, '0.0001'], [0.00001, '1e-05'], [0.000123, '0.000123'], [1e-10, '1e-10'], [1.5e-7, '1.5e-07'], [1.5e100, '.inf'], [-1e100, '-.inf'],
    [16777217, '1.6777216e+07'], [3.14159265, '3.1415927'], [-2.5, '-2.5'], [-0.0001, '-0.0001'], [1e-50, '0'], [-0, '-0'],
    [Infinity, '.inf'], [-Infinity, '-.inf'], [NaN, '.nan'], [2.5e15, '2.5e+15'], [123.456, '123.456'], [1.05, '1.05'], [100.5, '100.5'], [113647.484375, '113647.484'], [-1.5e-7, '-1.5e-07'], [0.1, '0.1'], [1e-5, '1e-05'],
  ])('%d is "%s"', (f, name) => {
    expect(goFloatKey(f)).toBe(name);
  });
});

