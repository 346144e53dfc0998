/* actorgraph interactive view (our own code, inlined into each page).
 *
 * Reads the graph from the JSON data block (id "ag-data") and draws it as SVG.
 * Safety rule of this file: data reach the page only through textContent, setAttribute on
 * attributes that do not run code, and hrefs checked against http/https/mailto. No markup is
 * ever parsed from data, no code is built from text, no network request is made.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var LINK = /^(https?|mailto):/i;
  var DATA = JSON.parse(document.getElementById("ag-data").textContent);

  // ---------------------------------------------------------------- helpers
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    setAll(e, attrs);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function sv(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    setAll(e, attrs);
    return e;
  }
  function setAll(e, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "class") e.setAttribute("class", v);
      else e.setAttribute(k, String(v));
    });
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  }
  function clear(e) {
    while (e.firstChild) e.removeChild(e.firstChild);
  }
  function toggle(e, cls, on) {
    if (on) e.classList.add(cls);
    else e.classList.remove(cls);
  }
  /** Day ordinal (proleptic Gregorian, 0001-01-01 = 1) -> "YYYY-MM-DD". */
  function dayText(ord) {
    var d = new Date(Date.UTC(1970, 0, 1) + (ord - DATA.epoch) * 864e5);
    var y = d.getUTCFullYear();
    var ys = ("000" + y).slice(-4);
    return ys + "-" + ("0" + (d.getUTCMonth() + 1)).slice(-2) + "-" + ("0" + d.getUTCDate()).slice(-2);
  }
  /** The match-key folding of actorgraph.model.match_key (casefold approximated). */
  var APOS = /[\u2019\u2018\u02bc\u02bb\u0060\u00b4]/g;
  function fold(text) {
    var t = String(text).replace(APOS, "'").normalize("NFKC").toLowerCase();
    t = t.replace(/\u00df/g, "ss").replace(/\u03c2/g, "\u03c3").replace(APOS, "'");
    return t.replace(/\u0640/g, "").replace(/\s+/g, " ").trim();
  }
  function period(start, end) {
    if (start === null && end === null) return "undated";
    if (start !== null && start === end) return "on " + start;
    if (end === null) return "since " + start;
    if (start === null) return "until " + end;
    return start + " \u2013 " + end;
  }
  function active(item, lo, hi) {
    return (item.lo === null || item.lo <= hi) && (item.hi === null || item.hi >= lo);
  }

  // ---------------------------------------------------------------- model
  var actors = {};
  DATA.actors.forEach(function (a) {
    actors[a.id] = a;
    a.rels = [];
  });
  var types = {};
  DATA.types.forEach(function (t) {
    types[t.id] = t;
  });
  var kinds = {};
  DATA.kinds.forEach(function (k) {
    kinds[k.kind] = k;
  });
  var classes = {};
  DATA.classes.forEach(function (c) {
    classes[c.name] = c;
  });
  DATA.relations.forEach(function (r) {
    if (actors[r.source]) actors[r.source].rels.push(r);
    if (r.target !== r.source && actors[r.target]) actors[r.target].rels.push(r);
  });
  function nameOf(id) {
    return actors[id] ? actors[id].name : id;
  }

  var state = {
    types: {},
    kinds: {},
    dated: DATA.at !== null && DATA.range !== null,
    win: DATA.at || (DATA.range ? [DATA.range[1], DATA.range[1]] : [0, 0]),
    query: "",
    selected: null, // {kind: "actor"|"relation", id}
    labels: !!DATA.edge_labels,
  };
  DATA.types.forEach(function (t) {
    state.types[t.id] = true;
  });
  DATA.kinds.forEach(function (k) {
    state.kinds[k.kind] = true;
  });

  // ---------------------------------------------------------------- page skeleton
  var app = el("div", { class: "ag-app" });
  var head = add(el("header", { class: "ag-head" }), el("h1", null, DATA.title));
  if (DATA.description) add(head, el("p", null, DATA.description));
  var main = el("div", { class: "ag-main" });
  var side = el("aside", { class: "ag-side", "aria-label": "Search, filters and legend" });
  var stage = el("section", { class: "ag-stage", "aria-label": "Diagram" });
  var details = el("aside", { class: "ag-details", "aria-label": "Details", "aria-live": "polite" });
  add(app, head, add(main, side, stage, details));
  document.body.appendChild(app);

  // ---------------------------------------------------------------- diagram geometry
  var PAD = 70;
  var minx = Infinity, maxx = -Infinity, miny = Infinity, maxy = -Infinity;
  DATA.actors.forEach(function (a) {
    a.px = a.x;
    a.py = a.y;
    minx = Math.min(minx, a.px);
    maxx = Math.max(maxx, a.px);
    miny = Math.min(miny, a.py);
    maxy = Math.max(maxy, a.py + 16 * (a.lines.length - 1));
  });
  if (!DATA.actors.length) {
    minx = miny = 0;
    maxx = maxy = 600;
  }
  var home = [minx - PAD, miny - PAD * 0.7, maxx - minx + 2 * PAD, maxy - miny + PAD * 1.9];
  var view = home.slice();

  var svg = sv("svg", {
    class: "ag-svg",
    role: "img",
    "aria-label": "Network diagram of " + DATA.title,
    preserveAspectRatio: "xMidYMid meet",
  });
  var defs = sv("defs");
  DATA.classes.forEach(function (c) {
    var m = sv("marker", {
      id: "ag-arrow-" + c.name,
      viewBox: "0 0 10 10",
      refX: 9,
      refY: 5,
      markerWidth: 9,
      markerHeight: 9,
      markerUnits: "userSpaceOnUse",
      orient: "auto",
    });
    add(m, sv("path", { d: "M0,0.8L10,5L0,9.2Z", fill: c.color }));
    add(defs, m);
  });
  var gEdges = sv("g", { class: "ag-edges" });
  var gNodes = sv("g", { class: "ag-nodes" });
  add(svg, defs, gEdges, gNodes);
  if (!state.labels) svg.classList.add("ag-nolabels");
  var tip = el("div", { class: "ag-tip", role: "tooltip", hidden: "hidden" });
  var status = el("div", { class: "ag-status" });
  add(stage, svg, tip, status);

  function setView() {
    svg.setAttribute("viewBox", view.map(function (v) { return v.toFixed(2); }).join(" "));
  }
  setView();

  // ---------------------------------------------------------------- edges
  var edgeEls = {};
  function geometry(r) {
    var s = actors[r.source], t = actors[r.target];
    if (r.source === r.target) {
      var k = 1 + r.bend * 0.6;
      var x = s.px, y = s.py - s.r;
      var d =
        "M" + (x - 5) + "," + y + "C" + (x - 30 * k) + "," + (y - 48 * k) + " " +
        (x + 30 * k) + "," + (y - 48 * k) + " " + (x + 5) + "," + y;
      return { d: d, lx: x, ly: y - 38 * k, loop: true };
    }
    var dx = t.px - s.px, dy = t.py - s.py;
    var len = Math.sqrt(dx * dx + dy * dy) || 1;
    var nx = -dy / len, ny = dx / len;
    var off = r.bend * 46;
    var cx = (s.px + t.px) / 2 + nx * off, cy = (s.py + t.py) / 2 + ny * off;
    function towards(px, py, qx, qy, dist) {
      var ex = qx - px, ey = qy - py;
      var l = Math.sqrt(ex * ex + ey * ey) || 1;
      return [px + (ex / l) * dist, py + (ey / l) * dist];
    }
    var a = towards(s.px, s.py, cx, cy, s.r + 2);
    var b = towards(t.px, t.py, cx, cy, t.r + (r.directed ? 3 : 2));
    var d2 = "M" + a[0].toFixed(1) + "," + a[1].toFixed(1) + "Q" + cx.toFixed(1) + "," +
      cy.toFixed(1) + " " + b[0].toFixed(1) + "," + b[1].toFixed(1);
    return {
      d: d2,
      lx: 0.25 * a[0] + 0.5 * cx + 0.25 * b[0],
      ly: 0.25 * a[1] + 0.5 * cy + 0.25 * b[1],
      bezier: [a, [cx, cy], b],
    };
  }
  DATA.relations.forEach(function (r) {
    if (!actors[r.source] || !actors[r.target]) return;
    var c = classes[r["class"]];
    var geo = geometry(r);
    r.geo = geo;
    var g = sv("g", {
      class: "ag-edge",
      "data-id": r.id,
      "data-type": r.type,
      tabindex: 0,
      role: "button",
      "aria-label": nameOf(r.source) + " " + r.label + " " + nameOf(r.target),
    });
    add(g, sv("path", { class: "ag-hitline", d: geo.d }));
    add(
      g,
      sv("path", {
        class: "ag-line",
        d: geo.d,
        stroke: c.color,
        "stroke-width": c.width,
        "stroke-dasharray": c.dash ? c.dash.split(" ").map(function (v) { return v * c.width; }).join(" ") : null,
        "marker-end": r.directed ? "url(#ag-arrow-" + c.name + ")" : null,
      })
    );
    var lab = sv("text", { class: "ag-edgelabel", x: geo.lx, y: geo.ly + 3.5, "text-anchor": "middle", fill: c.color });
    lab.textContent = r.text;
    r.labelEl = lab;
    add(g, lab);
    hookup(g, { kind: "relation", id: r.id });
    gEdges.appendChild(g);
    edgeEls[r.id] = g;
  });

  // ---------------------------------------------------------------- nodes
  var nodeEls = {};
  DATA.actors.forEach(function (a) {
    var k = kinds[a.kind];
    var g = sv("g", {
      class: "ag-node",
      "data-id": a.id,
      "data-kind": a.kind,
      transform: "translate(" + a.px.toFixed(1) + "," + a.py.toFixed(1) + ")",
      tabindex: 0,
      role: "button",
      "aria-label": a.name,
    });
    add(g, sv("circle", { class: "ag-ring", r: a.r + 8 }));
    add(g, sv("path", { class: "ag-shape", d: a.path, fill: k.color }));
    var text = sv("text", { "text-anchor": "middle", y: a.r + 15 });
    a.lines.forEach(function (line, i) {
      var ts = sv("tspan", { x: 0, dy: i ? "1.15em" : 0 });
      ts.textContent = line;
      text.appendChild(ts);
    });
    add(g, text);
    a.textEl = text;
    hookup(g, { kind: "actor", id: a.id });
    gNodes.appendChild(g);
    nodeEls[a.id] = g;
  });

  // ---------------------------------------------------------------- hover and click
  var dragged = false;
  function hookup(g, what) {
    g.addEventListener("mouseenter", function (ev) { showTip(what, ev); });
    g.addEventListener("mousemove", function (ev) { moveTip(ev); });
    g.addEventListener("mouseleave", function () { tip.hidden = true; });
    g.addEventListener("click", function (ev) {
      ev.stopPropagation();
      if (!dragged) select(what);
    });
    g.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        select(what);
      }
    });
  }
  function showTip(what, ev) {
    clear(tip);
    if (what.kind === "actor") {
      var a = actors[what.id];
      add(tip, el("div", null, a.name), el("div", { class: "ag-tipsub" }, kinds[a.kind].label));
    } else {
      var r = relById[what.id];
      add(
        tip,
        el("div", null, nameOf(r.source) + " " + r.label + " " + nameOf(r.target)),
        el("div", { class: "ag-tipsub" }, period(r.start, r.end) + " \u00b7 " + r.sources.length +
          (r.sources.length === 1 ? " source" : " sources") + " \u00b7 click for details")
      );
    }
    tip.hidden = false;
    moveTip(ev);
  }
  function moveTip(ev) {
    var box = stage.getBoundingClientRect();
    var x = ev.clientX - box.left + 14, y = ev.clientY - box.top + 14;
    if (x + 300 > box.width) x = Math.max(4, ev.clientX - box.left - 14 - tip.offsetWidth);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  var relById = {};
  DATA.relations.forEach(function (r) { relById[r.id] = r; });

  svg.addEventListener("click", function () {
    if (!dragged) select(null);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && state.selected && ev.target !== search) select(null);
  });

  // ---------------------------------------------------------------- pan and zoom
  var pan = null;
  svg.addEventListener("mousedown", function (ev) {
    if (ev.button !== 0) return;
    pan = { x: ev.clientX, y: ev.clientY, view: view.slice() };
    dragged = false;
  });
  window.addEventListener("mousemove", function (ev) {
    if (!pan) return;
    var box = svg.getBoundingClientRect();
    var s = Math.max(pan.view[2] / box.width, pan.view[3] / box.height);
    var dx = ev.clientX - pan.x, dy = ev.clientY - pan.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 4) return;
    dragged = true;
    svg.classList.add("ag-panning");
    view[0] = pan.view[0] - dx * s;
    view[1] = pan.view[1] - dy * s;
    setView();
  });
  window.addEventListener("mouseup", function () {
    pan = null;
    svg.classList.remove("ag-panning");
    setTimeout(function () { dragged = false; }, 0);
  });
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var box = svg.getBoundingClientRect();
    var s = Math.max(view[2] / box.width, view[3] / box.height);
    // the point under the pointer stays put
    var ox = view[0] + (view[2] - box.width * s) / 2, oy = view[1] + (view[3] - box.height * s) / 2;
    var px = ox + (ev.clientX - box.left) * s, py = oy + (ev.clientY - box.top) * s;
    var f = ev.deltaY > 0 ? 1.15 : 1 / 1.15;
    view = [px - (px - view[0]) * f, py - (py - view[1]) * f, view[2] * f, view[3] * f];
    setView();
  }, { passive: false });

  // ---------------------------------------------------------------- sidebar: search
  add(side, el("h2", null, "Search"));
  var search = el("input", {
    class: "ag-search",
    type: "search",
    placeholder: "Name or alias",
    "aria-label": "Search actors by name or alias",
    autocomplete: "off",
    spellcheck: "false",
  });
  var matchList = el("ul", { class: "ag-matches" });
  add(side, search, matchList);
  search.addEventListener("input", function () {
    state.query = fold(search.value);
    render();
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var hits = searchHits();
      if (hits.length) select({ kind: "actor", id: hits[0].id });
    } else if (ev.key === "Escape") {
      search.value = "";
      state.query = "";
      render();
    }
  });
  function searchHits() {
    if (!state.query) return [];
    return DATA.actors.filter(function (a) {
      return a.keys.some(function (k) { return k.indexOf(state.query) >= 0; });
    });
  }

  // ---------------------------------------------------------------- sidebar: date
  var dateBox = null, slider = null, dateCheck = null, dateLabel = null, stepBack = null, stepOn = null;
  add(side, el("h2", null, "Date"));
  if (DATA.range) {
    dateCheck = el("input", { type: "checkbox", class: "ag-datecheck" });
    dateCheck.checked = state.dated;
    add(side, add(el("label", { class: "ag-row" }), dateCheck, document.createTextNode("Show the graph as of a date")));
    slider = el("input", {
      class: "ag-slider",
      type: "range",
      min: DATA.range[0],
      max: DATA.range[1] > DATA.range[0] ? DATA.range[1] : DATA.range[0] + 1,
      step: 1,
      "aria-label": "Date",
    });
    slider.value = String(state.win[0]);
    dateLabel = el("span", { class: "ag-datelabel" });
    stepBack = el("button", { class: "ag-step", type: "button", "aria-label": "Previous change", title: "Previous change" }, "\u2039");
    stepOn = el("button", { class: "ag-step", type: "button", "aria-label": "Next change", title: "Next change" }, "\u203a");
    dateBox = add(el("div", { class: "ag-date" }), stepBack, dateLabel, stepOn);
    add(side, slider, dateBox);
    add(side, el("p", { class: "ag-note" }, dayText(DATA.range[0] + 1) + " \u2013 " + dayText(DATA.range[1] - 1)));
    var fromSlider = function () {
      var v = parseInt(slider.value, 10);
      state.win = [v, v];
      state.winLabel = null;
      render();
    };
    slider.addEventListener("input", fromSlider);
    dateCheck.addEventListener("change", function () {
      state.dated = dateCheck.checked;
      render();
    });
    // The buttons jump between the days on which the graph changes: an actor or a relation
    // begins (its first day) or ends (the day after its last), so every click shows a change.
    var changes = [];
    DATA.actors.concat(DATA.relations).forEach(function (item) {
      if (item.lo !== null) changes.push(item.lo);
      if (item.hi !== null) changes.push(item.hi + 1);
    });
    changes = changes
      .filter(function (d) { return d >= DATA.range[0] && d <= DATA.range[1]; })
      .sort(function (a, b) { return a - b; })
      .filter(function (d, i, all) { return i === 0 || all[i - 1] !== d; });
    var stateStart = function (v) {
      var start = DATA.range[0];
      changes.forEach(function (d) { if (d <= v) start = d; });
      return start;
    };
    stepBack.addEventListener("click", function () {
      var start = stateStart(parseInt(slider.value, 10));
      slider.value = String(stateStart(start - 1));
      fromSlider();
    });
    stepOn.addEventListener("click", function () {
      var v = parseInt(slider.value, 10), next = null;
      changes.forEach(function (d) { if (next === null && d > v) next = d; });
      slider.value = String(next === null ? DATA.range[1] : next);
      fromSlider();
    });
    state.winLabel = DATA.at_label;
  } else {
    add(side, el("p", { class: "ag-note" }, "No actor or relation carries a date."));
  }

  // ---------------------------------------------------------------- sidebar: filters and legend
  function lineSwatch(c, directed) {
    var s = sv("svg", { width: 34, height: 12, viewBox: "0 0 34 12", "aria-hidden": "true" });
    add(s, sv("line", {
      x1: 1, y1: 6, x2: directed ? 25 : 33, y2: 6, stroke: c.color, "stroke-width": c.width,
      "stroke-dasharray": c.dash ? c.dash.split(" ").map(function (v) { return v * c.width; }).join(" ") : null,
    }));
    if (directed) add(s, sv("path", { d: "M25,2L33,6L25,10Z", fill: c.color }));
    return s;
  }
  function markerSwatch(k) {
    var s = sv("svg", { width: 16, height: 16, viewBox: "-8 -8 16 16", "aria-hidden": "true" });
    add(s, sv("path", { d: k.icon, fill: k.color, stroke: "#333", "stroke-width": 0.8 }));
    return s;
  }
  function checkList(title, items, store, key, swatch, label) {
    add(side, el("h2", null, title));
    var links = el("div", { class: "ag-links" });
    var all = el("button", { type: "button" }, "all"), none = el("button", { type: "button" }, "none");
    add(side, add(links, all, none));
    var boxes = [];
    items.forEach(function (it) {
      var cb = el("input", { type: "checkbox", "data-filter": key, value: it[key] });
      cb.checked = true;
      cb.addEventListener("change", function () {
        store[it[key]] = cb.checked;
        render();
      });
      boxes.push(cb);
      add(side, add(el("label", { class: "ag-row" }), cb, swatch(it), el("span", null, label(it)),
        el("span", { class: "ag-count" }, it.count)));
    });
    function setAllBoxes(on) {
      boxes.forEach(function (cb) {
        cb.checked = on;
        store[cb.value] = on;
      });
      render();
    }
    all.addEventListener("click", function () { setAllBoxes(true); });
    none.addEventListener("click", function () { setAllBoxes(false); });
  }
  add(side, el("h2", null, "Legend"));
  DATA.classes.forEach(function (c) {
    add(side, add(el("div", { class: "ag-row" }), lineSwatch(c, false), el("span", null, c.label)));
  });
  add(side, el("p", { class: "ag-note" }, "Arrows point from the actor that acts to the one acted on; " +
    "lines without arrows are symmetric relations. Each actor kind has its own colour and shape."));
  var labelsCheck = el("input", { type: "checkbox" });
  labelsCheck.checked = state.labels;
  labelsCheck.addEventListener("change", function () {
    state.labels = labelsCheck.checked;
    toggle(svg, "ag-nolabels", !state.labels);
    placeLabels(true);
  });
  add(side, add(el("label", { class: "ag-row" }), labelsCheck, document.createTextNode("Relation labels")));

  checkList("Relation types", DATA.types, state.types, "id",
    function (t) { return lineSwatch(classes[t["class"]], t.directed); },
    function (t) { return t.label; });
  checkList("Actor kinds", DATA.kinds, state.kinds, "kind", markerSwatch,
    function (k) { return k.label; });

  // ---------------------------------------------------------------- details panel
  function dl(rows) {
    var d = el("dl", { class: "ag-dl" });
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === "") return;
      add(d, el("dt", null, row[0]), el("dd", null, row[1]));
    });
    return d;
  }
  function attrRows(obj) {
    return Object.keys(obj || {}).map(function (k) {
      var v = obj[k];
      return [k.replace(/_/g, " "), typeof v === "string" ? v : JSON.stringify(v)];
    });
  }
  function actorLink(id) {
    var b = el("button", { type: "button", class: "ag-linkbtn" }, nameOf(id));
    if (actors[id]) b.addEventListener("click", function () { select({ kind: "actor", id: id }); });
    return b;
  }
  function intro() {
    clear(details);
    add(details, el("h2", null, "Details"));
    add(details, el("p", { class: "ag-note" },
      "Hover over an actor or a relation for a summary; click it for its details and sources."));
    add(details, dl([
      ["Actors", String(DATA.actors.length)],
      ["Relations", String(DATA.relations.length)],
      ["Dates", DATA.range ? dayText(DATA.range[0] + 1) + " \u2013 " + dayText(DATA.range[1] - 1) : "none"],
    ]));
  }
  function showActor(a) {
    clear(details);
    var k = kinds[a.kind];
    add(details, el("h2", null, "Actor"), el("h3", { class: "ag-title" }, a.name));
    add(details, add(el("p", { class: "ag-sub" }), markerSwatch(k), el("span", null, k.label)));
    var rows = [["id", a.id], ["Also known as", a.aliases.join("; ")]];
    if (a.start !== null || a.end !== null) rows.push(["Existed", period(a.start, a.end)]);
    Object.keys(a.ids).forEach(function (s) { rows.push([s, a.ids[s]]); });
    add(details, dl(rows.concat(attrRows(a.attrs))));
    add(details, el("h2", null, "Relations (" + a.rels.length + ")"));
    var ul = el("ul", { class: "ag-rels" });
    a.rels.forEach(function (r) {
      var out = r.source === a.id;
      var li = el("li");
      var b = el("button", { type: "button", class: "ag-linkbtn" },
        out || !r.directed ? r.label + " " + nameOf(out ? r.target : r.source)
          : types[r.type].inverse_label + " " + nameOf(r.source));
      b.addEventListener("click", function () { select({ kind: "relation", id: r.id }); });
      add(ul, add(li, b, document.createTextNode(" "), el("span", { class: "ag-when" }, period(r.start, r.end))));
    });
    add(details, ul);
  }
  function showRelation(r) {
    clear(details);
    var c = classes[r["class"]];
    add(details, el("h2", null, "Relation"));
    add(details, add(el("h3", { class: "ag-title" }), actorLink(r.source), document.createTextNode(" " + r.label + " "), actorLink(r.target)));
    add(details, add(el("p", { class: "ag-sub" }), lineSwatch(c, r.directed), el("span", null, c.label + " \u00b7 " + r.type)));
    add(details, dl([
      ["When", period(r.start, r.end)],
      ["Status", r.status],
      ["Confidence", r.confidence === null ? null : String(r.confidence)],
      ["Claimed by", r.asserted_by === null ? null : r.asserted_by_name],
      ["id", r.id],
    ].concat(attrRows(r.attrs))));
    add(details, el("h2", null, r.sources.length === 1 ? "Source" : "Sources (" + r.sources.length + ")"));
    if (!r.sources.length) add(details, el("p", { class: "ag-note" }, "No source given."));
    r.sources.forEach(function (s) {
      var box = el("div", { class: "ag-source" });
      if (s.quote) add(box, el("blockquote", { class: "ag-quote" }, "\u201c" + s.quote + "\u201d"));
      var cite = [s.publisher, s.title, s.author, s.date].filter(function (v) { return v; }).join(", ");
      if (cite) add(box, el("div", { class: "ag-cite" }, "\u2014 " + cite));
      if (s.url) {
        var url = String(s.url).trim();
        if (s.href && LINK.test(url)) {
          var a = el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, url);
          add(box, add(el("div", { class: "ag-cite" }), a));
        } else {
          add(box, el("div", { class: "ag-cite" }, url));
        }
      }
      add(details, box);
    });
  }
  function select(what) {
    state.selected = what;
    if (!what) intro();
    else if (what.kind === "actor") showActor(actors[what.id]);
    else showRelation(relById[what.id]);
    render();
  }

  // ---------------------------------------------------------------- render
  // ---------------------------------------------------------------- label placement
  // Greedy, like plot_network: each label takes the candidate spot that overlaps least with
  // the labels already placed, the markers and (weighted) the lines drawn.
  var LINE_H = 13.5 * 1.15;
  var placedFor = null;
  function overlap(a, b) {
    var w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
    var h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
    return w > 0 && h > 0 ? w * h : 0;
  }
  function bez(p, t) {
    var u = 1 - t;
    return [
      u * u * p[0][0] + 2 * u * t * p[1][0] + t * t * p[2][0],
      u * u * p[0][1] + 2 * u * t * p[1][1] + t * t * p[2][1],
    ];
  }
  /** Where a node label goes for a spot (0 below, 1 above, 2 right, 3 left). */
  function nodeSpot(a, spot) {
    var n = a.lines.length, x = 0, y = a.r + 15, anchor = "middle";
    if (spot === 1) y = -a.r - 7 - LINE_H * (n - 1);
    else if (spot === 2 || spot === 3) {
      x = spot === 2 ? a.r + 6 : -a.r - 6;
      y = 4.5 - (LINE_H * (n - 1)) / 2;
      anchor = spot === 2 ? "start" : "end";
    }
    return { x: x, y: y, anchor: anchor };
  }
  function applyNodeSpot(a, spot) {
    var p = nodeSpot(a, spot);
    a.textEl.setAttribute("y", p.y.toFixed(1));
    a.textEl.setAttribute("text-anchor", p.anchor);
    Array.prototype.forEach.call(a.textEl.childNodes, function (ts) { ts.setAttribute("x", p.x); });
  }
  function spanBox(x, y, anchor, m) {
    var left = anchor === "middle" ? x - m.w / 2 : anchor === "start" ? x : x - m.w;
    return [left - 2, y + m.top - 1, left + m.w + 2, y + m.top + m.h + 1];
  }
  /** Text sizes, measured once per label (all reads in one pass: one layout, no thrashing). */
  function measure(items, textOf, yOf) {
    var todo = items.filter(function (it) { return !it.size; });
    var boxes = todo.map(function (it) { return textOf(it).getBBox(); });
    todo.forEach(function (it, i) {
      var b = boxes[i];
      if (b.width > 0) it.size = { w: b.width, h: b.height, top: b.y - yOf(it) };
    });
  }
  function placeLabels(force) {
    var shown = DATA.actors.filter(function (a) { return !nodeEls[a.id].classList.contains("ag-off"); });
    var lines = DATA.relations.filter(function (r) {
      return edgeEls[r.id] && !edgeEls[r.id].classList.contains("ag-off") && r.geo.bezier;
    });
    var key = shown.map(function (a) { return a.id; }).join("\n") + "\t" +
      lines.map(function (r) { return r.id; }).join("\n") + "\t" + state.labels;
    if (!force && key === placedFor) return;
    placedFor = key;
    if (shown.length > 400 || lines.length > 3000) return;
    measure(shown, function (a) { return a.textEl; }, function (a) {
      return parseFloat(a.textEl.getAttribute("y"));
    });
    if (state.labels) {
      measure(lines, function (r) { return r.labelEl; }, function (r) {
        return parseFloat(r.labelEl.getAttribute("y"));
      });
    }
    var placed = [];
    var markers = shown.map(function (a) { return [a.px - a.r, a.py - a.r, a.px + a.r, a.py + a.r]; });
    var pts = [];
    lines.forEach(function (r) {
      for (var i = 1; i < 10; i++) {
        var p = bez(r.geo.bezier, i / 10);
        pts.push([p[0], p[1], r.id]);
      }
    });
    var frame = [home[0], home[1], home[0] + home[2], home[1] + home[3]];
    function cost(box, own) {
      var c = 2 * ((box[2] - box[0]) * (box[3] - box[1]) - overlap(box, frame)), i;
      for (i = 0; i < placed.length; i++) c += overlap(box, placed[i]);
      for (i = 0; i < markers.length; i++) c += 1.5 * overlap(box, markers[i]);
      for (i = 0; i < pts.length; i++) {
        var p = pts[i];
        if (p[2] !== own && p[0] > box[0] && p[0] < box[2] && p[1] > box[1] && p[1] < box[3]) c += 40;
      }
      return c;
    }
    function choose(boxes, own) {
      var best = 0, bestCost = Infinity;
      for (var k = 0; k < boxes.length; k++) {
        var c = cost(boxes[k], own);
        if (c < bestCost - 1e-9) {
          best = k;
          bestCost = c;
        }
        if (c === 0) break;
      }
      placed.push(boxes[best]);
      return best;
    }
    var writes = [];
    shown.slice().sort(function (a, b) {
      return b.rels.length - a.rels.length || (a.id < b.id ? -1 : 1);
    }).forEach(function (a) {
      if (!a.size) return;
      var m = a.size;
      var boxes = [0, 1, 2, 3].map(function (k) {
        var p = nodeSpot(a, k);
        var top0 = m.top; // measured with the first line at the spot's y
        return spanBox(a.px + p.x, a.py + p.y, p.anchor, { w: m.w, h: m.h, top: top0 });
      });
      var k = choose(boxes, null);
      writes.push(function () { applyNodeSpot(a, k); });
    });
    if (state.labels) {
      var ts = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78];
      lines.forEach(function (r) {
        if (!r.size) return;
        var spots = ts.map(function (t) { return bez(r.geo.bezier, t); });
        var boxes = spots.map(function (p) { return spanBox(p[0], p[1] + 3.5, "middle", r.size); });
        var k = choose(boxes, r.id);
        writes.push(function () {
          r.labelEl.setAttribute("x", spots[k][0].toFixed(1));
          r.labelEl.setAttribute("y", (spots[k][1] + 3.5).toFixed(1));
        });
      });
    }
    writes.forEach(function (w) { w(); });
  }

  /** Once, after the first placement: the home view takes in every label. */
  function fitHome() {
    var b = svg.querySelector(".ag-nodes").getBBox(), e = svg.querySelector(".ag-edges").getBBox();
    if (!b.width && !e.width) return;
    var x0 = Math.min(b.x, e.width ? e.x : b.x), y0 = Math.min(b.y, e.height ? e.y : b.y);
    var x1 = Math.max(b.x + b.width, e.x + e.width), y1 = Math.max(b.y + b.height, e.y + e.height);
    home = [x0 - 24, y0 - 24, x1 - x0 + 48, y1 - y0 + 48];
    view = home.slice();
    setView();
  }

  function render() {
    var lo = state.win[0], hi = state.win[1];
    var dated = state.dated;
    var seen = {}, nActors = 0, nRels = 0, publishers = {};
    var hits = searchHits(), hitSet = {};
    hits.forEach(function (a) { hitSet[a.id] = true; });
    var sel = state.selected;
    var focus = null; // ids of actors and relations in focus (selection or search)
    if (sel && sel.kind === "actor") {
      focus = {};
      focus[sel.id] = true;
      actors[sel.id].rels.forEach(function (r) {
        focus[r.id] = true;
        focus[r.source] = true;
        focus[r.target] = true;
      });
    } else if (sel && sel.kind === "relation") {
      focus = {};
      var sr = relById[sel.id];
      focus[sr.id] = focus[sr.source] = focus[sr.target] = true;
    } else if (state.query) {
      focus = hitSet;
    }
    DATA.actors.forEach(function (a) {
      var on = !!state.kinds[a.kind] && (!dated || active(a, lo, hi));
      seen[a.id] = on;
      if (on) nActors++;
      var g = nodeEls[a.id];
      toggle(g, "ag-off", !on);
      toggle(g, "ag-hit", !!hitSet[a.id]);
      toggle(g, "ag-selected", !!(sel && sel.kind === "actor" && sel.id === a.id));
      toggle(g, "ag-dim", !!focus && !focus[a.id]);
    });
    DATA.relations.forEach(function (r) {
      var g = edgeEls[r.id];
      if (!g) return;
      var on = !!state.types[r.type] && seen[r.source] && seen[r.target] && (!dated || active(r, lo, hi));
      if (on) {
        nRels++;
        r.sources.forEach(function (src) {
          var who = src.publisher || src.title || src.url;
          publishers[who] = (publishers[who] || 0) + 1;
        });
      }
      toggle(g, "ag-off", !on);
      toggle(g, "ag-selected", !!(sel && sel.kind === "relation" && sel.id === r.id));
      var inFocus = !focus || focus[r.id] || (!sel && focus[r.source] && focus[r.target]);
      toggle(g, "ag-dim", !inFocus);
    });
    // search matches
    clear(matchList);
    hits.slice(0, 8).forEach(function (a) {
      var b = el("button", { type: "button", class: "ag-linkbtn" }, a.name);
      b.addEventListener("click", function () { select({ kind: "actor", id: a.id }); });
      add(matchList, add(el("li"), b));
    });
    if (state.query && !hits.length) add(matchList, el("li", { class: "ag-note" }, "No match."));
    else if (hits.length > 8) add(matchList, el("li", { class: "ag-note" }, "\u2026 and " + (hits.length - 8) + " more"));
    // date controls
    if (slider) {
      slider.disabled = !dated;
      stepBack.disabled = stepOn.disabled = !dated;
      dateLabel.textContent = dated ? (state.winLabel || dayText(lo)) : "all dates";
    }
    // status line
    clear(status);
    add(status,
      el("span", { class: "ag-count-actors" }, nActors + " of " + DATA.actors.length + " actors"),
      el("span", { class: "ag-count-relations" }, nRels + " of " + DATA.relations.length + " relations"),
      el("span", null, dated ? "as of " + (state.winLabel || dayText(lo)) : "all dates"));
    if (state.query) add(status, el("span", null, hits.length + (hits.length === 1 ? " match" : " matches")));
    var pubs = Object.keys(publishers).sort(function (a, b) {
      return publishers[b] - publishers[a] || (a < b ? -1 : 1);
    });
    if (pubs.length) {
      var more = pubs.length > 3 ? " and " + (pubs.length - 3) + " more" : "";
      add(status, el("span", { class: "ag-sources" }, "Sources: " + pubs.slice(0, 3).join("; ") + more));
    }
    var reset = el("button", { type: "button", class: "ag-linkbtn ag-reset" }, "reset view");
    reset.addEventListener("click", function () {
      view = home.slice();
      setView();
    });
    add(status, reset);
    placeLabels(false);
  }

  intro();
  render();
  fitHome();
  document.documentElement.setAttribute("data-ag-ready", "1");
})();
