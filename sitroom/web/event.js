// The event page: the record's fields, sources and claim status in plain words, and
// the document's text with the evidence for each field highlighted.

import { el } from "./dom.js";
import { actorHash, mapHash } from "./route.js";
import { fieldColors, highlightedText } from "./evidence.js";

export function renderEvent(container, data, labels, filters) {
  const { event, document: doc } = data;
  const colors = fieldColors(event.evidence, labels);
  const { body, skipped } = highlightedText(doc.text || "", event.evidence, colors, labels);
  container.replaceChildren(el("article", { class: "event-page", id: "event-page", "data-id": event.id },
    el("a", { class: "back", href: mapHash(filters), text: "← map" }),
    el("h1", { text: headline(event) }),
    claimLine(event.claim, labels),
    el("div", { class: "columns" },
      el("section", { class: "record" }, el("h2", { text: "Record" }),
        recordTable(event, data.incident_id, colors, labels, filters)),
      el("section", { class: "document" }, el("h2", { text: "Document" }), docHeader(doc),
        skipped.length ? el("p", { class: "warning", text: `evidence offsets do not match the text for: ${skipped.join(", ")}` }) : null,
        body))));
}

function headline(event) {
  const who = [event.actor && (event.actor.name || event.actor.text),
    event.target && (event.target.name || event.target.text)].filter(Boolean).join(" → ");
  const where = event.location && (event.location.name || event.location.text);
  return [event.event_type, who, where && `in ${where}`, event.date.start && `on ${dateText(event.date)}`]
    .filter(Boolean).join(" ");
}

function dateText(date) {
  if (!date.start) return "unknown date";
  return date.end && date.end !== date.start ? `${date.start} – ${date.end}` : date.start;
}

function claimLine(claim, labels) {
  const status = claim.status;
  return el("p", { class: `claim claim-${status}`, id: "claim-status" },
    el("strong", { text: labels.claims[status] || status }),
    ` — ${labels.claim_help[status] || ""}`,
    claim.claimed_by ? `; claimed by ${claim.claimed_by}` : "",
    claim.sources && claim.sources.length ? `; according to ${claim.sources.join(", ")}` : "");
}

function recordTable(event, incidentId, colors, labels, filters) {
  const rows = [
    ["event_type", [event.event_type, event.acled_event_type && ` (ACLED: ${event.acled_event_type}${event.acled_sub_event_type ? ` / ${event.acled_sub_event_type}` : ""})`]],
    ["mode", event.mode],
    ["actor", actorCell(event.actor, filters)],
    ["target", actorCell(event.target, filters)],
    ["location", placeText(event.location)],
    ["date", event.date.start ? `${dateText(event.date)} (${event.date.precision})` : "unknown"],
    ["weapons", event.weapons.join(", ")],
    ["outcome", event.outcome],
    ["intercepted_by", event.intercepted_by],
    ["fatalities", countText(event.fatalities)],
    ["injured", countText(event.injured)],
    ["claim", labels.claims[event.claim.status] || event.claim.status],
    ["claimed_by", event.claim.claimed_by],
    ["sources", event.claim.sources.join(", ")],
    ["modality", modalityText(event.modality)],
    ["trigger", event.trigger.text],
    ["confidence", String(event.confidence)],
    ["incident", incidentId],
  ];
  return el("table", { class: "fields" }, el("tbody", {}, rows.map(([name, value]) =>
    el("tr", { "data-field": name },
      el("th", {}, swatch(colors.get(name)), labels.fields[name] || name),
      el("td", {}, isEmpty(value) ? "—" : value)))));
}

const isEmpty = (v) => v === null || v === undefined || v === "" || (Array.isArray(v) && !v.filter(Boolean).length);

function swatch(color) {
  return color ? el("span", { class: "swatch", style: `background:${color}`, title: "highlighted in the document" }) : null;
}

function actorCell(ref, filters) {
  if (!ref) return null;
  const name = ref.name || ref.text;
  const parts = [ref.id ? el("a", { href: actorHash(ref.id, filters), class: "actor-link", text: name }) : name];
  if (ref.name && ref.text && ref.text !== ref.name) parts.push(` (“${ref.text}”)`);
  if (ref.kind) parts.push(`, ${ref.kind}`);
  if (ref.backers && ref.backers.length) parts.push(`, backed by ${ref.backers.join(", ")}`);
  return parts;
}

function placeText(loc) {
  if (!loc) return null;
  const name = [loc.name || loc.text, loc.admin1, loc.country].filter(Boolean).join(", ");
  const coords = loc.lat !== null && loc.lat !== undefined ? ` (${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)}; ${loc.precision})` : "";
  return name + coords;
}

function countText(value) {
  if (value === null || value === undefined) return null;
  return Array.isArray(value) ? `${value[0]}–${value[1]}` : String(value);
}

function modalityText(m) {
  const flags = ["negated", "hypothetical", "future"].filter((k) => m[k]);
  return flags.length ? flags.join(", ") : "factual";
}

function docHeader(doc) {
  return el("div", { class: "doc-meta" },
    el("div", { class: "doc-title", text: doc.title || "(untitled)" }),
    el("div", { text: [doc.outlet, doc.published].filter(Boolean).join(" · ") }),
    doc.url ? el("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank", text: doc.url }) : null);
}
