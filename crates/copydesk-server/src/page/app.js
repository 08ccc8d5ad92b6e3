// The copydesk viewer: sends the input to /v1/extract (explain + analyze on)
// and shows the document next to the input, with what left the body marked.
// Plain browser JavaScript, no build step, no network beyond this server.
// Everything from the input is inserted as text (textContent), never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);

let droppedFile = null; // {name, bytes: Uint8Array}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

function norm(s) {
  return (s || "").replace(/\s+/g, " ").trim().toLowerCase();
}

function setStatus(msg, isError) {
  const s = $("status");
  s.textContent = msg;
  s.className = isError ? "error" : "";
}

// ---------------------------------------------------------------- request

async function run() {
  const kind = $("input-kind").value;
  const params = new URLSearchParams({ explain: "true", analyze: "true", input: kind });
  const url = $("url").value.trim();
  if (url) params.set("url", url);
  let body;
  let shown;
  if (droppedFile) {
    body = droppedFile.bytes;
    shown = isGzip(body) ? null : new TextDecoder("utf-8").decode(body);
  } else {
    shown = $("source").value;
    body = shown;
  }
  if (!body || body.length === 0) {
    setStatus("Paste something or drop a file first.", true);
    return;
  }
  $("run").disabled = true;
  setStatus("Extracting…");
  const started = performance.now();
  try {
    const resp = await fetch("v1/extract?" + params.toString(), {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream; charset=utf-8" },
      body,
    });
    const data = await resp.json().catch(() => null);
    if (!resp.ok) {
      const err = data && data.error ? data.error : { kind: String(resp.status), message: resp.statusText };
      setStatus(`Error ${resp.status} (${err.kind}): ${err.message}`, true);
      return;
    }
    const ms = Math.round(performance.now() - started);
    const removed = (data.removed || []).length;
    setStatus(
      (data.text ? "" : "No article-like text found. ") +
        `${(data.blocks || []).length} blocks kept, ${removed} removed (${ms} ms).`,
      false
    );
    show(data, shown, kind);
  } catch (e) {
    setStatus("Request failed: " + e, true);
  } finally {
    $("run").disabled = false;
  }
}

