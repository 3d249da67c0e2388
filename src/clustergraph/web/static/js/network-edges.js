/* The ties of a large network, drawn by the page itself on vis-network's canvas.

   Above ClusterGraphEdges.ABOVE ties, vis-network (static/vendor) draws only the nodes: one item
   per tie in its DataSet makes the first frame and every filter change slow. Instead, before each
   frame vis-network draws, ClusterGraphEdges.attach(network, data, styles) strokes the ties that
   are not hidden (e._hidden, set by the filters of network-view.js) as one path per relation,
   from the nodes' current positions; highlighted ties (e._selected) are drawn dark on top. */
(function () {
  "use strict";

  const ABOVE = 4000;

  function attach(network, data, styles) {
    const byRelation = {};
    data.edges.forEach(function (e) {
      const r = styles[e.relations[0]] ? e.relations[0] : "project";
      (byRelation[r] = byRelation[r] || []).push(e);
    });
    const relations = Object.keys(byRelation);
    const bodyNodes = network.body.nodes;

    function stroke(ctx, list, wanted) {
      ctx.beginPath();
      let any = false;
      for (let i = 0; i < list.length; i++) {
        const e = list[i];
        if (e._hidden || !wanted(e)) continue;
        const a = bodyNodes[e.from], b = bodyNodes[e.to];
        if (!a || !b) continue;
        ctx.moveTo(a.x, a.y);
        ctx.lineTo(b.x, b.y);
        any = true;
      }
      if (any) ctx.stroke();
    }

    network.on("beforeDrawing", function (ctx) {
      const scale = network.getScale() || 1;
      ctx.save();
      ctx.globalAlpha = 0.35;
      ctx.lineWidth = 0.8 / scale;
      relations.forEach(function (r) {
        ctx.strokeStyle = styles[r].color;
        stroke(ctx, byRelation[r], function (e) { return !e._selected; });
      });
      ctx.globalAlpha = 1;
      ctx.lineWidth = 2.5 / scale;
      ctx.strokeStyle = "#1a202c";
      stroke(ctx, data.edges, function (e) { return !!e._selected; });
      ctx.restore();
    });
  }

  /* Mark the ties between consecutive nodes of `ids` as selected (drawn dark); their count. */
  function select(data, ids) {
    let n = 0;
    data.edges.forEach(function (e) {
      e._selected = false;
      for (let i = 0; i + 1 < ids.length; i++) {
        if ((e.from === ids[i] && e.to === ids[i + 1]) || (e.to === ids[i] && e.from === ids[i + 1])) {
          e._selected = true;
          n++;
          break;
        }
      }
    });
    return n;
  }

  window.ClusterGraphEdges = { ABOVE: ABOVE, attach: attach, select: select };
})();
