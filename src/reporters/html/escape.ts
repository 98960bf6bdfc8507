// Everything in the HTML report comes from cloud data or user input: escape all of it.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string | number | boolean | undefined | null): string {
  const text = value === undefined || value === null ? '' : String(value);
  // Most values need no escaping: test once before paying for the replace callbacks.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return stripControls(text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!));
}

/** Control characters other than tab, newline and carriage return have no business in a report. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function stripControls(text: string): string {
  return text.replace(CONTROLS, '\uFFFD');
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
