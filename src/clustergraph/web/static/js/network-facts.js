/* The side panel of the network and map views: the facts of a clicked organisation (its type,
   places, metrics, its ties with their quotes, then its statements and sources fetched from the
   entity API), or of a market. ClusterGraphFacts.show(panel, data, id, opts) fills `panel` and sets
   data-facts="loaded" once the statements are in; the helpers el, localName and years are shared
   with network-view.js. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function localName(iri) { return String(iri || "").split(/[#/]/).pop(); }
  function years(start, end) {
    if (start == null && end == null) return "undated";
    if (start === end || end == null) return String(start) + (end == null ? "–" : "");
    return (start == null ? "?" : start) + "–" + end;
  }

  function show(panel, data, id, opts) {
    panel.textContent = "";
    if (typeof id === "string" && id.charAt(0) === "m") {
      const place = data.places[Number(id.slice(1))];
      panel.append(el("h3", {}, place.label), el("p", { class: "muted" }, "A market organisations in the graph serve."));
      return;
    }
    const n = data.nodes[id];
    if (!n) return;
    const head = el("h3", {}, n.label);
    panel.appendChild(head);
    if (opts.entityPage && n.iri.indexOf(opts.idPrefix) === 0) {
      const a = el("a", { href: opts.entityPage + n.iri.slice(opts.idPrefix.length), class: "viz-entity-link" }, "entity page");
      panel.appendChild(a);
    }
    const dl = el("dl");
    function row(k, v) { dl.append(el("dt", {}, k), el("dd", {}, v)); }
    row("type", n.type);
    row("located in", n.in.map(function (p) { return data.places[p].label; }).join(", ") || "unknown");
    if (n.serves.length) row("serves", n.serves.map(function (p) { return data.places[p].label; }).join(", "));
    row("degree / betweenness", n.degree + " / " + n.betweenness.toFixed(3));
    panel.appendChild(dl);
    const ties = data.edges.filter(function (e) { return (e.from === n.id || e.to === n.id) && !e._hidden; });
    panel.appendChild(el("h4", {}, "Ties (" + ties.length + ")"));
    const list = el("ul", { class: "viz-ties" });
    ties.slice(0, 40).forEach(function (e) {
      const other = data.nodes[e.from === n.id ? e.to : e.from];
      const li = el("li");
      li.append(el("strong", {}, other.label), document.createTextNode(" — " + e.relations.join(", ") +
        " (" + years(e.start, e.end) + ")" + (e.via.length ? " via " + e.via.join("; ") : "")));
      e.sources.forEach(function (s) {
        const quote = el("blockquote", {}, s.evidence ? "“" + s.evidence + "”" : "(no quote)");
        quote.appendChild(el("span", { class: "muted" }, " — " + localName(s.graph)));
        li.appendChild(quote);
      });
      list.appendChild(li);
    });
    panel.appendChild(list);
    if (opts.entityUrl && n.iri.indexOf(opts.idPrefix) === 0) {
      const factsBox = el("div", { class: "viz-entity-facts" }, "loading facts…");
      panel.appendChild(factsBox);
      fetch(opts.entityUrl + n.iri.slice(opts.idPrefix.length), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (info) {
          factsBox.textContent = "";
          factsBox.appendChild(el("h4", {}, "Facts and sources"));
          const table = el("table", { class: "facts" });
          (info.facts || []).filter(function (f) { return f.direction === "out"; }).slice(0, 60).forEach(function (f) {
            const tr = el("tr");
            tr.append(el("td", {}, localName(f.predicate)),
                      el("td", {}, f.value_label || (f.value.type === "uri" ? localName(f.value.value) : f.value.value)),
                      el("td", { class: "muted" }, localName(f.graph) + (f.evidence && f.evidence.length ? " — “" + f.evidence[0] + "”" : "")));
            table.appendChild(tr);
          });
          factsBox.appendChild(table);
          panel.setAttribute("data-facts", "loaded");
        })
        .catch(function (err) { factsBox.textContent = "facts could not be loaded: " + err.message; });
    }
  }

  window.ClusterGraphFacts = { show: show, el: el, localName: localName, years: years };
})();
