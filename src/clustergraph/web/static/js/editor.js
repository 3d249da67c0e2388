// The SPARQL editor: YASGUI from the shipped bundle, talking only to this server.
// - Named questions open with their parameters as a form above the editor; the form's values are
//   one VALUES line at the top of the query's WHERE group, in plain sight, rewritten as they change
//   (an optional parameter left empty is UNDEF: unbound).
// - Result views beyond the table: map, network, chart (static/js/results.js), as YASR plugins.
// - A share link carries the query (/query?query=...), or the question and its values.
// - Completion: the project's prefixes, variables, and the IRIs of this graph by label
//   (id:bioc… → id:biocat, from /api/search); the remote completers (LOV, prefix.cc) are off.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("cg-config").textContent);
  var views = JSON.parse(document.getElementById("results-config").textContent);
  views.prefixes = config.prefixes;
  var Yasqe = Yasgui.Yasqe, Yasr = Yasgui.Yasr;
  var ID = config.idPrefix;
  var prefixList = Object.keys(config.prefixes).sort().map(function (p) {
    return p + ": <" + config.prefixes[p] + ">";
  });
  Yasqe.forkAutocompleter("prefixes", {
    name: "clustergraphPrefixes",
    get: function () { return Promise.resolve(prefixList); },
  }, false);

  // IRIs of this graph by label: a prefixed name in id: (or a <https://w3id.org/clustergraph/id/… IRI)
  var labels = {};
  Yasqe.registerAutocompleter({
    name: "clustergraphEntities",
    bulk: false,
    autoShow: true,
    isValidCompletionPosition: function (yasqe) {
      var token = yasqe.getCompleteToken();
      var s = token.string || "";
      return (s.indexOf("id:") === 0 && s.length >= 5) || (s.indexOf("<" + ID) === 0 && s.length > ID.length + 3);
    },
    get: function (yasqe, token) {
      var s = token.string;
      var text = s.indexOf("id:") === 0 ? s.slice(3) : s.slice(ID.length + 1).replace(/>$/, "");
      text = text.replace(/[-_/]/g, " ").trim();
      if (text.length < 2) return Promise.resolve([]);
      return fetch(config.searchUrl + "?limit=15&q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (body) {
          return body.results.filter(function (m) { return m.iri.indexOf(ID) === 0; }).map(function (m) {
            var local = m.iri.slice(ID.length);
            var text = /^[A-Za-z0-9_-]+$/.test(local) ? "id:" + local : "<" + m.iri + ">";
            labels[text] = m.name + (m.kind ? " (" + m.kind + ")" : "");
            return text;
          });
        });
    },
    postprocessHints: function (yasqe, hints) {
      return hints.map(function (h) { h.displayText = h.text + "  — " + (labels[h.text] || ""); return h; });
    },
  }, false);
  var completers = ["clustergraphPrefixes", "variables", "clustergraphEntities"];
  Yasqe.defaults.autocompleters = completers;

  // result views as YASR plugins
  function viewPlugin(name, label, icon) {
    function Plugin(yasr) { this.yasr = yasr; this.priority = 5; this.label = label; this.hideFromSelection = false; }
    Plugin.prototype.canHandleResults = function () {
      var r = this.yasr.results;
      return !!(r && r.getVariables && r.getVariables() && r.getVariables().length && r.getBindings && r.getBindings().length);
    };
    Plugin.prototype.getIcon = function () {
      var span = document.createElement("span");
      span.className = "cg-plugin-icon";
      span.textContent = icon;
      span.setAttribute("aria-hidden", "true");
      return span;
    };
    Plugin.prototype.draw = function () {
      var holder = document.createElement("div");
      holder.className = "result-views editor-views";
      holder.setAttribute("data-plugin", name);
      this.yasr.resultsEl.appendChild(holder);
      var json = this.yasr.results.getAsJson();
      return window.ClusterGraphResults.render(holder, json, views, { only: name }).then(function (drawn) {
        if (!drawn.length) {
          holder.hidden = false;
          holder.textContent = {
            map: "No column of this answer holds places, or organisations with a known place.",
            network: "This answer has no two columns of entities of this graph (pairs) to draw as a network.",
            chart: "This answer has no column of numbers with a column naming what they count.",
          }[name];
        }
        holder.setAttribute("data-state", drawn.length ? "drawn" : "none");
      });
    };
    Yasr.registerPlugin(name, Plugin);
  }
  viewPlugin("map", "Map", "🗺");
  viewPlugin("network", "Network", "🕸");
  viewPlugin("chart", "Chart", "▤");
  Yasr.defaults.pluginOrder = ["table", "map", "network", "chart", "response"];

  var params = new URLSearchParams(window.location.search);
  var start = params.get("query") || config.defaultQuery;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    persistenceId: null,
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: config.endpoint }]; } },
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    yasqe: { value: start, autocompleters: completers },
    yasr: { prefixes: config.prefixes, pluginOrder: ["table", "map", "network", "chart", "response"] },
    tabName: "Query",
  });
  window.clustergraphEditor = yasgui;

  // ---- named questions: the form above the editor, the values in the text ----
  var formBox = document.getElementById("editor-form");
  var current = null;  // {example, values}
  var MARK = "# the form's values";

  function termOf(p, value) {
    if (!value) return "UNDEF";
    if (p.type === "iri") {
      if (/^https?:\/\//.test(value)) return "<" + value + ">";
      return "<" + ID + value.replace(/^id:/, "") + ">";
    }
    if (p.type === "integer" || p.type === "year") return /^[+-]?\d+$/.test(value) ? value : JSON.stringify(value);
    if (p.type === "decimal") return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? value : JSON.stringify(value);
    if (p.type === "date") return JSON.stringify(value) + "^^<http://www.w3.org/2001/XMLSchema#date>";
    return JSON.stringify(value);
  }
  function valuesLine(example, values) {
    var names = example.parameters.map(function (p) { return "?" + p.name; }).join(" ");
    var terms = example.parameters.map(function (p) { return termOf(p, values[p.name]); }).join(" ");
    return "  VALUES (" + names + ") { (" + terms + ") }  " + MARK;
  }
  function withValues(text, example, values) {
    var lines = text.split("\n").filter(function (l) { return l.indexOf(MARK) < 0; });
    text = lines.join("\n");
    if (!example.parameters.length) return text;
    var where = /\b(WHERE|ASK)\s*\{[ \t]*/i.exec(text.replace(/#[^\n]*/g, function (c) { return " ".repeat(c.length); }));
    if (!where) return text;
    var at = where.index + where[0].length;
    return text.slice(0, at) + "\n" + valuesLine(example, values) + text.slice(at);
  }
  function shareUrl() {
    var url = new URL(config.editorUrl, window.location.href);
    var text = yasgui.getTab().getYasqe().getValue();
    if (current && withValues(current.example.query, current.example, current.values) === text) {
      url.searchParams.set("question", current.example.name);
      Object.keys(current.values).forEach(function (k) { if (current.values[k]) url.searchParams.set(k, current.values[k]); });
    } else {
      url.searchParams.set("query", text);
    }
    return url.toString();
  }

  function openQuestion(example, values, pickers) {
    current = { example: example, values: {} };
    example.parameters.forEach(function (p) {
      current.values[p.name] = values[p.name] !== undefined ? values[p.name] : (p.optional ? "" : (p.example || ""));
    });
    formBox.textContent = "";
    formBox.hidden = false;
    var h = document.createElement("h2");
    h.textContent = example.title;
    var d = document.createElement("p");
    d.className = "muted";
    d.textContent = example.description;
    formBox.append(h, d);
    if (example.parameters.length) {
      var form = document.createElement("form");
      form.className = "question-form editor-form";
      example.parameters.forEach(function (p) {
        var field = document.createElement("div");
        field.className = "field";
        var label = document.createElement("label");
        label.htmlFor = "e-" + p.name;
        label.textContent = "?" + p.name + (p.optional ? "" : " *");
        var input = document.createElement("input");
        input.id = "e-" + p.name; input.name = p.name; input.value = current.values[p.name];
        input.placeholder = p.example || ""; input.autocomplete = "off";
        input.type = p.type === "integer" || p.type === "year" ? "number" : "text";
        var help = document.createElement("small");
        help.className = "muted";
        help.textContent = p.description + " (" + p.type + (p.optional ? ", optional: empty is UNDEF" : "") + ")";
        field.append(label, input, help);
        var options = (pickers || {})[p.name];
        if (options && options.length) {
          var list = document.createElement("datalist");
          list.id = "eo-" + p.name;
          options.forEach(function (o) { var opt = document.createElement("option"); opt.value = o[0]; opt.textContent = o[1]; list.appendChild(opt); });
          input.setAttribute("list", list.id);
          field.appendChild(list);
        }
        input.addEventListener("change", function () {
          current.values[p.name] = input.value.trim();
          var yasqe = yasgui.getTab().getYasqe();
          yasqe.setValue(withValues(yasqe.getValue(), example, current.values));
          markValues();
        });
        form.appendChild(field);
      });
      var run = document.createElement("button");
      run.type = "submit";
      run.textContent = "Run";
      form.appendChild(run);
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        form.querySelectorAll("input").forEach(function (i) { current.values[i.name] = i.value.trim(); });
        var yasqe = yasgui.getTab().getYasqe();
        yasqe.setValue(withValues(yasqe.getValue(), example, current.values));
        markValues();
        yasqe.query();
      });
      formBox.appendChild(form);
    }
    var tab = yasgui.getTab();
    tab.setName(example.title);
    tab.getYasqe().setValue(withValues(example.query, example, current.values));
    markValues();
    tab.getYasqe().query();
  }
  function markValues() {
    var yasqe = yasgui.getTab().getYasqe();
    for (var i = 0; i < yasqe.lineCount(); i++) {
      if (yasqe.getLine(i).indexOf(MARK) >= 0) { yasqe.addLineClass(i, "background", "cg-values-line"); yasqe.scrollIntoView({ line: i, ch: 0 }); }
      else yasqe.removeLineClass(i, "background", "cg-values-line");
    }
  }

  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      var example = config.examples[Number(button.dataset.index)];
      var query = new URLSearchParams({ question: example.name });
      window.history.replaceState(null, "", config.editorUrl + "?" + query.toString());
      fetchPickers(example).then(function (pickers) { openQuestion(example, {}, pickers); });
    });
  });
  function fetchPickers(example) {
    // the pickers are on the page when it was opened on this question; else none (typing a slug or IRI works)
    if (config.open && config.open.question === example.name) return Promise.resolve(config.open.pickers);
    return Promise.resolve({});
  }

  var share = document.getElementById("share");
  var shareOut = document.getElementById("share-link");
  share.addEventListener("click", function () {
    shareOut.value = shareUrl();
    shareOut.hidden = false;
    shareOut.select();
    if (navigator.clipboard) navigator.clipboard.writeText(shareOut.value).catch(function () {});
  });

  if (config.open) {
    var found = config.examples.filter(function (e) { return e.name === config.open.question; })[0];
    if (found) openQuestion(found, config.open.values || {}, config.open.pickers);
  }
})();
