// cma-wagtail: the initiatives map, drawn with the vendored Leaflet from map.json.
// Progressive enhancement: the box stays hidden (the list below is the page) without
// Leaflet, without fetch, or when map.json cannot be read.
(function () {
  "use strict";
  var box = document.querySelector("[data-cma-map]");
  if (!box || !window.L || !window.fetch) return;
  var script = document.getElementById(box.getAttribute("data-cma-map"));
  var canvas = box.querySelector(".cma-map__canvas");
  if (!script || !canvas) return;
  var options = JSON.parse(script.textContent);
  var labels = options.labels || {};

  function popupContent(properties) {
    // Built with DOM nodes: titles and towns are never parsed as HTML.
    var wrapper = document.createElement("div");
    var title = document.createElement("p");
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.title;
    title.appendChild(link);
    wrapper.appendChild(title);
    var place = document.createElement("p");
    place.textContent = properties.town + (properties.departement_name ? " (" + properties.departement_name + ")" : "");
    wrapper.appendChild(place);
    return wrapper;
  }

  function draw(data) {
    var features = (data && data.features) || [];
    if (!features.length) return;
    box.hidden = false;
    var map = L.map(canvas, { zoomControl: false, scrollWheelZoom: false, keyboard: true });
    // A view first: Leaflet creates the markers' elements only once the map has one.
    map.setView(options.center || [46.6, 2.4], options.center ? 11 : 5);
    L.control.zoom({ zoomInTitle: labels.zoom_in, zoomOutTitle: labels.zoom_out }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
    L.tileLayer(options.tiles.url, {
      attribution: options.tiles.attribution,
      maxZoom: options.tiles.max_zoom,
    }).addTo(map);
    var icon = L.divIcon({
      className: "cma-map__pin",
      html: '<span class="cma-map__marker" aria-hidden="true"></span>',
      iconSize: [24, 24],
      iconAnchor: [12, 24],
      popupAnchor: [0, -24],
    });
    var bounds = [];
    var focused = null;
    features.forEach(function (feature) {
      var c = feature.geometry && feature.geometry.coordinates;
      if (!c || c.length < 2) return;
      var properties = feature.properties || {};
      var latLng = [c[1], c[0]];
      var name = properties.title + " (" + properties.town + ")";
      if (options.focus && feature.id === options.focus) name = (labels.here || "") + " : " + name;
      var marker = L.marker(latLng, { icon: icon, keyboard: true, title: name, riseOnHover: true });
      marker.bindPopup(function () { return popupContent(properties); });
      marker.on("add", function () {
        var element = marker.getElement();
        if (element) element.setAttribute("aria-label", name);
      });
      marker.addTo(map);
      bounds.push(latLng);
      if (options.focus && feature.id === options.focus) focused = latLng;
    });
    if (focused) map.setView(focused, 11);
    else if (bounds.length === 1) map.setView(bounds[0], 11);
    else map.fitBounds(bounds, { padding: [24, 24], maxZoom: 11 });
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close && labels.close) { close.setAttribute("aria-label", labels.close); close.title = labels.close; }
      var link = event.popup.getElement().querySelector("a[href]:not(.leaflet-popup-close-button)");
      if (link) link.focus();
    });
  }

  fetch(options.url, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
    .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
    .then(draw)
    .catch(function () { box.hidden = true; });
})();
