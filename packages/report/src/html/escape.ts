/**
 * Escaping for the HTML pages: text and attribute values, and JSON placed inside a
 * `<script type="application/json">` element.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * `text` safe as HTML text or as a quoted attribute value.
 *
 * @example escapeHtml('a < b & "c"') // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * `value` as JSON that cannot end its script element early: every '<' is written \u003c (still
 * the same JSON), so neither '</script>' nor '<!--' can appear. NaN and infinities become null, as
 * JSON.stringify has it.
 *
 * @example scriptJson({ a: '</script>' }) // '{"a":"\\u003c/script>"}'
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
