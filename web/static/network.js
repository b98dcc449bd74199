// Draws an entity's network with Cytoscape.js from the page's JSON data block
// (<script type="application/json" id="network-data">): no inline script, so the pages can
// run under a Content-Security-Policy without 'unsafe-inline'.
(function () {
  "use strict";

  var STATUS_COLOURS = { proven: "#1e6b35", alleged: "#b06a00", not_proven: "#9a9a9a", none: "#5b6b80" };

  function draw() {
    var container = document.getElementById("network");
    var block = document.getElementById("network-data");
    if (!container || !block || typeof window.cytoscape !== "function") {
      return;
    }
    var network = JSON.parse(block.textContent);
    var cy = window.cytoscape({
      container: container,
      elements: toElements(network, null),
      layout: { name: "cose", animate: false, nodeDimensionsIncludeLabels: true },
      wheelSensitivity: 0.2,
      style: [
        { selector: "node", style: { label: "data(name)", "font-size": 10, "text-wrap": "wrap",
                                     "text-max-width": 120, "background-color": "#5b6b80", width: 18, height: 18 } },
        { selector: "node.centre", style: { "background-color": "#12355b", width: 28, height: 28,
                                            "font-weight": "bold" } },
        { selector: "node.case", style: { shape: "round-rectangle", "background-color": "#8a5a9e" } },
        { selector: "node.agency", style: { shape: "diamond", "background-color": "#2f7f8f" } },
        { selector: "node[url]", style: { "border-width": 1, "border-color": "#12355b" } },
        { selector: "edge", style: { label: "data(label)", "font-size": 8, "curve-style": "bezier",
                                     "target-arrow-shape": "triangle", width: 1.5,
                                     "line-color": STATUS_COLOURS.none, "target-arrow-color": STATUS_COLOURS.none } },
        { selector: "edge.status-proven", style: { "line-color": STATUS_COLOURS.proven,
                                                   "target-arrow-color": STATUS_COLOURS.proven, width: 2.5 } },
        { selector: "edge.status-alleged", style: { "line-color": STATUS_COLOURS.alleged,
                                                    "target-arrow-color": STATUS_COLOURS.alleged,
                                                    "line-style": "dashed" } },
        { selector: "edge.status-not_proven", style: { "line-color": STATUS_COLOURS.not_proven,
                                                       "target-arrow-color": STATUS_COLOURS.not_proven,
                                                       "line-style": "dotted" } }
      ]
    });
    container.cy = cy;  // for scripts and the browser tests
    cy.ready(function () { counted(container, cy); });
    // The first tap on a person or agency draws its own links into this drawing; the next opens
    // its page. The table below the drawing lists every link for keyboard and screen readers.
    cy.on("tap", "node[url]", function (event) {
      var node = event.target;
      if (node.data("expanded") || ["Person", "Agency"].indexOf(node.data("label")) < 0) {
        window.location.assign(node.data("url"));
        return;
      }
      var url = container.getAttribute("data-api-prefix") + encodeURIComponent(node.id()) + "/network" +
                window.location.search;
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (more) {
          node.data("expanded", true);
          cy.add(toElements(more, cy));
          cy.layout({ name: "cose", animate: false, nodeDimensionsIncludeLabels: true }).run();
          counted(container, cy);
        })
        .catch(function () { window.location.assign(node.data("url")); });
    });
  }

  // Nodes and edges not yet drawn; an edge is known by its ends and type (ids differ per answer).
  function toElements(network, cy) {
    var absent = function (id) { return !cy || cy.getElementById(id).empty(); };
    var nodes = network.nodes.filter(function (node) { return absent(node.id); }).map(function (node) {
      return { group: "nodes", data: node, classes: node.centre && !cy ? "centre" : node.label.toLowerCase() };
    });
    var edges = network.edges.map(function (edge) {
      var data = Object.assign({}, edge, { id: edge.source + "|" + edge.type + "|" + edge.target });
      return { group: "edges", data: data, classes: "status-" + edge.status };
    }).filter(function (edge) { return absent(edge.data.id); });
    return nodes.concat(edges);
  }

  // How many nodes are drawn, for the browser tests (the drawing itself is a canvas).
  function counted(container, cy) {
    container.setAttribute("data-rendered-nodes", String(cy.nodes().length));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
