/**
 * The name a citizen gave a file, made safe to show and to offer as a download name.
 * Never used as a path: files are stored under random keys (see store.ts).
 */
const MAX_NAME_LENGTH = 120;
const FALLBACK_STEM = 'lampiran';

export function displayName(raw: string | undefined, ext?: string): string {
  // Basename only, whatever the client's separators: "../../etc/passwd.jpg", "C:\\x\\y.png".
  let name = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  name = name
    // Control and format characters: newlines that split headers, and the bidi
    // overrides that make "gpj.exe" read as "exe.jpg".
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    // Characters no file system accepts, which would break a later download name.
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    // Leading dots make hidden files; trailing dots and spaces vanish on Windows.
    .replace(/^[.\s]+|[.\s]+$/g, '');

  let stem = name;
  if (ext) {
    // The extension is the detected type's, not the client's claim.
    const dot = name.lastIndexOf('.');
    if (dot > 0) stem = name.slice(0, dot).replace(/[.\s]+$/, '');
  }
  const suffix = ext ? `.${ext}` : '';
  // Cut by code points, never inside a surrogate pair.
  const chars = Array.from(stem || FALLBACK_STEM);
  const room = MAX_NAME_LENGTH - suffix.length;
  stem = chars.length > room ? chars.slice(0, room).join('').trimEnd() : chars.join('');
  return `${stem}${suffix}`;
}
