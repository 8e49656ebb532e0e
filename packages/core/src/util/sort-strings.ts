/** Insertion sort in place, ascending by `<`: for short lists, where the built-in sort's work area costs more. */
export function insertionSort<T extends string | number>(list: T[]): T[] {
  for (let i = 1; i < list.length; i++) {
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

/**
 * Sorts strings in place by UTF-16 code units, as `Array.prototype.sort()` with no comparator does. Short lists
 * (a test's few arguments, a node's few parents) use an insertion sort: the built-in sort allocates a work area on
 * every call, which adds up over 30,000 nodes.
 */
export function sortStrings<T extends string>(list: T[]): T[] {
  return list.length > 16 ? list.sort() : insertionSort(list);
}
