// Self-contained HTML pages: inline CSS, no scripts, no fonts or images from the network, and a
// print stylesheet, so that a page mailed by a night job reads the same on screen and on paper.

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** A trusted piece of markup: what the builders below return and accept unescaped. */
export interface Html {
  readonly html: string;
}

export function raw(html: string): Html {
  return { html };
}

/** `html\`<p>${text}</p>\``: interpolated strings are escaped, Html values and arrays of them kept. */
export function html(strings: TemplateStringsArray, ...values: (string | number | Html | readonly Html[] | null | undefined)[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    if (v === null || v === undefined) out += '';
    else if (Array.isArray(v)) out += (v as readonly Html[]).map((x) => x.html).join('');
    else if (typeof v === 'object') out += (v as Html).html;
    else out += escapeHtml(String(v));
    out += strings[i + 1]!;
  });
  return raw(out);
}

const style = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #1f2328; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
p.sub { color: #57606a; margin: 0 0 1.5rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; vertical-align: top; }
th { background: #f6f8fa; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.key { white-space: nowrap; }
td.text { min-width: 12em; }
tr.total td { font-weight: 600; background: #f6f8fa; }
.good { color: #116329; } .warn { color: #7d4e00; } .bad { color: #a40e26; font-weight: 600; }
figure { margin: 0 0 1.5rem; }
figcaption { color: #57606a; font-size: .85rem; margin-top: .25rem; }
svg text { font-family: inherit; }
footer { color: #57606a; font-size: .8rem; margin-top: 2rem; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 9pt; }
  table { font-size: 7.5pt; }
  th, td { padding: .15rem .3rem; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, figure, tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
`;

/**
 * A whole self-contained document: `css` inline, and a Content-Security-Policy that forbids any
 * request (fonts, images, scripts, frames); with `script`, that inline script runs last.
 */
export function htmlDocument(p: { lang: string; title: string; css: string; body: Html | readonly Html[]; script?: string }): string {
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:${p.script !== undefined ? "; script-src 'unsafe-inline'" : ''}`;
  return html`<!DOCTYPE html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${p.title}</title>
<style>${raw(p.css)}</style>
</head>
<body>
${p.body}
${p.script !== undefined ? raw(`<script>${p.script}</script>\n`) : null}</body>
</html>
`.html;
}

/** One page: title, a subtitle line, the body, and a footer naming the generator. */
export function htmlPage(p: { lang: string; title: string; subtitle?: string; body: Html | readonly Html[]; footer?: string }): string {
  const body = Array.isArray(p.body) ? (p.body as readonly Html[]) : [p.body as Html];
  return htmlDocument({
    lang: p.lang,
    title: p.title,
    css: style,
    body: [html`<h1>${p.title}</h1>\n`, ...(p.subtitle !== undefined ? [html`<p class="sub">${p.subtitle}</p>\n`] : []), ...body, ...(p.footer !== undefined ? [html`\n<footer>${p.footer}</footer>`] : [])],
  });
}

export interface HtmlColumn<T> {
  label: string;
  value: (row: T) => string | number | Html | null;
  align?: 'left' | 'right';
  /** `key`: kept on one line; `text`: long text, given room to wrap. */
  kind?: 'key' | 'text';
}

/** A table; numbers right-aligned; rows listed in `totals` get the total row's style. */
export function htmlTable<T>(columns: readonly HtmlColumn<T>[], rows: readonly T[], opts: { totals?: readonly T[] } = {}): Html {
  const cls = (c: HtmlColumn<T>) => (c.align === 'right' ? 'num' : c.kind ?? null);
  const attr = (c: HtmlColumn<T>) => (cls(c) ? html` class="${cls(c)!}"` : null);
  const cell = (c: HtmlColumn<T>, r: T) => {
    const v = c.value(r);
    return html`<td${attr(c)}>${v === null ? '' : typeof v === 'object' ? v : String(v)}</td>`;
  };
  const row = (r: T, total: boolean) => html`<tr${total ? raw(' class="total"') : null}>${columns.map((c) => cell(c, r))}</tr>\n`;
  return html`<table>
<thead><tr>${columns.map((c) => html`<th${c.align === 'right' ? raw(' class="num"') : null}>${c.label}</th>`)}</tr></thead>
<tbody>
${rows.map((r) => row(r, false))}${(opts.totals ?? []).map((r) => row(r, true))}</tbody>
</table>
`;
}
