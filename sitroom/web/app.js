// The app: reads the URL, fetches from the API and shows the map view, an event page
// or an actor page. The map stays alive while other pages are shown.

import { el } from "./dom.js";
import { getAll, getJSON } from "./api.js";
import { parseRoute, mapHash, withoutRange } from "./route.js";
import { createMap } from "./map.js";
import { createTimeline } from "./timeline.js";
import { createFilterBar } from "./filters.js";
import { renderEvent } from "./event.js";
import { renderActor, eventsTable } from "./actor.js";

const $ = (id) => document.getElementById(id);

async function main() {
  const labels = await getJSON("/static/labels.json");
  const ui = {
    labels,
    map: createMap($("map"), labels),
    timeline: createTimeline($("timeline"), labels, (since, until) => go({ ...ui.filters, since, until })),
    bar: createFilterBar($("filters"), labels, (filters) => go(filters)),
    filters: {},
    loaded: null,
  };
  ui.map.basemap.catch((error) => showError(error));
  loadChoices(ui);
  window.addEventListener("hashchange", () => route(ui));
  await route(ui);
}

function go(filters) {
  location.hash = mapHash(filters);
}

async function loadChoices(ui) {
  try {
    const [stats, actors] = await Promise.all([getJSON("/api/stats"), getJSON("/api/actors", { limit: 500 })]);
    ui.bar.setCountries(Object.keys(stats.by_country).sort());
    ui.bar.setActorNames(actors.items.map((a) => a.name));
    $("totals").textContent = `${stats.events} events · ${stats.documents} documents · ${stats.actors} actors`;
  } catch (error) {
    showError(error);
  }
}

async function route(ui) {
  const { view, id, filters } = parseRoute(location.hash);
  ui.filters = filters;
  ui.bar.show(filters);
  document.body.dataset.view = view;
  $("error").hidden = true;
  try {
    if (view === "map") await showMap(ui, filters);
    else await showPage(ui, view, id, filters);
  } catch (error) {
    if (view !== "map") $("page").replaceChildren(el("a", { class: "back", href: mapHash(filters), text: "← map" }));
    showError(error);
  }
  document.body.dataset.ready = location.hash || "#/";
}

async function showMap(ui, filters) {
  ui.map.map.invalidateSize();
  const key = JSON.stringify(filters);
  if (ui.loaded === key) return;
  const { labels } = ui;
  const [geo, stats, range, list] = await Promise.all([
    getAll("/api/events", { ...filters, format: "geojson" },
      { pageSize: labels.map.page_size, max: labels.map.max_events, key: "features" }),
    getJSON("/api/stats", withoutRange(filters)),
    getJSON("/api/stats", filters),
    getJSON("/api/events", { ...filters, limit: 50 }),
  ]);
  const shown = ui.map.setEvents(geo.items, filters);
  ui.timeline.render(stats.by_day, filters.since, filters.until);
  const note = geo.truncated ? ` (the first ${geo.items.length} are mapped)` : "";
  $("count").textContent = `${range.events} events match; ${shown} on the map${note}`;
  $("event-list").replaceChildren(el("h2", { text: "Newest matching events" }),
    list.items.length ? eventsTable(list.items, labels, filters) : el("p", { class: "empty", text: "No events match." }));
  ui.loaded = key;
}

async function showPage(ui, view, id, filters) {
  const page = $("page");
  page.replaceChildren(el("p", { class: "loading", text: "Loading…" }));
  window.scrollTo(0, 0);
  if (view === "event") {
    renderEvent(page, await getJSON(`/api/events/${encodeURIComponent(id)}`), ui.labels, filters);
  } else {
    renderActor(page, await getJSON(`/api/actors/${encodeURIComponent(id)}`), ui.labels, filters);
  }
}

function showError(error) {
  const box = $("error");
  box.textContent = String(error.message || error);
  box.hidden = false;
}

main().catch(showError);
