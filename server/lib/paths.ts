// Where a form may send people back to: only paths on this site, never another host.

/** Returns a local path ("/stories?page=2"), or "/" for anything that could leave the site. */
export function safeReturnPath(candidate: string | undefined | null, fallback = '/'): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback;
  if ([...candidate].some((ch) => ch.charCodeAt(0) < 0x20)) return fallback;
  return candidate;
}
