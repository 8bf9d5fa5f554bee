// The timeline: events per day by type as stacked SVG bars. Dragging across it
// selects a date range, handed to onRange(since, until).

import { svg, el } from "./dom.js";
import { typeColor } from "./map.js";

const DAY = 86400000;
const HEIGHT = 110;
const AXIS = 18;

const toDay = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const toIso = (day) => new Date(day * DAY).toISOString().slice(0, 10);

/** by_day rows -> {first, last, days: Map(day -> [[type, count], ...])} */
export function stackDays(byDay, typeOrder) {
  const days = new Map();
  for (const row of byDay) {
    const day = toDay(row.date);
    if (!days.has(day)) days.set(day, new Map());
    days.get(day).set(row.type, (days.get(day).get(row.type) || 0) + row.count);
  }
  const keys = [...days.keys()];
  const order = (t) => (typeOrder.indexOf(t) + 100) % 100;
  const stacks = new Map([...days].map(([d, m]) => [d, [...m].sort((a, b) => order(a[0]) - order(b[0]))]));
  return { first: Math.min(...keys), last: Math.max(...keys), days: stacks };
}

export function createTimeline(container, labels, onRange) {
  const state = { data: null, range: null };
  const drawSvg = () => draw(container, labels, state, onRange);
  window.addEventListener("resize", drawSvg);
  return {
    render(byDay, since, until) {
      state.data = byDay.length ? stackDays(byDay, Object.keys(labels.types)) : null;
      state.range = since || until ? [since, until] : null;
      drawSvg();
    },
  };
}

function draw(container, labels, state, onRange) {
  container.replaceChildren();
  if (!state.data) {
    container.append(el("p", { class: "empty", text: "No dated events match these filters." }));
    return;
  }
  const width = Math.max(300, container.clientWidth || 800);
  const { first, last, days } = state.data;
  const span = last - first + 1;
  const x = (day) => ((day - first) / span) * width;
  const barW = Math.max(1, width / span - (span < 120 ? 1 : 0));
  const max = Math.max(...[...days.values()].map((s) => s.reduce((n, [, c]) => n + c, 0)));
  const y = (n) => (n / max) * (HEIGHT - AXIS - 4);
  const root = svg("svg", { width, height: HEIGHT, class: "timeline-svg", role: "img",
    "aria-label": `Events per day, ${toIso(first)} to ${toIso(last)}` });
  root.append(bars(days, x, y, barW, labels), axis(first, last, x, width));
  if (state.range) root.append(selectionRect(state.range, x, first, last));
  root.append(brush(root, width, first, span, onRange));
  container.append(root);
  container.dataset.days = String(days.size);
}

function bars(days, x, y, barW, labels) {
  const group = svg("g", { class: "bars" });
  for (const [day, stack] of days) {
    let top = HEIGHT - AXIS;
    for (const [type, count] of stack) {
      const h = y(count);
      top -= h;
      group.append(svg("rect", { x: x(day), y: top, width: barW, height: Math.max(h, 1),
        fill: typeColor(labels, type), "data-type": type, "data-date": toIso(day) },
        svg("title", { text: `${toIso(day)} ${type}: ${count}` })));
    }
  }
  return group;
}

function axis(first, last, x, width) {
  const group = svg("g", { class: "axis" });
  group.append(svg("line", { x1: 0, x2: width, y1: HEIGHT - AXIS, y2: HEIGHT - AXIS }));
  const ticks = Math.min(8, Math.max(2, Math.floor(width / 110)));
  for (let i = 0; i < ticks; i++) {
    const day = Math.round(first + ((last - first) * i) / (ticks - 1 || 1));
    const anchor = i === 0 ? "start" : i === ticks - 1 ? "end" : "middle";
    group.append(svg("text", { x: i === ticks - 1 ? width : x(day), y: HEIGHT - 4,
      "text-anchor": anchor, text: toIso(day) }));
  }
  return group;
}

function selectionRect([since, until], x, first, last) {
  const a = since ? toDay(since) : first;
  const b = (until ? toDay(until) : last) + 1;
  return svg("rect", { class: "selection", x: x(a), y: 0, width: Math.max(2, x(b) - x(a)),
    height: HEIGHT - AXIS });
}

function brush(root, width, first, span, onRange) {
  const overlay = svg("rect", { class: "brush", x: 0, y: 0, width, height: HEIGHT, fill: "transparent" });
  const live = svg("rect", { class: "selection live", x: 0, y: 0, width: 0, height: HEIGHT - AXIS });
  let start = null;
  const px = (event) => Math.min(width, Math.max(0, event.clientX - root.getBoundingClientRect().left));
  const day = (p) => first + Math.min(span - 1, Math.floor((p / width) * span));
  overlay.addEventListener("pointerdown", (event) => {
    start = px(event);
    overlay.setPointerCapture(event.pointerId);
    root.append(live);
  });
  overlay.addEventListener("pointermove", (event) => {
    if (start === null) return;
    const p = px(event);
    live.setAttribute("x", Math.min(start, p));
    live.setAttribute("width", Math.abs(p - start));
  });
  overlay.addEventListener("pointerup", (event) => {
    if (start === null) return;
    const p = px(event);
    const [a, b] = [Math.min(start, p), Math.max(start, p)];
    start = null;
    live.remove();
    if (b - a >= 3) onRange(toIso(day(a)), toIso(day(b)));
  });
  return overlay;
}
