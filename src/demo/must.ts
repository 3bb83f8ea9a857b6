/** The value, or an error naming what is missing (a demo seed bug or missing reference data). */
export function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`demo seed: missing ${what}`);
  return value;
}
