/* Views of a SPARQL SELECT answer (SPARQL 1.1 Query Results JSON), chosen by its shape:
   - a bar chart when a column holds numbers and another names what they count;
   - a network when two columns hold entities of this graph (pairs: who is tied to whom);
   - a map when a column holds places (or organisations located in one): the server gives their
     points (POST config.pointsUrl).
   Used by the question pages (static/js/question.js) and as result views of the query editor
   (static/js/editor.js). ClusterGraphResults.render(container, json, config, {only}) draws the
   tabs and the first view (only the one named, if given); it resolves to the names of the views
   offered ("chart", "network", "map"), best first. */
(function () {
  "use strict";
  const NUMERIC = /#(integer|decimal|double|float|int|long|short|nonNegativeInteger|positiveInteger)$/;
  const NOT_ENTITIES = /^(g|graph|source|sourceGraph|type|class|property|p)$/i;

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function rowsOf(json) { return (json && json.results && json.results.bindings) || []; }
  function varsOf(json) { return (json && json.head && json.head.vars) || []; }
  function localName(iri) { return String(iri).split(/[#/]/).pop(); }

  function shortIri(iri, config) {
    const prefixes = (config && config.prefixes) || {};
    let best = "", name = "";
    Object.keys(prefixes).forEach(function (p) {
      if (iri.indexOf(prefixes[p]) === 0 && prefixes[p].length > best.length) { best = prefixes[p]; name = p; }
    });
    return best ? name + ":" + iri.slice(best.length) : localName(iri);
  }
  function labelOf(row, v, config) {
    const lab = row[v + "Label"] || row[v + "_label"] || row[v + "Name"];
    if (lab) return lab.value;
    const t = row[v];
    if (!t) return "";
    return t.type === "uri" ? shortIri(t.value, config) : t.value;
  }
  function hrefOf(iri, config) {
    if (config && config.idPrefix && iri.indexOf(config.idPrefix) === 0 && config.entityPage) {
      return config.entityPage + iri.slice(config.idPrefix.length);
    }
    return null;
  }

  /* What the answer's columns hold. */
  function shapes(json, config) {
    const vars = varsOf(json), rows = rowsOf(json);
    const found = { iris: [], numbers: [], texts: [] };
    vars.forEach(function (v) {
      if (/Label$|_label$|Name$/.test(v) && vars.indexOf(v.replace(/Label$|_label$|Name$/, "")) >= 0) return;
      let uri = 0, num = 0, lit = 0, bound = 0;
      rows.forEach(function (r) {
        const t = r[v];
        if (!t) return;
        bound++;
        if (t.type === "uri") uri++;
        else if (t.type === "literal" && t.datatype && NUMERIC.test(t.datatype)) num++;
        else lit++;
      });
      if (!bound) return;
      if (uri === bound) found.iris.push(v);
      else if (num === bound) found.numbers.push(v);
      else found.texts.push(v);
    });
    const prefix = (config && config.idPrefix) || "";
    const entities = found.iris.filter(function (v) {
      if (NOT_ENTITIES.test(v)) return false;
      const values = new Set(rows.map(function (r) { return r[v] && r[v].value; }).filter(Boolean));
      const ours = Array.from(values).filter(function (x) { return x.indexOf(prefix) === 0; }).length;
      return ours >= values.size / 2;
    });
    const result = { entities: entities, chart: null, pairs: null };
    if (found.numbers.length && rows.length >= 2 && rows.length <= 150) {
      const label = entities[0] || found.texts[0] || found.iris[0];
      if (label) result.chart = { label: label, value: found.numbers[0] };
    }
    return result;
  }

  function drawChart(panel, json, shape, config) {
    const rows = rowsOf(json).map(function (r) {
      return { label: labelOf(r, shape.label, config), value: Number(r[shape.value].value),
               href: r[shape.label] && r[shape.label].type === "uri" ? hrefOf(r[shape.label].value, config) : null };
    }).filter(function (r) { return !isNaN(r.value); });
    rows.sort(function (x, y) { return y.value - x.value; });
    const max = Math.max.apply(null, rows.map(function (r) { return r.value; }).concat([0]));
    panel.appendChild(el("p", { class: "muted view-note" }, shape.value + " by " + shape.label + " (" + rows.length + " bars)"));
    const list = el("ul", { class: "bars", "aria-label": shape.value + " by " + shape.label });
    rows.forEach(function (r) {
      const li = el("li");
      const name = el("span", { class: "bar-label" });
      if (r.href) name.appendChild(el("a", { href: r.href }, r.label)); else name.textContent = r.label;
      const bar = el("span", { class: "bar", style: "width:" + (max > 0 ? (r.value / max * 85).toFixed(1) : 0) + "%" });
      bar.appendChild(el("span", {}, String(r.value)));
      li.append(name, bar);
      list.appendChild(li);
    });
    panel.appendChild(list);
    panel.setAttribute("data-bars", String(rows.length));
  }

  function drawNetwork(panel, json, pair, config) {
    const a = pair[0], b = pair[1];
    const nodes = {}, edges = {};
    rowsOf(json).forEach(function (r) {
      if (!r[a] || !r[b]) return;
      [a, b].forEach(function (v) {
        const iri = r[v].value;
        if (!nodes[iri]) nodes[iri] = { id: iri, label: labelOf(r, v, config), group: v, title: iri };
      });
      const key = [r[a].value, r[b].value].sort().join(" ");
      const extra = Object.keys(r).filter(function (k) { return k !== a && k !== b && k.indexOf(a) !== 0 && k.indexOf(b) !== 0; })
        .map(function (k) { return k + ": " + labelOf(r, k, config); }).join("\n");
      if (!edges[key]) edges[key] = { id: key, from: r[a].value, to: r[b].value, title: extra, value: 0 };
      edges[key].value += 1;
    });
    const nodeList = Object.keys(nodes).map(function (k) { return nodes[k]; });
    const edgeList = Object.keys(edges).map(function (k) { return edges[k]; });
    panel.appendChild(el("p", { class: "muted view-note" }, nodeList.length + " entities, " + edgeList.length +
      " pairs (" + a + " – " + b + "); click one for its page"));
    const canvas = el("div", { class: "result-network", role: "img", "aria-label": "network of " + a + " and " + b });
    panel.appendChild(canvas);
    panel.setAttribute("data-nodes", String(nodeList.length));
    panel.setAttribute("data-edges", String(edgeList.length));
    const network = new vis.Network(canvas, { nodes: new vis.DataSet(nodeList), edges: new vis.DataSet(edgeList) }, {
      nodes: { shape: "dot", size: 12, font: { size: 13, face: "system-ui, sans-serif" } },
      edges: { color: { color: "#94a3b8", highlight: "#1d4ed8" }, scaling: { min: 1, max: 5 }, smooth: false },
      groups: { [a]: { color: { background: "#2b6cb0", border: "#1a365d" } }, [b]: { color: { background: "#dd6b20", border: "#7b341e" } } },
      physics: { solver: "forceAtlas2Based", stabilization: { iterations: 200 } },
      interaction: { hover: true, tooltipDelay: 150 },
      layout: { randomSeed: 42 },
    });
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); panel.setAttribute("data-state", "drawn"); });
    network.on("doubleClick", function (p) {
      if (p.nodes.length) { const href = hrefOf(p.nodes[0], config); if (href) window.location.href = href; }
    });
    network.on("click", function (p) {
      if (!p.nodes.length) return;
      const href = hrefOf(p.nodes[0], config);
      const info = panel.querySelector(".view-selected") || panel.appendChild(el("p", { class: "view-selected" }));
      info.textContent = nodes[p.nodes[0]].label + " ";
      if (href) info.appendChild(el("a", { href: href }, "open its page"));
    });
    return network;
  }

  async function drawMap(panel, json, column, points, config) {
    const byIri = {};
    points.forEach(function (p) { byIri[p.iri] = p; });
    const vars = varsOf(json);
    const list = [];
    const unplaced = new Set();
    rowsOf(json).forEach(function (r) {
      const t = r[column];
      if (!t) return;
      const p = byIri[t.value];
      if (!p) { unplaced.add(labelOf(r, column, config)); return; }
      const lines = vars.filter(function (v) { return v !== column && r[v] && !/Label$/.test(v); })
        .slice(0, 6).map(function (v) { return v + ": " + labelOf(r, v, config); });
      list.push({ lat: p.lat, long: p.long, label: labelOf(r, column, config) || p.label, href: hrefOf(t.value, config),
                  lines: (p.via ? ["at " + shortIri(p.via, config)] : []).concat(lines) });
    });
    panel.appendChild(el("p", { class: "muted view-note" }, list.length + " rows placed by " + column +
      (unplaced.size ? "; not on the map (no known place): " + Array.from(unplaced).slice(0, 12).join(", ") +
      (unplaced.size > 12 ? "…" : "") : "")));
    const holder = el("div", { class: "result-map" });
    panel.appendChild(holder);
    const map = window.ClusterGraphMap.create(holder, { worldUrl: config.worldUrl, isoUrl: config.isoUrl, regionsUrl: config.regionsUrl,
                                                         label: "Map of the answer's " + column });
    await map.ready;
    map.points(list);
    if (list.length) {
      const lats = list.map(function (p) { return p.lat; }), longs = list.map(function (p) { return p.long; });
      map.fit(Math.min.apply(null, longs), Math.min.apply(null, lats), Math.max.apply(null, longs), Math.max.apply(null, lats));
    }
    panel.setAttribute("data-points", String(list.length));
    return map;
  }

  async function placed(json, columns, config) {
    if (!config.pointsUrl || !columns.length) return { column: null, points: [] };
    const iris = new Set();
    rowsOf(json).forEach(function (r) { columns.forEach(function (v) { if (r[v] && iris.size < 4000) iris.add(r[v].value); }); });
    const answer = await fetch(config.pointsUrl, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
                                                   body: JSON.stringify({ iris: Array.from(iris) }) });
    if (!answer.ok) return { column: null, points: [] };
    const points = await answer.json();
    const known = {};
    points.forEach(function (p) { known[p.iri] = p; });
    // the column with the most rows placed; a place's own point beats an organisation's place
    let best = null, score = 0;
    columns.forEach(function (v) {
      let s = 0;
      rowsOf(json).forEach(function (r) { const p = r[v] && known[r[v].value]; if (p) s += p.via ? 1 : 1.5; });
      if (s > score) { score = s; best = v; }
    });
    return { column: best, points: points };
  }

  /* Draw the views the answer's shape calls for into `container`; resolves to their names. */
  async function render(container, json, config, options) {
    const only = options && options.only;
    container.textContent = "";
    container.hidden = true;
    const rows = rowsOf(json);
    if (!rows.length) return [];
    const shape = shapes(json, config);
    const where = await placed(json, shape.entities.length ? shape.entities :
      varsOf(json).filter(function (v) { return rows.some(function (r) { return r[v] && r[v].type === "uri"; }); }), config);
    // a column of places is where things are, not a side of a pair: the map shows it
    const places = new Set(where.points.filter(function (p) { return !p.via; }).map(function (p) { return p.iri; }));
    const actors = shape.entities.filter(function (v) {
      const values = rows.map(function (r) { return r[v] && r[v].value; }).filter(Boolean);
      return values.filter(function (x) { return places.has(x); }).length < values.length / 2;
    });
    shape.pairs = null;
    if (actors.length >= 2) {
      const varying = actors.filter(function (v) { return new Set(rows.map(function (r) { return r[v] && r[v].value; })).size > 1; });
      const a = varying[0] || actors[0], b = actors.find(function (v) { return v !== a; });
      if (a && b) shape.pairs = [a, b];
    }
    let views = [];
    if (shape.chart) views.push({ name: "chart", title: "Chart", draw: function (p) { drawChart(p, json, shape.chart, config); } });
    const mapView = where.column ? { name: "map", title: "Map", draw: function (p) { return drawMap(p, json, where.column, where.points, config); } } : null;
    const placeColumn = where.column && rows.filter(function (r) { return r[where.column] && places.has(r[where.column].value); }).length >= rows.length / 2;
    if (mapView && placeColumn) views.push(mapView);
    if (shape.pairs) views.push({ name: "network", title: "Network", draw: function (p) { drawNetwork(p, json, shape.pairs, config); } });
    if (mapView && !placeColumn) views.push(mapView);
    if (only) views = views.filter(function (v) { return v.name === only; });
    if (!views.length) return [];
    const tabs = el("div", { class: "view-tabs", role: "tablist", "aria-label": "Views of the answer" });
    const panels = [];
    views.forEach(function (v, i) {
      const tab = el("button", { type: "button", role: "tab", id: "view-tab-" + v.name, "aria-controls": "view-" + v.name,
                                 "aria-selected": i === 0 ? "true" : "false", "data-view": v.name, tabindex: i === 0 ? "0" : "-1" }, v.title);
      const panel = el("div", { class: "view-panel", role: "tabpanel", id: "view-" + v.name, "aria-labelledby": "view-tab-" + v.name,
                                "data-view": v.name });
      panel.hidden = i !== 0;
      tabs.appendChild(tab);
      panels.push(panel);
      let drawn = false;
      v.show = async function () {
        tabs.querySelectorAll("[role=tab]").forEach(function (t) { t.setAttribute("aria-selected", "false"); t.setAttribute("tabindex", "-1"); });
        tab.setAttribute("aria-selected", "true"); tab.setAttribute("tabindex", "0");
        panels.forEach(function (p) { p.hidden = p !== panel; });
        if (!drawn) { drawn = true; await v.draw(panel); panel.setAttribute("data-drawn", "true"); }
      };
      tab.addEventListener("click", function () { v.show(); });
      tab.addEventListener("keydown", function (e) {
        if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
        const next = views[(i + (e.key === "ArrowRight" ? 1 : views.length - 1)) % views.length];
        document.getElementById("view-tab-" + next.name).focus();
        next.show();
      });
    });
    container.appendChild(tabs);
    panels.forEach(function (p) { container.appendChild(p); });
    container.hidden = false;
    await views[0].show();
    container.setAttribute("data-views", views.map(function (v) { return v.name; }).join(" "));
    return views.map(function (v) { return v.name; });
  }

  window.ClusterGraphResults = { render: render, shapes: shapes, shortIri: shortIri };
})();
