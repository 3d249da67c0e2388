/* A world outline from a TopoJSON topology (world-atlas land-110m, Natural Earth, public domain),
   decoded here without any library and drawn on an equirectangular plane:
   x = longitude * scale, y = -latitude * scale (the same plane as clustergraph.viz.layout.geo_layout). */
(function () {
  "use strict";

  function decodeArcs(topo) {
    const t = topo.transform;
    return topo.arcs.map(function (arc) {
      let x = 0, y = 0;
      return arc.map(function (p) {
        if (t) { x += p[0]; y += p[1]; return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]]; }
        return [p[0], p[1]];
      });
    });
  }

  function ring(arcs, indexes) {
    const points = [];
    indexes.forEach(function (i) {
      const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
      arc.forEach(function (p, k) { if (k > 0 || points.length === 0) points.push(p); });
    });
    return points;
  }

  function rings(topo) {
    const arcs = decodeArcs(topo);
    const out = [];
    function geometry(g) {
      if (g.type === "GeometryCollection") g.geometries.forEach(geometry);
      else if (g.type === "Polygon") g.arcs.forEach(function (r) { out.push(ring(arcs, r)); });
      else if (g.type === "MultiPolygon") g.arcs.forEach(function (poly) { poly.forEach(function (r) { out.push(ring(arcs, r)); }); });
    }
    Object.keys(topo.objects).forEach(function (name) { geometry(topo.objects[name]); });
    return out;
  }

  /* A Path2D of every land ring, in the plane's pixels. */
  function landPath(topo, scale) {
    const path = new Path2D();
    rings(topo).forEach(function (points) {
      points.forEach(function (p, k) {
        const x = p[0] * scale, y = -p[1] * scale;
        // a jump across the antimeridian starts a new stroke instead of a line across the world
        if (k === 0 || Math.abs(p[0] - points[k - 1][0]) > 180) path.moveTo(x, y); else path.lineTo(x, y);
      });
      path.closePath();
    });
    return path;
  }

  window.ClusterGraphWorld = { rings: rings, landPath: landPath, decodeArcs: decodeArcs, ring: ring };
})();
