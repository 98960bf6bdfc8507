// Everything in the HTML report comes from cloud data or user input: escape all of it.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  // Control characters other than tab/newline have no business in a report and can confuse parsers.
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD');
}

/** Pretty JSON, escaped for a <pre> block. */
export function jsonBlock(value: unknown): string {
  return escapeHtml(JSON.stringify(value, null, 2) ?? '');
}

/**
 * JSON embedded in a non-executable data block: `<` escaped as \u003c so no `</script>` or `<!--`
 * can end or alter the block; U+2028/2029 escaped for old JS parsers.
 */
export function embedJson(text: string): string {
  return text.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
