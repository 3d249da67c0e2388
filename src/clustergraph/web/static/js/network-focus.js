/* Search to focus a node of the network view: the box input[name=focus] of the view's controls.

   Enter looks the text up among the organisations' names (a whole name first, then a name that
   starts with it, then one that contains it, ignoring case), shows the node even if a filter hid
   it, centres the view on it, selects it and shows its facts. The status element reports the
   focused name (data-focused) or says that none matched. */
(function () {
  "use strict";

  function find(nodes, text) {
    const t = text.trim().toLowerCase();
    if (!t) return null;
    let starts = null, contains = null;
    for (let i = 0; i < nodes.length; i++) {
      const label = String(nodes[i].label).toLowerCase();
      if (label === t) return nodes[i];
      if (starts === null && label.indexOf(t) === 0) starts = nodes[i];
      else if (contains === null && label.indexOf(t) > 0) contains = nodes[i];
    }
    return starts || contains;
  }

  function attach(root, view) {
    const box = root.querySelector("input[name=focus]");
    const status = root.querySelector(".viz-status");
    if (!box) return;
    box.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      const node = find(view.data.nodes, box.value);
      if (!node) {
        status.setAttribute("data-focused", "");
        root.querySelector(".viz-status-text").textContent = "No organisation is named “" + box.value.trim() + "”.";
        return;
      }
      view.focus(node.id);
      status.setAttribute("data-focused", node.label);
    });
  }

  window.ClusterGraphFocus = { attach: attach, find: find };
})();
