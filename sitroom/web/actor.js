// The actor page: aliases, kind, backers, leaders, events as actor and as target,
// and a small SVG network of its backed_by / part_of / leads relations.

import { el } from "./dom.js";
import { actorHash, eventHash, mapHash } from "./route.js";
import { networkSvg } from "./network.js";

export function renderActor(container, data, labels, filters) {
  const { actor, relations } = data;
  const about = (pred, side) => linked(relations, actor.id, pred, side);
  container.replaceChildren(el("article", { class: "actor-page", id: "actor-page", "data-id": actor.id },
    el("a", { class: "back", href: mapHash(filters), text: "← map" }),
    el("h1", { text: actor.name }),
    el("dl", { class: "facts" },
      fact("kind", actor.kind), fact("country", actor.country),
      fact("aliases", actor.aliases.length ? actor.aliases.join(" · ") : null, "aliases"),
      fact("backed by", links(about("backed_by", "subject"), filters), "backers"),
      fact("part of", links(about("part_of", "subject"), filters), "parents"),
      fact("leaders", links(about("leads", "object"), filters), "leaders"),
      fact("leads", links(about("leads", "subject"), filters), "leads"),
      fact("members", links(about("part_of", "object"), filters), "members"),
      fact("description", actor.description)),
    el("section", { class: "network" }, el("h2", { text: "Network" }),
      networkSvg(actor, relations, labels, (id) => actorHash(id, filters))),
    el("section", {}, el("h2", { text: "Relations" }), relationTable(relations, labels, filters)),
    eventsSection("Events as actor", "events-as-actor", data.events_as_actor, labels, filters),
    eventsSection("Events as target", "events-as-target", data.events_as_target, labels, filters)));
}

/** [id, name] of the actors on the other side of `pred` relations where the actor is `side`. */
function linked(relations, id, pred, side) {
  const other = side === "subject" ? "object" : "subject";
  const found = new Map();
  for (const r of relations) {
    if (r.predicate === pred && r[side] === id) found.set(r[other], r[`${other}_name`] || r[other]);
  }
  return [...found];
}

function fact(label, value, id = null) {
  const empty = value === null || value === undefined || (Array.isArray(value) && !value.length);
  return [el("dt", { text: label }), el("dd", { id: id && `actor-${id}` }, empty ? "—" : value)];
}

function links(pairs, filters) {
  return pairs.flatMap(([id, text], i) => [i ? ", " : null,
    el("a", { href: actorHash(id, filters), text })]).filter(Boolean);
}

function relationTable(relations, labels, filters) {
  if (!relations.length) return el("p", { class: "empty", text: "No relations known." });
  return el("table", { class: "relations" }, el("tbody", {}, relations.map((r) => el("tr", {},
    el("td", {}, el("a", { href: actorHash(r.subject, filters), text: r.subject_name || r.subject })),
    el("td", { text: labels.predicates[r.predicate] || r.predicate }),
    el("td", {}, el("a", { href: actorHash(r.object, filters), text: r.object_name || r.object })),
    el("td", { class: "source", text: r.source === "knowledge" ? "knowledge base" : `found in text${r.evidence ? `: “${r.evidence.text}”` : ""}` })))));
}

export function eventsTable(events, labels, filters) {
  return el("table", { class: "events" },
    el("thead", {}, el("tr", {}, ["date", "type", "actor", "target", "place", "claim"].map((h) => el("th", { text: h })))),
    el("tbody", {}, events.map((e) => el("tr", { "data-id": e.id },
      el("td", {}, el("a", { href: eventHash(e.id, filters), class: "event-link", text: e.date.start || "undated" })),
      el("td", { text: e.event_type }),
      el("td", { text: e.actor ? e.actor.name || e.actor.text : "" }),
      el("td", { text: e.target ? e.target.name || e.target.text : "" }),
      el("td", { text: e.location ? [e.location.name || e.location.text, e.location.country].filter(Boolean).join(", ") : "" }),
      el("td", { text: labels.claims[e.claim.status] || e.claim.status }),
    ))));
}

function eventsSection(title, id, events, labels, filters) {
  return el("section", { id },
    el("h2", { text: `${title} (${events.length})` }),
    events.length ? eventsTable(events, labels, filters) : el("p", { class: "empty", text: "None stored." }));
}
