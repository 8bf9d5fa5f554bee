// The filter bar: type, actor, country, claim status, free text and the date range.
// It only reads and writes filter objects; the app turns them into the URL.

import { el } from "./dom.js";

export function createFilterBar(form, labels, onChange) {
  const controls = {
    type: select("type", "all types", Object.keys(labels.types).sort().map((t) => [t, t])),
    actor: el("input", { name: "actor", type: "search", placeholder: "actor", list: "actor-names", autocomplete: "off" }),
    country: select("country", "all countries", []),
    claim: select("claim", "any claim status", Object.entries(labels.claims)),
    q: el("input", { name: "q", type: "search", placeholder: "search text", autocomplete: "off" }),
    since: el("input", { name: "since", type: "date", title: "from" }),
    until: el("input", { name: "until", type: "date", title: "to" }),
  };
  const names = el("datalist", { id: "actor-names" });
  const reset = el("button", { type: "button", class: "reset", text: "Clear filters" });
  form.replaceChildren(...labelled(controls), names,
    el("button", { type: "submit", text: "Apply" }), reset);
  const read = () => Object.fromEntries(Object.entries(controls)
    .map(([key, input]) => [key, input.value.trim()]).filter(([, v]) => v));
  form.addEventListener("submit", (event) => { event.preventDefault(); onChange(read()); });
  for (const key of ["type", "country", "claim", "since", "until"]) {
    controls[key].addEventListener("change", () => onChange(read()));
  }
  reset.addEventListener("click", () => onChange({}));
  return {
    show(filters) {
      for (const [key, input] of Object.entries(controls)) {
        const value = filters[key] || "";
        if (input.tagName === "SELECT" && value && ![...input.options].some((o) => o.value === value)) {
          input.append(el("option", { value, text: value }));
        }
        input.value = value;
      }
    },
    setCountries(codes) { fillOptions(controls.country, "all countries", codes.map((c) => [c, c])); },
    setActorNames(list) { names.replaceChildren(...list.map((n) => el("option", { value: n }))); },
  };
}

function labelled(controls) {
  const text = { type: "Type", actor: "Actor", country: "Country", claim: "Claim", q: "Text", since: "From", until: "To" };
  return Object.entries(controls).map(([key, input]) =>
    el("label", { class: `filter filter-${key}` }, el("span", { text: text[key] }), input));
}

function select(name, all, options) {
  const node = el("select", { name });
  fillOptions(node, all, options);
  return node;
}

function fillOptions(node, all, options) {
  const current = node.value;
  node.replaceChildren(el("option", { value: "", text: all }),
    ...options.map(([value, text]) => el("option", { value, text })));
  if (current && options.some(([value]) => value === current)) node.value = current;
}
