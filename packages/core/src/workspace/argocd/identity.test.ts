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

  it('strips the env from the name however it is joined, and keeps a name that is only the env', () => {
    const none: IdentityContext = { ...ctx, names: [] };
    const byNs = (name: string) => identify(app(name, { namespace: 'production' }), none);
    expect(['web-prod', 'web_prod', 'web.prod', 'prod-web', 'prod_web', 'prod.web', 'prod', '-prod', 'webprod'].map((n) => byNs(n).app)).toEqual(['web', 'web', 'web', 'web', 'web', 'web', 'prod', '-prod', 'webprod']);
    expect(identify(app('web', {}, { generatedBy: { applicationSet: 's', params: { environment: 'dev' } } }), none)).toMatchObject({ env: 'dev', via: 'generator' });
    expect(identify(app('web', {}, { generatedBy: { applicationSet: 's', params: { stage: 'dev', env: 'qa' } } }), none)).toMatchObject({ env: 'dev', via: 'generator' });
    expect(identify(app('web', {}, { generatedBy: { applicationSet: 's', params: { env: 3 } } }), none)).toEqual({ app: 'web', via: 'none' });
  });

  it('takes a destination by cluster name before its server, and a project only when one env has it', () => {
    expect(identify(app('web', { name: 'us', server: 'https://kubernetes.default.svc' }), ctx)).toEqual({ app: 'web', env: 'prod-us', via: 'cluster' });
    expect(identify(app('web', { name: 'prod-eu', namespace: 'production' }), ctx)).toEqual({ app: 'web', env: 'prod', cluster: 'prod-eu', via: 'namespace' });
    // in-cluster is the first cluster of dev and prod: no single env, and no cluster dimension.
    expect(identify(app('web', { server: 'https://kubernetes.default.svc' }), ctx)).toEqual({ app: 'web', via: 'none' });
    expect(identify(app('web', { namespace: 'x' }, { project: 'default' }), { ...ctx, envs: ctx.envs.map((e) => ({ ...e, project: 'default' })) })).toEqual({ app: 'web', via: 'none' });
    const shared: IdentityContext = { ...ctx, envs: ctx.envs.map((e) => ({ ...e, project: 'shared' })) };
    expect(identify(app('web', { namespace: 'x' }, { project: 'shared' }), shared)).toEqual({ app: 'web', via: 'none' });
  });

  it('matches name patterns only with declared envs and clusters, on clusters the env deploys to', () => {
    expect(identify(app('web-qa'), ctx)).toEqual({ app: 'web-qa', via: 'none' });
    expect(identify(app('web-dev-prod-eu'), ctx)).toEqual({ app: 'web-dev-prod-eu', via: 'none' });
    expect(identify(app('web-dev-prod-eu', { namespace: 'development' }), ctx)).toEqual({ app: 'web-dev-prod-eu', env: 'dev', via: 'namespace' });
    expect(identify(app('web.prod'), { ...ctx, names: ['{app}.{env}'] })).toEqual({ app: 'web', env: 'prod', via: 'name' });
    expect(identify(app('web-prod'), { ...ctx, names: ['{app}-x', '{env}'] })).toEqual({ app: 'web-prod', via: 'none' });
    expect(identify(app('web-prod-prod-eu'), { ...ctx, clusters: [], names: ['{app}-{env}-{cluster}'] })).toEqual({ app: 'web-prod-prod-eu', via: 'none' });
    expect(identify(app('web-prod'), { ...ctx, envs: [], names: ['{app}-{env}'] })).toEqual({ app: 'web-prod', via: 'none' });
    expect(identify(app('a+b-prod'), ctx)).toEqual({ app: 'a+b', env: 'prod', via: 'name' });
    // a pattern without {env} names no env: the namespace does
    expect(identify(app('web-x', { namespace: 'production' }), { ...ctx, names: ['{app}-x'] })).toEqual({ app: 'web-x', env: 'prod', via: 'namespace' });
    // the longest env first, where the env comes first too
    expect(identify(app('prod-us-web'), ctx)).toEqual({ app: 'web', env: 'prod-us', via: 'name' });
  });

  it('says when nothing identifies the env', () => {
    expect(identify(app('tooling', { namespace: 'tools' }), ctx)).toEqual({ app: 'tooling', via: 'none' });
  });

  it('knows valid Kubernetes names', () => {
    expect(isValidResourceName('billing-api-dev')).toBe(true);
    expect(isValidResourceName('Billing-API-dev')).toBe(false);
    expect(isValidResourceName('-x')).toBe(false);
    expect(['a', 'a.b-c', 'a'.repeat(253)].map(isValidResourceName)).toEqual([true, true, true]);
    expect(['', 'a'.repeat(254), 'a-', 'a_b'].map(isValidResourceName)).toEqual([false, false, false, false]);
  });
});
