/* The entry-point finder: calls /api/entry-points, shows the ranked paths as cards, and
   highlights the chosen path in the network below. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("viz-config").textContent);
  const view = window.ClusterGraphView.create(document.querySelector(".viz"), config);
  window.clustergraphView = view;
  const form = document.getElementById("finder");
  const results = document.getElementById("finder-results");
  const status = document.querySelector(".finder-status");

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function localName(iri) { return String(iri || "").split(/[#/]/).pop(); }
  const GRAPHS = "https://w3id.org/clustergraph/graph/";
  /* "source: <title>", linked to the source's own page (relative, so it works under any root). */
  function sourceLine(h) {
    const line = el("div", { class: "muted hop-source" }, "source: ");
    const title = h.graph_title || localName(h.graph);
    if (h.graph.indexOf(GRAPHS) === 0) {
      const a = el("a", { href: "graph/" + h.graph.slice(GRAPHS.length).split("/").map(encodeURIComponent).join("/") }, title);
      line.appendChild(a);
    } else {
      line.appendChild(document.createTextNode(title));
    }
    return line;
  }
  function dates(h) {
    if (!h.start && !h.end) return "";
    return " (" + (h.start || "?") + (h.end && h.end !== h.start ? "–" + h.end : "") + ")";
  }
  function pathIris(path) {
    const iris = [];
    path.hops.forEach(function (h, i) { if (i === 0) iris.push(h.source); iris.push(h.target); });
    return iris;
  }

  function card(entry) {
    const c = el("article", { class: "finder-card", "data-actor": entry.actor });
    c.appendChild(el("h3", {}, entry.rank + ". " + entry.label));
    c.appendChild(el("p", {}, entry.reason + " · score " + entry.score));
    c.appendChild(el("p", { class: "muted" }, entry.why));
    entry.paths.forEach(function (path, k) {
      c.appendChild(el("h4", {}, "Path " + (k + 1) + " · " + path.hops.length + " hop(s)" +
        (path.latest_year ? " · latest " + path.latest_year : "")));
      const ol = el("ol");
      path.hops.forEach(function (h) {
        const li = el("li");
        li.append(document.createTextNode(h.source_label + " "),
                  el("span", { class: "hop-relation" }, "—" + h.relation + "→"),
                  document.createTextNode(" " + h.target_label + dates(h)));
        if (h.evidence) li.appendChild(el("blockquote", {}, "“" + h.evidence + "”"));
        if (h.graph) li.appendChild(sourceLine(h));
        ol.appendChild(li);
      });
      c.appendChild(ol);
    });
    (entry.contacts || []).forEach(function (contact) {
      c.appendChild(el("p", { class: "muted" }, "contact: " + (contact.label || contact.iri)));
    });
    c.addEventListener("click", function () { select(c, entry); });
    return c;
  }

  async function select(c, entry) {
    results.querySelectorAll(".finder-card").forEach(function (x) { x.classList.remove("selected"); });
    c.classList.add("selected");
    await view.ready;
    const iris = [];
    entry.paths.forEach(function (p) { pathIris(p).forEach(function (i) { if (iris.indexOf(i) < 0) iris.push(i); }); });
    view.highlight(entry.paths.length ? pathIris(entry.paths[0]).concat(iris) : [entry.actor]);
  }

  async function find(params) {
    results.textContent = "";
    status.setAttribute("data-state", "loading");
    status.textContent = "searching…";
    const query = new URLSearchParams();
    ["from", "market", "sector", "as_of"].forEach(function (k) { if (params.get(k)) query.set(k, params.get(k)); });
    const answer = await fetch(config.entryPointsUrl + "?" + query.toString(), { headers: { Accept: "application/json" } });
    const body = await answer.json();
    if (!answer.ok) {
      status.setAttribute("data-state", "error");
      status.textContent = "";
      const box = el("div", { class: "finder-message" }, body.message || ("HTTP " + answer.status));
      if (body.candidates) {
        const ul = el("ul");
        body.candidates.forEach(function (cand) { ul.appendChild(el("li", {}, cand.label + " (" + cand.iri + ")")); });
        box.appendChild(ul);
      }
      status.appendChild(box);
      return;
    }
    status.setAttribute("data-state", "done");
    status.textContent = body.entry_points.length + " entry point(s) from " + body.home.label + " into " +
      body.market.label + (body.as_of ? " as of " + body.as_of : "") + ".";
    if (body.missing) {
      status.appendChild(el("div", { class: "finder-message" }, body.missing.message));
    }
    (body.notes || []).forEach(function (n) { status.appendChild(el("p", { class: "muted" }, n)); });
    const cards = body.entry_points.map(card);
    cards.forEach(function (c) { results.appendChild(c); });
    if (cards.length) select(cards[0], body.entry_points[0]);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const params = new FormData(form);
    const url = new URL(window.location.href);
    url.search = new URLSearchParams(Array.from(params.entries()).filter(function (p) { return p[1]; })).toString();
    window.history.replaceState(null, "", url.toString());
    find(params).catch(function (err) { status.textContent = "error: " + err.message; console.error(err); });
  });
  const initial = new URLSearchParams(window.location.search);
  if (initial.get("from") && initial.get("market")) {
    find(initial).catch(function (err) { status.textContent = "error: " + err.message; console.error(err); });
  }
})();
