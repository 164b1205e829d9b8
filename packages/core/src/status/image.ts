import { isMap, leaves, type Path, type Value, type ValueMap } from '../common';
import { isImageTag } from '../config';

/** The image an app's values deploy: `image.tag` or `image.digest`, else the first `*image.tag` in document order. */
export function deployedImagePath(values: ValueMap): { tag?: Path; digest?: Path } {
  const image = values.image;
  if (isMap(image)) {
    const digest = typeof image.digest === 'string' && image.digest.startsWith('sha256:') ? ['image', 'digest'] : undefined;
    if ('tag' in image || digest) return { tag: 'tag' in image ? ['image', 'tag'] : undefined, digest };
  }
  for (const [path] of leaves(values)) if (isImageTag(path)) return { tag: path };
  return {};
}

/** A tag as people read it: a number is printed as YAML wrote it, a missing or null tag is ''. */
export function tagText(v: Value | undefined): string {
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
}
