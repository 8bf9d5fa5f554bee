// The map: an offline basemap (world-atlas TopoJSON drawn as a GeoJSON layer, no tiles)
// and clustered event markers coloured by type, sized by corroboration when known.
// Leaflet, leaflet.markercluster and topojson-client are loaded as classic scripts
// from /vendor (node_modules) and read here from window.

import { el } from "./dom.js";
import { eventHash } from "./route.js";

const L = window.L;

export function createMap(container, labels) {
  const map = L.map(container, { center: labels.map.center, zoom: labels.map.zoom, minZoom: 2,
    maxZoom: 12, worldCopyJump: true, attributionControl: true, preferCanvas: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth via world-atlas");
  const clusters = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false,
    iconCreateFunction: (cluster) => clusterIcon(cluster, labels) });
  map.addLayer(clusters);
  const legend = addLegend(map);
  const basemap = loadBasemap(map, container, labels.map.basemap);
  let fitted = false;
  return {
    map,
    basemap,
    setEvents(features, filters) {
      clusters.clearLayers();
      const markers = features.filter(hasPoint).map((f) => eventMarker(f, labels, filters));
      clusters.addLayers(markers);
      container.dataset.events = String(markers.length);
      renderLegend(legend, features, labels);
      if (!fitted && markers.length) {
        map.fitBounds(clusters.getBounds(), { maxZoom: 6, padding: [30, 30] });
        fitted = true;
      }
      return markers.length;
    },
  };
}

async function loadBasemap(map, container, url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`basemap ${url}: ${response.status}; run \`npm ci\``);
  const topo = await response.json();
  const countries = window.topojson.feature(topo, topo.objects.countries);
  L.geoJSON(countries, { interactive: false, className: "country",
    style: { color: "#8a9199", weight: 0.7, fillColor: "#eef0e8", fillOpacity: 1 } }).addTo(map);
  container.dataset.countries = String(countries.features.length);
  return countries.features.length;
}

const hasPoint = (f) => f.geometry && f.geometry.type === "Point";

function radius(props) {
  const n = Number(props.n_sources) || 0;
  return n > 1 ? Math.min(30, 12 + 5 * Math.log2(n)) : 12;
}

function eventMarker(feature, labels, filters) {
  const [lon, lat] = feature.geometry.coordinates;
  const props = feature.properties;
  const size = Math.round(radius(props));
  const dot = el("span", { class: "dot", style: `background:${typeColor(labels, props.event_type)}` });
  const icon = L.divIcon({ className: "event-marker", html: dot, iconSize: [size, size] });
  const marker = L.marker([lat, lon], { icon, title: `${props.event_type} ${props.date_start || ""}` });
  marker.eventType = props.event_type;
  marker.bindPopup(() => popup(props, labels, filters));
  return marker;
}

function popup(props, labels, filters) {
  const who = [props.actor_name, props.target_name].filter(Boolean).join(" → ");
  return el("div", { class: "popup" },
    el("strong", { text: props.event_type }), " ", el("span", { text: props.date_start || "undated" }),
    who ? el("div", { text: who }) : null,
    el("div", { text: [props.location_name, props.country].filter(Boolean).join(", ") }),
    el("div", { text: labels.claims[props.claim_status] || props.claim_status || "" }),
    props.n_sources > 1 ? el("div", { text: `${props.n_sources} sources` }) : null,
    el("a", { href: eventHash(props.id, filters), text: "Open event", class: "open-event" }));
}

export function typeColor(labels, type) {
  return labels.types[type] || "#555";
}

function clusterIcon(cluster, labels) {
  const counts = new Map();
  for (const m of cluster.getAllChildMarkers()) counts.set(m.eventType, (counts.get(m.eventType) || 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const n = cluster.getChildCount();
  const size = Math.round(Math.min(48, 22 + 6 * Math.log10(n + 1) * 2));
  const html = el("span", { class: "cluster-dot", style: `border-color:${typeColor(labels, top)}`, text: n });
  return L.divIcon({ className: "event-cluster", html, iconSize: [size, size] });
}

function addLegend(map) {
  const control = L.control({ position: "bottomright" });
  const box = el("div", { class: "legend", id: "legend" });
  control.onAdd = () => box;
  control.addTo(map);
  return box;
}

function renderLegend(box, features, labels) {
  const counts = new Map();
  for (const f of features) counts.set(f.properties.event_type, (counts.get(f.properties.event_type) || 0) + 1);
  const rows = Object.keys(labels.types).filter((t) => counts.has(t)).map((t) =>
    el("li", {}, el("span", { class: "swatch", style: `background:${typeColor(labels, t)}` }),
      el("span", { text: `${t} (${counts.get(t)})` })));
  box.replaceChildren(el("div", { class: "legend-title", text: "Event type" }),
    rows.length ? el("ul", {}, rows) : el("div", { text: "no located events" }),
    features.some((f) => Number(f.properties.n_sources) > 1)
      ? el("div", { class: "legend-note", text: "marker size: number of sources" }) : null);
}
