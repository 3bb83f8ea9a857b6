/** Where to go after a form (`next`): a path on this site only, never "//evil.example" or "https://...". */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}
