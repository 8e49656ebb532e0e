/**
 * The list at its exact length. A list grown by push() keeps room for 17 entries (152 bytes for one id); the parse
 * keeps several such lists per node (refs, depends_on, markers) for 30,000 nodes, and every garbage collection
 * copies them while they are young. An empty literal has no backing store, so it is kept as it is.
 */
export function trimmed<T>(list: T[]): T[] {
  return list.length === 0 ? list : list.slice();
}
