/**
 * The part of planer (a port of Mailgun's talon) that quotes.ts uses. The package ships
 * no types. Its line markers: e empty, m quoted ("> "), s splitter ("On ... wrote:",
 * "From: ... Sent: ..."), f forward marker, t text.
 */
declare module 'planer' {
  /** One marker per line: markers.length === lines.length (a splitter may mark one line more). */
  export function markMessageLines(lines: string[]): string;
  /** The lines of the newest message: quoted history after a splitter removed, forwards and inline replies kept. */
  export function processMarkedLines(lines: string[], markers: string): string[];
}
