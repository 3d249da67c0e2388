/* A question's page: sortable columns (click or Enter on a heading; numbers sort as numbers),
   the views the answer's shape calls for (static/js/results.js), and name suggestions for the
   form's entity fields from /api/search (the datalist holds the graph's pickers at first). */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("results-config").textContent);

  function sortTable(table, column, button) {
    const th = button.closest("th");
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    rows.sort(function (a, b) {
      const x = a.cells[column].getAttribute("data-sort"), y = b.cells[column].getAttribute("data-sort");
      const nx = Number(x), ny = Number(y);
      const cmp = x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
      return ascending ? cmp : -cmp;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("button.sort").forEach(function (button) {
      button.addEventListener("click", function () { sortTable(table, Number(button.dataset.column), button); });
    });
  });

  // suggestions: names of the kind the field wants, as the user types
  document.querySelectorAll(".question-form input[data-kind]").forEach(function (input) {
    let timer = null;
    const listId = input.getAttribute("list") || ("o-" + input.name);
    let list = document.getElementById(listId);
    if (!list) { list = document.createElement("datalist"); list.id = listId; input.after(list); input.setAttribute("list", listId); }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      const text = input.value.trim();
      if (text.length < 2 || !config.searchUrl) return;
      timer = setTimeout(async function () {
        const url = config.searchUrl + "?limit=12&kind=" + encodeURIComponent(input.dataset.kind) + "&q=" + encodeURIComponent(text);
        const answer = await fetch(url, { headers: { Accept: "application/json" } });
        if (!answer.ok) return;
        const body = await answer.json();
        body.results.forEach(function (m) {
          const value = m.iri.indexOf(config.idPrefix) === 0 ? m.iri.slice(config.idPrefix.length) : m.iri;
          if (list.querySelector('option[value="' + CSS.escape(value) + '"]')) return;
          const option = document.createElement("option");
          option.value = value;
          option.textContent = m.name + (m.regions.length ? " · " + (m.regions[0].name || "") : "");
          list.insertBefore(option, list.firstChild);
        });
      }, 200);
    });
  });

  const views = document.querySelector(".result-views");
  if (views && config.results) {
    window.ClusterGraphResults.render(views, config.results, config).then(function (names) {
      document.body.setAttribute("data-views", names.join(" "));
    }).catch(function (err) { console.error(err); });
  } else {
    document.body.setAttribute("data-views", "");
  }
})();
