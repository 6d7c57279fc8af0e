// The published catalog (`tthc catalog publish --out DIR`): a static site that works from file://
// and from any static host. Every page is one self-contained file (inline CSS and script, a
// Content-Security-Policy that forbids any request), linked by relative paths:
//   index.html       every procedure in one table, with a search box that folds diacritics
//   p/<code>.html    a procedure: facts, the diagram, steps with contacts, fees, components, law
//   u/<id>.html      a unit: contacts, officials, the procedures it leads, the steps it handles
//   status.html      with --status: a dossier lookup by code (code, procedure, status, step, due)
// Nothing of applicants is ever given to it: the status data is narrowed to those five fields.
import type { Catalog, Unit } from '../catalog/model.js';
import { describeProcedure, fold, listProcedures, type ProcedureDetail } from '../catalog/query.js';
import { html, htmlDocument, raw, type Html } from '../output/html.js';
import type { Labels } from '../output/labels.js';
import { componentText, money } from '../output/procedure.js';

/** One dossier of the status page: nothing but these fields. */
export interface StatusEntry {
  code: string;
  procedure: string;
  status: string;
  current_steps: string[];
  /** Display text of the due time. */
  due: string;
}

export interface SiteInput {
  catalog: Catalog;
  labels: Labels;
  /** The SVG diagram of a procedure. */
  diagram: (p: ProcedureDetail) => string;
  /** Display text of the publication time. */
  generatedAt: string;
  status?: { asOf: string; dossiers: readonly StatusEntry[] };
}

export interface SitePage {
  /** Path inside the output folder, with "/" separators. */
  path: string;
  html: string;
}

/** A file name for a code or id: letters, digits, ".", "_" and "-" kept, anything else "_". */
export function pageName(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^\.*$/.test(safe) ? `_${safe}` : safe;
}

