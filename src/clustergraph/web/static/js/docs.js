// Swagger UI from the shipped bundle; the online validator badge is switched off.
// Accessibility (axe-core): Swagger UI puts each operation's path link (<a>) inside the button
// that opens the operation, a control inside a control; the link is unwrapped to its text (deep
// links still work: opening an operation puts it in the address). Colours: css/docs.css.
(function () {
  var el = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: el.dataset.openapi,
    dom_id: "#swagger-ui",
    validatorUrl: null,
    deepLinking: true,
  });
  // A parameter's controls (a select of its values, the text field of "Try it out") are named
  // by the parameter.
  function repair() {
    el.querySelectorAll("button a, [role=button] a").forEach(function (a) {
      a.replaceWith.apply(a, Array.from(a.childNodes));
    });
    el.querySelectorAll("tr[data-param-name] select, tr[data-param-name] input, tr[data-param-name] textarea")
      .forEach(function (c) {
        if (!c.hasAttribute("aria-label") && !c.labels.length) {
          c.setAttribute("aria-label", c.closest("tr").getAttribute("data-param-name"));
        }
      });
  }
  new MutationObserver(repair).observe(el, { childList: true, subtree: true });
})();
