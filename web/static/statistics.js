// Draws the statistics page's charts with Chart.js from the page's JSON data block
// (<script type="application/json" id="statistics-data">, made by web/statistics.py): no inline
// script, so the page runs under a Content-Security-Policy without 'unsafe-inline'.
//
// Each chart is a bar chart of one dimension (year, region, act, sanction level, outcome). The
// table after each canvas holds the same numbers for screen readers and readers without
// JavaScript; the canvas itself is an image labelled as such (role="img", aria-label).
// The bar colour is the CSS custom property --chart-bar of netra.css.
(function () {
  "use strict";

  var BAR_HEIGHT = 34;  // px per bar when the bars lie across: room for a label of two lines
  var AXIS_HEIGHT = 48;  // px under the bars for the count axis
  var MIN_HEIGHT = 120;  // px: a chart of one or two bars still reads as a chart
  var LABEL_CHARS = 32;  // longer labels are wrapped onto more lines

  function start() {
    var block = document.getElementById("statistics-data");
    if (!block || typeof window.Chart !== "function") {
      return;  // the tables alone
    }
    JSON.parse(block.textContent).forEach(draw);
  }

  function draw(chart) {
    var canvas = document.getElementById(chart.id);
    if (!canvas) {
      return;
    }
    var area = canvas.parentNode;
    if (chart.across) {
      area.style.height = Math.max(MIN_HEIGHT, chart.counts.length * BAR_HEIGHT + AXIS_HEIGHT) + "px";
    }
    var colour = getComputedStyle(area).getPropertyValue("--chart-bar").trim() || "#12355b";
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.categories.map(wrapped),
        datasets: [{ data: chart.counts, backgroundColor: colour, maxBarThickness: 48 }]
      },
      options: {
        indexAxis: chart.across ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,  // drawn at once: no motion for readers who asked for less of it
        plugins: { legend: { display: false } },
        scales: countAxis(chart.across)
      }
    });
  }

  function countAxis(across) {
    var counts = { beginAtZero: true, ticks: { precision: 0 } };  // whole cases only
    return across ? { x: counts } : { y: counts };
  }

  // A label as lines of at most LABEL_CHARS characters, broken between words.
  function wrapped(label) {
    var result = [""];
    String(label).split(" ").forEach(function (word) {
      var last = result.length - 1;
      if (result[last] && (result[last] + " " + word).length > LABEL_CHARS) {
        result.push(word);
      } else {
        result[last] = result[last] ? result[last] + " " + word : word;
      }
    });
    return result.length === 1 ? result[0] : result;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