const style = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #1f2328; margin: 0 auto; max-width: 1100px; padding: 1rem; line-height: 1.45; }
nav { font-size: .9rem; margin-bottom: 1rem; } nav a { margin-right: 1rem; }
a { color: #0b57d0; }
h1 { font-size: 1.45rem; margin: .25rem 0; }
h2 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
p.sub { color: #57606a; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: #f6f8fa; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.key { white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dl.facts dt { color: #57606a; } dl.facts dd { margin: 0; }
figure.diagram { margin: 0; overflow-x: auto; border: 1px solid #d0d7de; padding: .5rem; }
figure.diagram svg { max-width: 100%; height: auto; }
button { font: inherit; padding: .45rem .9rem; }
input[type=search], input[type=text] { font: inherit; padding: .45rem .6rem; width: 100%; max-width: 36rem; border: 1px solid #8c959f; border-radius: 4px; }
p.hint, p.count, footer { color: #57606a; font-size: .85rem; }
.late { color: #a40e26; font-weight: 600; }
#result dl { margin-top: 1rem; }
footer { margin-top: 2rem; }
@media print { nav, input, button, p.hint { display: none; } }
`;

/** A page: the same head everywhere, a navigation line back to the index. `root` is "" or "../". */
function page(p: { lang: string; title: string; root: string; body: Html | readonly Html[]; script?: string; labels: Labels; generatedAt: string; statusLink: boolean }): string {
  const l = p.labels.site;
  const body = Array.isArray(p.body) ? (p.body as readonly Html[]) : [p.body as Html];
  const nav = html`<nav><a href="${p.root}index.html">${l.home}</a><a href="${p.root}index.html#units">${l.units}</a>${p.statusLink ? html`<a href="${p.root}status.html">${l.statusLink}</a>` : null}</nav>\n`;
  return htmlDocument({ lang: p.lang, title: p.title, css: style, body: [nav, ...body, html`<footer>${l.generated(p.generatedAt)}</footer>\n`], ...(p.script !== undefined ? { script: p.script } : {}) });
}

/** JSON for inside a <script> element: "<" escaped so that no "</script>" can close it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

// The same folding as fold() in catalog/query.ts, in the browser, for what the visitor types.
const foldJs = `function fold(s){return s.normalize('NFD').replace(/\\p{M}/gu,'').replace(/\\u0111/g,'d').replace(/\\u0110/g,'D').toLowerCase();}`;

// Rows carry their folded text in data-k; every word typed must occur in it. ?q= pre-fills.
const searchJs = `${foldJs}
(function(){var q=document.getElementById('q'),rows=[].slice.call(document.querySelectorAll('#procedures tbody tr')),count=document.getElementById('count'),none=document.getElementById('none'),fmt=count.getAttribute('data-format');
function run(){var words=fold(q.value).split(/\\s+/).filter(Boolean),n=0;rows.forEach(function(r){var k=r.getAttribute('data-k'),ok=words.every(function(w){return k.indexOf(w)>=0;});r.hidden=!ok;if(ok)n++;});count.textContent=fmt.replace('{n}',n).replace('{all}',rows.length);none.hidden=n>0;}
var m=/[?&]q=([^&]*)/.exec(location.search);if(m)q.value=decodeURIComponent(m[1].replace(/\\+/g,' '));q.addEventListener('input',run);run();})();`;

function link(root: string, folder: 'p' | 'u', id: string, text: string): Html {
  return html`<a href="${root}${folder}/${pageName(id)}.html">${text}</a>`;
}

function facts(rows: readonly [string, Html | string | null][]): Html {
  return html`<dl class="facts">${rows.filter(([, v]) => v !== null && v !== '').map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>\n`;
}

function list(items: readonly (string | Html)[], l: Labels): Html {
  return items.length === 0 ? html`<p>${l.site.none}</p>` : html`<ul>${items.map((x) => html`<li>${x}</li>`)}</ul>\n`;
}

function contacts(c: { phone?: string | null; email?: string | null }): string {
  return [c.phone, c.email].filter((x): x is string => typeof x === 'string' && x !== '').join(' · ');
}

function procedurePage(d: ProcedureDetail, input: SiteInput, statusLink: boolean): string {
  const l = input.labels;
  const s = l.site;
  const root = '../';
  const over = d.time_limit_minutes !== null && d.longest_path.minutes > d.time_limit_minutes;
  const body = [
    html`<h1>${d.code} · ${d.name}</h1>\n`,
    html`<h2>${s.facts}</h2>\n`,
    facts([
      [l.agency, link(root, 'u', d.agency.id, d.agency.name)],
      [l.field, d.field],
      [l.mechanism, l.mechanisms[d.mechanism]],
      [l.timeLimit, d.time_limit],
      [l.longestPath, `${d.longest_path.duration} ${l.of} ${d.time_limit} (${over ? l.overLimit : l.withinLimit})`],
      [s.supplement, s.onSupplement[d.on_supplement] ?? d.on_supplement],
      [s.channels, d.channels.map((c) => s.channelNames[c] ?? c).join(', ')],
      [l.applicants, d.applicants],
      [l.result, d.result],
      [s.effective, `${d.effective_from} – ${d.effective_to ?? s.untilFurtherNotice}`],
    ]),
    html`<h2>${s.diagram}</h2>\n<figure class="diagram">${raw(input.diagram(d))}</figure>\n`,
    html`<h2>${l.steps}</h2>\n<table id="steps"><thead><tr><th>#</th><th>${l.step}</th><th>${l.action}</th><th>${l.unit}</th><th>${l.official}</th><th>${l.contact}</th><th>${l.budget}</th></tr></thead><tbody>
${d.steps.map(
  (st, i) => html`<tr data-step="${st.id}"><td class="num">${i + 1}</td><td>${st.name}</td><td class="key">${l.actions[st.action]}</td><td>${link(root, 'u', st.unit.id, st.unit.name)}</td><td>${st.official ? [st.official.name, st.official.title].filter(Boolean).join(', ') : ''}</td><td>${contacts(st.official ?? st.unit)}</td><td class="num">${st.duration}</td></tr>\n`,
)}</tbody></table>\n`,
    html`<h2>${l.fees}</h2>\n`,
    d.fees.length === 0
      ? html`<p>${l.free}</p>\n`
      : html`<table id="fees"><thead><tr><th>${l.name}</th><th>${s.amount}</th><th>${s.notes}</th></tr></thead><tbody>${d.fees.map((f) => html`<tr><td>${f.name}</td><td class="num">${money(f.amount)}</td><td>${f.note ?? ''}</td></tr>`)}</tbody></table>\n`,
    html`<h2>${l.components}</h2>\n`,
    list(
      d.components.map((c) => componentText(c, l)),
      l,
    ),
    ...(d.conditions.length > 0 ? [html`<h2>${l.conditions}</h2>\n`, list(d.conditions, l)] : []),
    html`<h2>${l.legalBasis}</h2>\n`,
    list(d.legal_basis, l),
    ...(d.notes !== null ? [html`<h2>${s.notes}</h2>\n<p>${d.notes}</p>\n`] : []),
  ];
  return page({ lang: l.lang, title: `${d.code} · ${d.name}`, root, body, labels: l, generatedAt: input.generatedAt, statusLink });
}

function unitPage(u: Unit, details: readonly ProcedureDetail[], input: SiteInput, statusLink: boolean): string {
  const l = input.labels;
  const s = l.site;
  const root = '../';
  const units = input.catalog.units.map((x) => x.value);
  const parent = u.parent !== undefined ? units.find((x) => x.id === u.parent) : undefined;
  const children = units.filter((x) => x.parent === u.id);
  const officials = input.catalog.officials.map((o) => o.value).filter((o) => o.unit === u.id);
  const leads = details.filter((d) => d.agency.id === u.id);
  const handles = details.flatMap((d) => d.steps.filter((st) => st.unit.id === u.id).map((st) => ({ d, st })));
  const body = [
    html`<h1>${u.name}</h1>\n`,
    facts([
      [l.level, l.levels[u.level] ?? u.level],
      [l.code, u.code ?? null],
      [s.parent, parent ? link(root, 'u', parent.id, parent.name) : null],
      [s.address, u.address ?? null],
      [s.phone, u.phone ?? null],
      [s.email, u.email ?? null],
      [s.website, u.website ?? null],
    ]),
    ...(children.length > 0 ? [html`<h2>${s.subunits}</h2>\n`, list(children.map((c) => link(root, 'u', c.id, c.name)), l)] : []),
    html`<h2>${s.officials}</h2>\n`,
    list(officials.map((o) => [o.name, o.title, contacts(o)].filter(Boolean).join(' · ')), l),
    html`<h2>${s.agencyOf}</h2>\n`,
    list(leads.map((d) => html`${link(root, 'p', d.code, d.code)} ${d.name} (${d.time_limit})`), l),
    html`<h2>${s.stepsAt}</h2>\n`,
    list(handles.map(({ d, st }) => html`${link(root, 'p', d.code, d.code)}: ${st.name} (${st.duration})`), l),
  ];
  return page({ lang: l.lang, title: u.name, root, body, labels: l, generatedAt: input.generatedAt, statusLink });
}

function indexPage(details: readonly ProcedureDetail[], input: SiteInput, statusLink: boolean): string {
  const l = input.labels;
  const s = l.site;
  const units = input.catalog.units.map((x) => x.value);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const rows = listProcedures(input.catalog);
  const byCode = new Map(details.map((d) => [d.code, d]));
  // What the search looks in: code, name, field, the leading agency and every unit of a step.
  const key = (code: string) => {
    const d = byCode.get(code)!;
    return fold([d.code, d.name, d.field, d.agency.name, ...d.steps.map((st) => unitName.get(st.unit.id) ?? st.unit.id)].join(' '));
  };
  const body = [
    html`<h1>${s.title}</h1>\n<p class="sub">${s.summary(rows.length, units.length)}</p>\n`,
    html`<label for="q">${s.search}</label><br>\n<input id="q" type="search" autocomplete="off" placeholder="${s.searchHint}">\n<p class="hint">${s.searchHint}</p>\n`,
    html`<p class="count" id="count" data-format="${s.found}">${s.found.replace('{n}', String(rows.length)).replace('{all}', String(rows.length))}</p>\n<p id="none" hidden>${s.noneFound}</p>\n`,
    html`<table id="procedures"><thead><tr><th>${l.code}</th><th>${l.name}</th><th>${l.field}</th><th>${l.agency}</th><th>${l.mechanism}</th><th>${l.timeLimit}</th></tr></thead><tbody>
${rows.map((r) => html`<tr data-k="${key(r.code)}"><td class="key">${link('', 'p', r.code, r.code)}</td><td>${r.name}</td><td>${r.field}</td><td>${link('', 'u', r.agency, r.agency_name)}</td><td>${l.mechanisms[r.mechanism]}</td><td class="num">${r.time_limit}</td></tr>\n`)}</tbody></table>\n`,
    html`<h2 id="units">${s.units}</h2>\n`,
    list(units.map((u) => link('', 'u', u.id, u.name)), l),
  ];
  return page({ lang: l.lang, title: s.title, root: '', body, script: searchJs, labels: l, generatedAt: input.generatedAt, statusLink });
}

function statusPage(input: SiteInput, details: ReadonlyMap<string, ProcedureDetail>): string {
  const l = input.labels;
  const s = l.site;
  const status = input.status!;
  // code → [procedure page, procedure code and name, status label, current step names, due]
  const data: Record<string, [string, string, string, string, string]> = {};
  for (const e of status.dossiers) {
    const d = details.get(e.procedure);
    const steps = e.current_steps.map((id) => d?.steps.find((st) => st.id === id)?.name ?? id).join('; ');
    data[e.code.toUpperCase()] = [d ? `p/${pageName(d.code)}.html` : '', d ? `${e.procedure} · ${d.name}` : e.procedure, (l.statuses as Record<string, string>)[e.status] ?? e.status, steps, e.due];
  }
  const words = [l.procedure, l.status, s.currentSteps, l.due, s.statusNotFound('{code}')];
  // Built with DOM calls, never innerHTML: the data is text, whatever it holds.
  const script = `var D=${scriptJson(data)},W=${scriptJson(words)};
(function(){var f=document.getElementById('lookup'),q=document.getElementById('code'),out=document.getElementById('result');
function el(tag,text){var e=document.createElement(tag);if(text!==undefined)e.textContent=text;return e;}
function show(){out.textContent='';var c=q.value.trim().toUpperCase();if(!c)return;var r=D[c];
if(!r){var p=el('p',W[4].replace('{code}',c));p.className='late';out.appendChild(p);return;}
var dl=el('dl');dl.className='facts';function row(k,v){if(!v&&v!==0)return;dl.appendChild(el('dt',k));var dd=el('dd');if(typeof v==='string')dd.textContent=v;else dd.appendChild(v);dl.appendChild(dd);}
var a;if(r[0]){a=el('a',r[1]);a.setAttribute('href',r[0]);}else a=r[1];
row(W[0],a);row(W[1],r[2]);row(W[2],r[3]);row(W[3],r[4]);out.appendChild(dl);}
f.addEventListener('submit',function(e){e.preventDefault();show();});var m=/[?&]code=([^&]*)/.exec(location.search);if(m){q.value=decodeURIComponent(m[1]);show();}})();`;
  const body = [
    html`<h1>${s.statusTitle}</h1>\n<p class="sub">${s.statusAsOf(status.asOf, status.dossiers.length)}</p>\n`,
    html`<form id="lookup"><label for="code">${s.statusAsk}</label><br>\n<input id="code" type="text" autocomplete="off" spellcheck="false"> <button type="submit">${s.statusButton}</button></form>\n<div id="result" aria-live="polite"></div>\n`,
  ];
  return page({ lang: l.lang, title: s.statusTitle, root: '', body, script, labels: l, generatedAt: input.generatedAt, statusLink: true });
}

/** Every page of the site, in a stable order. */
export function catalogSite(input: SiteInput): SitePage[] {
  const statusLink = input.status !== undefined;
  const details = input.catalog.procedures.map((p) => describeProcedure(input.catalog, p.value.code)!).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const pages: SitePage[] = [{ path: 'index.html', html: indexPage(details, input, statusLink) }];
  for (const d of details) pages.push({ path: `p/${pageName(d.code)}.html`, html: procedurePage(d, input, statusLink) });
  for (const u of input.catalog.units) pages.push({ path: `u/${pageName(u.value.id)}.html`, html: unitPage(u.value, details, input, statusLink) });
  if (input.status !== undefined) pages.push({ path: 'status.html', html: statusPage(input, new Map(details.map((d) => [d.code, d]))) });
  return pages;
}
