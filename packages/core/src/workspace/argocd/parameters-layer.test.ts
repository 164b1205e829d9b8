import { describe, expect, it } from 'vitest';
import { UserError, type Path, type Position } from '../../common';
import type { AppResolution } from '../resolve';
import { argoSetArg, withArgoParameters } from './parameters-layer';
import type { ApplicationRef, HelmParameter } from './read-application';

// The values Argo CD deploys: an env's layers, then the Application's helm parameters as helm --set
// (which reads `1.2` as a string and `5` as a number).
const FILE = 'argocd/applications/web-prod.yaml';
const layerAt: Position = { file: 'apps/web/values.yaml', line: 3, column: 7 };

function resolution(values: AppResolution['values']): AppResolution {
  return { app: 'web', env: 'prod', layers: [], opaque: [], values, originOf: (path: Path) => (path[0] === 'image' || path[0] === 'replicas' ? layerAt : undefined) } as unknown as AppResolution;
}
const param = (name: string, value: string, line: number, forceString = false): HelmParameter => ({ name, value, forceString, at: { file: FILE, line, column: 16 } });
const application = (parameters: HelmParameter[]): ApplicationRef => ({ file: FILE, valueFiles: [], valueFilesAt: { file: FILE, line: 1, column: 1 }, parameters, render: { apiVersions: [], skipCrds: false, skipTests: false, skipSchemaValidation: false } });

describe('helm parameters of an Application', () => {
  it('are the --set or --set-string argument Argo CD passes, commas escaped except in a {a,b} list', () => {
    expect(argoSetArg(param('image.tag', '1.2', 1))).toEqual({ expression: 'image.tag=1.2', kind: 'set' });
    expect(argoSetArg(param('replicas', '3', 1, true))).toEqual({ expression: 'replicas=3', kind: 'set-string' });
    expect(argoSetArg(param('hosts', 'a,b', 1))).toEqual({ expression: 'hosts=a\\,b', kind: 'set' });
    expect(argoSetArg(param('hosts', '{a,b}', 1))).toEqual({ expression: 'hosts={a,b}', kind: 'set' });
  });

  it('leave the layers alone when the Application sets none, or there is no Application', () => {
    const res = resolution({ replicas: 1 });
    expect(withArgoParameters(res, undefined)).toBe(res);
    expect(withArgoParameters(res, application([]))).toBe(res);
  });

  it('apply over the layers in order, each value at the parameter that sets it last', () => {
    const res = resolution({ image: { repository: 'web', tag: '1.0' }, replicas: 1, keep: true });
    const out = withArgoParameters(
      res,
      application([param('image.tag', '1.1', 10), param('replicas', '3', 11, true), param('image.tag', '1.2', 12), param('hosts', 'a,b', 13), param('zones', '{a,b}', 14), param('limit', '5', 15)]),
    );
    expect(out.values).toEqual({ image: { repository: 'web', tag: '1.2' }, replicas: '3', keep: true, hosts: 'a,b', zones: ['a', 'b'], limit: 5 });
    expect(res.values).toEqual({ image: { repository: 'web', tag: '1.0' }, replicas: 1, keep: true });
    expect(out.originOf(['image', 'tag'])).toEqual({ file: FILE, line: 12, column: 16 });
    expect(out.originOf(['replicas'])).toEqual({ file: FILE, line: 11, column: 16 });
    expect(out.originOf(['zones', 1])).toEqual({ file: FILE, line: 14, column: 16 });
    expect(out.originOf(['image', 'repository'])).toEqual(layerAt);
    expect(out.originOf(['keep'])).toBeUndefined();
    expect(out.app).toBe('web');
  });

  it('refuse a parameter name helm cannot parse, at the parameter', () => {
    let error: unknown;
    try {
      withArgoParameters(resolution({}), application([param('ok', '1', 10), param('a[x', '1', 11)]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ message: expect.stringMatching(/^helm parameter "a\[x" cannot be applied: /), file: FILE, line: 11, column: 16, hint: 'Parameter names use Helm --set syntax: a.b, a[0].b, a\\.b.' });
  });
});
