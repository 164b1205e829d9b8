/** The package name nx.json registers: the plugin's own. */
export const PLUGIN = '@helm-values-manager/nx';
