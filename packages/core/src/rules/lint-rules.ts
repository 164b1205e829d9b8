import { everyTier, type RuleMeta } from './rule';

export const UNKNOWN_KEY: RuleMeta = {
  id: 'unknown-key',
  title: 'Overlay keys exist in the base or the schema',
  description:
    "A key that an overlay sets but that neither values.yaml nor values.schema.json declares is either a typo (the chart silently ignores it) or an undocumented setting. It is an error when a declared key is one edit away (a likely typo, with a did-you-mean), a warning otherwise.",
  fix: 'Fix the spelling, or declare the key in values.yaml with a comment (or in values.schema.json).',
  defaults: everyTier('warning'),
};

export const REDUNDANT_OVERRIDE: RuleMeta = {
  id: 'redundant-override',
  title: 'Overrides change something',
  description: 'An overlay value equal to what the layers below it already give is noise: it hides the real differences between envs and goes stale when the base changes.',
  fix: 'Delete the line from the overlay.',
  defaults: everyTier('warning'),
};

export const MISSING_OVERLAY: RuleMeta = {
  id: 'missing-overlay',
  title: 'Every env has its overlay file',
  description: 'A declared env without `values-<env>.yaml` deploys the base values as they are, which is rarely meant; an empty overlay with a comment says it on purpose.',
  fix: 'Create the overlay (`npx nx g env --name=<env>` adds what is missing), even if it only holds a comment.',
  defaults: everyTier('warning'),
};

export const DUPLICATE_KEY: RuleMeta = {
  id: 'duplicate-key',
  title: 'No key twice in one mapping',
  description: 'Helm keeps the last of two equal keys and says nothing; the first is dead and misleads readers. The file is refused.',
  fix: 'Keep one of the two keys.',
  defaults: everyTier('error'),
};

export const UNDOCUMENTED_KEY: RuleMeta = {
  id: 'undocumented-key',
  title: 'Base keys are documented',
  description: 'Every top-level key of values.yaml has a comment on the line above it or at the end of its line, so the base documents what each setting does (nested keys are covered by their top-level comment).',
  fix: 'Add a `# what this setting does` line above the key.',
  defaults: everyTier('warning'),
};

export const LINT_RULES: RuleMeta[] = [UNKNOWN_KEY, REDUNDANT_OVERRIDE, MISSING_OVERLAY, DUPLICATE_KEY, UNDOCUMENTED_KEY];
