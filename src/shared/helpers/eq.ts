/** {{#if (eq a b)}}: strict equality, for selected options and current-page marks. */
export function eq(a: unknown, b: unknown): boolean {
  return a === b;
}
