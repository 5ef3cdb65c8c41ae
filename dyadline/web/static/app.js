// dyadline page: pick two actors, see their timeline, click an event to read its sources.
// No framework: the DOM is built with createElement/textContent (no HTML from data).
"use strict";

const $ = (id) => document.getElementById(id);
const SVGNS = "http://www.w3.org/2000/svg";
const QUAD = {1: ["verbal cooperation", "#4c9a2a", "verb. coop."], 2: ["material cooperation", "#1f6f3a", "mat. coop."],
              3: ["verbal conflict", "#d9822b", "verb. confl."], 4: ["material conflict", "#b3261e", "mat. confl."],
              0: ["other", "#6b6b6b", "other"]};
const PHASE = {cooperative: "#d8ecd2", hostile: "#f6d5d1", mixed: "#f3ead0", silent: "#ffffff"};
const state = {a: null, b: null, pred: false, tl: null, clusters: [], view: null, full: null, selected: null};
const docCache = new Map();

async function api(url) {
  const r = await fetch(url);
  const body = await r.json().catch(() => ({error: r.statusText}));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function el(tag, attrs = {}, ...children) {
  const e = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.setAttribute("class", v);
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function years(edtf) {            // first and last year an EDTF value covers
  if (!edtf) return null;
  const parts = String(edtf).split("/");
  const y = (p, end) => { const m = p.match(/\d{3}[\dX]/); return m ? +m[0].replace(/X/g, end ? "9" : "0") : null; };
  let lo = parts[0] === ".." ? null : y(parts[0], false);
  let hi = parts[parts.length - 1] === ".." ? null : y(parts[parts.length - 1], true);
  if (lo === null && hi === null) return null;
  if (lo === null) lo = hi;
  if (hi === null) hi = lo;
  return [lo, hi];
}

// -- actor pickers ---------------------------------------------------------------------
async function suggest(input, list) {
  const q = input.value.trim();
  if (q.length < 2) return;
  try {
    const {items} = await api(`/api/actors?q=${encodeURIComponent(q)}&limit=12`);
    list.replaceChildren(...items.map((it) => el("option", {value: it.code}, `${it.name} — ${it.matched} (${it.kind})`)));
  } catch (e) { /* suggestions are optional */ }
}

async function toCode(value) {
  const v = value.trim();
  if (/^[A-Z][A-Z_-]{1,20}$/.test(v)) return v;
  const {items} = await api(`/api/actors?q=${encodeURIComponent(v)}&limit=1`);
  if (!items.length) throw new Error(`no actor called "${v}"`);
  return items[0].code;
}

// -- timeline ----------------------------------------------------------------------------
async function show(a, b, pred) {
  $("title").textContent = `${a} – ${b}: loading…`;
  try {
    const [tl, cl] = await Promise.all([
      api(`/api/timeline?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}&with_predecessors=${pred}`),
      api(`/api/clusters?dyad=${encodeURIComponent(a + "," + b)}&page_size=200`).catch(() => ({items: []})),
    ]);
    Object.assign(state, {a, b, pred, tl, clusters: cl.items, selected: null});
    const ys = tl.years.map((y) => y.year);
    state.full = ys.length ? [Math.min(...ys), Math.max(...ys)] : null;
    state.view = state.full && [...state.full];
    location.hash = `a=${a}&b=${b}${pred ? "&pred=1" : ""}`;
    $("a").value = a; $("b").value = b; $("pred").checked = pred;
    $("title").textContent = `${a} (${tl.codes_a.join(", ")}) – ${b} (${tl.codes_b.join(", ")})`;
    $("phases").textContent = tl.phases.length ? "Phases: " + tl.phases.map((p) =>
      `${p.start === p.end ? p.start : p.start + "–" + p.end} ${p.kind}`).join("; ") : "No dated event between them.";
    draw();
    table();
    map(a, b);
  } catch (e) {
    $("title").textContent = `${a} – ${b}: ${e.message}`;
    $("chart").replaceChildren();
  }
}

function draw() {
  const box = $("chart");
  const {tl, view} = state;
  if (!tl || !view) { box.replaceChildren(); return; }
  const W = 1000, H = 300, L = 40, R = 40, T = 12, B = 28;
  const [x0, x1] = [view[0] - 0.6, view[1] + 0.6];
  const X = (y) => L + (y - x0) / (x1 - x0) * (W - L - R);
  const lane = (q) => T + (q === 0 ? 4 : q - 1) * ((H - T - B) / 5) + (H - T - B) / 10;
  const svg = el("svg:svg", {viewBox: `0 0 ${W} ${H}`, "aria-label": "timeline"});
  for (const p of tl.phases) {
    if (p.end < view[0] - 1 || p.start > view[1] + 1) continue;
    svg.append(el("svg:rect", {x: X(p.start - 0.5), y: T, width: Math.max(0, X(p.end + 0.5) - X(p.start - 0.5)),
      height: H - T - B, fill: PHASE[p.kind]}, el("svg:title", {}, `${p.start}–${p.end} ${p.kind}`)));
  }
  const step = Math.max(1, Math.ceil((x1 - x0) / 12 / 5) * 5);
  for (let y = Math.ceil(x0 / step) * step; y <= x1; y += step) {
    svg.append(el("svg:line", {x1: X(y), x2: X(y), y1: T, y2: H - B, stroke: "#e4e4e4"}));
    svg.append(el("svg:text", {x: X(y), y: H - 8, "text-anchor": "middle", "font-size": 12, fill: "#555"}, y));
  }
  const maxAbs = Math.max(1, ...tl.years.map((y) => Math.abs(y.score)));
  const S = (v) => T + (H - T - B) / 2 - v / maxAbs * (H - T - B) / 2.3;
  const pts = tl.years.filter((y) => y.year >= view[0] - 1 && y.year <= view[1] + 1).map((y) => `${X(y.year)},${S(y.score)}`);
  svg.append(el("svg:polyline", {points: pts.join(" "), fill: "none", stroke: "#333", "stroke-width": 1.5}));
  const used = new Map();
  for (const c of state.clusters) {
    if (c.negated) continue;
    const span = years(c.date);
    if (!span || span[1] < view[0] || span[0] > view[1]) continue;
    const q = QUAD[c.quad_class] ? c.quad_class : 0;
    const [name, colour] = QUAD[q];
    const attrs = {class: "mark", "data-cluster": c.id, tabindex: 0, fill: colour,
                   onclick: () => select(c.id), onkeydown: (e) => { if (e.key === "Enter") select(c.id); },
                   onmousemove: (e) => tip(e, c), onmouseleave: () => { $("tip").hidden = true; }};
    let shape;
    if (span[1] > span[0]) {
      shape = el("svg:rect", {...attrs, x: X(span[0] - 0.4), y: lane(q) + 8, height: 7, rx: 3,
        width: Math.max(4, X(span[1] + 0.4) - X(span[0] - 0.4)), opacity: 0.7});
    } else {
      const k = used.get(`${span[0]}:${q}`) || 0;
      used.set(`${span[0]}:${q}`, k + 1);
      shape = el("svg:circle", {...attrs, cx: X(span[0]) + (k % 4) * 7, cy: lane(q) - 6 * Math.floor(k / 4), r: 6});
    }
    if (c.id === state.selected) shape.classList.add("selected");
    svg.append(shape);
    if (c.disputed && c.disputed.length) {
      const cx = span[1] > span[0] ? X(span[0]) : X(span[0]);
      svg.append(el("svg:circle", {cx, cy: lane(q), r: 10, fill: "none", stroke: "#d62728", "stroke-width": 2,
        "pointer-events": "none"}));
    }
  }
  for (const q of [1, 2, 3, 4, 0]) {
    svg.append(el("svg:text", {x: 4, y: lane(q) + 4, "font-size": 10, fill: QUAD[q][1]}, QUAD[q][2]));
  }
  box.replaceChildren(svg);
  panZoom(svg, X, x0, x1, W);
}

function panZoom(svg, X, x0, x1, W) {
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const rect = svg.getBoundingClientRect();
    const at = x0 + (e.clientX - rect.left) / rect.width * (x1 - x0);
    zoom(e.deltaY < 0 ? 0.8 : 1.25, at);
  }, {passive: false});
  let drag = null;
  svg.addEventListener("pointerdown", (e) => { if (!e.target.classList.contains("mark")) drag = {x: e.clientX, view: [...state.view]}; });
  svg.addEventListener("pointerup", () => { drag = null; });
  svg.addEventListener("pointerleave", () => { drag = null; });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    const shift = Math.round((drag.x - e.clientX) / rect.width * (x1 - x0));
    if (shift) { state.view = [drag.view[0] + shift, drag.view[1] + shift]; drag = {x: e.clientX, view: [...state.view]}; draw(); }
  });
}

