// readouts serve: the pages work without this; it adds shortcuts and the
// histogram's range selection.
(function () {
  "use strict";
  // "/" focuses the query box (unless typing in a field).
  document.addEventListener("keydown", function (e) {
    var t = e.target && e.target.tagName;
    if (e.key === "/" && t !== "INPUT" && t !== "TEXTAREA") {
      var q = document.getElementById("q");
      if (q) { e.preventDefault(); q.focus(); q.select(); }
    }
  });
  // Histogram: a click chooses one period; a shift-click after it (or a
  // second click with the range box on) chooses the range between the two.
  var svg = document.getElementById("histogram");
  if (!svg) { return; }
  var start = null;
  var links = svg.querySelectorAll("a[data-period]");
  function go(a, b) {
    if (a > b) { var t = a; a = b; b = t; }
    var since = document.getElementById("since");
    var until = document.getElementById("until");
    if (since && until) {
      since.value = a; until.value = b;
      since.form.submit();
    }
  }
  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener("click", function (e) {
      var period = link.getAttribute("data-period");
      if (e.shiftKey && start !== null) {
        e.preventDefault();
        go(start, period);
        return;
      }
      if (e.shiftKey) {
        e.preventDefault();
        start = period;
        var bar = link.querySelector("rect.bar");
        if (bar) { bar.classList.add("pending"); }
      }
    });
  });
})();
