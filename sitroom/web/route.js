// The URL is the state: "#/?type=ASSAULT&since=2024-01-01" is the map with filters,
// "#/event/ID" an event page, "#/actor/ID" an actor page.

export const FILTER_KEYS = ["type", "actor", "country", "claim", "since", "until", "q"];

export function parseRoute(hash) {
  const text = hash.replace(/^#/, "") || "/";
  const [path, search = ""] = text.split("?", 2);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const filters = readFilters(new URLSearchParams(search));
  if (parts[0] === "event" && parts[1]) return { view: "event", id: parts[1], filters };
  if (parts[0] === "actor" && parts[1]) return { view: "actor", id: parts[1], filters };
  return { view: "map", id: null, filters };
}

function readFilters(search) {
  const filters = {};
  for (const key of FILTER_KEYS) {
    const value = (search.get(key) || "").trim();
    if (value) filters[key] = value;
  }
  return filters;
}

export function filterSearch(filters) {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) search.set(key, filters[key]);
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const mapHash = (filters) => `#/${filterSearch(filters)}`;
export const eventHash = (id, filters = {}) => `#/event/${encodeURIComponent(id)}${filterSearch(filters)}`;
export const actorHash = (id, filters = {}) => `#/actor/${encodeURIComponent(id)}${filterSearch(filters)}`;

/** The filters without the date range (the timeline shows the whole span). */
export function withoutRange(filters) {
  const { since, until, ...rest } = filters;
  return rest;
}
