import { describe, expect, it } from 'vitest';
import type { ApplicationSpec } from './application-spec';
import { DEFAULT_NAME_PATTERNS } from '../../config';
import { identify, isValidResourceName, type IdentityContext } from './identity';

const ctx: IdentityContext = {
  envs: [
    { name: 'dev', namespace: 'development', project: 'development', clusters: ['in-cluster'] },
    { name: 'prod', namespace: 'production', project: 'production', clusters: ['in-cluster', 'prod-eu'] },
    { name: 'prod-us', namespace: 'production-us', clusters: ['us'] },
  ],
  clusters: [
    { name: 'in-cluster', server: 'https://kubernetes.default.svc' },
    { name: 'prod-eu', server: 'https://eu.example.com' },
    { name: 'us', server: 'https://us.example.com' },
  ],
  names: DEFAULT_NAME_PATTERNS,
};

const app = (name: string, destination: ApplicationSpec['destination'] = {}, extra: Partial<ApplicationSpec> = {}): ApplicationSpec => ({
  name,
  project: 'default',
  destination,
  sources: [],
  file: 'a.yaml',
  at: () => ({ file: 'a.yaml', line: 1, column: 1 }),
  ...extra,
});

describe('identify', () => {
  it('splits names by the patterns, the longest env first, with an additional cluster', () => {
    expect(identify(app('billing-api-prod-us'), ctx)).toEqual({ app: 'billing-api', env: 'prod-us', via: 'name' });
    expect(identify(app('billing-api-prod'), ctx)).toEqual({ app: 'billing-api', env: 'prod', via: 'name' });
    expect(identify(app('billing-prod-prod-eu'), ctx)).toEqual({ app: 'billing', env: 'prod', cluster: 'prod-eu', via: 'name' });
    expect(identify(app('dev-web'), ctx)).toEqual({ app: 'web', env: 'dev', via: 'name' });
  });

  it('falls back to the generator element, the destination namespace, the project, the cluster', () => {
    expect(identify(app('guestbook', {}, { generatedBy: { applicationSet: 's', params: { env: 'prod' } } }), ctx)).toEqual({ app: 'guestbook', env: 'prod', via: 'generator' });
    expect(identify(app('guestbook', { namespace: 'development' }), ctx)).toEqual({ app: 'guestbook', env: 'dev', via: 'namespace' });
    expect(identify(app('guestbook', { namespace: 'x' }, { project: 'production' }), ctx)).toEqual({ app: 'guestbook', env: 'prod', via: 'project' });
    expect(identify(app('guestbook', { server: 'https://us.example.com' }), ctx)).toEqual({ app: 'guestbook', env: 'prod-us', via: 'cluster' });
    expect(identify(app('guestbook', { server: 'https://eu.example.com', namespace: 'production' }), ctx)).toEqual({ app: 'guestbook', env: 'prod', cluster: 'prod-eu', via: 'namespace' });
  });

  it('says when nothing identifies the env', () => {
    expect(identify(app('tooling', { namespace: 'tools' }), ctx)).toEqual({ app: 'tooling', via: 'none' });
  });

  it('knows valid Kubernetes names', () => {
    expect(isValidResourceName('billing-api-dev')).toBe(true);
    expect(isValidResourceName('Billing-API-dev')).toBe(false);
    expect(isValidResourceName('-x')).toBe(false);
  });
});
