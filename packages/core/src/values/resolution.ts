import type { Path, Position, ValueMap } from '../common';
import type { YamlFile } from '../yaml';
import type { EnabledSubchart } from './chart-values';

/** Effective values and where each one came from. */
export interface Resolution {
  /** The files merged, in order (missing overlays are skipped). */
  files: YamlFile[];
  values: ValueMap;
  /** Where the effective value at `path` was set; a --set origin has line 0. */
  originOf(path: Path): Position | undefined;
  /** Helm's warnings about tables overwritten by scalars and the reverse. */
  warnings: string[];
  /** An umbrella chart's subcharts that deploy (tags and conditions applied), with where their values are. */
  subcharts?: EnabledSubchart[];
}
