/* The network and map views of clustergraph, on vis-network (shipped, no CDN).

   ClusterGraphView.create(root, options) draws one view inside `root` (an element holding the
   controls, the canvas and the side panel of templates/_viz_panel.html). The data is the JSON of
   clustergraph.viz.data.network_data: inlined (#viz-data) or fetched (options.dataUrl).
   The status element (.viz-status) reports data-state="drawn" once the canvas is drawn, and the
   numbers of visible nodes and edges (data-visible-nodes, data-visible-edges), and who draws the
   ties (data-ties-drawn: "vis-network", or "canvas" above ClusterGraphEdges.ABOVE ties, when the
   page draws them itself, static/js/network-edges.js; window.clustergraphCanvasEdges, set before
   the page loads, forces one way, for benchmarks/bench_viz.py). The side panel is filled by
   static/js/network-facts.js, the search box by static/js/network-focus.js. */
(function () {
  "use strict";

  const GEO_SCALE = 12;  // pixels per degree, as clustergraph.viz.layout.GEO_SCALE
  const TYPE_COLOURS = ["#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#319795", "#b7791f",
    "#718096", "#e53e3e", "#3182ce", "#2f855a", "#97266d", "#4a5568", "#c05621"];
  const RELATION_STYLE = {
    agreement: { color: "#c53030", label: "agreement (MoU)" },
    alliance: { color: "#2b6cb0", label: "alliance" },
    unit: { color: "#6b46c1", label: "unit of" },
    project: { color: "#2f855a", label: "project" },
    event: { color: "#dd6b20", label: "event" },
    funding: { color: "#a0aec0", label: "funding" },
  };
  const MARKET_COLOUR = "#ecc94b";
  const SUGGESTED_COLOUR = "#d53f8c";

  const F = window.ClusterGraphFacts;
  const el = F.el, years = F.years;
  function readJSON(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function create(root, settings) {
    const opts = settings || {};
    const q = function (sel) { return root.querySelector(sel); };
    const status = q(".viz-status");
    const started = performance.now();
    const view = { root: root, data: null, network: null, highlight: highlight, focus: focus, ready: null };
    let data, nodes, edges, network, land = null, gaps = null, gapsShown = false;
    let layout = opts.layout || "force";
    let canvasEdges = false;
    let forcePositions = null;
    const mode = opts.mode || "network";
    const typeColour = {};

    function setStatus(attrs, text) {
      Object.keys(attrs).forEach(function (k) { status.setAttribute("data-" + k, attrs[k]); });
      if (text) q(".viz-status-text").textContent = text;
    }

    async function loadData() {
      const inline = readJSON(opts.dataId || "viz-data");
      if (inline) return inline;
      const answer = await fetch(opts.dataUrl, { headers: { Accept: "application/json" } });
      const body = await answer.json();
      if (!answer.ok) throw new Error(body.message || ("HTTP " + answer.status));
      return body;
    }
    async function loadWorld() {
      const inline = readJSON("viz-world");
      if (inline) return inline;
      if (!opts.worldUrl) return null;
      const answer = await fetch(opts.worldUrl);
      return answer.ok ? answer.json() : null;
    }

    function metricSize(node, metric, max) {
      const v = node[metric] || 0;
      return 8 + 28 * Math.sqrt(max > 0 ? v / max : 0);
    }

    function nodeItems(metric) {
      const max = Math.max.apply(null, data.nodes.map(function (n) { return n[metric] || 0; }).concat([0]));
      return data.nodes.map(function (n) {
        const where = n.in.length ? data.places[n.in[0]].label : "place unknown";
        const item = {
          id: n.id, label: n.label, shape: "dot", size: metricSize(n, metric, max),
          color: { background: typeColour[n.type], border: "#1a202c",
                   highlight: { background: "#f6e05e", border: "#1a202c" } },
          title: n.label + " (" + n.type + ")\n" + where + "\ndegree " + n.degree +
                 ", betweenness " + n.betweenness.toFixed(3),
        };
        const pos = position(n);
        if (pos) { item.x = pos[0]; item.y = pos[1]; }
        return item;
      });
    }
    function position(n) {
      if (layout === "geo") return [n.gx, n.gy];
      if (forcePositions && forcePositions[n.id]) return [forcePositions[n.id].x, forcePositions[n.id].y];
      if (n.fx != null) return [n.fx, n.fy];
      return null;
    }
    function edgeItems() {
      const big = data.edges.length > 3000;
      return data.edges.map(function (e) {
        const style = RELATION_STYLE[e.relations[0]] || RELATION_STYLE.project;
        const via = e.via.length ? "\nvia " + e.via.join("; ") : "";
        return {
          id: e.id, from: e.from, to: e.to,
          color: { color: style.color, opacity: big ? 0.35 : 0.8, highlight: "#1a202c" },
          width: big ? 0.6 : 1 + 2 * Math.min(e.weight, 2) / 2,
          title: e.relations.join(", ") + " · " + years(e.start, e.end) + via,
        };
      });
    }

    function marketItems() {
      // map view: the markets actors serve, at their coordinates, tied to the actors serving them
      const served = {};
      data.nodes.forEach(function (n) {
        n.serves.forEach(function (p) { if (data.places[p].country) (served[p] = served[p] || []).push(n.id); });
      });
      const mNodes = [], mEdges = [];
      Object.keys(served).forEach(function (p) {
        const place = data.places[p];
        if (place.lat == null) return;
        mNodes.push({ id: "m" + p, label: place.label, shape: "diamond", size: 14, market: Number(p),
                      color: { background: MARKET_COLOUR, border: "#744210" },
                      x: place.long * GEO_SCALE, y: -place.lat * GEO_SCALE, title: "market: " + place.label });
        served[p].forEach(function (id) {
          mEdges.push({ id: "m" + p + "-" + id, from: id, to: "m" + p, dashes: [2, 4], market: Number(p),
                        color: { color: "#b7791f", opacity: 0.6 }, width: 1, title: "serves " + place.label });
        });
      });
      return { nodes: mNodes, edges: mEdges };
    }

    function options() {
      const big = data.nodes.length > 300;
      return {
        autoResize: true,
        nodes: { font: { size: 13, face: "system-ui, sans-serif" }, borderWidth: 1,
                 scaling: { label: { drawThreshold: 7 } } },
        edges: { smooth: big ? false : { type: "continuous" }, selectionWidth: 2 },
        interaction: { hover: !big, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                       navigationButtons: false, keyboard: false },
        physics: physicsOptions(),
        layout: { improvedLayout: !big, randomSeed: 42 },
      };
    }
    function physicsOptions() {
      const needs = layout === "force" && !data.precomputed && !forcePositions;
      if (!needs) return { enabled: false };
      return { enabled: true, solver: "forceAtlas2Based", stabilization: { iterations: 250, fit: true },
               forceAtlas2Based: { gravitationalConstant: -60, springLength: 90 } };
    }

    function fillControls() {
      const relBox = q(".viz-relations");
      relBox.textContent = "";
      data.relations.forEach(function (r) {
        const label = el("label", { class: "viz-check" });
        const box = el("input", { type: "checkbox", value: r, name: "relation" });
        box.checked = r !== "funding";
        const swatch = el("span", { class: "viz-swatch", style: "background:" + (RELATION_STYLE[r] || {}).color });
        label.append(box, swatch, document.createTextNode(" " + ((RELATION_STYLE[r] || {}).label || r)));
        relBox.appendChild(label);
      });
      function options(select, ids) {
        ids.forEach(function (p) { select.appendChild(el("option", { value: String(p) }, data.places[p].label)); });
      }
      options(q("select[name=market]"), data.markets);
      options(q("select[name=region]"), data.regions);
      const year = q("input[name=year]");
      if (data.years) {
        year.min = data.years[0]; year.max = data.years[1]; year.value = data.as_of || data.years[1];
      } else {
        q(".viz-year").hidden = true;
      }
      const legend = q(".viz-legend");
      legend.textContent = "";
      const types = el("ul", { class: "viz-types" });
      data.types.forEach(function (t) {
        const li = el("li");
        li.append(el("span", { class: "viz-dot", style: "background:" + typeColour[t] }), document.createTextNode(" " + t));
        types.appendChild(li);
      });
      legend.append(el("h3", {}, "Actor types"), types);
      const rels = el("ul", { class: "viz-types" });
      data.relations.forEach(function (r) {
        const li = el("li");
        li.append(el("span", { class: "viz-line", style: "background:" + (RELATION_STYLE[r] || {}).color }),
                  document.createTextNode(" " + ((RELATION_STYLE[r] || {}).label || r)));
        rels.appendChild(li);
      });
      legend.append(el("h3", {}, "Ties"), rels);
      if (mode === "map") {
        const li = el("li");
        li.append(el("span", { class: "viz-diamond" }), document.createTextNode(" market actors serve (dashed: serves)"));
        rels.appendChild(li);
      }
      const note = el("p", { class: "muted" }, "Size: " + q("select[name=metric]").value +
        ". Suggested links (gaps) are dashed pink; brokers are stars." +
        (data.notes.length ? " " + data.notes.join("; ") + "." : ""));
      legend.appendChild(note);
      const init = opts.initial || {};
      if (init.market) {
        const idx = data.places.findIndex(function (p) { return p.iri === init.market; });
        if (idx >= 0 && data.markets.indexOf(idx) >= 0) q("select[name=market]").value = String(idx);
      }
      if (init.year && data.years) { q("input[name=year-on]").checked = true; year.value = init.year; }
      if (mode === "map") q("select[name=layout]").closest("label").hidden = true;
      q("select[name=layout]").value = layout;
    }

    function filterState() {
      const relations = Array.from(root.querySelectorAll("input[name=relation]:checked")).map(function (b) { return b.value; });
      const yearOn = q("input[name=year-on]").checked;
      return {
        relations: new Set(relations),
        market: q("select[name=market]").value,
        region: q("select[name=region]").value,
        year: yearOn ? Number(q("input[name=year]").value) : null,
      };
    }

    function active(e, year) {
      if (year == null) return true;
      if (e.start != null && e.start > year) return false;
      return e.end == null || e.end >= year;
    }

    function applyFilters() {
      const f = filterState();
      const edgeOn = data.edges.map(function (e) {
        return e.relations.some(function (r) { return f.relations.has(r); }) && active(e, f.year);
      });
      let nodeOn = data.nodes.map(function () { return true; });
      if (f.region !== "") {
        const r = Number(f.region);
        nodeOn = data.nodes.map(function (n) { return n.in.indexOf(r) >= 0; });
      }
      if (f.market !== "") {
        const m = Number(f.market);
        const base = data.nodes.map(function (n) { return n.in.indexOf(m) >= 0 || n.serves.indexOf(m) >= 0; });
        const keep = base.slice();
        data.edges.forEach(function (e, i) {
          if (!edgeOn[i]) return;
          if (base[e.from]) keep[e.to] = true;
          if (base[e.to]) keep[e.from] = true;
        });
        nodeOn = nodeOn.map(function (on, i) { return on && keep[i]; });
      }
      const nodeChanges = [], edgeChanges = [];
      let visibleNodes = 0, visibleEdges = 0;
      data.nodes.forEach(function (n, i) {
        const hidden = !nodeOn[i];
        if (!hidden) visibleNodes++;
        if (n._hidden !== hidden) { n._hidden = hidden; nodeChanges.push({ id: n.id, hidden: hidden }); }
      });
      data.edges.forEach(function (e, i) {
        const hidden = !(edgeOn[i] && nodeOn[e.from] && nodeOn[e.to]);
        if (!hidden) visibleEdges++;
        if (e._hidden !== hidden) { e._hidden = hidden; edgeChanges.push({ id: e.id, hidden: hidden }); }
      });
      if (nodeChanges.length) nodes.update(nodeChanges);
      if (edgeChanges.length && !canvasEdges) edges.update(edgeChanges);
      if (canvasEdges) network.redraw();
      if (mode === "map") {
        const m = f.market === "" ? null : Number(f.market);
        const extra = [];
        edges.get({ filter: function (x) { return x.market !== undefined; } }).forEach(function (x) {
          const hidden = !nodeOn[x.from] || (m !== null && x.market !== m);
          extra.push({ id: x.id, hidden: hidden });
        });
        edges.update(extra);
      }
      setStatus({ "visible-nodes": visibleNodes, "visible-edges": visibleEdges },
        visibleNodes + " of " + data.nodes.length + " organisations, " + visibleEdges + " of " +
        data.edges.length + " ties shown");
      root.dispatchEvent(new CustomEvent("clustergraph:filtered", { detail: { nodes: visibleNodes, edges: visibleEdges } }));
    }

    function redraw() {
      const metric = q("select[name=metric]").value;
      const items = nodeItems(metric);
      data.nodes.forEach(function (n, i) { items[i].hidden = !!n._hidden; });
      nodes.update(items);
    }

    function setLayout(next) {
      if (next === layout) return;
      if (layout === "force") {
        const current = network.getPositions();
        if (Object.keys(current).length) forcePositions = current;
      }
      layout = next;
      const metric = q("select[name=metric]").value;
      nodes.update(nodeItems(metric).map(function (it, i) {
        return { id: it.id, x: it.x, y: it.y, hidden: !!data.nodes[i]._hidden };
      }));
      network.setOptions({ physics: physicsOptions() });
      network.fit({ animation: false });
    }

    function showFacts(id) { F.show(q(".viz-facts"), data, id, opts); }

    async function loadGaps() {
      if (gaps) return gaps;
      gaps = readJSON("viz-gaps");
      if (!gaps && opts.gapsUrl) {
        const answer = await fetch(opts.gapsUrl, { headers: { Accept: "application/json" } });
        const body = await answer.json();
        if (!answer.ok) throw new Error(body.message || ("HTTP " + answer.status));
        gaps = body;
      }
      return gaps;
    }

    async function toggleGaps() {
      const box = q(".viz-gaps");
      const button = q("button[name=gaps]");
      if (gapsShown) {
        edges.remove(edges.getIds({ filter: function (x) { return x.suggested; } }));
        redraw();
        box.hidden = true;
        gapsShown = false;
        button.textContent = "Show gaps";
        return;
      }
      button.disabled = true;
      let g;
      try { g = await loadGaps(); } catch (err) { box.hidden = false; box.textContent = "gaps: " + err.message; button.disabled = false; return; }
      button.disabled = false;
      if (!g) { box.hidden = false; box.textContent = "No gap report in this file."; return; }
      edges.add(g.suggested.map(function (s, i) {
        return { id: "s" + i, from: s.from, to: s.to, dashes: [6, 6], suggested: true, width: 2,
                 color: { color: SUGGESTED_COLOUR, opacity: 0.9 }, title: s.title, physics: false,
                 hidden: !!(data.nodes[s.from]._hidden || data.nodes[s.to]._hidden) };
      }));
      nodes.update(g.brokers.map(function (b) {
        return { id: b.id, shape: "star", borderWidth: 3,
                 title: b.label + ": broker, betweenness " + b.betweenness.toFixed(3) + (b.cut_off ? "\n" + b.cut_off : "") };
      }));
      box.textContent = "";
      box.append(el("h3", {}, "Gaps"),
        el("p", {}, g.suggested.length + " suggested links (dashed pink), " + g.brokers.length + " brokers (stars)."));
      const list = el("ul", { class: "viz-unreached" });
      g.unreached.forEach(function (m) {
        const text = m.homes.length === m.homes_total ? m.market + ": no home reaches it"
          : m.market + ": not reached from " + m.homes.length + " of " + m.homes_total + " homes";
        const li = el("li", { title: m.homes.join(", ") }, text);
        list.appendChild(li);
      });
      box.append(el("h4", {}, "Unreached markets"), list);
      box.hidden = false;
      gapsShown = true;
      button.textContent = "Hide gaps";
      status.setAttribute("data-gaps", String(g.suggested.length));
    }

    function highlight(iris) {
      const byIri = {};
      data.nodes.forEach(function (n) { byIri[n.iri] = n.id; });
      const ids = [];
      iris.forEach(function (iri) { if (byIri[iri] !== undefined && ids.indexOf(byIri[iri]) < 0) ids.push(byIri[iri]); });
      const edgeIds = [];
      for (let i = 0; i + 1 < ids.length && !canvasEdges; i++) {
        data.edges.forEach(function (e) {
          if ((e.from === ids[i] && e.to === ids[i + 1]) || (e.to === ids[i] && e.from === ids[i + 1])) edgeIds.push(e.id);
        });
      }
      ids.forEach(function (id) { if (data.nodes[id]._hidden) { data.nodes[id]._hidden = false; nodes.update({ id: id, hidden: false }); } });
      if (canvasEdges) window.ClusterGraphEdges.select(data, ids);
      network.setSelection({ nodes: ids, edges: edgeIds }, { unselectAll: true, highlightEdges: false });
      if (ids.length) network.fit({ nodes: ids, animation: false });
      if (canvasEdges) network.redraw();
      status.setAttribute("data-highlighted", String(ids.length));
      return ids.length;
    }

    function focus(id) {
      const n = data.nodes[id];
      if (n._hidden) { n._hidden = false; nodes.update({ id: id, hidden: false }); }
      network.selectNodes([id], false);
      network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
      showFacts(id);
    }

    async function start() {
      setStatus({ state: "loading" }, "loading…");
      data = await loadData();
      view.data = data;
      data.types.forEach(function (t, i) { typeColour[t] = TYPE_COLOURS[i % TYPE_COLOURS.length]; });
      if (mode === "map") layout = "geo";
      fillControls();
      const world = await loadWorld();
      if (world) land = window.ClusterGraphWorld.landPath(world, GEO_SCALE);
      nodes = new vis.DataSet(nodeItems(q("select[name=metric]").value));
      const forced = window.clustergraphCanvasEdges;
      canvasEdges = typeof forced === "boolean" ? forced : data.edges.length > window.ClusterGraphEdges.ABOVE;
      edges = new vis.DataSet(canvasEdges ? [] : edgeItems());
      setStatus({ "ties-drawn": canvasEdges ? "canvas" : "vis-network" });
      if (mode === "map") {
        const m = marketItems();
        nodes.add(m.nodes);
        edges.add(m.edges);
      }
      network = new vis.Network(q(".viz-canvas"), { nodes: nodes, edges: edges }, options());
      view.network = network;
      if (canvasEdges) window.ClusterGraphEdges.attach(network, data, RELATION_STYLE);
      network.on("beforeDrawing", function (ctx) {
        if (layout !== "geo" || !land) return;
        ctx.save();
        ctx.fillStyle = "#eef2e6";
        ctx.strokeStyle = "#9aa58a";
        ctx.lineWidth = 1;
        ctx.fill(land);
        ctx.stroke(land);
        ctx.restore();
      });
      let drawn = false;
      network.on("afterDrawing", function () {
        if (drawn) return;
        drawn = true;
        const ms = Math.round(performance.now() - started);
        setStatus({ state: "drawn", "draw-ms": ms });
      });
      network.once("stabilizationIterationsDone", function () {
        forcePositions = network.getPositions();
        network.setOptions({ physics: { enabled: false } });
      });
      network.on("click", function (params) { if (params.nodes.length) showFacts(params.nodes[0]); });
      root.querySelectorAll("form.viz-controls").forEach(function (form) {
        form.addEventListener("submit", function (event) { event.preventDefault(); });  // filters apply on change
      });
      root.querySelectorAll(".viz-controls input, .viz-controls select").forEach(function (input) {
        input.addEventListener("change", function () {
          if (input.name === "focus") return;
          if (input.name === "metric") { redraw(); return; }
          if (input.name === "layout") { setLayout(input.value); return; }
          applyFilters();
        });
      });
      q("button[name=gaps]").addEventListener("click", toggleGaps);
      window.ClusterGraphFocus.attach(root, view);
      q("button[name=fit]").addEventListener("click", function () { network.fit({ animation: false }); });
      applyFilters();
      if (layout === "geo" || data.precomputed) network.fit({ animation: false });
      return view;
    }

    view.ready = start().catch(function (err) {
      setStatus({ state: "error" }, "The network could not be drawn: " + err.message);
      console.error(err);
      return view;
    });
    return view;
  }

  window.ClusterGraphView = { create: create };
})();
