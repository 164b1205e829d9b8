/** The package name nx.json registers: the plugin's own. */
export const PLUGIN = '@hvm/nx';
