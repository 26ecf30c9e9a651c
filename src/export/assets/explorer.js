// stancegraph explorer: the project's own script, no libraries, no network.
// Reads the graph data embedded in the page and wires the Graphviz SVG to it.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var svg = document.querySelector("#drawing svg");
  var panel = document.getElementById("panel");
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edges = {};
  data.edges.forEach(function (e) { edges[e.id] = e; });

  function label(id) { return byId[id] ? byId[id].label : id; }
  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined) x.textContent = text;
    if (cls) x.className = cls;
    return x;
  }
  function clear() { while (panel.firstChild) panel.removeChild(panel.firstChild); }

  function showEdge(e) {
    clear();
    panel.appendChild(el("h2", label(e.source) + " \u2192 " + label(e.target)));
    panel.appendChild(el("p", e.type + " (" + e.polarity + "), " + e.count + " sentence" + (e.count === 1 ? "" : "s") +
      (e.first_date ? ", " + e.first_date + (e.last_date && e.last_date !== e.first_date ? " to " + e.last_date : "") : ""), "meta"));
    var list = el("ol", undefined, "evidence");
    e.evidence.forEach(function (x) {
      var li = el("li");
      li.appendChild(el("blockquote", x.text));
      li.appendChild(el("div", (x.by ? x.by + " \u2014 " : "") + x.doc + (x.date ? ", " + x.date : ""), "source"));
      list.appendChild(li);
    });
    panel.appendChild(list);
    select("edge", e.id);
  }

  function showNode(id) {
    clear();
    var n = byId[id];
    panel.appendChild(el("h2", label(id)));
    if (n) panel.appendChild(el("p", n.kind + (n.role ? ", " + n.role : "") + (n.affiliation ? ", speaks for " + label(n.affiliation) : ""), "meta"));
    var out = data.edges.filter(function (e) { return e.source === id && visible(e); });
    var inc = data.edges.filter(function (e) { return e.target === id && visible(e); });
    [["Its positions", out, "target"], ["Positions toward it", inc, "source"]].forEach(function (part) {
      panel.appendChild(el("h3", part[0] + " (" + part[1].length + ")"));
      var ul = el("ul", undefined, "positions");
      part[1].forEach(function (e) {
        var li = el("li");
        var a = el("a", e.type + " \u2014 " + label(e[part[2]]) + " \u00d7" + e.count, e.polarity);
        a.href = "#";
        a.setAttribute("data-edge", e.id);
        a.addEventListener("click", function (ev) { ev.preventDefault(); showEdge(e); });
        li.appendChild(a);
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    });
    select("node", "n:" + id);
  }

  function select(kind, id) {
    Array.prototype.forEach.call(svg.querySelectorAll(".selected"), function (g) { g.classList.remove("selected"); });
    var g = document.getElementById(id);
    if (g) g.classList.add("selected");
  }

  var filters = {
    polarity: { support: true, oppose: true, neutral: true, statement: true },
    type: "", since: "", until: ""
  };
  function visible(e) {
    if (!filters.polarity[e.polarity]) return false;
    if (filters.type && (e.types || [e.type]).indexOf(filters.type) < 0) return false;
    if (filters.since && (!e.last_date || e.last_date < filters.since)) return false;
    if (filters.until && (!e.first_date || e.first_date > filters.until)) return false;
    return true;
  }
  function applyFilters() {
    var shown = 0;
    data.edges.forEach(function (e) {
      var g = document.getElementById(e.id);
      var on = visible(e);
      if (on) shown++;
      if (g) g.style.display = on ? "" : "none";
    });
    document.getElementById("count").textContent = shown + " of " + data.edges.length + " arrows shown";
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[name=polarity]"), function (box) {
    box.addEventListener("change", function () { filters.polarity[box.value] = box.checked; applyFilters(); });
  });
  var typeSelect = document.getElementById("type");
  var types = {};
  data.edges.forEach(function (e) { (e.types || [e.type]).forEach(function (t) { types[t] = true; }); });
  Object.keys(types).sort().forEach(function (t) { var o = el("option", t); o.value = t; typeSelect.appendChild(o); });
  typeSelect.addEventListener("change", function () { filters.type = typeSelect.value; applyFilters(); });
  ["since", "until"].forEach(function (k) {
    var input = document.getElementById(k);
    input.addEventListener("change", function () { filters[k] = input.value; applyFilters(); });
  });
  document.getElementById("search").addEventListener("input", function (ev) {
    var q = ev.target.value.trim().toLowerCase();
    var first = null;
    data.nodes.forEach(function (n) {
      var g = document.getElementById("n:" + n.id);
      if (!g) return;
      var hit = q.length > 0 && (n.label.toLowerCase().indexOf(q) >= 0 || n.id.indexOf(q) >= 0 ||
        (n.aliases || []).some(function (a) { return a.toLowerCase().indexOf(q) >= 0; }));
      g.classList.toggle("hit", hit);
      if (hit && !first) first = g;
    });
    if (first && first.scrollIntoView) first.scrollIntoView({ block: "center", inline: "center" });
  });

  svg.addEventListener("click", function (ev) {
    if (drag && drag.moved) return;
    var g = ev.target.closest ? ev.target.closest("g.node, g.edge") : null;
    if (!g) return;
    if (g.classList.contains("edge") && edges[g.id]) showEdge(edges[g.id]);
    if (g.classList.contains("node") && g.id.indexOf("n:") === 0) showNode(g.id.slice(2));
  });
  // Fit, zoom and pan: the drawing's viewBox is the camera. It opens fitted to the
  // window; the wheel zooms about the pointer, a drag pans, "Fit" goes back.
  var home = svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width > 0 ?
    [svg.viewBox.baseVal.x, svg.viewBox.baseVal.y, svg.viewBox.baseVal.width, svg.viewBox.baseVal.height] :
    [0, 0, parseFloat(svg.getAttribute("width")) || 1000, parseFloat(svg.getAttribute("height")) || 800];
  var view = home.slice();
  function show() { svg.setAttribute("viewBox", view.join(" ")); }
  svg.setAttribute("width", "100%");
  svg.setAttribute("height", "100%");
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  show();
  function toDrawing(ev) {
    var box = svg.getBoundingClientRect();
    var scale = Math.max(view[2] / box.width, view[3] / box.height);
    var x0 = view[0] + (view[2] - box.width * scale) / 2, y0 = view[1] + (view[3] - box.height * scale) / 2;
    return { x: x0 + (ev.clientX - box.left) * scale, y: y0 + (ev.clientY - box.top) * scale, scale: scale };
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var at = toDrawing(ev);
    var f = ev.deltaY < 0 ? 0.8 : 1.25;
    view = [at.x - (at.x - view[0]) * f, at.y - (at.y - view[1]) * f, view[2] * f, view[3] * f];
    show();
  }, { passive: false });
  var drag = null;
  svg.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, moved: false }; });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    var scale = toDrawing(ev).scale;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
    view[0] -= dx * scale; view[1] -= dy * scale;
    drag.x = ev.clientX; drag.y = ev.clientY;
    show();
  });
  window.addEventListener("mouseup", function () { setTimeout(function () { drag = null; }, 0); });
  document.getElementById("fit").addEventListener("click", function () { view = home.slice(); show(); });
  if (data.note) panel.appendChild(el("p", data.note, "meta"));
  applyFilters();
  document.body.setAttribute("data-ready", "true");
})();
