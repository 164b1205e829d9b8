// `gitops values --provenance`: every value shown with the file:line:col (or the --set flag) that set it.
import { describe, expect, it } from 'vitest';
import { parseValuesYaml } from '../yaml';
import { mergeFiles } from './merge-files';
import { formatWithProvenance } from './provenance';

const BASE = ['image:', '  tag: "1.0"', 'ports:', '  - 80', '  - name: https', '    port: 443', '  - []', '  - [a, {}]', 'empty: {}', 'none: []', 'replicas: 1', ''].join('\n');
const PROD = ['image:', '  tag: "2.0"', 'extra:', '  - x', ''].join('\n');

describe('values with their origins', () => {
  const res = mergeFiles([parseValuesYaml(PROD, 'values-prod.yaml')], {
    defaults: parseValuesYaml(BASE, 'values.yaml'),
    sets: [{ kind: 'set', expression: 'replicas=3' }, { kind: 'set-string', expression: 'extra[1]=y' }],
  });

  it('names the line and column of each value, list items one by one, empty maps and lists on their own line', () => {
    expect(formatWithProvenance(res)).toBe(
      [
        'image:',
        '  tag: "2.0" # values-prod.yaml:2:8',
        'extra:',
        '  - x # values-prod.yaml:4:5',
        '  - y # --set-string extra[1]=…',
        'replicas: 3 # --set replicas=…',
        'ports:',
        '  - 80 # values.yaml:4:5',
        '  - name: https # values.yaml:5:11',
        '    port: 443 # values.yaml:6:11',
        '  - [] # values.yaml:7:5',
        '  - - a # values.yaml:8:6',
        '    - {} # values.yaml:8:9',
        'empty: {} # values.yaml:9:8',
        'none: [] # values.yaml:10:7',
        '',
      ].join('\n'),
    );
  });

  it('shows only the values asked for, with the same origins', () => {
    expect(formatWithProvenance(res, { image: res.values.image, none: [] })).toBe('image:\n  tag: "2.0" # values-prod.yaml:2:8\nnone: [] # values.yaml:10:7\n');
  });

  it('keeps a long value on its line, and leaves a value no file sets (a subchart default) without an origin', () => {
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const umbrella = mergeFiles([parseValuesYaml(`note: ${long}\n`, 'values-prod.yaml')], {
      defaults: parseValuesYaml('web: {}\n', 'values.yaml'),
      subcharts: [{ key: 'web', chart: { name: 'web', file: 'charts/web', values: { port: 80 }, dependencies: [] } }],
    });
    expect(formatWithProvenance(umbrella)).toBe(`note: ${long} # values-prod.yaml:1:7\nweb:\n  global: {}\n  port: 80\n`);
  });
});