function zoom(factor, at) {
  if (!state.view) return;
  const [a, b] = state.view;
  const c = at ?? (a + b) / 2;
  const half = Math.max(2, Math.round((b - a) * factor / 2));
  state.view = [Math.round(c - half), Math.round(c + half)];
  draw();
}

function tip(e, c) {
  const t = $("tip");
  t.textContent = `${c.label} (${c.date || "undated"}) — ${c.members.length} source${c.members.length > 1 ? "s" : ""}` +
    (c.disputed && c.disputed.length ? ` — sources disagree on the ${c.disputed.join(", ")}` : "");
  t.style.left = `${e.clientX + 12}px`;
  t.style.top = `${e.clientY + 12}px`;
  t.hidden = false;
}

function table() {
  const rows = state.clusters.map((c) => el("tr", {"data-cluster": c.id, class: c.id === state.selected ? "selected" : "",
      onclick: () => select(c.id)},
    el("td", {}, c.date || "–"), el("td", {}, c.kind),
    el("td", {}, c.label + (c.negated ? " (did not happen)" : ""), c.disputed && c.disputed.length ? el("span", {class: "flag"}, " ⚑ disputed") : ""),
    el("td", {}, `${c.members.length} (${c.langs.join(", ")})`)));
  $("events").tBodies[0].replaceChildren(...rows);
}

