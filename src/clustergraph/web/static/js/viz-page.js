/* Starts the view of a page from its #viz-config (JSON written by the template), and the
   regions section of the map page (static/js/regionmap.js) once the network data is in. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("viz-config").textContent);
  const root = document.querySelector(".viz");
  const view = window.clustergraphView = window.ClusterGraphView.create(root, config);
  const regions = document.querySelector("section.regions");
  if (regions && window.ClusterGraphRegions) {
    view.ready.then(function () {
      if (view.data) window.clustergraphRegions = window.ClusterGraphRegions.create(regions, config, view.data, root);
    });
  }
})();
