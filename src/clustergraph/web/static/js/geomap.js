/* A world map in SVG: Natural Earth country shapes (world-atlas countries-110m, public domain)
   and, when the user loaded them, region shapes (NUTS, ISO 3166-2: clustergraph.viz.regions),
   shaded by a measure; points clustered by where they fall on the screen, labels, pop-ups,
   zoom and pan (wheel, drag, the + / − / reset buttons, arrow and +/- keys), zoom to a country,
   a region (by its code, or by clicking it) or a point.

   ClusterGraphMap.create(element, {worldUrl, isoUrl, regionsUrl, world, iso, regions,
   describe}) returns a map whose .ready resolves once the shapes are drawn; world, iso and
   regions are the JSON itself (inlined in a standalone file), else fetched from the URLs
   (regions only when given). describe(code) gives the pop-up items of a clicked country or
   region. The plane is equirectangular: x = longitude, y = −latitude (degrees), the plane of
   clustergraph.viz.layout.geo_layout. Regions lie below the countries' outlines; places without
   a shape are points. The element reports data-state="drawn", data-shaded (countries and
   regions with a value), data-shaded-regions, data-regions (region shapes drawn), data-zoom,
   data-focused and data-clusters (markers drawn). No library: d3 would do the projection, but the plane is
   a single multiplication and the rest is a few SVG elements. */
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const SCALE = ["#eef2ff", "#c7d2fe", "#a5b4fc", "#818cf8", "#6366f1", "#4f46e5", "#3730a3"];
  const CELL = 34;  // px: points closer than this on screen are drawn as one cluster
  const MAX_ZOOM = 60;

  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  /* TopoJSON decoding is worldmap.js's (loaded first): one decoder for both maps. */
  const decodeArcs = window.ClusterGraphWorld.decodeArcs, ring = window.ClusterGraphWorld.ring;
  function shapes(topo) {
    const arcs = decodeArcs(topo);
    const name = Object.keys(topo.objects)[0];
    return topo.objects[name].geometries.map(function (g) {
      const rings = [];
      if (g.type === "Polygon") g.arcs.forEach(function (r) { rings.push(ring(arcs, r)); });
      else if (g.type === "MultiPolygon") g.arcs.forEach(function (poly) { poly.forEach(function (r) { rings.push(ring(arcs, r)); }); });
      let minX = 180, minY = 90, maxX = -180, maxY = -90, d = "";
      rings.forEach(function (points) {
        points.forEach(function (p, k) {
          d += (k === 0 || Math.abs(p[0] - points[k - 1][0]) > 180 ? "M" : "L") + p[0].toFixed(2) + "," + (-p[1]).toFixed(2);
          minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]); minY = Math.min(minY, p[1]); maxY = Math.max(maxY, p[1]);
        });
        d += "Z";
      });
      return { id: g.id, name: (g.properties || {}).name || "", d: d, bbox: [minX, minY, maxX, maxY] };
    });
  }

  function create(root, options) {
    const opts = options || {};
    root.classList.add("geomap");
    root.textContent = "";
    const box = el("div", { class: "geomap-box" });
    const plane = svg("svg", { class: "geomap-svg", role: "group", tabindex: "0",
                               "aria-label": opts.label || "World map; arrow keys pan, + and − zoom" });
    const countriesLayer = svg("g", { class: "geomap-countries" });
    const regionsLayer = svg("g", { class: "geomap-regions" });
    const bordersLayer = svg("g", { class: "geomap-borders", "aria-hidden": "true" });
    const linksLayer = svg("g", { class: "geomap-links" });
    const pointsLayer = svg("g", { class: "geomap-points" });
    plane.append(countriesLayer, regionsLayer, bordersLayer, linksLayer, pointsLayer);
    const controls = el("div", { class: "geomap-controls" });
    const zoomIn = el("button", { type: "button", "aria-label": "Zoom in", title: "Zoom in" }, "+");
    const zoomOut = el("button", { type: "button", "aria-label": "Zoom out", title: "Zoom out" }, "−");
    const reset = el("button", { type: "button", "aria-label": "Show the whole world", title: "Whole world" }, "⟲");
    controls.append(zoomIn, zoomOut, reset);
    const popup = el("div", { class: "geomap-popup", role: "dialog", "aria-live": "polite" });
    popup.hidden = true;
    const legend = el("div", { class: "geomap-legend" });
    box.append(plane, controls, popup);
    root.append(box, legend);

    const world = { x: -180, y: -90, w: 360, h: 180 };
    let view = Object.assign({}, world);
    let byIso = {}, byCode = {}, countryShapes = [], regionShapes = [], points = [], links = [], shaded = {};
    const map = { root: root, ready: null };

    function pxPerDegree() { return (plane.clientWidth || 800) / view.w; }
    function apply() {
      // keep the aspect of the element (the viewBox fills it)
      const ratio = (plane.clientHeight || 400) / (plane.clientWidth || 800);
      view.h = view.w * ratio;
      plane.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) { return v.toFixed(4); }).join(" "));
      root.setAttribute("data-zoom", (world.w / view.w).toFixed(2));
      drawPoints();
    }
    function zoomAt(factor, cx, cy) {
      const w = Math.min(world.w * 1.2, Math.max(world.w / MAX_ZOOM, view.w / factor));
      const k = w / view.w;
      const x0 = cx === undefined ? view.x + view.w / 2 : cx;
      const y0 = cy === undefined ? view.y + view.h / 2 : cy;
      view.x = x0 - (x0 - view.x) * k; view.y = y0 - (y0 - view.y) * k; view.w = w;
      apply();
    }
    function fit(minX, minY, maxX, maxY) {
      // a box in degrees (lat up): the view shows all of it with a margin
      const ratio = (plane.clientHeight || 400) / (plane.clientWidth || 800);
      let w = Math.max(maxX - minX, 1) * 1.25, h = Math.max(maxY - minY, 1) * 1.25;
      if (h / ratio > w) w = h / ratio;
      view.w = Math.min(w, world.w * 1.2);
      view.x = (minX + maxX) / 2 - view.w / 2;
      view.y = -(minY + maxY) / 2 - view.w * ratio / 2;
      apply();
    }
    map.fit = fit;
    map.reset = function () { view = Object.assign({}, world); apply(); };
    // a country (ISO 3166-1 alpha-2) or a region (NUTS or ISO 3166-2 code) with a shape
    map.zoomTo = function (code) {
      const shape = byIso[code] || byCode[code];
      if (!shape) return false;
      let b = shape.bbox;
      // a place spread over the world (France's overseas parts): its largest piece decides
      if (b[2] - b[0] > 90 && shape.main) b = shape.main;
      fit(b[0], b[1], b[2], b[3]);
      plane.querySelectorAll(".focused").forEach(function (p) { p.classList.remove("focused"); });
      shape.path.classList.add("focused");
      root.setAttribute("data-focused", code);
      return true;
    };
    map.zoomToCountry = map.zoomTo;
    map.has = function (code) { return Boolean(byIso[code] || byCode[code]); };
    map.regions = function () { return regionShapes.map(function (s) { return { code: s.code, name: s.name, iri: s.iri }; }); };
    map.zoomToPoint = function (lat, long, span) {
      const s = span || 6;
      fit(long - s, lat - s / 2, long + s, lat + s / 2);
      root.setAttribute("data-focused", lat + "," + long);
    };

    // shading: values by code (ISO 3166-1 alpha-2 of countries, NUTS or ISO 3166-2 of regions);
    // one scale for both, on the square root
    map.shade = function (values, title, describe) {
      shaded = values || {};
      const max = Math.max.apply(null, Object.keys(shaded).map(function (k) { return shaded[k]; }).concat([0]));
      let n = 0, inRegions = 0;
      countryShapes.concat(regionShapes).forEach(function (shape) {
        const v = shape.code ? shaded[shape.code] : undefined;
        const title = shape.path.querySelector("title");
        if (v && max > 0) {
          const step = Math.min(SCALE.length - 1, Math.floor(Math.sqrt(v / max) * (SCALE.length - 1) + 0.5));
          shape.path.setAttribute("fill", SCALE[Math.max(1, step)]);
          shape.path.setAttribute("data-value", String(v));
          n++;
          if (shape.region) inRegions++;
        } else {
          shape.path.setAttribute("fill", shape.region ? "#f1f5f9" : "#f8fafc");
          shape.path.removeAttribute("data-value");
        }
        title.textContent = shape.name + (v ? ": " + (describe ? describe(v) : v) : "");
      });
      root.setAttribute("data-shaded", String(n));
      root.setAttribute("data-shaded-regions", String(inRegions));
      legend.textContent = "";
      if (title) {
        legend.appendChild(el("span", { class: "geomap-legend-title" }, title + ": "));
        [0, 0.25, 0.5, 1].forEach(function (f) {
          const v = Math.round(max * f * f);
          if (f > 0 && v === 0) return;
          const step = Math.min(SCALE.length - 1, Math.floor(f * (SCALE.length - 1) + 0.5));
          const item = el("span", { class: "geomap-legend-item" });
          item.append(el("span", { class: "geomap-swatch", style: "background:" + SCALE[f === 0 ? 0 : Math.max(1, step)] }),
                      document.createTextNode(" " + (f === 0 ? "none" : "≤ " + v)));
          legend.appendChild(item);
        });
      }
      return n;
    };

    // points: [{lat, long, label, href, lines: [...], weight, key}]
    map.points = function (list) { points = (list || []).filter(function (p) { return p.lat != null && p.long != null; }); drawPoints(); };
    // links: [{from: [lat, long], to: [lat, long], title, kind}]
    map.links = function (list) { links = list || []; drawLinks(); };

    function drawLinks() {
      linksLayer.textContent = "";
      links.forEach(function (l) {
        const line = svg("line", { x1: l.from[1], y1: -l.from[0], x2: l.to[1], y2: -l.to[0],
                                   class: "geomap-link " + (l.kind || ""), "vector-effect": "non-scaling-stroke" });
        if (l.title) { const t = svg("title"); t.textContent = l.title; line.appendChild(t); }
        linksLayer.appendChild(line);
      });
    }

    function drawPoints() {
      pointsLayer.textContent = "";
      const k = pxPerDegree();
      const unit = 1 / k;  // degrees per pixel
      const cells = {};
      points.forEach(function (p) {
        const key = Math.floor(p.long * k / CELL) + ":" + Math.floor(-p.lat * k / CELL);
        (cells[key] = cells[key] || []).push(p);
      });
      let drawn = 0;
      const zoomed = world.w / view.w;
      Object.keys(cells).forEach(function (key) {
        const members = cells[key];
        const lat = members.reduce(function (s, p) { return s + p.lat; }, 0) / members.length;
        const long = members.reduce(function (s, p) { return s + p.long; }, 0) / members.length;
        const one = members.length === 1;
        const r = (one ? 6 : 9 + Math.min(12, Math.sqrt(members.length) * 2.2)) * unit;
        const g = svg("g", { class: one ? "geomap-point" : "geomap-cluster", tabindex: "0", role: "button",
                             "data-count": String(members.length) });
        g.setAttribute("aria-label", one ? members[0].label : members.length + " places: " +
          members.slice(0, 5).map(function (p) { return p.label; }).join(", ") + (members.length > 5 ? "…" : ""));
        g.appendChild(svg("circle", { cx: long, cy: -lat, r: r }));
        if (!one) {
          const t = svg("text", { x: long, y: -lat + 4 * unit, "font-size": 11 * unit, "text-anchor": "middle", class: "geomap-count" });
          t.textContent = String(members.length);
          g.appendChild(t);
        }
        if (one && (zoomed >= 4 || members[0].always)) {
          const t = svg("text", { x: long + 8 * unit, y: -lat + 4 * unit, "font-size": 12 * unit, class: "geomap-label" });
          t.textContent = members[0].label;
          g.appendChild(t);
        } else if (!one && zoomed >= 6) {
          // beside the cluster, not inside it: the cluster's name then begins with what it shows (axe-core)
          const t = svg("text", { x: long + r + 3 * unit, y: -lat + 4 * unit, "font-size": 11 * unit, class: "geomap-label",
                                  "aria-hidden": "true" });
          t.textContent = members[0].label + " +" + (members.length - 1);
          pointsLayer.appendChild(t);
        }
        const open = function (event) {
          if (event) event.stopPropagation();
          if (!one && zoomed < MAX_ZOOM / 2) {
            const lats = members.map(function (p) { return p.lat; }), longs = members.map(function (p) { return p.long; });
            fit(Math.min.apply(null, longs), Math.min.apply(null, lats), Math.max.apply(null, longs), Math.max.apply(null, lats));
            return;
          }
          showPopup(members);
        };
        g.addEventListener("click", open);
        g.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(e); } });
        pointsLayer.appendChild(g);
        drawn++;
      });
      root.setAttribute("data-clusters", String(drawn));
    }

    function showPopup(members) {
      popup.textContent = "";
      const close = el("button", { type: "button", class: "geomap-close", "aria-label": "Close" }, "×");
      close.addEventListener("click", function () { popup.hidden = true; plane.focus(); });
      popup.appendChild(close);
      members.slice(0, 30).forEach(function (p) {
        const item = el("div", { class: "geomap-popup-item" });
        const head = el("strong");
        if (p.href) head.appendChild(el("a", { href: p.href }, p.label)); else head.textContent = p.label;
        item.appendChild(head);
        (p.lines || []).forEach(function (line) { item.appendChild(el("div", { class: "muted" }, line)); });
        popup.appendChild(item);
      });
      if (members.length > 30) popup.appendChild(el("p", { class: "muted" }, "and " + (members.length - 30) + " more"));
      popup.hidden = false;
      root.setAttribute("data-popup", members[0].label);
      close.focus();
    }
    map.showPopup = showPopup;

    // zoom and pan
    plane.addEventListener("wheel", function (e) {
      e.preventDefault();
      const r = plane.getBoundingClientRect();
      const cx = view.x + (e.clientX - r.left) / r.width * view.w, cy = view.y + (e.clientY - r.top) / r.height * view.h;
      zoomAt(e.deltaY < 0 ? 1.35 : 1 / 1.35, cx, cy);
    }, { passive: false });
    let drag = null;
    plane.addEventListener("pointerdown", function (e) {
      if (e.target.closest && e.target.closest(".geomap-point, .geomap-cluster")) return;
      drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false };
    });
    plane.addEventListener("pointermove", function (e) {
      if (!drag) return;
      // captured only once it moves: a click stays a click on the shape under it
      if (!drag.moved && Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) < 4) return;
      if (!drag.moved) { drag.moved = true; plane.setPointerCapture(e.pointerId); }
      const k = view.w / plane.getBoundingClientRect().width;
      view.x = drag.vx - (e.clientX - drag.x) * k; view.y = drag.vy - (e.clientY - drag.y) * k;
      plane.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    });
    plane.addEventListener("pointerup", function () {
      if (drag) { const moved = drag.moved; drag = null; if (moved) { dragged = true; apply(); } }
    });
    let dragged = false;  // the click that ends a drag selects nothing
    function select(shape) {
      if (dragged) { dragged = false; return; }
      map.zoomTo(shape.code);
      const items = opts.describe ? opts.describe(shape.code, shape.name) : null;
      if (items && items.length) showPopup(items);
    }
    plane.addEventListener("keydown", function (e) {
      const step = view.w / 8;
      if (e.key === "ArrowLeft") view.x -= step; else if (e.key === "ArrowRight") view.x += step;
      else if (e.key === "ArrowUp") view.y -= step; else if (e.key === "ArrowDown") view.y += step;
      else if (e.key === "+" || e.key === "=") { zoomAt(1.5); return; } else if (e.key === "-") { zoomAt(1 / 1.5); return; }
      else return;
      e.preventDefault();
      apply();
    });
    zoomIn.addEventListener("click", function () { zoomAt(1.6); });
    zoomOut.addEventListener("click", function () { zoomAt(1 / 1.6); });
    reset.addEventListener("click", function () { map.reset(); });
    window.addEventListener("resize", function () { apply(); });

    function json(inline, url, what) {
      if (inline) return Promise.resolve(inline);
      return fetch(url).then(function (r) { if (!r.ok) throw new Error(what + ": HTTP " + r.status); return r.json(); });
    }
    function regionShape(r) {
      let minX = 180, minY = 90, maxX = -180, maxY = -90, d = "", main = null, area = -1;
      r.rings.forEach(function (flat) {
        let a = 180, b = 90, c = -180, e = -90;
        for (let k = 0; k + 1 < flat.length; k += 2) {
          const x = flat[k], y = flat[k + 1];
          d += (k === 0 ? "M" : "L") + x + "," + (-y);
          a = Math.min(a, x); c = Math.max(c, x); b = Math.min(b, y); e = Math.max(e, y);
        }
        d += "Z";
        minX = Math.min(minX, a); maxX = Math.max(maxX, c); minY = Math.min(minY, b); maxY = Math.max(maxY, e);
        if ((c - a) * (e - b) > area) { area = (c - a) * (e - b); main = [a, b, c, e]; }
      });
      return { code: r.code, iri: r.iri, name: r.label || r.code, d: d, bbox: [minX, minY, maxX, maxY], main: main, region: true };
    }
    async function start() {
      const [topo, iso, layer] = await Promise.all([
        json(opts.world, opts.worldUrl, "map shapes"),
        json(opts.iso, opts.isoUrl, "map codes"),
        opts.regions || opts.regionsUrl ? json(opts.regions, opts.regionsUrl, "region shapes") : Promise.resolve(null),
      ]);
      countryShapes = shapes(topo);
      countryShapes.forEach(function (shape) {
        shape.iso = iso[shape.id] || null;
        shape.code = shape.iso;
        const path = svg("path", { d: shape.d, fill: "#f8fafc", class: "geomap-country", "vector-effect": "non-scaling-stroke" });
        if (shape.iso) path.setAttribute("data-iso", shape.iso);
        const title = svg("title");
        title.textContent = shape.name;
        path.appendChild(title);
        shape.path = path;
        if (shape.iso) path.addEventListener("click", function () { select(shape); });
        countriesLayer.appendChild(path);
        if (shape.iso) byIso[shape.iso] = shape;
      });
      regionShapes = ((layer && layer.regions) || []).map(regionShape);
      regionShapes.forEach(function (shape) {
        const path = svg("path", { d: shape.d, fill: "#f1f5f9", class: "geomap-region", "data-code": shape.code,
                                   "vector-effect": "non-scaling-stroke" });
        const title = svg("title");
        title.textContent = shape.name;
        path.appendChild(title);
        path.addEventListener("click", function () { select(shape); });
        shape.path = path;
        regionsLayer.appendChild(path);
        byCode[shape.code] = shape;
      });
      if (regionShapes.length) {
        // the countries' outlines above the regions
        countryShapes.forEach(function (shape) {
          bordersLayer.appendChild(svg("path", { d: shape.d, class: "geomap-border", "vector-effect": "non-scaling-stroke" }));
        });
      }
      root.setAttribute("data-regions", String(regionShapes.length));
      // the largest piece of countries spread over the world, for zooming to them
      const arcs = decodeArcs(topo);
      topo.objects[Object.keys(topo.objects)[0]].geometries.forEach(function (g, i) {
        if (g.type !== "MultiPolygon") return;
        let best = null, area = -1;
        g.arcs.forEach(function (poly) {
          const pts = ring(arcs, poly[0]);
          const xs = pts.map(function (p) { return p[0]; }), ys = pts.map(function (p) { return p[1]; });
          const b = [Math.min.apply(null, xs), Math.min.apply(null, ys), Math.max.apply(null, xs), Math.max.apply(null, ys)];
          const a = (b[2] - b[0]) * (b[3] - b[1]);
          if (a > area) { area = a; best = b; }
        });
        countryShapes[i].main = best;
      });
      apply();
      root.setAttribute("data-state", "drawn");
      return map;
    }
    map.countryName = function (iso) { return byIso[iso] ? byIso[iso].name : null; };
    map.name = function (code) { const s = byIso[code] || byCode[code]; return s ? s.name : null; };
    map.ready = start().catch(function (err) {
      root.setAttribute("data-state", "error");
      legend.textContent = "The map could not be drawn: " + err.message;
      console.error(err);
      return map;
    });
    return map;
  }

  window.ClusterGraphMap = { create: create };
})();
