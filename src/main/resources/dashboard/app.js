// Shared helpers of the dashboard pages (no network access beyond this server; vega libraries are vendored).
'use strict';
const dash = window.dash = window.dash || {};
// Okabe-Ito: distinguishable with the common colour-vision deficiencies.
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

async function getJson(url) {
  const r = await fetch(url, { cache: 'no-store' });
  if (!r.ok) throw new Error(url + ': ' + r.status + ' ' + (await r.text()));
  return r.json();
}

function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function fmt(v) {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v !== 'number') return esc(v);
  if (!isFinite(v)) return String(v);
  const a = Math.abs(v);
  return (a !== 0 && (a < 1e-3 || a >= 1e6)) ? v.toExponential(3) : String(Number(v.toPrecision(5)));
}

function header(title) {
  document.body.insertAdjacentHTML('afterbegin',
    `<header><h1>${esc(title)}</h1><a href="index.html">runs</a></header>`);
  document.title = title + ' - icl-dynamics';
}

function showError(e) {
  document.body.insertAdjacentHTML('beforeend', `<p class="status-failed">${esc(e.message || e)}</p>`);
}

function embed(el, spec) {
  spec.config = Object.assign({ range: { category: PALETTE }, axis: { labelFontSize: 11, titleFontSize: 12 },
    legend: { labelLimit: 320 } }, spec.config || {});
  return vegaEmbed(el, spec, { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } });
}
