/* actorgraph interactive view (our own code, inlined into each page).
 *
 * Reads the graph from the JSON data block (id "ag-data") and draws it as SVG.
 * Safety rule of this file: data reach the page only through textContent, setAttribute on
 * attributes that do not run code, and hrefs checked against http/https/mailto. No markup is
 * ever parsed from data, no code is built from text, no network request is made. Every lookup
 * keyed by a value from the data is a Map, never a plain object, so that a kind or an id such as
 * "__proto__" or "constructor" is an ordinary key.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var LINK = /^(https?|mailto):/i;
  var DATA = JSON.parse(document.getElementById("ag-data").textContent);
  /** Widths at which the side panels fold behind buttons, and become sheets (CSS pixels). */
  var FOLD_QUERY = "(max-width: 1279px)", NARROW_QUERY = "(max-width: 640px)";
  /** Label sizes on screen (CSS pixels) at any zoom: node names, relation labels. */
  var NODE_PX = 12.5, EDGE_PX = 11;

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
      e.setAttribute(k, String(v));
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
  function byKey(list, key) {
    var m = new Map();
    list.forEach(function (it) { m.set(it[key], it); });
    return m;
  }
  /** Day ordinal (proleptic Gregorian, 0001-01-01 = 1) -> "YYYY-MM-DD". */
  function dayText(ord) {
    var d = new Date(Date.UTC(1970, 0, 1) + (ord - DATA.epoch) * 864e5);
    var ys = ("000" + d.getUTCFullYear()).slice(-4);
    return ys + "-" + ("0" + (d.getUTCMonth() + 1)).slice(-2) + "-" + ("0" + d.getUTCDate()).slice(-2);
  }
  /** "YYYY-MM-DD" -> day ordinal, or null. */
  function dayOf(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return null;
    var t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    if (isNaN(t)) return null;
    var ord = Math.round((t - Date.UTC(1970, 0, 1)) / 864e5) + DATA.epoch;
    return dayText(ord) === text ? ord : null;
  }
  /** The match-key folding of actorgraph.model.match_key (casefold approximated). */
  var APOS = /[\u2019\u2018\u02bc\u02bb\u0060\u00b4]/g;
  function fold(text) {
    var t = String(text).replace(APOS, "'").normalize("NFKC").toLowerCase();
    t = t.replace(/\u00df/g, "ss").replace(/\u03c2/g, "\u03c3").replace(APOS, "'");
    return t.replace(/\u0640/g, "").replace(/\s+/g, " ").trim();
  }
  function period(start, end) {
    if (start === null && end === null) return "date unknown";
    if (start !== null && start === end) return "on " + start;
    if (end === null) return "since " + start;
    if (start === null) return "until " + end;
    return start + " \u2013 " + end;
  }
  function relPeriod(r) {
    if (!r.undated) return period(r.start, r.end);
    return r.reported ? "date unknown (first reported " + r.reported + ")" : "date unknown";
  }
  function active(item, lo, hi) {
    return (item.lo === null || item.lo <= hi) && (item.hi === null || item.hi >= lo);
  }
  function media(q) {
    return window.matchMedia ? window.matchMedia(q) : { matches: false };
  }

  // ---------------------------------------------------------------- model
  var actors = byKey(DATA.actors, "id");
  var types = byKey(DATA.types, "id");
  var kinds = byKey(DATA.kinds, "kind");
  var classes = byKey(DATA.classes, "name");
  var relById = byKey(DATA.relations, "id");
  DATA.actors.forEach(function (a) { a.rels = []; });
  DATA.relations.forEach(function (r) {
    var s = actors.get(r.source), t = actors.get(r.target);
    if (s) s.rels.push(r);
    if (r.target !== r.source && t) t.rels.push(r);
  });
  function nameOf(id) {
    var a = actors.get(id);
    return a ? a.name : id;
  }
  // Claims without a period, by the page's policy (actorgraph.Undated): "mark" shows them at every
  // date drawn apart, with a switch ("drop" opens with it off); "keep" draws them as ordinary
  // claims; "reported" shows each from its first source's date on.
  var POLICY = DATA.undated || "mark";
  var MARKED = POLICY === "mark" || POLICY === "drop";
  var nUndatedAll = DATA.relations.filter(function (r) { return r.undated; }).length;
  var nUndated = MARKED ? nUndatedAll : 0;
  function marked(r) {
    return MARKED && r.undated;
  }
  /** Whether a relation is shown on the days lo..hi of a dated view. */
  function holds(r, lo, hi) {
    if (!r.undated || POLICY === "keep") return active(r, lo, hi);
    if (MARKED) return state.undated;
    return r.reported_lo !== null && r.reported_lo <= hi;
  }

  var state = {
    types: new Map(),
    kinds: new Map(),
    dated: DATA.at !== null && DATA.range !== null,
    // ticking the date box without `at` shows the last day the data name
    win: DATA.at || (DATA.range ? [DATA.range[1], DATA.range[1]] : [0, 0]),
    winLabel: DATA.at_label,
    undated: POLICY !== "drop", // in a dated view, show claims whose date is unknown (drawn apart)
    query: "",
    selected: null, // {kind: "actor"|"relation", id}
    labels: !!DATA.edge_labels,
    panel: null, // the folded panel that is open: "side", "details" or null
    embed: !!DATA.embed,
  };
  DATA.types.forEach(function (t) { state.types.set(t.id, true); });
  DATA.kinds.forEach(function (k) { state.kinds.set(k.kind, true); });

  // ---------------------------------------------------------------- page skeleton
  var app = el("div", { class: "ag-app" });
  var head = el("header", { class: "ag-head" });
  var titles = add(el("div", { class: "ag-titles" }), el("h1", null, DATA.title));
  if (DATA.description) add(titles, el("p", { class: "ag-desc" }, DATA.description));
  function tool(text, attrs) {
    attrs.type = "button";
    attrs["class"] = "ag-tool " + (attrs["class"] || "");
    return el("button", attrs, text);
  }
  var sideBtn = tool("Filters", {
    "class": "ag-fold", "aria-controls": "ag-side", "aria-expanded": "false",
    title: "Search, legend and filters",
  });
  var detailsBtn = tool("Details", { "class": "ag-fold", "aria-controls": "ag-details", "aria-expanded": "false" });
  var svgBtn = tool("SVG", {
    "class": "ag-export", "data-format": "svg", title: "Save the current view as an SVG picture",
    "aria-label": "Save the current view as SVG",
  });
  var pngBtn = tool("PNG", {
    "class": "ag-export", "data-format": "png", title: "Save the current view as a PNG picture",
    "aria-label": "Save the current view as PNG",
  });
  var tools = add(el("div", { class: "ag-tools", role: "toolbar", "aria-label": "View" }),
    sideBtn, detailsBtn, el("span", { class: "ag-save" }, "Save:"), svgBtn, pngBtn);
  add(head, titles, tools);
  var main = el("div", { class: "ag-main" });
  var side = el("aside", { id: "ag-side", class: "ag-side ag-panel", "aria-label": "Search, filters and legend" });
  var stage = el("section", { class: "ag-stage", "aria-label": "Diagram" });
  var details = el("aside", { id: "ag-details", class: "ag-details ag-panel", "aria-label": "Details" });
  var detailsBody = el("div", { class: "ag-body", "aria-live": "polite" });
  function closer(label) {
    var b = el("button", { type: "button", class: "ag-close", "aria-label": label, title: label }, "\u00d7");
    b.addEventListener("click", function () { openPanel(null, true); });
    return b;
  }
  add(details, closer("Close the details"), detailsBody);
  add(side, closer("Close the filters"));
  if (DATA.description) add(side, el("p", { class: "ag-about" }, DATA.description));
  add(app, head, add(main, side, stage, details));
  document.body.appendChild(app);

  /** Folded (panels behind buttons), narrow (details as a bottom sheet), embed (diagram only). */
  var foldMedia = media(FOLD_QUERY), narrowMedia = media(NARROW_QUERY);
  function hashOptions() {
    var opts = {};
    String(location.hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      var i = part.indexOf("=");
      var k = decodeURIComponent(i < 0 ? part : part.slice(0, i));
      opts[k === "embed" || k === "full" || k === "at" ? k : "other"] = i < 0 ? "" : decodeURIComponent(part.slice(i + 1));
    });
    return opts;
  }
  function folded() {
    return state.embed || foldMedia.matches;
  }
  function applyModes() {
    toggle(app, "ag-embed", state.embed);
    toggle(app, "ag-folded", folded());
    toggle(app, "ag-narrow", narrowMedia.matches);
    if (!folded()) openPanel(null, false);
  }
  function openPanel(which, refocus) {
    var was = state.panel;
    if (which === "side" && state.embed) which = null;
    state.panel = which;
    toggle(app, "ag-open-side", which === "side");
    toggle(app, "ag-open-details", which === "details");
    sideBtn.setAttribute("aria-expanded", String(which === "side"));
    detailsBtn.setAttribute("aria-expanded", String(which === "details"));
    if (refocus && which === null && was) (was === "side" ? sideBtn : state.embed ? svg : detailsBtn).focus();
  }
  sideBtn.addEventListener("click", function () {
    openPanel(state.panel === "side" ? null : "side", false);
    // into the panel; on a phone not into the search box, which would pop up the keyboard
    if (state.panel === "side") (narrowMedia.matches ? side.querySelector(".ag-close") : search).focus();
  });
  detailsBtn.addEventListener("click", function () {
    openPanel(state.panel === "details" ? null : "details", false);
  });

  (function () {
    var opts = hashOptions();
    if ("embed" in opts) state.embed = opts.embed !== "0";
    if ("full" in opts) state.embed = false;
    applyModes(); // before measuring the stage: its size depends on the mode
  })();

  // ---------------------------------------------------------------- diagram geometry
  // A tall stage (a phone held upright) gets the layout turned a quarter (x and y swapped), so
  // the widened picture fills it; pinned positions are the user's geometry and stay as given.
  var stageBox = stage.getBoundingClientRect();
  var turned = !DATA.pinned && stageBox.width > 0 && stageBox.height > stageBox.width * 1.15;
  DATA.actors.forEach(function (a) {
    a.px = turned ? a.y : a.x;
    a.py = turned ? a.x : a.y;
  });
  var home = [0, 0, 600, 600], view = home.slice();

  var svg = sv("svg", {
    class: "ag-svg",
    role: "group",
    tabindex: 0,
    "aria-roledescription": "network diagram",
    "aria-label": "Network diagram of " + DATA.title + ". Drag or use the arrow keys to pan, " +
      "the wheel, a pinch or + and - to zoom, 0 or a double tap to go back; Tab moves through " +
      "actors and relations, Enter opens one.",
    preserveAspectRatio: "xMidYMid meet",
  });
  var defs = sv("defs");
  DATA.classes.forEach(function (c) {
    var m = sv("marker", {
      id: "ag-arrow-" + c.name, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9,
      markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto",
    });
    add(m, sv("path", { d: "M0,0.8L10,5L0,9.2Z", fill: c.color }));
    add(defs, m);
  });
  var gEdges = sv("g", { class: "ag-edges" });
  var gNodes = sv("g", { class: "ag-nodes" });
  add(svg, defs, gEdges, gNodes);
  if (!state.labels) svg.classList.add("ag-nolabels");
  var tip = el("div", { class: "ag-tip", role: "tooltip", hidden: "hidden" });
  var zoomBox = el("div", { class: "ag-zoom", role: "group", "aria-label": "Zoom" });
  var zoomIn = el("button", { type: "button", "aria-label": "Zoom in", title: "Zoom in" }, "+");
  var zoomOut = el("button", { type: "button", "aria-label": "Zoom out", title: "Zoom out" }, "\u2212");
  var zoomHome = el("button", { type: "button", class: "ag-home", "aria-label": "Reset the view", title: "Reset the view" }, "\u21ba");
  add(zoomBox, zoomIn, zoomOut, zoomHome);
  var timebar = el("div", { class: "ag-timebar", role: "group", "aria-label": "Date" });
  var status = el("div", { class: "ag-status", role: "status" });
  add(stage, svg, zoomBox, tip, timebar, status);

  function setView() {
    svg.setAttribute("viewBox", view.map(function (v) { return v.toFixed(2); }).join(" "));
  }

  // ---------------------------------------------------------------- edges
  var edgeEls = new Map();
  function geometry(r) {
    var s = actors.get(r.source), t = actors.get(r.target);
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
  function dashes(c) {
    return c.dash ? c.dash.split(" ").map(function (v) { return v * c.width; }).join(" ") : null;
  }
  DATA.relations.forEach(function (r) {
    if (!actors.has(r.source) || !actors.has(r.target)) return;
    var c = classes.get(r["class"]);
    var geo = geometry(r);
    r.geo = geo;
    var g = sv("g", {
      class: "ag-edge" + (marked(r) ? " ag-undated" : ""),
      "data-id": r.id,
      "data-type": r.type,
      tabindex: 0,
      role: "button",
      "aria-label": nameOf(r.source) + " " + r.label + " " + nameOf(r.target) +
        (marked(r) ? " (date unknown)" : ""),
    });
    add(g, sv("path", { class: "ag-hitline", d: geo.d }));
    add(g, sv("path", {
      class: "ag-line", d: geo.d, stroke: c.color, "stroke-width": c.width, "stroke-dasharray": dashes(c),
      "marker-end": r.directed ? "url(#ag-arrow-" + c.name + ")" : null,
    }));
    var lab = sv("text", { class: "ag-edgelabel", x: geo.lx, y: geo.ly + 3.5, "text-anchor": "middle", fill: c.color });
    lab.textContent = r.text;
    var note = marked(r) ? " \u00b7 date unknown" : r.undated && POLICY === "reported" && r.reported ? " \u00b7 reported by " + r.reported : null;
    if (note) add(lab, add(sv("tspan", { class: "ag-unknown" }), document.createTextNode(note)));
    r.labelEl = lab;
    add(g, lab);
    hookup(g, { kind: "relation", id: r.id });
    gEdges.appendChild(g);
    edgeEls.set(r.id, g);
  });

  // ---------------------------------------------------------------- nodes
  var nodeEls = new Map();
  DATA.actors.forEach(function (a) {
    var k = kinds.get(a.kind);
    var g = sv("g", {
      class: "ag-node",
      "data-id": a.id,
      "data-kind": a.kind,
      transform: "translate(" + a.px.toFixed(1) + "," + a.py.toFixed(1) + ")",
      tabindex: 0,
      role: "button",
      "aria-label": a.name,
    });
    a.hitEl = sv("circle", { class: "ag-hitarea", r: a.r + 6 });
    add(g, a.hitEl, sv("circle", { class: "ag-ring", r: a.r + 8 }));
    add(g, sv("path", { class: "ag-shape", d: a.path, fill: k.color }));
    var text = sv("text", { class: "ag-label", "text-anchor": "middle", y: a.r + 15 });
    a.lines.forEach(function (line, i) {
      var ts = sv("tspan", { x: 0, dy: i ? "1.15em" : 0 });
      ts.textContent = line;
      text.appendChild(ts);
    });
    add(g, text);
    a.textEl = text;
    hookup(g, { kind: "actor", id: a.id });
    gNodes.appendChild(g);
    nodeEls.set(a.id, g);
  });

  // ---------------------------------------------------------------- hover, click, tap
  var dragged = false;
  function hookup(g, what) {
    g.addEventListener("pointerenter", function (ev) { if (ev.pointerType === "mouse" && !gesture) showTip(what, ev); });
    g.addEventListener("pointermove", function (ev) { if (ev.pointerType === "mouse" && !tip.hidden) moveTip(ev); });
    g.addEventListener("pointerleave", function () { tip.hidden = true; });
    g.addEventListener("click", function (ev) {
      ev.stopPropagation();
      if (!dragged) select(what, true);
    });
    g.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        select(what, true);
      }
    });
  }
  function showTip(what, ev) {
    clear(tip);
    if (what.kind === "actor") {
      var a = actors.get(what.id);
      add(tip, el("div", null, a.name), el("div", { class: "ag-tipsub" }, kinds.get(a.kind).label));
    } else {
      var r = relById.get(what.id);
      add(tip,
        el("div", null, nameOf(r.source) + " " + r.label + " " + nameOf(r.target)),
        el("div", { class: "ag-tipsub" }, relPeriod(r) + " \u00b7 " + r.sources.length +
          (r.sources.length === 1 ? " source" : " sources") + " \u00b7 click for details"));
    }
    tip.hidden = false;
    moveTip(ev);
  }
  function moveTip(ev) {
    var b = stage.getBoundingClientRect();
    var x = ev.clientX - b.left + 14, y = ev.clientY - b.top + 14;
    if (x + 300 > b.width) x = Math.max(4, ev.clientX - b.left - 14 - tip.offsetWidth);
    if (y + tip.offsetHeight > b.height) y = Math.max(4, ev.clientY - b.top - 14 - tip.offsetHeight);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  svg.addEventListener("click", function () {
    if (!dragged) select(null, false);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape" || ev.target === search) return;
    if (state.panel && folded()) openPanel(null, true);
    else if (state.selected) select(null, false);
  });

  // ---------------------------------------------------------------- pan and zoom
  // Pointer events serve mouse, pen and touch alike: one pointer pans, two pinch (zoom about
  // the fingers' midpoint, which follows them), a tap selects, a double tap goes home.
  function svgBox() {
    return svg.getBoundingClientRect();
  }
  function unitsPerPx(b, v) {
    v = v || view;
    return Math.max(v[2] / (b.width || 1), v[3] / (b.height || 1));
  }
  /** The user-space point under a screen point, for the view v. */
  function toUser(b, v, x, y) {
    var s = unitsPerPx(b, v);
    var ox = v[0] + (v[2] - b.width * s) / 2, oy = v[1] + (v[3] - b.height * s) / 2;
    return [ox + (x - b.left) * s, oy + (y - b.top) * s];
  }
  /** The part of user space on screen: the view box widened to the stage's shape. */
  function visibleRect() {
    var b = svgBox(), s = unitsPerPx(b);
    return [view[0] + (view[2] - b.width * s) / 2, view[1] + (view[3] - b.height * s) / 2, b.width * s, b.height * s];
  }
  function clampZoom(f, v) {
    var w = v[2] * f;
    if (w < home[2] / 25) return home[2] / 25 / v[2];
    if (w > home[2] * 6) return (home[2] * 6) / v[2];
    return f;
  }
  function zoomed(v, u, f) {
    return [u[0] - (u[0] - v[0]) * f, u[1] - (u[1] - v[1]) * f, v[2] * f, v[3] * f];
  }
  function zoomAt(x, y, f) {
    var b = svgBox();
    view = zoomed(view, toUser(b, view, x, y), clampZoom(f, view));
    setView();
    scheduleLabels();
  }
  function zoomCentre(f) {
    var b = svgBox();
    zoomAt(b.left + b.width / 2, b.top + b.height / 2, f);
  }
  function resetView() {
    view = home.slice();
    setView();
    scheduleLabels();
  }
  var pointers = new Map(), gesture = null, lastTap = null;
  function startGesture() {
    var pts = Array.from(pointers.values());
    if (!pts.length) {
      gesture = null;
      return;
    }
    var g = { view: view.slice(), b: svgBox(), n: Math.min(pts.length, 2) };
    if (g.n === 1) {
      g.x = pts[0].x;
      g.y = pts[0].y;
    } else {
      g.x = (pts[0].x + pts[1].x) / 2;
      g.y = (pts[0].y + pts[1].y) / 2;
      g.dist = Math.hypot(pts[0].x - pts[1].x, pts[0].y - pts[1].y) || 1;
    }
    gesture = g;
  }
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.pointerType === "mouse" && ev.button !== 0) return;
    if (!pointers.size) dragged = false;
    pointers.set(ev.pointerId, { x: ev.clientX, y: ev.clientY, target: ev.target, type: ev.pointerType });
    startGesture();
  });
  window.addEventListener("pointermove", function (ev) {
    var p = pointers.get(ev.pointerId);
    if (!p || !gesture) return;
    p.x = ev.clientX;
    p.y = ev.clientY;
    var g = gesture, s = unitsPerPx(g.b, g.view);
    if (g.n === 1) {
      var dx = p.x - g.x, dy = p.y - g.y;
      if (!dragged && Math.abs(dx) + Math.abs(dy) < (ev.pointerType === "mouse" ? 4 : 10)) return;
      dragged = true;
      tip.hidden = true;
      svg.classList.add("ag-panning");
      view = [g.view[0] - dx * s, g.view[1] - dy * s, g.view[2], g.view[3]];
      setView();
      return;
    }
    var pts = Array.from(pointers.values());
    var mx = (pts[0].x + pts[1].x) / 2, my = (pts[0].y + pts[1].y) / 2;
    var f = clampZoom(g.dist / (Math.hypot(pts[0].x - pts[1].x, pts[0].y - pts[1].y) || 1), g.view);
    dragged = true;
    tip.hidden = true;
    var v = zoomed(g.view, toUser(g.b, g.view, g.x, g.y), f);
    v[0] -= (mx - g.x) * s * f;
    v[1] -= (my - g.y) * s * f;
    view = v;
    setView();
    scheduleLabels();
  });
  function endPointer(ev) {
    var p = pointers.get(ev.pointerId);
    if (!p) return;
    pointers.delete(ev.pointerId);
    if (ev.type === "pointerup" && !dragged && !pointers.size && p.type !== "mouse") {
      // a tap selects here, not on the click that may follow (some browsers send none or late)
      var item = p.target && p.target.closest ? p.target.closest(".ag-node, .ag-edge") : null;
      var background = !item;
      if (item) {
        select({ kind: item.classList.contains("ag-node") ? "actor" : "relation", id: item.getAttribute("data-id") }, true);
      } else if (state.selected) {
        select(null, false);
      }
      var again = lastTap && ev.timeStamp - lastTap.t < 400 &&
        Math.hypot(ev.clientX - lastTap.x, ev.clientY - lastTap.y) < 40;
      if (background && again) {
        resetView();
        lastTap = null;
      } else {
        lastTap = background ? { t: ev.timeStamp, x: ev.clientX, y: ev.clientY } : null;
      }
    }
    if (!pointers.size) {
      gesture = null;
      svg.classList.remove("ag-panning");
      setTimeout(function () { dragged = false; }, 0);
    } else {
      startGesture();
    }
  }
  window.addEventListener("pointerup", endPointer);
  window.addEventListener("pointercancel", endPointer);
  svg.addEventListener("dblclick", function (ev) {
    if (!(ev.target.closest && ev.target.closest(".ag-node, .ag-edge"))) resetView();
  });
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    zoomAt(ev.clientX, ev.clientY, ev.deltaY > 0 ? 1.15 : 1 / 1.15);
  }, { passive: false });
  svg.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var step = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[ev.key];
    if (step) {
      view[0] += step[0] * view[2] * 0.1;
      view[1] += step[1] * view[3] * 0.1;
      setView();
    } else if (ev.key === "+" || ev.key === "=") zoomCentre(1 / 1.25);
    else if (ev.key === "-" || ev.key === "_") zoomCentre(1.25);
    else if (ev.key === "0") resetView();
    else return;
    ev.preventDefault();
  });
  zoomIn.addEventListener("click", function () { zoomCentre(1 / 1.25); });
  zoomOut.addEventListener("click", function () { zoomCentre(1.25); });
  zoomHome.addEventListener("click", resetView);

  // ---------------------------------------------------------------- side panel: search
  add(side, el("h2", null, "Search"));
  var search = el("input", {
    class: "ag-search", type: "search", placeholder: "Name or alias",
    "aria-label": "Search actors by name or alias", autocomplete: "off", spellcheck: "false",
  });
  var matchList = el("ul", { class: "ag-matches", "aria-label": "Matches" });
  add(side, search, matchList);
  search.addEventListener("input", function () {
    state.query = fold(search.value);
    render();
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var hits = searchHits();
      if (hits.length) select({ kind: "actor", id: hits[0].id }, true);
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

  // ---------------------------------------------------------------- date bar
  var slider = null, dateCheck = null, dateLabel = null, stepBack = null, stepOn = null, undatedCheck = null;
  if (DATA.range) buildTimebar();
  else add(timebar, el("span", { class: "ag-note" }, "No actor or relation carries a date."));
  function buildTimebar() {
    dateCheck = el("input", { type: "checkbox", class: "ag-datecheck", "aria-label": "Show the graph as of a date" });
    dateCheck.checked = state.dated;
    var check = add(el("label", { class: "ag-row ag-asof", title: "Show the graph as of a date" }), dateCheck,
      el("span", null, "As of"));
    slider = el("input", {
      class: "ag-slider", type: "range", min: DATA.range[0], max: DATA.range[1], step: 1,
      "aria-label": "Date, " + dayText(DATA.range[0]) + " to " + dayText(DATA.range[1]),
    });
    if (DATA.range[1] === DATA.range[0]) slider.setAttribute("disabled", "disabled");
    slider.value = String(state.win[0]);
    dateLabel = el("output", { class: "ag-datelabel", "aria-live": "polite" });
    stepBack = el("button", { class: "ag-step", type: "button", "aria-label": "Previous change", title: "Previous change" }, "\u2039");
    stepOn = el("button", { class: "ag-step", type: "button", "aria-label": "Next change", title: "Next change" }, "\u203a");
    add(timebar, check, stepBack, slider, stepOn, dateLabel);
    if (nUndated) {
      undatedCheck = el("input", { type: "checkbox", class: "ag-undatedcheck" });
      undatedCheck.checked = state.undated;
      var swatch = sv("svg", { width: 22, height: 10, viewBox: "0 0 22 10", "aria-hidden": "true", class: "ag-unknown-swatch" });
      add(swatch, sv("line", { x1: 1, y1: 5, x2: 21, y2: 5 }));
      add(timebar, add(el("label", { class: "ag-row ag-undatedrow", title: "Claims with no date: shown faded at every date" }),
        undatedCheck, swatch, el("span", null, "date unknown (" + nUndated + ")")));
      undatedCheck.addEventListener("change", function () {
        state.undated = undatedCheck.checked;
        render();
      });
    }
    var fromSlider = function () {
      var v = Math.min(DATA.range[1], Math.max(DATA.range[0], parseInt(slider.value, 10)));
      state.win = [v, v];
      state.winLabel = null;
      render();
    };
    slider.addEventListener("input", fromSlider);
    dateCheck.addEventListener("change", function () {
      state.dated = dateCheck.checked;
      invalidateUndatedLabels();
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
      if (next === null) return; // after the last change nothing else happens
      slider.value = String(next);
      fromSlider();
    });
  }

  // ---------------------------------------------------------------- side panel: legend, filters
  function lineSwatch(c, directed) {
    var s = sv("svg", { width: 34, height: 12, viewBox: "0 0 34 12", "aria-hidden": "true" });
    add(s, sv("line", {
      x1: 1, y1: 6, x2: directed ? 25 : 33, y2: 6, stroke: c.color, "stroke-width": c.width,
      "stroke-dasharray": dashes(c),
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
    var heading = el("h2", null, title);
    var group = el("div", { role: "group", "aria-label": title });
    add(side, heading, group);
    var all = el("button", { type: "button", "aria-label": "Show every " + title.toLowerCase() }, "all");
    var none = el("button", { type: "button", "aria-label": "Hide every " + title.toLowerCase() }, "none");
    add(group, add(el("div", { class: "ag-links" }), all, none));
    var boxes = [];
    items.forEach(function (it) {
      var cb = el("input", { type: "checkbox", "data-filter": key, value: it[key] });
      cb.checked = true;
      cb.addEventListener("change", function () {
        store.set(it[key], cb.checked);
        render();
      });
      boxes.push([cb, it[key]]);
      add(group, add(el("label", { class: "ag-row" }), cb, swatch(it), el("span", null, label(it)),
        el("span", { class: "ag-count", "aria-label": it.count + " in the data" }, it.count)));
    });
    function setAllBoxes(on) {
      boxes.forEach(function (pair) {
        pair[0].checked = on;
        store.set(pair[1], on);
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
    "lines without arrows are symmetric relations. Each actor kind has its own colour and shape." +
    (nUndated ? " With a date set, claims whose date is unknown are drawn faded." : "")));
  var labelsCheck = el("input", { type: "checkbox", class: "ag-labelscheck" });
  labelsCheck.checked = state.labels;
  labelsCheck.addEventListener("change", function () {
    state.labels = labelsCheck.checked;
    toggle(svg, "ag-nolabels", !state.labels);
    placeLabels(true);
  });
  add(side, add(el("label", { class: "ag-row" }), labelsCheck, document.createTextNode("Relation labels")));
  checkList("Relation types", DATA.types, state.types, "id",
    function (t) { return lineSwatch(classes.get(t["class"]), t.directed); },
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
    if (actors.has(id)) b.addEventListener("click", function () { select({ kind: "actor", id: id }, true); });
    return b;
  }
  function intro() {
    clear(detailsBody);
    add(detailsBody, el("h2", null, "Details"));
    add(detailsBody, el("p", { class: "ag-note" },
      "Hover over or tap an actor or a relation for its details and sources."));
    add(detailsBody, dl([
      ["Actors", String(DATA.actors.length)],
      ["Relations", String(DATA.relations.length)],
      ["Dates", DATA.range ? dayText(DATA.range[0]) + " \u2013 " + dayText(DATA.range[1]) : "none"],
      ["Date unknown", nUndatedAll ? nUndatedAll + (nUndatedAll === 1 ? " relation" : " relations") : null],
    ]));
  }
  function showActor(a) {
    clear(detailsBody);
    var k = kinds.get(a.kind);
    add(detailsBody, el("h2", null, "Actor"), el("h3", { class: "ag-title" }, a.name));
    add(detailsBody, add(el("p", { class: "ag-sub" }), markerSwatch(k), el("span", null, k.label)));
    var rows = [["id", a.id], ["Also known as", a.aliases.join("; ")]];
    if (a.start !== null || a.end !== null) rows.push(["Existed", period(a.start, a.end)]);
    Object.keys(a.ids).forEach(function (s) { rows.push([s, a.ids[s]]); });
    add(detailsBody, dl(rows.concat(attrRows(a.attrs))));
    add(detailsBody, el("h2", null, "Relations (" + a.rels.length + ")"));
    var ul = el("ul", { class: "ag-rels" });
    a.rels.forEach(function (r) {
      var out = r.source === a.id;
      var b = el("button", { type: "button", class: "ag-linkbtn" },
        out || !r.directed ? r.label + " " + nameOf(out ? r.target : r.source)
          : types.get(r.type).inverse_label + " " + nameOf(r.source));
      b.addEventListener("click", function () { select({ kind: "relation", id: r.id }, true); });
      add(ul, add(el("li"), b, document.createTextNode(" "), el("span", { class: "ag-when" }, relPeriod(r))));
    });
    add(detailsBody, ul);
  }
  function showRelation(r) {
    clear(detailsBody);
    var c = classes.get(r["class"]);
    add(detailsBody, el("h2", null, "Relation"));
    add(detailsBody, add(el("h3", { class: "ag-title" }), actorLink(r.source), document.createTextNode(" " + r.label + " "), actorLink(r.target)));
    add(detailsBody, add(el("p", { class: "ag-sub" }), lineSwatch(c, r.directed), el("span", null, c.label + " \u00b7 " + r.type)));
    add(detailsBody, dl([
      ["When", relPeriod(r)],
      ["Status", r.status],
      ["Confidence", r.confidence === null ? null : String(r.confidence)],
      ["Claimed by", r.asserted_by === null ? null : r.asserted_by_name],
      ["id", r.id],
    ].concat(attrRows(r.attrs))));
    add(detailsBody, el("h2", null, r.sources.length === 1 ? "Source" : "Sources (" + r.sources.length + ")"));
    if (!r.sources.length) add(detailsBody, el("p", { class: "ag-note" }, "No source given."));
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
      add(detailsBody, box);
    });
  }
  function select(what, open) {
    state.selected = what;
    if (!what) intro();
    else if (what.kind === "actor") showActor(actors.get(what.id));
    else showRelation(relById.get(what.id));
    if (folded()) {
      if (what && open) openPanel("details", false);
      else if (!what && state.panel === "details") openPanel(null, false);
    }
    render();
    placeLabels(true);
    if (what && state.panel === "details") reveal(what);
  }
  /** Pan so that what was selected is not hidden under the details drawn over the diagram. */
  function reveal(what) {
    var pt;
    if (what.kind === "actor") {
      var a = actors.get(what.id);
      pt = [a.px, a.py];
    } else {
      var r = relById.get(what.id);
      if (!r.geo) return;
      pt = [r.geo.lx, r.geo.ly];
    }
    var b = svgBox(), d = details.getBoundingClientRect(), s = unitsPerPx(b);
    var vr = visibleRect();
    var x = b.left + (pt[0] - vr[0]) / s, y = b.top + (pt[1] - vr[1]) / s;
    var free = [b.left, b.top, b.right, b.bottom];
    if (d.top > b.top + 10) free[3] = Math.min(free[3], d.top); // a sheet over the lower part
    else free[2] = Math.min(free[2], d.left); // a drawer on the right
    var m = 30;
    if (x > free[0] + m && x < free[2] - m && y > free[1] + m && y < free[3] - m) return;
    var dx = (free[0] + free[2]) / 2 - x, dy = (free[1] + free[3]) / 2 - y;
    view[0] -= dx * s;
    view[1] -= dy * s;
    setView();
  }

  // ---------------------------------------------------------------- label size and placement
  // Labels keep about the same size on screen at every zoom (NODE_PX, EDGE_PX), so they are
  // readable on a phone; where two would collide, the label of the less connected actor (or the
  // later relation) is left out until a zoom makes room. Each label takes the candidate spot that
  // overlaps least with the labels already placed, the markers and (weighted) the lines drawn.
  var fonts = { node: 13.5, edge: 11, s: 1 };
  var placedFor = null, labelTimer = null;
  function setFonts() {
    var s = unitsPerPx(svgBox());
    fonts = { node: NODE_PX * s, edge: EDGE_PX * s, s: s };
    svg.style.setProperty("--ag-node-font", fonts.node.toFixed(3) + "px");
    svg.style.setProperty("--ag-edge-font", fonts.edge.toFixed(3) + "px");
    var reach = 20 * s; // a tap lands on an actor within 20 px of its centre
    DATA.actors.forEach(function (a) { a.hitEl.setAttribute("r", Math.max(a.r + 6, reach).toFixed(1)); });
  }
  function scheduleLabels() {
    if (labelTimer) clearTimeout(labelTimer);
    labelTimer = setTimeout(function () {
      labelTimer = null;
      var s = unitsPerPx(svgBox());
      if (Math.abs(s - fonts.s) / fonts.s > 0.02) {
        setFonts();
        placeLabels(true);
      }
    }, 90);
  }
  function invalidateUndatedLabels() {
    toggle(svg, "ag-dated", state.dated);
    DATA.relations.forEach(function (r) { if (r.undated) r.size = null; });
  }
  function overlap(a, b) {
    var w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
    var h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
    return w > 0 && h > 0 ? w * h : 0;
  }
  function area(b) {
    return (b[2] - b[0]) * (b[3] - b[1]);
  }
  function bez(p, t) {
    var u = 1 - t;
    return [
      u * u * p[0][0] + 2 * u * t * p[1][0] + t * t * p[2][0],
      u * u * p[0][1] + 2 * u * t * p[1][1] + t * t * p[2][1],
    ];
  }
  /** Where a node label goes for a spot (0 below, 1 above, 2 right, 3 left), font size f. */
  function nodeSpot(a, spot, f) {
    var n = a.lines.length, lh = f * 1.15, x = 0, y = a.r + 3 + f * 0.85, anchor = "middle";
    if (spot === 1) y = -a.r - 0.45 * f - lh * (n - 1);
    else if (spot === 2 || spot === 3) {
      x = spot === 2 ? a.r + 0.4 * f : -a.r - 0.4 * f;
      y = 0.33 * f - (lh * (n - 1)) / 2;
      anchor = spot === 2 ? "start" : "end";
    }
    return { x: x, y: y, anchor: anchor };
  }
  function applyNodeSpot(a, spot) {
    var p = nodeSpot(a, spot, fonts.node);
    a.textEl.setAttribute("y", p.y.toFixed(2));
    a.textEl.setAttribute("text-anchor", p.anchor);
    Array.prototype.forEach.call(a.textEl.childNodes, function (ts) { ts.setAttribute("x", p.x.toFixed(2)); });
  }
  function spanBox(x, y, anchor, m, f) {
    var w = m.w * f, h = m.h * f, top = m.top * f;
    var left = anchor === "middle" ? x - w / 2 : anchor === "start" ? x : x - w;
    return [left - 1, y + top, left + w + 1, y + top + h];
  }
  /** Text sizes per unit of font size, measured once per label (all reads in one pass). */
  function measure(items, textOf, font) {
    var todo = items.filter(function (it) { return !it.size; });
    var boxes = todo.map(function (it) { return textOf(it).getBBox(); });
    todo.forEach(function (it, i) {
      var b = boxes[i], y = parseFloat(textOf(it).getAttribute("y"));
      if (b.width > 0) it.size = { w: b.width / font, h: b.height / font, top: (b.y - y) / font };
    });
  }
  function protectedIds() {
    var keep = new Set();
    var sel = state.selected;
    if (sel) {
      keep.add(sel.id);
      if (sel.kind === "relation") {
        var r = relById.get(sel.id);
        keep.add(r.source);
        keep.add(r.target);
      }
    }
    searchHits().forEach(function (a) { keep.add(a.id); });
    return keep;
  }
  /** What a label must avoid: markers, points along the lines, the edge of the screen. */
  function labelScene(shown, lines) {
    var pts = [];
    lines.forEach(function (r) {
      for (var i = 1; i < 10; i++) {
        var p = bez(r.geo.bezier, i / 10);
        pts.push([p[0], p[1], r.id]);
      }
    });
    var vr = visibleRect();
    var markers = shown.map(function (a) { return [a.px - a.r, a.py - a.r, a.px + a.r, a.py + a.r, a.id]; });
    // the zoom buttons float over the diagram: labels keep clear of them as of markers
    var b = svgBox(), z = zoomBox.getBoundingClientRect();
    if (z.width) {
      var p0 = toUser(b, view, z.left - 4, z.top - 4), p1 = toUser(b, view, z.right + 4, z.bottom + 4);
      markers.push([p0[0], p0[1], p1[0], p1[1], null]);
    }
    return {
      placed: [],
      markers: markers,
      pts: pts,
      frame: [vr[0], vr[1], vr[0] + vr[2], vr[1] + vr[3]],
    };
  }
  /** [cost of a spot, how much of it collides with the labels and markers already there] */
  function spotCost(scene, box, own) {
    var clash = 0, c = 2 * (area(box) - overlap(box, scene.frame)), i;
    for (i = 0; i < scene.placed.length; i++) clash += overlap(box, scene.placed[i]);
    // a marker hidden under a label counts four times its area: the reader loses an actor
    for (i = 0; i < scene.markers.length; i++) if (scene.markers[i][4] !== own) clash += 4 * overlap(box, scene.markers[i]);
    c += 1.5 * clash;
    for (i = 0; i < scene.pts.length; i++) {
      var p = scene.pts[i];
      if (p[2] !== own && p[0] > box[0] && p[0] < box[2] && p[1] > box[1] && p[1] < box[3]) c += 40 * fonts.s;
    }
    return [c, clash];
  }
  /** The best spot's index, or -1 when even the best collides by more than `limit` of its area. */
  function chooseSpot(scene, boxes, own, mustShow, limit) {
    var best = 0, bestCost = Infinity, bestClash = 0;
    for (var k = 0; k < boxes.length; k++) {
      var c = spotCost(scene, boxes[k], own);
      if (c[0] < bestCost - 1e-9) {
        best = k;
        bestCost = c[0];
        bestClash = c[1];
      }
      if (c[0] === 0) break;
    }
    if (!mustShow && bestClash > limit * area(boxes[best])) return -1;
    scene.placed.push(boxes[best]);
    return best;
  }
  /** Actor names, most connected first (the selection and search matches before all). */
  function placeNodeLabels(scene, shown, keep) {
    return shown.slice().sort(function (a, b) {
      return (keep.has(b.id) ? 1 : 0) - (keep.has(a.id) ? 1 : 0) ||
        b.rels.length - a.rels.length || (a.id < b.id ? -1 : 1);
    }).filter(function (a) { return a.size; }).map(function (a) {
      var boxes = [0, 1, 2, 3].map(function (k) {
        var p = nodeSpot(a, k, fonts.node);
        return spanBox(a.px + p.x, a.py + p.y, p.anchor, a.size, fonts.node);
      });
      var k = chooseSpot(scene, boxes, a.id, keep.has(a.id), 0.08);
      return function () {
        toggle(a.textEl, "ag-thin", k < 0);
        if (k >= 0) applyNodeSpot(a, k);
      };
    });
  }
  /** Relation labels, each at the spot along its curve that collides least. */
  function placeEdgeLabels(scene, lines) {
    var ts = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78];
    var base = 0.32 * fonts.edge;
    return lines.filter(function (r) { return r.size; }).map(function (r) {
      var spots = ts.map(function (t) { return bez(r.geo.bezier, t); });
      var boxes = spots.map(function (p) { return spanBox(p[0], p[1] + base, "middle", r.size, fonts.edge); });
      var k = chooseSpot(scene, boxes, r.id, !!state.selected && state.selected.id === r.id, 0.05);
      return function () {
        toggle(r.labelEl, "ag-thin", k < 0);
        if (k < 0) return;
        r.labelEl.setAttribute("x", spots[k][0].toFixed(1));
        r.labelEl.setAttribute("y", (spots[k][1] + base).toFixed(1));
      };
    });
  }
  function placeLabels(force) {
    var shown = DATA.actors.filter(function (a) { return !nodeEls.get(a.id).classList.contains("ag-off"); });
    var lines = DATA.relations.filter(function (r) {
      var g = edgeEls.get(r.id);
      return g && !g.classList.contains("ag-off") && r.geo.bezier;
    });
    var key = shown.map(function (a) { return a.id; }).join("\n") + "\t" +
      lines.map(function (r) { return r.id; }).join("\n") + "\t" + state.labels + "\t" + fonts.s;
    if (!force && key === placedFor) return;
    placedFor = key;
    if (shown.length > 400 || lines.length > 3000) return;
    // measuring needs every label drawn: the thinned ones come back for the pass
    shown.forEach(function (a) { a.textEl.classList.remove("ag-thin"); });
    lines.forEach(function (r) { r.labelEl.classList.remove("ag-thin"); });
    measure(shown, function (a) { return a.textEl; }, fonts.node);
    if (state.labels) measure(lines, function (r) { return r.labelEl; }, fonts.edge);
    // every position is chosen first, then all are written: no layout between reads
    var scene = labelScene(shown, lines);
    var writes = placeNodeLabels(scene, shown, protectedIds());
    if (state.labels) writes = writes.concat(placeEdgeLabels(scene, lines));
    writes.forEach(function (w) { w(); });
  }

  /** The box of what is drawn: markers, labels shown and lines (tap areas left out). */
  function contentBox() {
    DATA.actors.forEach(function (a) { a.hitEl.setAttribute("r", a.r); });
    var b = gNodes.getBBox(), e = gEdges.getBBox();
    if (!b.width && !e.width) return null;
    var x0 = Math.min(b.x, e.width ? e.x : b.x), y0 = Math.min(b.y, e.height ? e.y : b.y);
    var x1 = Math.max(b.x + b.width, e.x + e.width), y1 = Math.max(b.y + b.height, e.y + e.height);
    var pad = 10 * fonts.s;
    return [x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad];
  }
  /** The home view takes in every marker and every label drawn, at the label size it gives. */
  function fitHome() {
    for (var pass = 0; pass < 4; pass++) {
      var box = contentBox();
      if (!box) break;
      home = box;
      view = home.slice();
      setView();
      setFonts();
      if (pass < 3) placeLabels(true);
    }
    setFonts();
  }
  function initialView() {
    var xs = DATA.actors.map(function (a) { return a.px; }), ys = DATA.actors.map(function (a) { return a.py; });
    if (!xs.length) {
      home = [0, 0, 600, 600];
    } else {
      var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
      var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
      home = [x0 - 80, y0 - 60, x1 - x0 + 160, y1 - y0 + 120];
    }
    view = home.slice();
    setView();
    setFonts();
  }

  // ---------------------------------------------------------------- key and footnote
  var keyBox = el("span", { class: "ag-key", "aria-hidden": "true" });
  DATA.classes.forEach(function (c) {
    add(keyBox, add(el("span", { class: "ag-keyitem" }), lineSwatch(c, false), el("span", null, c.label)));
  });
  /** Who the claims on screen come from, most cited first. */
  function publishersShown() {
    var counts = new Map();
    DATA.relations.forEach(function (r) {
      var g = edgeEls.get(r.id);
      if (!g || g.classList.contains("ag-off")) return;
      r.sources.forEach(function (src) {
        var who = src.publisher || src.title || src.url;
        if (who) counts.set(who, (counts.get(who) || 0) + 1);
      });
    });
    return Array.from(counts.keys()).sort(function (a, b) {
      return counts.get(b) - counts.get(a) || (a < b ? -1 : 1);
    });
  }
  function dateText() {
    return state.dated ? "as of " + (state.winLabel || dayText(state.win[0])) : "all dates";
  }

  // ---------------------------------------------------------------- render
  function render() {
    var lo = state.win[0], hi = state.win[1];
    var dated = state.dated;
    var seen = new Set(), nActors = 0, nRels = 0, nUnknown = 0;
    var hits = searchHits(), hitSet = new Set(hits.map(function (a) { return a.id; }));
    var sel = state.selected;
    var focus = null; // ids of actors and relations in focus (selection or search)
    if (sel && sel.kind === "actor") {
      focus = new Set([sel.id]);
      actors.get(sel.id).rels.forEach(function (r) {
        focus.add(r.id);
        focus.add(r.source);
        focus.add(r.target);
      });
    } else if (sel && sel.kind === "relation") {
      var sr = relById.get(sel.id);
      focus = new Set([sr.id, sr.source, sr.target]);
    } else if (state.query) {
      focus = hitSet;
    }
    toggle(svg, "ag-dated", dated);
    DATA.actors.forEach(function (a) {
      var on = !!state.kinds.get(a.kind) && (!dated || active(a, lo, hi));
      if (on) {
        seen.add(a.id);
        nActors++;
      }
      var g = nodeEls.get(a.id);
      toggle(g, "ag-off", !on);
      toggle(g, "ag-hit", hitSet.has(a.id));
      toggle(g, "ag-selected", !!(sel && sel.kind === "actor" && sel.id === a.id));
      toggle(g, "ag-dim", !!focus && !focus.has(a.id));
    });
    DATA.relations.forEach(function (r) {
      var g = edgeEls.get(r.id);
      if (!g) return;
      var on = !!state.types.get(r.type) && seen.has(r.source) && seen.has(r.target) &&
        (!dated || holds(r, lo, hi));
      if (on) {
        nRels++;
        if (dated && marked(r)) nUnknown++;
      }
      toggle(g, "ag-off", !on);
      toggle(g, "ag-selected", !!(sel && sel.kind === "relation" && sel.id === r.id));
      var inFocus = !focus || focus.has(r.id) || (!sel && focus.has(r.source) && focus.has(r.target));
      toggle(g, "ag-dim", !inFocus);
    });
    // search matches
    clear(matchList);
    hits.slice(0, 8).forEach(function (a) {
      var b = el("button", { type: "button", class: "ag-linkbtn" }, a.name);
      b.addEventListener("click", function () { select({ kind: "actor", id: a.id }, true); });
      add(matchList, add(el("li"), b));
    });
    if (state.query && !hits.length) add(matchList, el("li", { class: "ag-note" }, "No match."));
    else if (hits.length > 8) add(matchList, el("li", { class: "ag-note" }, "\u2026 and " + (hits.length - 8) + " more"));
    // date controls
    if (slider) {
      slider.disabled = !dated || DATA.range[1] === DATA.range[0];
      stepBack.disabled = stepOn.disabled = !dated;
      if (undatedCheck) undatedCheck.disabled = !dated;
      var shownDay = dated ? (state.winLabel || dayText(lo)) : "all dates";
      dateLabel.textContent = shownDay;
      slider.setAttribute("aria-valuetext", dayText(parseInt(slider.value, 10)));
    }
    // status line: counts, the key of line styles, the sources of what is shown
    clear(status);
    add(status,
      el("span", { class: "ag-count-actors" }, nActors + " of " + DATA.actors.length + " actors"),
      el("span", { class: "ag-count-relations" }, nRels + " of " + DATA.relations.length + " relations"),
      el("span", { class: "ag-asoftext" }, dateText()));
    if (nUnknown) add(status, el("span", { class: "ag-count-unknown" }, nUnknown + " with date unknown"));
    if (state.query) add(status, el("span", null, hits.length + (hits.length === 1 ? " match" : " matches")));
    add(status, keyBox);
    var pubs = publishersShown();
    if (pubs.length) {
      var more = pubs.length > 3 ? " and " + (pubs.length - 3) + " more" : "";
      add(status, el("span", { class: "ag-sources", title: pubs.join("; ") }, "Sources: " + pubs.slice(0, 3).join("; ") + more));
    }
    placeLabels(false);
  }

  // ---------------------------------------------------------------- export (SVG, PNG)
  // The picture is what is on screen (same filters, date, zoom), drawn from the page's SVG with
  // its computed styles written as attributes, and a footnote: title, date, sources, counts.
  var COPY_STYLE = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity",
    "stroke-linejoin", "opacity", "font-size", "font-family", "font-weight", "font-style", "paint-order"];
  function copyVisible(src) {
    if (src.nodeType === 3) return document.createTextNode(src.nodeValue);
    if (src.nodeType !== 1) return null;
    var cs = getComputedStyle(src);
    if (cs.display === "none" || src.classList.contains("ag-hitline") || src.classList.contains("ag-hitarea")) return null;
    var out = document.createElementNS(SVG, src.localName);
    Array.prototype.forEach.call(src.attributes, function (at) {
      if (/^(class|tabindex|role|aria-|data-)/.test(at.name) || at.name === "style") return;
      out.setAttribute(at.name, at.value);
    });
    if (src.localName !== "g" && src.localName !== "svg") {
      COPY_STYLE.forEach(function (p) {
        var v = cs.getPropertyValue(p);
        if (v && v !== "normal" && !(p === "stroke-dasharray" && v === "none")) out.setAttribute(p, v);
      });
    }
    Array.prototype.forEach.call(src.childNodes, function (c) {
      var k = copyVisible(c);
      if (k) out.appendChild(k);
    });
    return out;
  }
  function wrapText(text, chars) {
    var words = text.split(" "), lines = [], line = "";
    words.forEach(function (w) {
      if (line && (line + " " + w).length > chars) {
        lines.push(line);
        line = w;
      } else line = line ? line + " " + w : w;
    });
    if (line) lines.push(line);
    return lines;
  }
  function footnoteLines() {
    var counts = status.querySelector(".ag-count-actors").textContent + ", " +
      status.querySelector(".ag-count-relations").textContent;
    var unknown = status.querySelector(".ag-count-unknown");
    var when = (state.dated ? "As of " + (state.winLabel || dayText(state.win[0])) : "All dates") + ". " +
      counts + (unknown ? " (" + unknown.textContent + ", drawn faded)" : "") + ".";
    var pubs = publishersShown();
    var lines = [when];
    if (pubs.length) lines.push("Sources: " + pubs.join("; ") + ".");
    lines.push("Made with actorgraph.");
    return lines;
  }
  /** The picture of the current view as SVG markup, and its size in CSS pixels. */
  function pictureSvg() {
    var vr = visibleRect();
    var W = 1200, H = Math.round((W * vr[3]) / vr[2]);
    var fs = 13, lh = 18, chars = Math.floor(W / (fs * 0.56)) - 4;
    var note = [];
    footnoteLines().forEach(function (l) { note = note.concat(wrapText(l, chars)); });
    var head = 34, foot = 14 + note.length * lh;
    var out = sv("svg", { width: W, height: H + head + foot, viewBox: "0 0 " + W + " " + (H + head + foot) });
    add(out, sv("rect", { x: 0, y: 0, width: W, height: H + head + foot, fill: "#ffffff" }));
    var family = getComputedStyle(svg).fontFamily;
    var title = sv("text", { x: 16, y: 24, "font-size": 18, "font-weight": 600, "font-family": family, fill: "#1a1a1a" });
    title.textContent = DATA.title;
    add(out, title);
    var inner = copyVisible(svg);
    setAll(inner, { x: 0, y: head, width: W, height: H, viewBox: vr.map(function (v) { return v.toFixed(2); }).join(" ") });
    inner.removeAttribute("preserveAspectRatio");
    add(out, inner);
    note.forEach(function (line, i) {
      var t = sv("text", { x: 16, y: H + head + 14 + (i + 0.75) * lh, "font-size": fs, "font-family": family, fill: "#5a5a5a", class: "ag-footnote" });
      t.textContent = line;
      add(out, t);
    });
    return { text: new XMLSerializer().serializeToString(out), width: W, height: H + head + foot };
  }
  function fileName(ext) {
    var base = fold(DATA.title).replace(/[^a-z0-9\u00c0-\uffff]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "actorgraph";
    return base + "-" + (state.dated ? dayText(state.win[0]) : "all-dates") + "." + ext;
  }
  function download(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: name, class: "ag-download" });
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }
  function exportSvg() {
    var pic = pictureSvg();
    download(new Blob(['<?xml version="1.0" encoding="UTF-8"?>\n' + pic.text], { type: "image/svg+xml" }), fileName("svg"));
  }
  function exportPng() {
    var pic = pictureSvg(), scale = 2;
    var img = new Image();
    img.onload = function () {
      var canvas = el("canvas", { width: pic.width * scale, height: pic.height * scale });
      var ctx = canvas.getContext("2d");
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, pic.width, pic.height);
      canvas.toBlob(function (blob) { if (blob) download(blob, fileName("png")); }, "image/png");
    };
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(pic.text);
  }
  svgBtn.addEventListener("click", exportSvg);
  pngBtn.addEventListener("click", exportPng);

  // ---------------------------------------------------------------- start
  function applyHash() {
    var opts = hashOptions();
    if ("embed" in opts) state.embed = opts.embed !== "0";
    if ("full" in opts) state.embed = false;
    if (opts.at && DATA.range && dateCheck) {
      var d = dayOf(opts.at);
      if (d !== null && d >= DATA.range[0] && d <= DATA.range[1]) {
        state.dated = dateCheck.checked = true;
        state.win = [d, d];
        state.winLabel = null;
        slider.value = String(d);
      }
    }
    applyModes();
  }
  applyHash();
  window.addEventListener("hashchange", function () {
    applyHash();
    render();
    scheduleLabels();
  });
  [foldMedia, narrowMedia].forEach(function (m) {
    if (m.addEventListener) m.addEventListener("change", function () { applyModes(); scheduleLabels(); });
  });
  window.addEventListener("resize", scheduleLabels);
  invalidateUndatedLabels();
  intro();
  initialView();
  render();
  fitHome();
  document.documentElement.setAttribute("data-ag-ready", "1");
})();
