// A document's text with its events (highlighted) and actor mentions (underlined).
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

// Cut the text at every boundary of an event span or a mention, then wrap each piece.
function render(text, events, mentions, hl) {
  const cuts = new Set([0, text.length]);
  for (const e of events) { cuts.add(e.span[0]); cuts.add(e.span[1]); }
  for (const m of mentions) { cuts.add(m.start); cuts.add(m.end); }
  if (hl) { cuts.add(hl[0]); cuts.add(hl[1]); }
  const pos = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < pos.length; i++) {
    const [s, e] = [pos[i], pos[i + 1]];
    let node = document.createTextNode(text.slice(s, e));
    const m = mentions.find((x) => x.start <= s && e <= x.end);
    if (m) node = el("span", {class: "actor", title: `${m.code} (${m.type})`}, node);
    const evs = events.filter((x) => x.span[0] <= s && e <= x.span[1]);
    if (evs.length) {
      const lit = hl && hl[0] <= s && e <= hl[1];
      node = el("mark", {class: "ev" + (lit ? " hl" : ""), title: evs.map((x) => `${x.kind}: ${x.label} (${x.date || "undated"})`).join("\n"),
                         "data-events": evs.map((x) => x.id).join(" ")}, node);
    }
    out.push(node);
  }
  return out;
}

async function start() {
  const id = decodeURIComponent(location.pathname.replace(/^\/doc\//, ""));
  const hlParam = new URLSearchParams(location.search).get("hl");
  const hl = hlParam && /^\d+,\d+$/.test(hlParam) ? hlParam.split(",").map(Number) : null;
  $("doc-id").textContent = id;
  const r = await fetch(`/api/documents/${encodeURIComponent(id)}`);
  const d = await r.json();
  if (!r.ok) { $("doctext").textContent = d.error || "not found"; return; }
  // what the document says of itself (publication date, title, publisher, address), then counts
  const about = [d.title, d.date && `published ${d.date}`, d.source].filter(Boolean);
  $("doc-meta").replaceChildren(
    ...(about.length ? [about.join(" · "), " · "] : []),
    ...(d.url && /^https?:\/\//.test(d.url) ? [el("a", {href: d.url, rel: "noopener noreferrer"}, "original"), " · "] : []),
    `${d.lang} · ${d.n_chars} characters · ${d.n_events} events · ${d.mentions.length} actor mentions`);
  $("doctext").replaceChildren(...render(d.text, d.events, d.mentions, hl));
  const lit = document.querySelector("mark.hl");
  if (lit) lit.scrollIntoView({block: "center"});
  $("doc-events").tBodies[0].replaceChildren(...d.events.map((e) => el("tr", {onclick: () => {
      document.querySelectorAll("mark.hl").forEach((n) => n.classList.remove("hl"));
      const marks = [...document.querySelectorAll("mark.ev")].filter((n) => n.dataset.events.split(" ").includes(e.id));
      marks.forEach((n) => n.classList.add("hl"));
      if (marks[0]) marks[0].scrollIntoView({behavior: "smooth", block: "center"});
    }}, el("td", {}, e.date || "–"), el("td", {}, e.kind), el("td", {}, e.label + (e.negated ? " (did not happen)" : "")),
    el("td", {}, e.evidence))));
}
start();
