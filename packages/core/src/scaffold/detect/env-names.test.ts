import { describe, expect, it } from 'vitest';
import { envOfValuesFile, promotionOrder, tierOfEnv } from './env-names';

describe('env names init reads from values files', () => {
  it('reads the env from each naming pattern, a per-cluster suffix dropped, and nothing from the base or other files', () => {
    expect(['values-dev.yaml', 'values_qa.yml', 'values.prod.yaml', 'stage/values.yaml', 'uat-values.yaml', 'values-prod.eu-west.yaml'].map(envOfValuesFile)).toEqual([
      { env: 'dev', pattern: 'values-{env}.yaml' },
      { env: 'qa', pattern: 'values_{env}.yaml' },
      { env: 'prod', pattern: 'values.{env}.yaml' },
      { env: 'stage', pattern: '{env}/values.yaml' },
      { env: 'uat', pattern: '{env}-values.yaml' },
      { env: 'prod', pattern: 'values-{env}.yaml' },
    ]);
    expect(['values.yaml', 'values-dev.yaml.bak', 'myvalues-dev.yaml', 'values-Dev.yaml', 'Chart.yaml'].map(envOfValuesFile)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('orders envs for promotion: known names by their usual order, a known prefix next to its name, unknown names between by name', () => {
    expect(promotionOrder(['prod-us', 'zeta', 'qa', 'dev-eu', 'prod', 'local-eu', 'local', 'alpha', 'dev', 'qa'])).toEqual(['local', 'local-eu', 'dev', 'dev-eu', 'qa', 'alpha', 'zeta', 'prod', 'prod-us']);
  });

  it('suggests a tier from how the name starts, production when it says nothing', () => {
    expect(['sandbox', 'dev-eu', 'integration', 'uat', 'pre-prod', 'staging-2', 'prod', 'mydev', 'hotfix-qa', 'developer'].map(tierOfEnv)).toEqual([
      'development', 'development', 'development', 'staging', 'staging', 'staging', 'production', 'production', 'production', 'production',
    ]);
  });
});
