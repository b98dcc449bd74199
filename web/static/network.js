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
    var elements = network.nodes.map(function (node) {
      return { group: "nodes", data: node, classes: node.centre ? "centre" : node.label.toLowerCase() };
    }).concat(network.edges.map(function (edge) {
      return { group: "edges", data: edge, classes: "status-" + edge.status };
    }));
    var cy = window.cytoscape({
      container: container,
      elements: elements,
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
    cy.ready(function () {
      // How many nodes were drawn, for the browser tests (the drawing itself is a canvas).
      container.setAttribute("data-rendered-nodes", String(cy.nodes().length));
    });
    cy.on("tap", "node", function (event) {
      var url = event.target.data("url");
      if (url) {
        window.location.assign(url);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
