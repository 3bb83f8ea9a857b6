import planer from 'planer';

/**
 * Cuts the quoted history and the signature from a reply, so that staff read what the
 * citizen wrote now. planer (talon's algorithm) decides what is history: it cuts after
 * a splitter ("On ... wrote:", "-----Original Message-----", Outlook's "From: ... Sent:"
 * block) and after "> " quotes, but keeps inline replies and forwarded mails. It knows no
 * Indonesian, so the lines Indonesian mail programs write are marked here before its
 * decision. Whatever is cut stays in the mail's fullText.
 */

/** Indonesian reply headers span at most this many lines (Gmail wraps them at 78 columns). */
const HEADER_MAX_LINES = 3;

/**
 * "Pada Sen, 23 Nov 2026 pukul 10.12 Dinas PU <pengaduan@patikab.go.id> menulis:" (Gmail),
 * "Pada Senin, 23 November 2026 10.12.34 WIB, Dinas PU <...> menulis:" (Yahoo),
 * "Pada 23 Nov 2026, pukul 10.12, Dinas PU <...> menulis:" (Apple Mail),
 * "Pada 23/11/26 10.12, Dinas PU menulis:" (Thunderbird). Yahoo on Android runs the
 * quoted text on after "menulis:". To tell these from a citizen's "Pada tanggal 5 saya
 * sudah menulis: ...", the header must name an address, or end at "menulis:" and hold
 * a date (a digit).
 */
const PADA_START = /^\s*Pada\s/i;
const MENULIS = /\bmenulis\s*:/i;
const MENULIS_AT_END = /\bmenulis\s*:\s*$/i;

/** Outlook in Indonesian: "Dari: ..." then "Dikirim: ..." (or "Terkirim:", "Tanggal:") within a few lines. */
const DARI = /^\s*\*?Dari\s?:\*?\s+\S/i;
const DIKIRIM = /^\s*\*?(?:Dikirim|Terkirim|Tanggal)\s?:\*?\s+\S/i;
/** Outlook's plain-text rule above its header block. */
const OUTLOOK_RULE = /^\s*_{10,}\s*$/;

/**
 * Forward markers planer does not know (it knows "---------- Forwarded message ----------"):
 * Gmail in Indonesian, and Apple Mail in English and Indonesian.
 */
const FORWARD_MARKERS = [
  /^\s*-{2,}\s*(?:Pesan yang diteruskan|Pesan terusan)\s*-{2,}\s*$/i,
  /^\s*Begin forwarded message\s*:\s*$/i,
  /^\s*Awal pesan yang diteruskan\s*:\s*$/i,
];

/**
 * A subject that says "forward": Outlook forwards with the same "From: ... Sent:" block
 * it uses for replies, so only the subject tells them apart. Only the first prefix counts:
 * "Re: Fwd: ..." is a reply.
 */
const FORWARD_SUBJECT = /^\s*(?:\[[^\]]*\]\s*)?(?:fwd?|tr|wg|terusan|teruskan)\s*:/i;

export function isForwardSubject(subject: string): boolean {
  return FORWARD_SUBJECT.test(subject);
}

/**
 * Mobile and webmail taglines, in English and Indonesian: "Sent from my iPhone",
 * "Dikirim dari iPhone saya", "Dikirim dari Yahoo Mail di Android", "Get Outlook for
 * Android". Only as the last line: "dikirim dari kantor desa" inside a complaint stays.
 */
const TAGLINE = /^\s*(?:sent from|sent with|dikirim dari|dikirim dengan|get outlook for|dapatkan outlook untuk)\s.{1,80}$/i;
/** The signature delimiter of RFC 3676 ("-- "); some programs drop the trailing space. */
const SIG_DELIMITER = /^-- ?$/;
/** A signature is short: a "--" line higher up is the citizen's own separator. */
const SIGNATURE_MAX_LINES = 10;

export interface CutResult {
  text: string;
  /** True when quoted history or a signature was removed. */
  cut: boolean;
}

/**
 * The newest part of a mail's text. `text` has "\n" line ends. A forward (by its subject,
 * or a forward marker before any quote) is kept whole: the forwarded mail is the
 * complaint. Never cuts to nothing: a mail that is all quote (or written below the quote)
 * is kept whole.
 */
export function cutQuotedHistory(text: string, opts: { forwarded: boolean }): CutResult {
  if (opts.forwarded) return { text, cut: false };
  const lines = text.split('\n');
  const markers = markLines(lines);
  const kept = planer.processMarkedLines(lines, markers);
  const newest = stripSignature(kept);
  if (newest.join('\n').trim() === '') return { text, cut: false };
  const result = newest.join('\n');
  return { text: result, cut: result.trim() !== text.trim() };
}

/** planer's markers, with the Indonesian splitters and forward markers added. */
function markLines(lines: string[]): string {
  const markers = planer.markMessageLines(lines).slice(0, lines.length).split('');
  lines.forEach((line, i) => {
    if (FORWARD_MARKERS.some((re) => re.test(line))) markers[i] = 'f';
    const header = indonesianHeaderLength(lines, i);
    // The rule above an Outlook block belongs to it (as in planer's English pattern).
    const start = header && i > 0 && OUTLOOK_RULE.test(lines[i - 1]!) ? i - 1 : i;
    for (let j = start; j < i + header; j++) markers[j] = 's';
  });
  return markers.join('');
}

/** How many lines from `i` form an Indonesian reply header; 0 when none starts there. */
function indonesianHeaderLength(lines: string[], i: number): number {
  const first = lines[i]!;
  if (PADA_START.test(first)) {
    for (let n = 1; n <= HEADER_MAX_LINES && i + n <= lines.length; n++) {
      const joined = lines.slice(i, i + n).join(' ');
      if (!MENULIS.test(joined)) continue;
      const header = joined.includes('@') || (MENULIS_AT_END.test(joined) && /\d/.test(joined));
      return header ? n : 0;
    }
  }
  if (DARI.test(first) && lines.slice(i + 1, i + 1 + HEADER_MAX_LINES).some((l) => DIKIRIM.test(l))) return 1;
  return 0;
}

/** Drops a trailing tagline, and a short signature after a "-- " delimiter. */
function stripSignature(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  if (end > 0 && TAGLINE.test(lines[end - 1]!)) end--;
  let delimiter = -1;
  for (let i = end - 1; i >= Math.max(0, end - SIGNATURE_MAX_LINES - 1); i--) {
    if (SIG_DELIMITER.test(lines[i]!)) {
      delimiter = i;
      break;
    }
  }
  return lines.slice(0, delimiter >= 0 ? delimiter : end);
}