function isGzip(bytes) {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

// ---------------------------------------------------------------- article

function show(doc, input, kind) {
  $("result").hidden = false;
  $("title").textContent = doc.title || "(no title found)";
  const by = [];
  if (doc.authors && doc.authors.length) by.push("By " + doc.authors.join(", "));
  if (doc.published) by.push(formatDate(doc.published));
  if (doc.site_name) by.push(doc.site_name);
  $("byline").textContent = by.join(" · ");
  $("byline").hidden = by.length === 0;
  $("description").textContent = doc.description || "";
  $("description").hidden = !doc.description;
  renderBody(doc);
  renderFigures(doc.figures || []);
  renderRelated(doc.related || []);
  renderEntities(doc.entities || []);
  renderInput(doc, input, kind);
  renderRemovedList(doc.removed || []);
}

function formatDate(iso) {
  const day = iso.slice(0, 10);
  const d = new Date(day + "T00:00:00Z");
  if (isNaN(d.getTime())) return iso;
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

// Quote offsets are Unicode character offsets into doc.text, whose
// paragraphs are the blocks' trimmed texts joined by blank lines.
function renderBody(doc) {
  const body = $("body");
  body.replaceChildren();
  const chars = Array.from(doc.text || "");
  const quotes = (doc.quotes || []).slice().sort((a, b) => a.start - b.start);
  let cursor = 0;
  for (const block of doc.blocks || []) {
    const t = Array.from((block.text || "").trim());
    if (t.length === 0) continue;
    let start = cursor;
    if (chars.slice(cursor, cursor + t.length).join("") !== t.join("")) {
      // Not where expected: look for it, else show it without quotes.
      const at = (doc.text || "").indexOf(t.join(""));
      start = at >= 0 ? Array.from(doc.text.slice(0, at)).length : -1;
    } else {
      cursor += t.length + 2;
    }
    body.appendChild(renderBlock(block, t, start, quotes));
  }
}

function renderBlock(block, chars, start, quotes) {
  const span = (from, to) => highlighted(chars, from, to, start, quotes);
  switch (block.kind) {
    case "heading": {
      const level = Math.min(6, Math.max(2, (block.level || 2)));
      const h = el("h" + level);
      h.appendChild(span(0, chars.length));
      return h;
    }
    case "list": {
      const list = el(block.ordered ? "ol" : "ul");
      let from = 0;
      for (let i = 0; i <= chars.length; i++) {
        if (i === chars.length || chars[i] === "\n") {
          const li = el("li");
          li.appendChild(span(from, i));
          list.appendChild(li);
          from = i + 1;
        }
      }
      return list;
    }
    case "table": {
      const table = el("table");
      for (const row of block.rows || []) {
        const tr = el("tr");
        for (const cell of row) tr.appendChild(el("td", null, cell));
        table.appendChild(tr);
      }
      return table;
    }
    case "code": {
      const pre = el("pre");
      pre.textContent = chars.join("");
      return pre;
    }
    case "quote": {
      const q = el("blockquote");
      q.appendChild(span(0, chars.length));
      return q;
    }
    default: {
      const p = el("p");
      p.appendChild(span(0, chars.length));
      return p;
    }
  }
}

// Text of chars[from, to) with the quotes that overlap it marked; `base` is
// the block's offset in doc.text (-1: unknown, no marks).
function highlighted(chars, from, to, base, quotes) {
  const frag = document.createDocumentFragment();
  if (base < 0) {
    frag.appendChild(document.createTextNode(chars.slice(from, to).join("")));
    return frag;
  }
  let pos = from;
  for (const q of quotes) {
    const qs = Math.max(q.start - base, from);
    const qe = Math.min(q.end - base, to);
    if (qe <= qs || qs < pos) continue;
    frag.appendChild(document.createTextNode(chars.slice(pos, qs).join("")));
    const mark = el("mark", "quote" + (q.direct ? "" : " reported"), chars.slice(qs, qe).join(""));
    mark.title = (q.direct ? "Quote" : "Reported speech") + (q.speaker ? " — " + q.speaker : "") + (q.cue ? ` (${q.cue})` : "");
    frag.appendChild(mark);
    // The speaker tag goes after the quote's last character.
    if (q.end - base <= to) {
      frag.appendChild(el("span", "speaker" + (q.speaker ? "" : " unknown"), q.speaker || "unattributed"));
    }
    pos = qe;
  }
  frag.appendChild(document.createTextNode(chars.slice(pos, to).join("")));
  return frag;
}

function renderFigures(figures) {
  const box = $("figures");
  box.replaceChildren();
  for (const f of figures) {
    const fig = el("figure");
    if (f.caption) fig.appendChild(el("span", "caption", f.caption));
    if (f.credit) fig.appendChild(el("span", "credit", (f.caption ? " — " : "") + f.credit));
    if (f.src) fig.appendChild(el("span", "src", f.src));
    box.appendChild(fig);
  }
  $("figures-section").hidden = figures.length === 0;
}

function renderRelated(links) {
  const list = $("related");
  list.replaceChildren();
  for (const l of links) {
    const li = el("li");
    if (l.url && /^https?:\/\//i.test(l.url)) {
      const a = el("a", null, l.text);
      a.href = l.url;
      a.rel = "noopener noreferrer";
      li.appendChild(a);
    } else {
      li.appendChild(el("span", null, l.text));
      if (l.url) li.appendChild(el("small", null, " " + l.url));
    }
    list.appendChild(li);
  }
  $("related-section").hidden = links.length === 0;
}

function renderEntities(entities) {
  const box = $("entities");
  box.replaceChildren();
  const groups = { person: "People", organization: "Organisations", place: "Places" };
  for (const [kind, label] of Object.entries(groups)) {
    const of = entities.filter((e) => e.kind === kind);
    if (!of.length) continue;
    const g = el("div", "entity-group");
    g.dataset.kind = kind;
    g.appendChild(el("b", null, label));
    for (const e of of) {
      const chip = el("span", "entity", e.name);
      const extra = [];
      if (e.role) extra.push(e.role);
      if (e.mentions && e.mentions.length > 1) extra.push("×" + e.mentions.length);
      if (extra.length) chip.appendChild(el("small", null, " " + extra.join(", ")));
      g.appendChild(chip);
    }
    box.appendChild(g);
  }
  $("entities-section").hidden = entities.length === 0;
}

// ---------------------------------------------------------------- input

// The input as blocks: lines for plain text, block elements' text for HTML
// (parsed inert with DOMParser: no script runs, nothing loads).
function inputBlocks(input, kind, doc) {
  const looksHtml =
    kind === "html" ||
    (kind !== "text" && (doc.removed || []).every((r) => r.line == null) && /<[a-z!\/]/i.test(input));
  if (!looksHtml) {
    return input.split(/\r\n|\r|\n/).map((text, i) => ({ text, line: i + 1 }));
  }
  const parsed = new DOMParser().parseFromString(input, "text/html");
  const blocks = [];
  const skip = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME"]);
  const inline = new Set(["A", "ABBR", "B", "BDI", "BDO", "CITE", "CODE", "DATA", "DFN", "EM", "FONT",
    "I", "KBD", "MARK", "Q", "S", "SAMP", "SMALL", "SPAN", "STRONG", "SUB", "SUP", "TIME", "U", "VAR", "WBR", "BR", "IMG"]);
  let current = null;
  let currentOwner = null;
  const walker = parsed.createTreeWalker(parsed.body || parsed.documentElement, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    let owner = n.parentElement;
    let hidden = false;
    for (let p = owner; p; p = p.parentElement) {
      if (skip.has(p.tagName.toUpperCase())) hidden = true;
    }
    if (hidden) continue;
    while (owner && inline.has(owner.tagName.toUpperCase()) && owner.parentElement) owner = owner.parentElement;
    if (owner !== currentOwner) {
      if (current && current.text.trim()) blocks.push(current);
      current = { text: "", tag: owner ? owner.tagName.toLowerCase() : "" };
      currentOwner = owner;
    }
    current.text += n.nodeValue;
  }
  if (current && current.text.trim()) blocks.push(current);
  for (const b of blocks) b.text = b.text.replace(/\s+/g, " ").trim();
  return blocks;
}

function renderInput(doc, input, kind) {
  const view = $("input-view");
  view.replaceChildren();
  if (input == null) {
    view.appendChild(el("li", "outside", "(compressed input: only the removed list below is shown)"));
    return;
  }
  const removals = (doc.removed || []).map((r) => ({
    r,
    key: norm(r.text).replace(/…$/, "").trim(),
  }));
  const byLine = new Map();
  for (const x of removals) if (x.r.line != null) byLine.set(x.r.line, x);
  const kept = norm(
    [doc.title, doc.description, (doc.authors || []).join(" "), doc.text]
      .concat((doc.figures || []).map((f) => (f.caption || "") + " " + (f.credit || "")))
      .join("\n")
  );
  const blocks = inputBlocks(input, kind, doc);
  let shownBlank = false;
  for (const b of blocks) {
    const t = norm(b.text);
    if (!t) {
      // One short gap for any run of empty lines.
      if (!shownBlank) view.appendChild(el("li", "blank"));
      shownBlank = true;
      continue;
    }
    shownBlank = false;
    const li = el("li");
    if (b.line != null) li.appendChild(el("span", "lineno", String(b.line)));
    li.appendChild(el("span", "text", b.text));
    const match = (b.line != null && byLine.get(b.line)) || removals.find((x) => matches(t, x.key));
    if (match) {
      li.className = match.r.action === "moved" ? "moved" : "removed";
      const why = el("span", "reason", match.r.reason);
      why.title = match.r.action === "moved" ? "moved out of the body: " + match.r.reason : "dropped: " + match.r.reason;
      li.appendChild(why);
      li.dataset.reason = match.r.reason;
    } else if (kept.includes(t)) {
      li.className = "kept";
    } else {
      li.className = "outside";
      li.title = "not part of the article";
    }
    view.appendChild(li);
  }
}

function matches(blockText, key) {
  if (!key) return false;
  if (blockText === key) return true;
  if (key.length >= 12 && (blockText.startsWith(key) || blockText.includes(key))) return true;
  return blockText.length >= 8 && key.includes(blockText);
}

function renderRemovedList(removed) {
  const list = $("removed");
  list.replaceChildren();
  for (const r of removed) {
    const li = el("li", r.action);
    li.appendChild(el("span", "reason", r.reason));
    li.appendChild(document.createTextNode(" " + (r.line != null ? `line ${r.line}: ` : "") + r.text));
    list.appendChild(li);
  }
  $("removed-count").textContent = String(removed.length);
  $("removed-section").hidden = removed.length === 0;
}

// ---------------------------------------------------------------- files

async function takeFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  droppedFile = { name: file.name, bytes };
  $("source").value = isGzip(bytes) ? `(${file.name}: compressed, ${bytes.length} bytes)` : new TextDecoder("utf-8").decode(bytes);
  setStatus(`Loaded ${file.name} (${bytes.length} bytes).`, false);
  run();
}

function setup() {
  $("run").addEventListener("click", run);
  $("source").addEventListener("input", () => {
    droppedFile = null;
  });
  $("source").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run();
  });
  $("file").addEventListener("change", (e) => {
    const f = e.target.files && e.target.files[0];
    if (f) takeFile(f);
  });
  const zone = $("drop-zone");
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("dragover");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragover"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("dragover");
    const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (f) takeFile(f);
  });
}

setup();
