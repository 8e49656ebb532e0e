/**
 * Sorts strings in place by UTF-16 code units, as `Array.prototype.sort()` with no comparator does. Short lists
 * (a test's few arguments, a node's few parents) use an insertion sort: the built-in sort allocates a work area on
 * every call, which adds up over 30,000 nodes.
 */
export function sortStrings<T extends string>(list: T[]): T[] {
  const n = list.length;
  if (n > 16) return list.sort();
  for (let i = 1; i < n; i++) {
    const x = list[i]!;
    let j = i - 1;
    while (j >= 0 && list[j]! > x) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = x;
  }
  return list;
}
