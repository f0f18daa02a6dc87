/* kilde map + timeline: plain JS over /api/map-points; Leaflet and markercluster are vendored (offline). */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("kilde-config").textContent);
  var T = config.t;
  var PAGE = 500;
  var MAX_POINTS = 3000;

  var TYPE_COLOURS = {
    "Battles": "#c0392b",
    "Violence against civilians": "#8e44ad",
    "Explosions/Remote violence": "#d35400",
    "Riots": "#b7950b",
    "Protests": "#2471a3",
    "Strategic developments": "#117a65"
  };

  function colour(type) {
    if (!type) return "#566573";
    if (TYPE_COLOURS[type]) return TYPE_COLOURS[type];
    var h = 0;
    for (var i = 0; i < type.length; i++) h = (h * 31 + type.charCodeAt(i)) >>> 0;
    return "hsl(" + (h % 360) + ", 55%, 42%)";
  }

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }

  // ACLED type when coded, else the PLOVER category (events outside ACLED's scope).
  function label(p) {
    return p.event_type || (p.plover_category ? "PLOVER " + p.plover_category : "");
  }

  function day(iso) { return iso ? iso.slice(0, 10) : ""; }

  // An interval [start, end) whose end is the next midnight is one day: show it as that day.
  function dateLabel(p) {
    if (!p.start) return T.unknown;
    var s = new Date(p.start), e = p.end ? new Date(p.end) : null;
    if (!e || e - s <= 86400000) return day(p.start);
    var last = new Date(e.getTime() - 1);
    return day(p.start) + " – " + last.toISOString().slice(0, 10);
  }

  // ------------------------------------------------------------------ filters

  var form = document.getElementById("filters");
  var statusEl = document.getElementById("status");

  function filterParams() {
    var params = new URLSearchParams();
    var data = new FormData(form);
    data.forEach(function (value, key) {
      value = String(value).trim();
      if (value) params.set(key, value);
    });
    return params;
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var params = filterParams();
    params.set("lang", config.lang);
    history.replaceState(null, "", "?" + params.toString());
    load();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.type === "checkbox") el.checked = false;
        else if (el.tagName === "SELECT" || el.tagName === "INPUT") el.value = "";
      });
      history.replaceState(null, "", "?lang=" + config.lang);
      load();
    }, 0);
  });

  // ------------------------------------------------------------------ map

  var map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 14 }).setView([35, 15], 2);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || "", maxZoom: 18 }).addTo(map);
  } else {
    map.attributionControl.addAttribution(esc(T.basemap_note));
    fetch(config.basemap).then(function (r) { return r.json(); }).then(function (geo) {
      L.geoJSON(geo, {
        interactive: false,
        style: { color: "#7f8c8d", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 }
      }).addTo(map).bringToBack();
      document.body.dataset.basemap = "loaded";
    }).catch(function () { document.body.dataset.basemap = "failed"; });
  }

  var clusters = L.markerClusterGroup({
    maxClusterRadius: 45,
    showCoverageOnHover: false,
    iconCreateFunction: function (cluster) {
      var counts = {}, best = null;
      cluster.getAllChildMarkers().forEach(function (m) {
        var t = m.options.kildeType || "";
        counts[t] = (counts[t] || 0) + 1;
        if (best === null || counts[t] > counts[best]) best = t;
      });
      var n = cluster.getChildCount();
      var size = n < 10 ? 30 : n < 100 ? 36 : 44;
      return L.divIcon({
        html: '<div style="background:' + colour(best) + '"><span>' + n + "</span></div>",
        className: "kilde-cluster",
        iconSize: L.point(size, size)
      });
    }
  });
  map.addLayer(clusters);

  function popupHtml(p) {
    var actors = [p.actor1, p.actor2].filter(Boolean).map(esc).join(" → ") || esc(T.unknown);
    return '<div class="popup" data-event-id="' + esc(p.id) + '">' +
      '<strong style="color:' + colour(label(p)) + '">' + esc(label(p) || T.unknown) + "</strong>" +
      (p.sub_event_type ? " · " + esc(p.sub_event_type) : "") +
      "<dl><dt>" + esc(T.date) + "</dt><dd>" + esc(dateLabel(p)) + (p.uncertain ? " (" + esc(T.uncertain) + ")" : "") + "</dd>" +
      "<dt>" + esc(T.actors) + "</dt><dd>" + actors + "</dd>" +
      "<dt>" + esc(T.place) + "</dt><dd>" + esc(p.place || T.unknown) + "</dd>" +
      "<dt>" + esc(T.sources) + "</dt><dd><span class=\"source-count\">" + esc(p.sources) + "</span> " + esc(T.sources_count) + "</dd>" +
      (p.fatalities != null ? "<dt>" + esc(T.fatalities) + "</dt><dd>" + esc(p.fatalities) + "</dd>" : "") +
      "</dl>" +
      (p.link_id ? '<a class="open-event" href="/events/' + encodeURIComponent(p.link_id) + "?lang=" + config.lang + '">' + esc(T.open_event) + "</a>" : "") +
      "</div>";
  }

  function marker(p) {
    var icon = L.divIcon({
      className: "kilde-pin",
      html: '<span data-type="' + esc(p.event_type || "") + '" style="background:' + colour(label(p)) + '"></span>',
      iconSize: [16, 16],
      iconAnchor: [8, 8],
      popupAnchor: [0, -8]
    });
    var m = L.marker([p.lat, p.lon], { icon: icon, kildeType: label(p), title: label(p) });
    m.bindPopup(function () { return popupHtml(p); });
    return m;
  }

  function renderLegend(points) {
    var seen = {};
    points.forEach(function (p) { seen[label(p)] = (seen[label(p)] || 0) + 1; });
    var el = document.getElementById("legend");
    el.innerHTML = Object.keys(seen).sort().map(function (t) {
      return '<span class="legend-item"><span class="swatch" style="background:' + colour(t) + '"></span>' +
        esc(t || T.unknown) + " (" + seen[t] + ")</span>";
    }).join("");
  }

  // ------------------------------------------------------------------ timeline

  var SVGNS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, parent) {
    var el = document.createElementNS(SVGNS, tag);
    for (var k in attrs) el.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(el);
    return el;
  }

  function ticks(t0, t1) {
    var span = (t1 - t0) / 86400000, out = [], d = new Date(t0);
    if (span > 365 * 3) {
      d = new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1));
      var step = Math.ceil(span / 365 / 10);
      while (d.getTime() < t1) { out.push([d.getTime(), String(d.getUTCFullYear())]); d = new Date(Date.UTC(d.getUTCFullYear() + step, 0, 1)); }
    } else if (span > 60) {
      d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
      var mstep = Math.max(1, Math.ceil(span / 30 / 12));
      while (d.getTime() < t1) { out.push([d.getTime(), d.toISOString().slice(0, 7)]); d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + mstep, 1)); }
    } else {
      var dstep = Math.max(1, Math.ceil(span / 10));
      d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
      while (d.getTime() < t1) { out.push([d.getTime(), d.toISOString().slice(0, 10)]); d = new Date(d.getTime() + dstep * 86400000); }
    }
    return out;
  }

  var MAX_ITEMS = 300;  // above this the timeline draws density instead of one bar per event

  function renderTimeline(points) {
    var box = document.getElementById("timeline");
    box.innerHTML = "";
    document.getElementById("timeline-help").textContent =
      points.length > MAX_ITEMS ? T.timeline_density : T.timeline_help;
    var dated = points.filter(function (p) { return p.start; }).map(function (p) {
      var s = Date.parse(p.start), e = p.end ? Date.parse(p.end) : s + 86400000;
      if (!(e > s)) e = s + 86400000;
      return { p: p, s: s, e: e };
    });
    if (!dated.length) { box.textContent = T.no_events; return; }
    dated.sort(function (a, b) { return a.s - b.s || b.e - a.e; });
    var t0 = Math.min.apply(null, dated.map(function (d) { return d.s; }));
    var t1 = Math.max.apply(null, dated.map(function (d) { return d.e; }));
    var pad = Math.max((t1 - t0) * 0.02, 86400000);
    t0 -= pad; t1 += pad;
    var width = Math.max(box.clientWidth || 800, 300), left = 10, right = 10, laneH = 9, maxLanes = 40;
    var x = function (t) { return left + (t - t0) / (t1 - t0) * (width - left - right); };
    if (dated.length > MAX_ITEMS) { renderDensity(box, dated, t0, t1, width, x); return; }
    var lanes = [];
    dated.forEach(function (d) {
      var x0 = x(d.s), lane = 0;
      while (lane < lanes.length && lanes[lane] > x0 - 2) lane++;
      if (lane >= maxLanes) lane = maxLanes - 1;
      lanes[lane] = Math.max(x(d.e), x0 + 8);
      d.lane = lane;
    });
    var height = Math.min(lanes.length, maxLanes) * laneH + 30;
    var root = svg("svg", { width: width, height: height, "class": "timeline-svg", role: "img" }, box);
    ticks(t0, t1).forEach(function (tk) {
      var tx = x(tk[0]);
      svg("line", { x1: tx, x2: tx, y1: 0, y2: height - 18, "class": "tick" }, root);
      if (tx > width - 8 * tk[1].length) return;  // no room for the label at the right edge
      var text = svg("text", { x: tx + 2, y: height - 5, "class": "tick-label" }, root);
      text.textContent = tk[1];
    });
    dated.forEach(function (d) {
      var y = 6 + d.lane * laneH, x0 = x(d.s), x1 = x(d.e), c = colour(label(d.p));
      var link = svg("a", { href: "/events/" + encodeURIComponent(d.p.link_id) + "?lang=" + config.lang, "class": "tl-item" }, root);
      var title = svg("title", {}, link);
      title.textContent = (label(d.p) || T.unknown) + " · " + dateLabel(d.p) + (d.p.place ? " · " + d.p.place : "");
      if (d.e - d.s > 1.5 * 86400000) {
        svg("rect", { x: x0, y: y, width: Math.max(x1 - x0, 3), height: laneH - 3, rx: 2, fill: c, "fill-opacity": 0.35, stroke: c, "class": "tl-range" }, link);
      } else {
        svg("circle", { cx: (x0 + x1) / 2, cy: y + (laneH - 3) / 2, r: 3.5, fill: c, "class": "tl-point" }, link);
      }
    });
  }

  // Many events: stacked counts per period by type. An uncertain date spreads its one event evenly over
  // every bin its range touches, so a month-precision report shows as a low, wide band, not a spike.
  function renderDensity(box, dated, t0, t1, width, x) {
    var binW = 4, nBins = Math.max(10, Math.floor((width - 20) / binW)), height = 150, axis = 20;
    var span = (t1 - t0) / nBins, bins = [], types = {};
    for (var i = 0; i < nBins; i++) bins.push({});
    dated.forEach(function (d) {
      var b0 = Math.max(0, Math.floor((d.s - t0) / span)), b1 = Math.min(nBins - 1, Math.floor((d.e - 1 - t0) / span));
      if (b1 < b0) b1 = b0;
      var w = 1 / (b1 - b0 + 1), type = label(d.p);
      types[type] = true;
      for (var b = b0; b <= b1; b++) bins[b][type] = (bins[b][type] || 0) + w;
    });
    var order = Object.keys(types).sort();
    var max = Math.max.apply(null, bins.map(function (bin) {
      return order.reduce(function (sum, t) { return sum + (bin[t] || 0); }, 0);
    })) || 1;
    var root = svg("svg", { width: width, height: height + axis, "class": "timeline-svg density", role: "img" }, box);
    ticks(t0, t1).forEach(function (tk) {
      var tx = x(tk[0]);
      svg("line", { x1: tx, x2: tx, y1: 0, y2: height, "class": "tick" }, root);
      if (tx > width - 8 * tk[1].length) return;
      svg("text", { x: tx + 2, y: height + axis - 5, "class": "tick-label" }, root).textContent = tk[1];
    });
    bins.forEach(function (bin, b) {
      var y = height, total = 0, bx = x(t0 + b * span);
      order.forEach(function (t) { total += bin[t] || 0; });
      if (!total) return;
      var group = svg("g", { "class": "tl-bin" }, root);
      order.forEach(function (t) {
        var v = bin[t] || 0;
        if (!v) return;
        var h = v / max * (height - 4);
        y -= h;
        svg("rect", { x: bx, y: y, width: Math.max(binW - 1, 1), height: h, fill: colour(t) }, group);
      });
      var from = new Date(t0 + b * span), to = new Date(t0 + (b + 1) * span);
      svg("title", {}, group).textContent = from.toISOString().slice(0, 10) + " – " + to.toISOString().slice(0, 10) +
        ": " + Math.round(total);
      group.addEventListener("click", function () {
        document.getElementById("f-since").value = from.toISOString().slice(0, 10);
        document.getElementById("f-until").value = to.toISOString().slice(0, 10);
        form.requestSubmit();
      });
    });
  }

  // ------------------------------------------------------------------ loading

  var generation = 0;

  function fetchAll(view, params) {
    var points = [], total = null;
    function page(offset) {
      var q = new URLSearchParams(params);
      q.set("view", view);
      q.set("limit", PAGE);
      q.set("offset", offset);
      return fetch("/api/map-points?" + q.toString()).then(function (r) {
        if (!r.ok) return r.json().then(function (body) { throw new Error(JSON.stringify(body.detail)); });
        return r.json();
      }).then(function (body) {
        points = points.concat(body.items);
        total = body.total;
        if (body.has_more && points.length < MAX_POINTS) return page(offset + PAGE);
        return { points: points, total: total, more: body.has_more };
      });
    }
    return page(0);
  }

  function load() {
    var mine = ++generation;
    document.body.dataset.loaded = "false";
    statusEl.textContent = T.loading;
    var params = filterParams();
    var view = params.get("view") || "";
    params.delete("view");
    var attempt = view ? fetchAll(view, params) : fetchAll("merged", params).then(function (res) {
      if (res.points.length) return res;
      return fetchAll("reports", params);
    });
    attempt.then(function (res) {
      if (mine !== generation) return;
      clusters.clearLayers();
      var located = res.points.filter(function (p) { return p.lat != null && p.lon != null; });
      // Move the view first, then add the markers: the cluster layer only draws what is in view, and adding
      // during a view change could leave a marker undrawn.
      if (located.length) map.fitBounds(L.latLngBounds(located.map(function (p) { return [p.lat, p.lon]; })).pad(0.2), { maxZoom: 7, animate: false });
      // Re-attach the cluster layer so it lays out its markers for the view just set.
      map.removeLayer(clusters);
      clusters.addLayers(located.map(marker));
      map.addLayer(clusters);
      renderLegend(res.points);
      renderTimeline(res.points);
      var shown = res.points.length;
      var msg = !shown ? T.no_events : (res.total != null ? fmt(T.showing, { shown: shown, total: res.total })
        : fmt(T.showing_open, { shown: shown + (res.more ? "+" : "") }));
      var shownView = res.points.length && res.points[0].kind === "merged" ? T.view_merged : T.view_reports;
      if (shown) msg += " (" + shownView.toLowerCase() + ")";
      var unplaced = shown - located.length;
      if (unplaced > 0) msg += " · " + unplaced + " " + T.no_place;
      statusEl.textContent = msg;
      document.body.dataset.count = String(shown);
      document.body.dataset.loaded = "true";
    }).catch(function (err) {
      if (mine !== generation) return;
      statusEl.textContent = "⚠ " + err.message;
      document.body.dataset.loaded = "error";
    });
  }

  load();
})();
