// The SPARQL editor: YASGUI from the shipped bundle, talking only to this server.
// Prefix completion offers the project's prefixes; the remote completers (LOV, prefix.cc) are off.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("cg-config").textContent);
  var Yasqe = Yasgui.Yasqe;
  var prefixList = Object.keys(config.prefixes).sort().map(function (p) {
    return p + ": <" + config.prefixes[p] + ">";
  });
  Yasqe.forkAutocompleter("prefixes", {
    name: "clustergraphPrefixes",
    get: function () { return Promise.resolve(prefixList); },
  }, false);
  Yasqe.defaults.autocompleters = ["clustergraphPrefixes", "variables"];

  var first = config.examples.length ? config.examples[0] : null;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    persistenceId: null,
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: config.endpoint }]; } },
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    yasqe: {
      value: first ? first.query : config.defaultQuery,
      autocompleters: ["clustergraphPrefixes", "variables"],
    },
    yasr: { prefixes: config.prefixes },
    tabName: first ? first.title : "Query",
  });
  window.clustergraphEditor = yasgui;

  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      var example = config.examples[Number(button.dataset.index)];
      var tab = yasgui.getTab();
      tab.setName(example.title);
      tab.getYasqe().setValue(example.query);
      tab.getYasqe().query();
    });
  });
})();
