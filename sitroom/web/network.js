// A small radial network: the actor in the middle, the actors it is linked to by
// backed_by / part_of / leads around it, arrows pointing subject -> object. Edge
// colours show the relation (legend in the corner); with few neighbours edges are labelled too.

import { svg } from "./dom.js";

const LABEL_EDGES_UP_TO = 8;

export function networkSvg(actor, relations, labels, hrefFor) {
  const unique = new Map(relations.map((r) => [`${r.subject}|${r.predicate}|${r.object}`, r]));
  const shown = [...unique.values()].filter((r) => labels.network_predicates.includes(r.predicate));
  const others = new Map();
  for (const r of shown) {
    if (r.subject !== actor.id) others.set(r.subject, r.subject_name || r.subject);
    if (r.object !== actor.id) others.set(r.object, r.object_name || r.object);
  }
  const ids = [...others.keys()];
  const R = Math.min(260, Math.max(110, 14 * ids.length));
  const [W, H] = [2 * R + 360, 2 * R + 90];
  const [cx, cy] = [W / 2, H / 2];
  const pos = new Map([[actor.id, [cx, cy]]]);
  const labelAt = new Map([[actor.id, [cx, cy + 40]]]);
  ids.forEach((id, i) => {
    const angle = (2 * Math.PI * i) / Math.max(ids.length, 1) - Math.PI / 2;
    const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
    pos.set(id, [cx + R * dx, cy + R * dy]);
    labelAt.set(id, [cx + (R + 28) * dx, cy + (R + 28) * dy + 4]);
  });
  const root = svg("svg", { id: "actor-network", class: "network-svg", width: W, height: H,
    viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `Relations of ${actor.name}` },
  svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
    markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, svg("path", { d: "M0,0L10,5L0,10z", fill: "#555" }))));
  const labelled = ids.length <= LABEL_EDGES_UP_TO;
  for (const r of shown) root.append(edge(pos.get(r.subject), pos.get(r.object), r, labels, labelled));
  root.append(node(actor.id, actor.name, pos.get(actor.id), labelAt.get(actor.id), true, hrefFor));
  for (const id of ids) root.append(node(id, others.get(id), pos.get(id), labelAt.get(id), false, hrefFor));
  root.append(legend(labels));
  if (!ids.length) root.append(svg("text", { x: cx, y: cy + 70, "text-anchor": "middle", class: "empty",
    text: "no backed_by / part_of / leads relations known" }));
  return root;
}

function edge([x1, y1], [x2, y2], relation, labels, labelled) {
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const pad = 26;
  const [ux, uy] = [(x2 - x1) / len, (y2 - y1) / len];
  const name = labels.predicates[relation.predicate] || relation.predicate;
  return svg("g", { class: `edge edge-${relation.predicate}`, "data-predicate": relation.predicate },
    svg("line", { x1: x1 + ux * pad, y1: y1 + uy * pad, x2: x2 - ux * pad, y2: y2 - uy * pad,
      "marker-end": "url(#arrow)" }, svg("title", { text: name })),
    labelled ? svg("text", { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 4, "text-anchor": "middle", text: name }) : null);
}

function node(id, name, [x, y], [lx, ly], center, hrefFor) {
  return svg("a", { href: hrefFor(id), class: center ? "node center" : "node", "data-id": id },
    svg("circle", { cx: x, cy: y, r: center ? 24 : 16 }),
    svg("text", { x: lx, y: ly, "text-anchor": anchor(lx, x), text: truncate(name, 30) }),
    svg("title", { text: name }));
}

function legend(labels) {
  return svg("g", { class: "network-legend" }, labels.network_predicates.map((p, i) =>
    svg("g", { class: `edge edge-${p}` },
      svg("line", { x1: 10, x2: 34, y1: 16 + 18 * i, y2: 16 + 18 * i }),
      svg("text", { x: 40, y: 20 + 18 * i, text: labels.predicates[p] || p }))));
}

const anchor = (lx, x) => (Math.abs(lx - x) < 20 ? "middle" : lx > x ? "start" : "end");
const truncate = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
