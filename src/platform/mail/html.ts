/**
 * The HTML part of a mail, made from its plain text: paragraphs at blank lines, line breaks kept,
 * links made clickable, everything else escaped. One text per mail, so the two parts never say
 * different things, and no template can inject markup.
 */

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c]);
const link = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g;

/** `text` escaped, with its http(s) links as anchors. */
function inline(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(link)) {
    out += escapeHtml(text.slice(last, m.index));
    const url = escapeHtml(m[0]);
    out += `<a href="${url}">${url}</a>`;
    last = (m.index ?? 0) + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** A small HTML document for the plain `text` of a mail in `lang`, titled `subject`. */
export function htmlOf(text: string, subject: string, lang: string): string {
  const paragraphs = text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.split('\n').map(inline).join('<br>\n')}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; max-width: 40em">
${paragraphs}
</body></html>
`;
}
