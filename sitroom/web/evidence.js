// The document text with each field's evidence span highlighted. Spans may overlap:
// the text is cut at every span boundary and each piece is marked with the fields
// that cover it.

import { el } from "./dom.js";

/** Fields in a stable order with one colour each. */
export function fieldColors(evidence, labels) {
  const names = Object.keys(evidence || {});
  const known = Object.keys(labels.fields);
  names.sort((a, b) => rank(known, a) - rank(known, b) || a.localeCompare(b));
  const palette = labels.evidence_colors;
  return new Map(names.map((name, i) => [name, palette[i % palette.length]]));
}

const rank = (known, name) => (known.includes(name) ? known.indexOf(name) : known.length);

/** Spans whose offsets do not match the text they claim to cover (reported, not drawn). */
export function badSpans(text, evidence) {
  return Object.entries(evidence || {}).filter(([, s]) =>
    !(s.start >= 0 && s.end <= text.length && s.start < s.end && text.slice(s.start, s.end) === s.text))
    .map(([name]) => name);
}

/** [{start, end, fields: [...]}] pieces covering the whole text. */
export function pieces(text, evidence, skip = []) {
  const spans = Object.entries(evidence || {}).filter(([name]) => !skip.includes(name));
  const cuts = new Set([0, text.length]);
  for (const [, s] of spans) cuts.add(s.start).add(s.end);
  const sorted = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    const [start, end] = [sorted[i], sorted[i + 1]];
    const fields = spans.filter(([, s]) => s.start <= start && s.end >= end).map(([name]) => name);
    out.push({ start, end, fields });
  }
  return out;
}

export function highlightedText(text, evidence, colors, labels) {
  const skip = badSpans(text, evidence);
  const body = el("div", { class: "doc-text" });
  for (const piece of pieces(text, evidence, skip)) {
    const chunk = text.slice(piece.start, piece.end);
    if (!piece.fields.length) {
      body.append(chunk);
      continue;
    }
    const names = piece.fields.map((f) => labels.fields[f] || f);
    body.append(el("mark", { class: "evidence", "data-fields": piece.fields.join(" "),
      title: `evidence for: ${names.join(", ")}`, style: `background:${colors.get(piece.fields[0])}`,
      text: chunk }));
  }
  return { body, skipped: skip };
}