// -- where: the dyad's located events over a longitude/latitude grid ------------------------
// (no country outlines: no PyPI package we depend on ships them in longitude/latitude)
async function map(a, b) {
  const box = $("map");
  let items = [];
  try {
    ({items} = await api(`/api/events?dyad=${encodeURIComponent(a + "," + b)}&located=true&page_size=200`));
  } catch (e) { $("map-note").textContent = e.message; box.replaceChildren(); return; }
  $("map-note").textContent = items.length
    ? `${items.length} event mention${items.length > 1 ? "s" : ""} with a place (GeoNames data, CC BY 4.0).`
    : "No event of this pair says where it happened.";
  if (!items.length) { box.replaceChildren(); return; }
  const W = 720, H = 360;
  const lons = items.map((e) => e.longitude), lats = items.map((e) => e.latitude);
  // the view: the points' extent with a margin, at least 40 degrees wide, same scale both ways
  let x0 = Math.min(...lons) - 10, x1 = Math.max(...lons) + 10;
  let y0 = Math.min(...lats) - 8, y1 = Math.max(...lats) + 8;
  const w = Math.max(40, x1 - x0, (y1 - y0) * 2), cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  x0 = Math.max(-180, cx - w / 2); x1 = Math.min(180, cx + w / 2);
  y0 = Math.max(-90, cy - w / 4); y1 = Math.min(90, cy + w / 4);
  const X = (lon) => (lon - x0) / (x1 - x0) * W, Y = (lat) => (y1 - lat) / (y1 - y0) * H;
  const svg = document.createElementNS(SVGNS, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const add = (tag, attrs) => {
    const n = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    svg.appendChild(n);
    return n;
  };
  const step = w > 120 ? 30 : w > 60 ? 10 : 5;
  for (let lon = Math.ceil(x0 / step) * step; lon <= x1; lon += step) {
    add("line", {class: "grid", x1: X(lon), x2: X(lon), y1: 0, y2: H});
    add("text", {class: "axis", x: X(lon) + 2, y: H - 3}).textContent = `${lon}°`;
  }
  for (let lat = Math.ceil(y0 / step) * step; lat <= y1; lat += step) {
    add("line", {class: "grid", x1: 0, x2: W, y1: Y(lat), y2: Y(lat)});
    add("text", {class: "axis", x: 2, y: Y(lat) - 2}).textContent = `${lat}°`;
  }
  const byPlace = new Map();
  for (const e of items) {
    const k = e.location_id || `${e.latitude},${e.longitude}`;
    if (!byPlace.has(k)) byPlace.set(k, []);
    byPlace.get(k).push(e);
  }
  for (const evs of byPlace.values()) {
    const e = evs[0];
    const x = X(e.longitude), y = Y(e.latitude);
    const dot = add("circle", {cx: x, cy: y, r: Math.min(12, 4 + 2 * Math.sqrt(evs.length)), fill: QUAD[e.quad_class][1],
      "fill-opacity": 0.75, class: "mark place", "data-place": e.location_id || ""});
    const names = evs.slice(0, 4).map((v) => `${v.label} (${v.date || "undated"})`).join("; ");
    dot.addEventListener("mousemove", (m) => {
      const t = $("tip");
      t.textContent = `${e.location}${e.location_country ? ", " + e.location_country : ""} — ${evs.length} event${evs.length > 1 ? "s" : ""}: ${names}${evs.length > 4 ? "…" : ""}`;
      t.style.left = `${m.clientX + 12}px`; t.style.top = `${m.clientY + 12}px`; t.hidden = false;
    });
    dot.addEventListener("mouseleave", () => { $("tip").hidden = true; });
    dot.addEventListener("click", () => { if (e.cluster) select(e.cluster); });
    add("text", {class: "axis", x: x + 7, y: y + 3}).textContent = e.location;
  }
  box.replaceChildren(svg);
}

function whereText(events) {
  const seen = new Map();
  for (const e of events || []) {
    if (!e.location) continue;
    const k = e.location_id || e.location;
    if (!seen.has(k)) seen.set(k, e);
  }
  if (!seen.size) return "";
  return "Where: " + [...seen.values()].map((e) =>
    `${e.location}${e.location_country ? " (" + e.location_country + ")" : ""}` +
    (e.latitude != null ? ` ${e.latitude.toFixed(2)}, ${e.longitude.toFixed(2)}` : "") +
    (e.location_text && e.location_text !== e.location ? ` — “${e.location_text}”` : "")).join("; ");
}

// -- one event: its sources and disagreements -----------------------------------------
async function documentText(doc) {
  if (!docCache.has(doc)) docCache.set(doc, api(`/api/documents/${encodeURIComponent(doc)}`));
  return docCache.get(doc);
}

function context(text, [s, e]) {
  const lo = Math.max(0, text.lastIndexOf(". ", s - 1) + 1 || s - 200, s - 300);
  const hi = Math.min(text.length, e + 200);
  return el("p", {class: "context"}, (lo > 0 ? "…" : "") + text.slice(lo, s),
            el("mark", {}, text.slice(s, e)), text.slice(e, hi) + (hi < text.length ? "…" : ""));
}

async function select(id) {
  state.selected = id;
  document.querySelectorAll(".selected").forEach((n) => n.classList.remove("selected"));
  document.querySelectorAll(`[data-cluster="${id}"]`).forEach((n) => n.classList.add("selected"));
  try {
    const c = await api(`/api/clusters/${encodeURIComponent(id)}`);
    $("detail").hidden = false;
    $("detail-title").textContent = c.label;
    $("detail-meta").textContent = `${c.date || "undated"} · ${c.kind} · PLOVER ${c.plover} · quad class ${c.quad_class} · ` +
      `${c.members.length} source${c.members.length > 1 ? "s" : ""} in ${c.langs.join(", ")}`;
    $("detail-where").textContent = whereText(c.events);
    $("detail-dis").replaceChildren(...c.disagreements.map((d) => el("div", {class: "dis"},
      el("strong", {}, `The sources disagree on the ${d.attribute}: `),
      el("ul", {}, ...d.values.map((v) => el("li", {}, `${JSON.stringify(v.value)} — `,
        ...v.sources.map((s) => el("span", {}, el("span", {class: "lang"}, s.lang), s.doc, " "))))))));
    const items = [];
    for (const s of c.sources) {
      const d = await documentText(s.doc).catch(() => null);
      items.push(el("li", {class: "source"}, el("span", {class: "lang"}, s.lang),
        el("a", {href: `/doc/${encodeURIComponent(s.doc)}?hl=${s.span[0]},${s.span[1]}`}, s.doc),
        d && (d.date || d.source) ? el("span", {class: "muted"}, ` ${[d.source, d.date].filter(Boolean).join(", ")}`) : "",
        d ? context(d.text, s.span) : el("p", {class: "context"}, el("mark", {}, s.evidence))));
    }
    $("detail-sources").replaceChildren(...items);
    $("detail").scrollIntoView({behavior: "smooth", block: "nearest"});
  } catch (e) {
    $("detail").hidden = false;
    $("detail-title").textContent = e.message;
  }
}

// -- start -----------------------------------------------------------------------------
async function start() {
  for (const k of ["a", "b"]) $(k).addEventListener("input", () => suggest($(k), $(`${k}-list`)));
  $("pick").addEventListener("submit", async (e) => {
    e.preventDefault();
    try { show(await toCode($("a").value), await toCode($("b").value), $("pred").checked); }
    catch (err) { $("title").textContent = err.message; }
  });
  $("zoom-in").onclick = () => zoom(0.6);
  $("zoom-out").onclick = () => zoom(1.6);
  $("zoom-reset").onclick = () => { state.view = state.full && [...state.full]; draw(); };
  api("/api/disagreements?page_size=200").then(({items}) => {
    $("disagreements").replaceChildren(...items.map((d) => el("li", {},
      el("a", {href: "#", "data-cluster": d.cluster, onclick: (e) => { e.preventDefault(); select(d.cluster); }},
        `${d.label}: ${d.attribute} — ${d.values.map((v) => JSON.stringify(v.value)).join(" vs ")}`))));
  }).catch(() => {});
  const params = new URLSearchParams(location.hash.slice(1));
  let dy = [];
  try { dy = (await api("/api/dyads?limit=8")).items; } catch (e) { $("title").textContent = e.message; }
  $("dyads").replaceChildren(...dy.map((d) => el("a", {href: `#a=${d.a}&b=${d.b}`,
    onclick: (e) => { e.preventDefault(); show(d.a, d.b, false); }}, `${d.a_name} – ${d.b_name} (${d.events})`)));
  if (params.get("a") && params.get("b")) show(params.get("a"), params.get("b"), params.get("pred") === "1");
  else if (dy.length) show(dy[0].a, dy[0].b, false);
}
start();
