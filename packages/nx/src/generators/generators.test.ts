import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The plugin package's folder: generators.json paths are relative to it. */
const PKG = join(__dirname, '../..');
const collection = JSON.parse(readFileSync(join(PKG, 'generators.json'), 'utf8'));

describe('generators.json', () => {
  it('names env, cluster, app, secret and the hidden init that nx add runs, each with a compiled implementation and a schema describing every option', () => {
    expect(Object.keys(collection.generators).sort()).toEqual(['app', 'cluster', 'env', 'init', 'preset', 'secret']);
    expect(collection.generators.init.hidden).toBe(true);
    for (const [name, entry] of Object.entries<any>(collection.generators)) {
      // With the extension written out, Nx loads the compiled file even where the package is linked
      // into a workspace (the example): without it, Nx tries the TypeScript source first and warns.
      expect(entry.factory, name).toMatch(/^\.\/dist\/.*\.js$/);
      expect(existsSync(join(PKG, entry.factory)), name).toBe(true);
      expect(existsSync(join(PKG, entry.factory.replace('./dist/', './src/').replace(/\.js$/, '.ts'))), name).toBe(true);
      const schema = JSON.parse(readFileSync(join(PKG, entry.schema), 'utf8'));
      for (const [option, spec] of Object.entries<any>(schema.properties)) expect(spec.description, `${name} --${option}`).toMatch(/\w{3,}/);
      // A prompt only ever asks for a required option that was not given.
      for (const [option, spec] of Object.entries<any>(schema.properties)) if (spec['x-prompt']) expect(schema.required, `${name} --${option}`).toContain(option);
    }
  });

  it('points every executor at its compiled file, extension written out', () => {
    const executors = JSON.parse(readFileSync(join(PKG, 'executors.json'), 'utf8')).executors;
    for (const [name, entry] of Object.entries<any>(executors)) {
      for (const path of [entry.implementation, entry.batchImplementation].filter(Boolean).map((p: string) => p.split('#')[0])) {
        expect(path, name).toMatch(/^\.\/dist\/.*\.js$/);
        expect(existsSync(join(PKG, path)), name).toBe(true);
      }
    }
  });

  it('is what the package points Nx at', () => {
    expect(JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')).generators).toBe('./generators.json');
  });
});
