/* Starts the view of a page from its #viz-config (JSON written by the template). */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("viz-config").textContent);
  const root = document.querySelector(".viz");
  window.clustergraphView = window.ClusterGraphView.create(root, config);
})();
