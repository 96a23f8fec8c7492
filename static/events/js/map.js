/* The event map: the offline basemap (country and governorate outlines) under
   optional web tiles, and the filtered events from the GeoJSON endpoint,
   coloured by type, sized by fatalities, clustered when dense. Events known
   only to a district or governorate are drawn as dashed rings, never as pins.
   Popups are built with DOM nodes and textContent: article text is never HTML. */
(function () {
  "use strict";
  var configElement = document.getElementById("map-config");
  var container = document.getElementById("event-map");
  if (!configElement || !container || !window.L) return;
  var config = JSON.parse(configElement.textContent);
  var status = document.getElementById("map-status");

  var COLORS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Strategic developments": "#2980b9",
    "Protests": "#27ae60",
    "Riots": "#7f8c8d"
  };
  var SYRIA = [[32.3, 35.6], [37.4, 42.4]];

  var map = L.map(container, { minZoom: 3, maxZoom: 16, keyboard: true });
  map.fitBounds(SYRIA);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 18 }).addTo(map);
  }
  map.createPane("basemap");
  map.getPane("basemap").style.zIndex = 250;
  fetch(config.basemapUrl)
    .then(function (response) { return response.json(); })
    .then(function (data) {
      L.geoJSON(data, {
        pane: "basemap",
        interactive: false,
        style: function (feature) {
          var p = feature.properties;
          if (p.kind === "governorate") {
            return { color: "#6b6b6b", weight: 1, dashArray: "3 3", fill: false };
          }
          var syria = p.iso2 === "SY";
          return {
            color: "#444", weight: syria ? 2 : 1,
            fillColor: syria ? "#fbf8f1" : "#e9e9e4", fillOpacity: 0.35
          };
        }
      }).addTo(map);
    });

  function add(parent, tag, text, className) {
    var element = document.createElement(tag);
    element.textContent = text;
    if (className) element.className = className;
    parent.appendChild(element);
    return element;
  }

  function killedText(p) {
    if (p.killed === null || p.killed === undefined) return "No fatality figure";
    if (p.killed_low !== null && p.killed_high !== null && p.killed_low !== p.killed_high) {
      return p.killed_low + "-" + p.killed_high + " killed (best " + p.killed + ")";
    }
    return p.killed + " killed";
  }

  function popup(p) {
    var box = document.createElement("div");
    box.className = "popup";
    add(box, "strong", p.sub_event_type || p.event_type, "popup-type");
    add(box, "div", (p.date || "undated") + (p.date_precision !== "day" ? " (" + p.date_precision + ")" : ""), "popup-date");
    var where = (p.place || "?") + (p.admin1 ? ", " + p.admin1 : "");
    if (p.geo_precision !== "exact") where += " (approximate: " + p.geo_precision + ")";
    add(box, "div", where, "popup-place");
    add(box, "div", killedText(p), "popup-killed");
    if (p.summary) add(box, "p", p.summary, "popup-summary");
    var link = add(box, "a", "Open the event", "popup-link");
    link.href = p.url;
    return box;
  }

  function radius(killed) {
    return killed ? Math.min(6 + 2 * Math.sqrt(killed), 28) : 6;
  }

  function marker(feature, latlng) {
    var p = feature.properties;
    var color = COLORS[p.event_type] || "#555";
    var approximate = p.geo_precision !== "exact";
    var layer = approximate
      ? L.circleMarker(latlng, {
          radius: Math.max(radius(p.killed), 14), color: color, weight: 2,
          dashArray: "4 3", fillColor: color, fillOpacity: 0.1,
          className: "event-marker approximate event-" + p.id
        })
      : L.circleMarker(latlng, {
          radius: radius(p.killed), color: "#222", weight: 1,
          fillColor: color, fillOpacity: 0.85, className: "event-marker exact event-" + p.id
        });
    layer.bindPopup(popup(p));
    layer.bindTooltip((p.sub_event_type || p.event_type) + ", " + (p.place || ""));
    return layer;
  }

  var events = L.markerClusterGroup
    ? L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false })
    : L.layerGroup();
  events.addTo(map);

  // With too many events in view the server sends grid clusters instead
  // ("cluster": true, with their count and dead); a click zooms in on one.
  var clusters = L.layerGroup().addTo(map);

  function clusterMarker(feature) {
    var p = feature.properties;
    var c = feature.geometry.coordinates;
    var latlng = L.latLng(c[1], c[0]);
    var size = p.count < 100 ? "small" : p.count < 1000 ? "medium" : "large";
    var label = document.createElement("div");
    add(label, "span", p.count.toLocaleString("en"));
    var layer = L.marker(latlng, {
      icon: L.divIcon({
        html: label, iconSize: L.point(40, 40),
        className: "marker-cluster marker-cluster-" + size + " server-cluster"
      }),
      keyboard: true, title: p.count + " events, " + p.killed + " killed"
    });
    layer.on("click", function () {
      map.setView(latlng, Math.min(map.getZoom() + 2, map.getMaxZoom()));
    });
    return layer;
  }

  if (config.focus) {
    var focus = L.latLng(config.focus.lat, config.focus.lon);
    if (config.focus.precision === "exact") {
      L.circleMarker(focus, { radius: 8, color: "#000", weight: 2, fillOpacity: 0.2 }).addTo(map);
      map.setView(focus, 9);
    } else {
      L.circle(focus, { radius: 30000, color: "#000", weight: 2, dashArray: "4 3", fillOpacity: 0.05 }).addTo(map);
      map.setView(focus, 7);
    }
  }

  // Markers on the map by event id. A reload (after every pan or zoom) only
  // removes the events that left the view and adds the new ones, so a marker
  // whose popup is open stays, and so does its popup.
  var shown = {};
  var pending = null;

  function update(features) {
    var wanted = {};
    features.forEach(function (feature) { wanted[feature.id] = feature; });
    var leaving = Object.keys(shown).filter(function (id) { return !(id in wanted); });
    var arriving = features.filter(function (feature) { return !(feature.id in shown); });
    var removed = leaving.map(function (id) { var layer = shown[id]; delete shown[id]; return layer; });
    var added = arriving.map(function (feature) {
      var c = feature.geometry.coordinates;
      shown[feature.id] = marker(feature, L.latLng(c[1], c[0]));
      return shown[feature.id];
    });
    if (events.removeLayers) {
      events.removeLayers(removed);
      events.addLayers(added);
    } else {
      removed.forEach(function (layer) { events.removeLayer(layer); });
      added.forEach(function (layer) { events.addLayer(layer); });
    }
  }

  function load() {
    if (!config.dataUrl) return;
    var bounds = map.getBounds();
    var url = config.dataUrl + (config.dataUrl.indexOf("?") < 0 ? "?" : "&") +
      "bbox=" + [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
        .map(function (n) { return n.toFixed(4); }).join(",");
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(url, { credentials: "same-origin", signal: pending.signal })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var grouped = data.features.filter(function (f) { return f.properties.cluster; });
        var single = data.features.filter(function (f) { return !f.properties.cluster; });
        update(single);
        clusters.clearLayers();
        grouped.forEach(function (feature) { clusters.addLayer(clusterMarker(feature)); });
        var count = grouped.reduce(function (sum, f) { return sum + f.properties.count; }, single.length);
        container.dataset.eventIds = single.map(function (f) { return f.id; }).join(",");
        container.dataset.loaded = "true";
        if (status) {
          status.textContent = count + " event" + (count === 1 ? "" : "s") +
            " in view" + (data.truncated ? " (the newest only: zoom in for all)" : "") +
            (grouped.length ? " (grouped: zoom in for single events)" : "") + ".";
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError" && status) status.textContent = "Could not load the events.";
      });
  }
  map.on("moveend", load);
  load();
  window.conflictwatchMap = map;
})();
