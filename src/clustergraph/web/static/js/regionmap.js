/* The regions section of the map page: countries, and the regions whose shapes the user loaded
   (NUTS, ISO 3166-2; clustergraph.viz.regions), shaded by a measure of the network drawn on the
   page (static/js/network-view.js): organisations located there, ties touching them, or the
   countries their organisations serve as markets. Organisations are points at their own
   place when it has one (clustered, labelled, pop-ups); the others are listed beside the map,
   never drawn at a place they are not at. Zoom to a country or region with the "Zoom to"
   picker, by clicking it, or with ?zoom=CODE in the address (ES51, DEA, ES-CT, JP).

   The figures follow the filters of the view (relations, year, market, region): only the
   organisations and ties the network shows count (n._hidden, e._hidden, set by network-view.js),
   recounted on each "clustergraph:filtered" event of the view's element.

   ClusterGraphRegions.create(section, config, data, viewRoot): config as the page's #viz-config
   (countriesUrl, isoUrl, regionsUrl, idPrefix, entityPage), or the shapes inlined in a
   standalone file (#viz-countries, #viz-countries-iso, #viz-regions); data from
   clustergraph.viz.data.network_data. Returns the map (static/js/geomap.js). */
(function () {
  "use strict";
  const KINDS = ["country/", "nuts/", "subdivision/"];
  const MEASURES = {
    organisations: { title: "Organisations located there", unit: function (v) { return v + (v === 1 ? " organisation" : " organisations"); } },
    ties: { title: "Ties with an end there", unit: function (v) { return v + (v === 1 ? " tie" : " ties"); } },
    markets: { title: "Countries served as markets", unit: function (v) { return v + (v === 1 ? " country served" : " countries served"); } },
  };

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function readJSON(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  /* The code of a place of this graph: id:country/XX, id:nuts/CODE, id:subdivision/CODE. */
  function codeOf(iri, prefix) {
    for (let i = 0; i < KINDS.length; i++) {
      const start = prefix + KINDS[i];
      if (iri.indexOf(start) === 0) return iri.slice(start.length);
    }
    return null;
  }

  /* The three measures, by code, from the organisations and ties of the network data not hidden by a filter. */
  function measures(data, prefix) {
    const codes = data.places.map(function (p) { return codeOf(p.iri, prefix); });
    const out = { organisations: {}, ties: {}, markets: {} };
    const members = {};
    const served = {};
    let ties = 0;
    data.nodes.forEach(function (n) {
      if (n._hidden) return;
      const mine = new Set(n.in.map(function (p) { return codes[p]; }).filter(Boolean));
      const markets = n.serves.filter(function (p) { return data.places[p].country; });
      mine.forEach(function (code) {
        out.organisations[code] = (out.organisations[code] || 0) + 1;
        (members[code] = members[code] || []).push(n);
        const s = served[code] = served[code] || new Set();
        markets.forEach(function (p) { s.add(p); });
      });
    });
    Object.keys(served).forEach(function (code) { if (served[code].size) out.markets[code] = served[code].size; });
    data.edges.forEach(function (e) {
      if (e._hidden) return;
      ties++;
      const ends = new Set();
      [e.from, e.to].forEach(function (i) { data.nodes[i].in.forEach(function (p) { if (codes[p]) ends.add(codes[p]); }); });
      ends.forEach(function (code) { out.ties[code] = (out.ties[code] || 0) + 1; });
    });
    return { values: out, members: members, ties: ties };
  }

  function create(section, config, data, viewRoot) {
    const prefix = config.idPrefix || "";
    const holder = section.querySelector(".regions-map");
    const measureSelect = section.querySelector("select[name=measure]");
    const zoomSelect = section.querySelector("select[name=zoom]");
    const aside = section.querySelector(".regions-unplaced");
    let found = measures(data, prefix);
    let drawn = false;
    section.setAttribute("data-visible-edges", String(found.ties));
    function href(iri) {
      return config.entityPage && iri.indexOf(prefix) === 0 ? config.entityPage + iri.slice(prefix.length) : null;
    }
    function describe(code, name) {
      const lines = Object.keys(MEASURES).map(function (m) { return MEASURES[m].unit(found.values[m][code] || 0); });
      const head = { label: name + " (" + code + ")", lines: [lines.join(" · ")] };
      const orgs = (found.members[code] || []).map(function (n) { return { label: n.label, href: href(n.iri), lines: [n.type] }; });
      return [head].concat(orgs);
    }
    const map = window.ClusterGraphMap.create(holder, {
      worldUrl: config.countriesUrl, isoUrl: config.isoUrl, regionsUrl: config.regionsUrl,
      world: readJSON("viz-countries"), iso: readJSON("viz-countries-iso"), regions: readJSON("viz-regions"),
      describe: describe, label: "Map of countries and regions shaded by a measure; arrow keys pan, + and − zoom",
    });

    // organisations at their own place's point; the others beside the map
    const points = [], unplaced = [];
    data.nodes.forEach(function (n) {
      const own = n.in.length ? data.places[n.in[0]] : null;
      if (own && own.lat != null && own.long != null) {
        points.push({ lat: own.lat, long: own.long, label: n.label, href: href(n.iri), lines: [n.type, "in " + own.label] });
      } else {
        unplaced.push({ node: n, place: own });
      }
    });

    function shade() {
      const m = measureSelect.value in MEASURES ? measureSelect.value : "organisations";
      map.shade(found.values[m], MEASURES[m].title, MEASURES[m].unit);
    }
    function zoom(code, remember) {
      let done = code ? map.zoomTo(code) : (map.reset(), true);
      if (!done) {
        const place = data.places.find(function (p) { return codeOf(p.iri, prefix) === code && p.lat != null; });
        if (place) { map.zoomToPoint(place.lat, place.long, 4); done = true; }
      }
      section.querySelector(".regions-zoom-note").textContent = done || !code ? "" :
        "No shape or point for " + code + " on this map.";
      if (remember) {
        try {
          const url = new URL(window.location.href);
          if (code) url.searchParams.set("zoom", code); else url.searchParams.delete("zoom");
          window.history.replaceState(null, "", url.toString());
        } catch (err) { /* a page opened from disk may refuse: the picker still zooms */ }
      }
      return done;
    }

    map.ready.then(function () {
      map.points(points);
      shade();
      // the picker: countries with a value, then every region with a shape
      const choices = [];
      Object.keys(found.values.organisations).forEach(function (code) {
        if (code.length === 2 && map.has(code)) choices.push({ code: code, name: map.name(code) });
      });
      choices.sort(function (a, b) { return a.name.localeCompare(b.name); });
      const regions = map.regions().sort(function (a, b) { return a.name.localeCompare(b.name); });
      const groups = [["Countries", choices], ["Regions", regions]];
      groups.forEach(function (g) {
        if (!g[1].length) return;
        const group = el("optgroup", { label: g[0] });
        g[1].forEach(function (c) { group.appendChild(el("option", { value: c.code }, c.name + " (" + c.code + ")")); });
        zoomSelect.appendChild(group);
      });
      aside.textContent = "";
      if (unplaced.length) {
        aside.appendChild(el("h3", {}, "Not drawn as points (" + unplaced.length + ")"));
        aside.appendChild(el("p", { class: "muted" }, "Their place has no point in the graph; they count in the shading of the regions and countries they are in."));
        const list = el("ul");
        unplaced.forEach(function (u) {
          const li = el("li");
          const link = href(u.node.iri);
          if (link) li.appendChild(el("a", { href: link }, u.node.label)); else li.appendChild(document.createTextNode(u.node.label));
          li.appendChild(document.createTextNode(u.place ? " — " + u.place.label : " — place unknown"));
          list.appendChild(li);
        });
        aside.appendChild(list);
      }
      let wanted = null;
      try { wanted = new URL(window.location.href).searchParams.get("zoom"); } catch (err) { wanted = null; }
      if (wanted) { zoomSelect.value = wanted; zoom(wanted, false); }
      drawn = true;
      section.setAttribute("data-state", "drawn");
    });
    measureSelect.addEventListener("change", shade);
    if (viewRoot) {
      viewRoot.addEventListener("clustergraph:filtered", function () {
        found = measures(data, prefix);
        section.setAttribute("data-visible-edges", String(found.ties));
        if (drawn) shade();
      });
    }
    zoomSelect.addEventListener("change", function () { zoom(zoomSelect.value, true); });
    return map;
  }

  window.ClusterGraphRegions = { create: create, measures: measures, codeOf: codeOf };
})();
