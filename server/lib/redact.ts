// Takes what people typed and who they are out of text bound for the log: e-mail addresses in messages.

/**
 * Anything shaped like an e-mail address. Bounded parts (RFC 5321's lengths) keep the scan linear on any input; the
 * characters left out are those that surround addresses in messages (`<a@b>`, `(a@b)`, `"a@b"`).
 */
const EMAIL = /[^\s@<>()[\]"',;:]{1,64}@[^\s@<>()[\]"',;:]{1,255}/g;

/** The text with every e-mail address replaced by `[email]`. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, '[email]');
}
