/** How many values of an ascending array are >= t (binary search). O(log N). */
export function countAtLeast(sortedAscending: Float64Array, t: number): number {
  let lo = 0;
  let hi = sortedAscending.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sortedAscending[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return sortedAscending.length - lo;
}
